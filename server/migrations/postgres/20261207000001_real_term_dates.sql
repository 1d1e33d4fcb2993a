-- Term dates from real files. INSET days are their own kind of break, and
-- an area chooses whether term-time groups pause on them (by default they
-- are term days, as councils' term dates count them). Bank holidays belong
-- to an area by date, not to a stored school year, so GOV.UK's feed can add
-- them without making (or replacing) any year; `school_year` still says
-- which year a date falls in.
ALTER TABLE term_breaks DROP CONSTRAINT term_breaks_kind_check;
ALTER TABLE term_breaks ADD CONSTRAINT term_breaks_kind_check
    CHECK (kind IN ('half_term', 'holiday', 'inset_day'));

ALTER TABLE bank_holidays DROP CONSTRAINT bank_holidays_area_id_school_year_fkey;
ALTER TABLE bank_holidays ADD CONSTRAINT bank_holidays_area_id_fkey
    FOREIGN KEY (area_id) REFERENCES areas (id) ON DELETE CASCADE;
ALTER TABLE bank_holidays ADD CONSTRAINT bank_holidays_school_year_check
    CHECK (school_year ~ '^[0-9]{4}-[0-9]{2}$');

ALTER TABLE areas ADD COLUMN inset_days_are_breaks BOOLEAN NOT NULL DEFAULT FALSE;
