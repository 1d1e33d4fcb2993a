-- The keys clients send with a change (an Idempotency-Key header), so that
-- a change sent again (after a lost answer or a server restart) lands once:
-- each is stored in the same transaction as its change, with the request it
-- came with and the answer to give again. Kept for a day.
CREATE TABLE write_keys (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key     TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request TEXT NOT NULL,
    answer  TEXT NOT NULL,
    at      TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) STRICT;

CREATE INDEX write_keys_by_age ON write_keys (at);
