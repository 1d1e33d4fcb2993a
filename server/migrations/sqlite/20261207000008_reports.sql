-- "Tell us something is wrong": reports about a listing from anyone, with
-- no account and nothing about the person. Deleted 90 days after they are
-- resolved.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    listing_kind TEXT NOT NULL CHECK (listing_kind IN ('group', 'service')),
    listing_id TEXT NOT NULL,
    problem TEXT NOT NULL CHECK (problem IN ('wrong_number', 'wrong_time', 'closed', 'other')),
    words TEXT NOT NULL CHECK (length(words) <= 2000),
    made_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT
) STRICT;

CREATE INDEX reports_open ON reports (listing_kind, listing_id) WHERE resolved_at IS NULL;

-- How many reports a network address (kept only as a keyed hash) or a
-- listing has sent or received in the current window: never joined to a
-- report, and deleted when the window is over.
CREATE TABLE report_limits (
    key TEXT PRIMARY KEY NOT NULL,
    reports INTEGER NOT NULL CHECK (reports >= 0),
    window_started TEXT NOT NULL
) STRICT;
