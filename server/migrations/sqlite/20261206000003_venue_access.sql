-- Venues kept by organisers: each access fact is yes (1), no (0) or not
-- known (NULL), never "no" because nobody said. The facts already stored
-- were all given (only the sample data made venues), so they are kept.
ALTER TABLE venues ADD COLUMN given_step_free INTEGER CHECK (given_step_free IN (0, 1));
ALTER TABLE venues ADD COLUMN given_buggy_space INTEGER CHECK (given_buggy_space IN (0, 1));
ALTER TABLE venues ADD COLUMN given_parking INTEGER CHECK (given_parking IN (0, 1));
UPDATE venues SET given_step_free = step_free, given_buggy_space = buggy_space, given_parking = parking;
ALTER TABLE venues DROP COLUMN step_free;
ALTER TABLE venues DROP COLUMN buggy_space;
ALTER TABLE venues DROP COLUMN parking;
ALTER TABLE venues RENAME COLUMN given_step_free TO step_free;
ALTER TABLE venues RENAME COLUMN given_buggy_space TO buggy_space;
ALTER TABLE venues RENAME COLUMN given_parking TO parking;
ALTER TABLE venues ADD COLUMN baby_change INTEGER CHECK (baby_change IN (0, 1));
ALTER TABLE venues ADD COLUMN near_bus_stop INTEGER CHECK (near_bus_stop IN (0, 1));
