-- A group's facts are only what its organiser gave. A fact nobody gave is
-- NULL (or empty), shown to parents as not known, never a default that
-- sounds true (free, drop in, English, taking new members).

-- Groups added from the organisers' form before it asked for these facts
-- were saved as free, drop in, English-only and taking new members, with no
-- contact. They are marked for an organiser to check, and their invented
-- facts are forgotten, so parents never see them.
ALTER TABLE peer_groups ADD COLUMN details_to_check BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE peer_groups SET details_to_check = TRUE
 WHERE NOT is_sample AND format = 'chat' AND cost_pence = 0 AND cost_note = '' AND booking = 'drop_in'
   AND booking_how = '' AND typical_size = '' AND facilitated_by = '' AND languages = 'English'
   AND taking_new_members AND next_course_start IS NULL AND contact = '';

ALTER TABLE peer_groups ALTER COLUMN format DROP NOT NULL;
ALTER TABLE peer_groups DROP CONSTRAINT peer_groups_format_check;
ALTER TABLE peer_groups ADD CONSTRAINT peer_groups_format_check
  CHECK (format IN ('chat', 'activity', 'course', 'walk', 'talk'));

ALTER TABLE peer_groups ADD COLUMN cost_kind TEXT CHECK (cost_kind IN ('free', 'amount', 'pay_what_you_can'));
UPDATE peer_groups SET cost_kind = CASE WHEN cost_pence = 0 THEN 'free' ELSE 'amount' END
 WHERE NOT details_to_check;
ALTER TABLE peer_groups ALTER COLUMN cost_pence DROP NOT NULL;
ALTER TABLE peer_groups ALTER COLUMN cost_pence DROP DEFAULT;
ALTER TABLE peer_groups DROP CONSTRAINT peer_groups_cost_pence_check;
UPDATE peer_groups SET cost_pence = NULL WHERE details_to_check OR cost_pence NOT BETWEEN 1 AND 100000;
ALTER TABLE peer_groups ADD CONSTRAINT peer_groups_cost_pence_check CHECK (cost_pence BETWEEN 1 AND 100000);

ALTER TABLE peer_groups ALTER COLUMN booking DROP NOT NULL;
ALTER TABLE peer_groups ALTER COLUMN languages SET DEFAULT '';
ALTER TABLE peer_groups ALTER COLUMN taking_new_members DROP NOT NULL;
ALTER TABLE peer_groups ALTER COLUMN taking_new_members DROP DEFAULT;
UPDATE peer_groups SET format = NULL, booking = NULL, languages = '', taking_new_members = NULL
 WHERE details_to_check;

-- An amount the app cannot show (over £1,000) is forgotten: check it.
UPDATE peer_groups SET details_to_check = TRUE WHERE cost_kind = 'amount' AND cost_pence IS NULL;

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
UPDATE peer_groups SET details_to_check = TRUE WHERE contact <> '' AND contact_way IS NULL;
UPDATE peer_groups SET contact = '' WHERE contact_way IS NULL;

ALTER TABLE peer_groups ADD COLUMN run_by TEXT CHECK (run_by IN ('peers', 'professionals', 'peers_and_professionals'));
ALTER TABLE peer_groups ADD COLUMN first_visit TEXT NOT NULL DEFAULT '' CHECK (char_length(first_visit) <= 1500);
ALTER TABLE peer_groups ADD COLUMN welcome_older_children BOOLEAN NOT NULL DEFAULT FALSE;

-- A group's contact from an organiser waits for an admin, as joining links
-- and services' phone numbers do.
ALTER TABLE pending_changes DROP CONSTRAINT pending_changes_field_check;
ALTER TABLE pending_changes ADD CONSTRAINT pending_changes_field_check
  CHECK (field IN ('phones', 'crisis', 'joining_link', 'contact'));
