-- HSDS makes `assured_date` optional: a service imported without one is
-- not yet confirmed. `not_confirmed` says so; `last_confirmed` then holds
-- the day it was added, and is never shown as a confirmation.
ALTER TABLE services ADD COLUMN not_confirmed BOOLEAN NOT NULL DEFAULT FALSE;
