-- A service imported from a file that does not say where it serves: shown
-- in no area until an admin maps it, never as national (which a service
-- with no areas otherwise is).
ALTER TABLE services ADD COLUMN area_not_known INTEGER NOT NULL DEFAULT 0 CHECK (area_not_known IN (0, 1));
