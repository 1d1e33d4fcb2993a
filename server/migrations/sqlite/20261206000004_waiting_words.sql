-- Words that can send a person somewhere wait for an admin too: a
-- service's details (description, referral, hours note, website) and a
-- group's free text holding a phone number, web address or email.
ALTER TABLE pending_changes ADD COLUMN field_given TEXT NOT NULL DEFAULT 'details'
  CHECK (field_given IN ('phones', 'crisis', 'joining_link', 'contact', 'details', 'texts'));
UPDATE pending_changes SET field_given = field;
ALTER TABLE pending_changes DROP COLUMN field;
ALTER TABLE pending_changes RENAME COLUMN field_given TO field;
