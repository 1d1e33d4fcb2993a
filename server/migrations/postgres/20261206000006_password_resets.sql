-- A link like an invitation's that sets a new password for an existing
-- account (a forgotten one), made by an admin or the command line.
ALTER TABLE invitations ADD COLUMN resets_password BOOLEAN NOT NULL DEFAULT FALSE;
