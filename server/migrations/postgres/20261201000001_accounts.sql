-- Organiser accounts (invite-only), their server-side sessions, and counts of
-- failed sign-ins for the growing waits. Passwords are argon2id hashes;
-- sessions are kept by the SHA-256 of their cookie's token, never the token.
CREATE TABLE users (
    id              TEXT PRIMARY KEY NOT NULL,
    email           TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'organiser')),
    organisation_id TEXT REFERENCES organisations (id),
    created_at      TIMESTAMPTZ NOT NULL,
    CHECK (role = 'admin' OR organisation_id IS NOT NULL)
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    signed_in_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX sessions_by_user ON sessions (user_id);

-- One row per account ("email:<address>") and per network address
-- ("address:<ip>") with failures since the last success.
CREATE TABLE sign_in_failures (
    key            TEXT PRIMARY KEY NOT NULL,
    failures       INTEGER NOT NULL CHECK (failures >= 0),
    last_failed_at TIMESTAMPTZ NOT NULL
);

-- Every change made by an account: who, when, what, before and after (as
-- JSON). No foreign keys, so the record outlives what it describes.
CREATE TABLE audit_log (
    id         BIGSERIAL PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    user_id    TEXT NOT NULL,
    user_email TEXT NOT NULL,
    action     TEXT NOT NULL,
    item_kind  TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    before     TEXT,
    after      TEXT
);

CREATE INDEX audit_log_by_item ON audit_log (item_kind, item_id);
