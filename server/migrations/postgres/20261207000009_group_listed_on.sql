-- The day a group was first listed (London's date), for "new group" news in
-- an area's feed. Groups already listed take the day they were added.
ALTER TABLE peer_groups ADD COLUMN listed_on DATE;
-- (The day in UTC, as SQLite can work it out: both databases agree.)
UPDATE peer_groups SET listed_on = (created_at AT TIME ZONE 'UTC')::date;
