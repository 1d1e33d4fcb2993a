-- The day a group was first listed (London's date), for "new group" news in
-- an area's feed. Groups already listed take the day they were added.
ALTER TABLE peer_groups ADD COLUMN listed_on TEXT;
UPDATE peer_groups SET listed_on = substr(created_at, 1, 10) WHERE date(substr(created_at, 1, 10)) IS NOT NULL;
