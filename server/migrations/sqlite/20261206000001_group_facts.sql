-- A group's facts are only what its organiser gave. A fact nobody gave is
-- NULL (or empty), shown to parents as not known, never a default that
-- sounds true (free, drop in, English, taking new members).

-- Groups added from the organisers' form before it asked for these facts
-- were saved as free, drop in, English-only and taking new members, with no
-- contact. They are marked for an organiser to check, and their invented
-- facts are forgotten, so parents never see them.
ALTER TABLE peer_groups ADD COLUMN details_to_check INTEGER NOT NULL DEFAULT 0 CHECK (details_to_check IN (0, 1));
UPDATE peer_groups SET details_to_check = 1
 WHERE is_sample = 0 AND format = 'chat' AND cost_pence = 0 AND cost_note = '' AND booking = 'drop_in'
   AND booking_how = '' AND typical_size = '' AND facilitated_by = '' AND languages = 'English'
   AND taking_new_members = 1 AND next_course_start IS NULL AND contact = '';

-- SQLite cannot change a column's constraints, so each fact moves to a new
-- column that may be NULL, keeping what was given.
ALTER TABLE peer_groups ADD COLUMN format_given TEXT CHECK (format_given IN ('chat', 'activity', 'course', 'walk', 'talk'));
UPDATE peer_groups SET format_given = format WHERE details_to_check = 0;
ALTER TABLE peer_groups DROP COLUMN format;
ALTER TABLE peer_groups RENAME COLUMN format_given TO format;

ALTER TABLE peer_groups ADD COLUMN cost_kind TEXT CHECK (cost_kind IN ('free', 'amount', 'pay_what_you_can'));
ALTER TABLE peer_groups ADD COLUMN cost_given INTEGER CHECK (cost_given BETWEEN 1 AND 100000);
UPDATE peer_groups SET cost_kind = CASE WHEN cost_pence = 0 THEN 'free' ELSE 'amount' END,
                       cost_given = CASE WHEN cost_pence BETWEEN 1 AND 100000 THEN cost_pence END
 WHERE details_to_check = 0;
ALTER TABLE peer_groups DROP COLUMN cost_pence;
ALTER TABLE peer_groups RENAME COLUMN cost_given TO cost_pence;

ALTER TABLE peer_groups ADD COLUMN booking_given TEXT CHECK (booking_given IN ('drop_in', 'book_ahead'));
UPDATE peer_groups SET booking_given = booking WHERE details_to_check = 0;
ALTER TABLE peer_groups DROP COLUMN booking;
ALTER TABLE peer_groups RENAME COLUMN booking_given TO booking;

ALTER TABLE peer_groups ADD COLUMN languages_given TEXT NOT NULL DEFAULT '';
UPDATE peer_groups SET languages_given = languages WHERE details_to_check = 0;
ALTER TABLE peer_groups DROP COLUMN languages;
ALTER TABLE peer_groups RENAME COLUMN languages_given TO languages;

ALTER TABLE peer_groups ADD COLUMN taking_given INTEGER CHECK (taking_given IN (0, 1));
UPDATE peer_groups SET taking_given = taking_new_members WHERE details_to_check = 0;
ALTER TABLE peer_groups DROP COLUMN taking_new_members;
ALTER TABLE peer_groups RENAME COLUMN taking_given TO taking_new_members;

-- An amount the app cannot show (over £1,000) is forgotten: check it.
UPDATE peer_groups SET details_to_check = 1 WHERE cost_kind = 'amount' AND cost_pence IS NULL;

-- A contact says how it is used: call, text, email or a website. Contacts
-- saved as bare text keep their way when it is plain which it is; others
-- (a phone number, or words) are forgotten and the group marked to check,
-- since the way a parent should use them cannot be told.
ALTER TABLE peer_groups ADD COLUMN contact_way TEXT CHECK (contact_way IN ('phone', 'text', 'email', 'web'));
UPDATE peer_groups SET contact_way = CASE
    WHEN LOWER(contact) LIKE 'https://%' THEN 'web'
    WHEN contact LIKE '%_@_%._%' AND contact NOT LIKE '% %' THEN 'email'
  END
 WHERE contact <> '';
UPDATE peer_groups SET details_to_check = 1 WHERE contact <> '' AND contact_way IS NULL;
UPDATE peer_groups SET contact = '' WHERE contact_way IS NULL;

ALTER TABLE peer_groups ADD COLUMN run_by TEXT CHECK (run_by IN ('peers', 'professionals', 'peers_and_professionals'));
ALTER TABLE peer_groups ADD COLUMN first_visit TEXT NOT NULL DEFAULT '' CHECK (length(first_visit) <= 1500);
ALTER TABLE peer_groups ADD COLUMN welcome_older_children INTEGER NOT NULL DEFAULT 0 CHECK (welcome_older_children IN (0, 1));

-- A group's contact from an organiser waits for an admin, as joining links
-- and services' phone numbers do.
ALTER TABLE pending_changes ADD COLUMN field_given TEXT NOT NULL DEFAULT 'contact'
  CHECK (field_given IN ('phones', 'crisis', 'joining_link', 'contact'));
UPDATE pending_changes SET field_given = field;
ALTER TABLE pending_changes DROP COLUMN field;
ALTER TABLE pending_changes RENAME COLUMN field_given TO field;
