-- Service areas an imported file gave that match no Village area, by name
-- (a JSON array of text): kept, and the service is shown in no other area
-- until an admin maps them, rather than refused or shown everywhere.
ALTER TABLE services ADD COLUMN other_areas TEXT NOT NULL DEFAULT '[]';
