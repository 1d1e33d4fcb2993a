-- Term dates from real files. INSET days are their own kind of break, and
-- an area chooses whether term-time groups pause on them (by default they
-- are term days, as councils' term dates count them). Bank holidays belong
-- to an area by date, not to a stored school year, so GOV.UK's feed can add
-- them without making (or replacing) any year; `school_year` still says
-- which year a date falls in.
CREATE TABLE term_breaks_new (
    area_id     TEXT NOT NULL,
    school_year TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('half_term', 'holiday', 'inset_day')),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    PRIMARY KEY (area_id, first_day),
    FOREIGN KEY (area_id, school_year) REFERENCES school_years (area_id, school_year) ON DELETE CASCADE,
    CHECK (first_day <= last_day)
) STRICT;
INSERT INTO term_breaks_new (area_id, school_year, kind, name, first_day, last_day)
    SELECT area_id, school_year, kind, name, first_day, last_day FROM term_breaks;
DROP TABLE term_breaks;
ALTER TABLE term_breaks_new RENAME TO term_breaks;

CREATE TABLE bank_holidays_new (
    area_id     TEXT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    school_year TEXT NOT NULL CHECK (school_year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    day         TEXT NOT NULL,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    PRIMARY KEY (area_id, day)
) STRICT;
INSERT INTO bank_holidays_new (area_id, school_year, day, name)
    SELECT area_id, school_year, day, name FROM bank_holidays;
DROP TABLE bank_holidays;
ALTER TABLE bank_holidays_new RENAME TO bank_holidays;

ALTER TABLE areas ADD COLUMN inset_days_are_breaks INTEGER NOT NULL DEFAULT 0
    CHECK (inset_days_are_breaks IN (0, 1));
