-- Organisations run groups and services; areas are the places (usually a local
-- authority) whose term dates and groups Village knows. `is_sample` marks the
-- demonstration records that `serve --sample-data` adds, labelled "Sample" in the UI.
CREATE TABLE organisations (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    website     TEXT,
    is_sample   INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE areas (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    nation     TEXT NOT NULL CHECK (nation IN ('england', 'wales', 'scotland', 'northern_ireland')),
    is_sample  INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX areas_by_name ON areas (name);
