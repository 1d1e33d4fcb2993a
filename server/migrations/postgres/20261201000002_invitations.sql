-- Invitations by link: single use, for seven days. Kept by the SHA-256 of
-- the link's token, never the token.
CREATE TABLE invitations (
    token_hash      TEXT PRIMARY KEY NOT NULL,
    email           TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    role            TEXT NOT NULL CHECK (role IN ('admin', 'organiser')),
    organisation_id TEXT REFERENCES organisations (id),
    invited_by      TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    used_at         TIMESTAMPTZ,
    CHECK (role = 'admin' OR organisation_id IS NOT NULL)
);
