-- Venues kept by organisers: each access fact is yes, no or not known
-- (NULL), never "no" because nobody said. The facts already stored were
-- all given (only the sample data made venues), so they are kept.
ALTER TABLE venues
    ALTER COLUMN step_free DROP NOT NULL,
    ALTER COLUMN step_free DROP DEFAULT,
    ALTER COLUMN buggy_space DROP NOT NULL,
    ALTER COLUMN buggy_space DROP DEFAULT,
    ALTER COLUMN parking DROP NOT NULL,
    ALTER COLUMN parking DROP DEFAULT,
    ADD COLUMN baby_change BOOLEAN,
    ADD COLUMN near_bus_stop BOOLEAN;
