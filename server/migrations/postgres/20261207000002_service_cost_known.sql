-- A service's cost: `cost` holds the source's words for a price, and
-- `cost_free` says the source said it is free. Neither: not known, shown as
-- "ask the service about cost". Until now no words meant free, whoever had
-- said so; the services already kept become not known until a file or an
-- admin says otherwise.
ALTER TABLE services ADD COLUMN cost_free BOOLEAN NOT NULL DEFAULT FALSE;
