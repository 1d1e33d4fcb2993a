-- An admin (or the command line) can turn an account off: it cannot sign
-- in, and its sessions end at once. NULL: the account is on.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMPTZ;
