-- Admins decide which organisations may publish national groups: online and
-- phone groups shown in every area, all year.
ALTER TABLE organisations ADD COLUMN publishes_nationally INTEGER NOT NULL DEFAULT 0
  CHECK (publishes_nationally IN (0, 1));
-- Organisations that already have national groups keep publishing them.
UPDATE organisations SET publishes_nationally = 1
 WHERE id IN (SELECT organisation_id FROM peer_groups WHERE area_id IS NULL);
