-- When an imported file says a service's hours end (an HSDS schedule's
-- valid_to or until), the last day they hold: after it they are shown as
-- not known, never as today's. NULL: no end was given.
ALTER TABLE services ADD COLUMN hours_until TEXT;
