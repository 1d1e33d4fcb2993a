-- Admins decide which organisations may publish national groups: online and
-- phone groups shown in every area, all year.
ALTER TABLE organisations ADD COLUMN publishes_nationally BOOLEAN NOT NULL DEFAULT FALSE;
-- Organisations that already have national groups keep publishing them.
UPDATE organisations SET publishes_nationally = TRUE
 WHERE id IN (SELECT organisation_id FROM peer_groups WHERE area_id IS NULL);
