-- Two-step sign-in (TOTP): the shared secret (base32), one being set up,
-- and the last step a code was used for, so that a code works only once.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

-- Sign-ins half done: the password was right, the code is still to come.
-- Kept by the SHA-256 of the cookie's token, for five minutes.
CREATE TABLE sign_in_steps (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
) STRICT;
