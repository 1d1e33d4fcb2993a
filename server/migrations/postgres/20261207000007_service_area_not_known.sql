-- A service imported from a file that does not say where it serves: shown
-- in no area until an admin maps it, never as national (which a service
-- with no areas otherwise is).
ALTER TABLE services ADD COLUMN area_not_known BOOLEAN NOT NULL DEFAULT FALSE;
