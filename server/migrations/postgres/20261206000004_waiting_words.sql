-- Words that can send a person somewhere wait for an admin too: a
-- service's details (description, referral, hours note, website) and a
-- group's free text holding a phone number, web address or email.
ALTER TABLE pending_changes DROP CONSTRAINT pending_changes_field_check;
ALTER TABLE pending_changes ADD CONSTRAINT pending_changes_field_check
  CHECK (field IN ('phones', 'crisis', 'joining_link', 'contact', 'details', 'texts'));
