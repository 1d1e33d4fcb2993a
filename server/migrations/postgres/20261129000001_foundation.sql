-- Organisations run groups and services; areas are the places (usually a local
-- authority) whose term dates and groups Village knows. `is_sample` marks the
-- demonstration records that `serve --sample-data` adds, labelled "Sample" in the UI.
CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
    description TEXT NOT NULL DEFAULT '' CHECK (char_length(description) <= 4000),
    website     TEXT,
    is_sample   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE areas (
    id         TEXT PRIMARY KEY CHECK (char_length(id) BETWEEN 1 AND 64),
    name       TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
    nation     TEXT NOT NULL CHECK (nation IN ('england', 'wales', 'scotland', 'northern_ireland')),
    is_sample  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX areas_by_name ON areas (name);
