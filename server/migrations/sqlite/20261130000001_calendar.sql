-- The group calendar. An area has school years (the days each covers), the
-- breaks in them (half terms and holidays, inclusive, weekends included) and
-- bank holidays; term time is the rest of a school year. Groups belong to an
-- organisation and to one area, or to none (national and online groups, shown
-- everywhere). Schedules and exceptions say when they meet.
CREATE TABLE school_years (
    area_id     TEXT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    school_year TEXT NOT NULL CHECK (school_year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    PRIMARY KEY (area_id, school_year),
    CHECK (first_day <= last_day)
) STRICT;

CREATE TABLE term_breaks (
    area_id     TEXT NOT NULL,
    school_year TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('half_term', 'holiday')),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    PRIMARY KEY (area_id, first_day),
    FOREIGN KEY (area_id, school_year) REFERENCES school_years (area_id, school_year) ON DELETE CASCADE,
    CHECK (first_day <= last_day)
) STRICT;

CREATE TABLE bank_holidays (
    area_id     TEXT NOT NULL,
    school_year TEXT NOT NULL,
    day         TEXT NOT NULL,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    PRIMARY KEY (area_id, day),
    FOREIGN KEY (area_id, school_year) REFERENCES school_years (area_id, school_year) ON DELETE CASCADE
) STRICT;

CREATE TABLE venues (
    id               TEXT PRIMARY KEY NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    address          TEXT NOT NULL DEFAULT '',
    town             TEXT NOT NULL DEFAULT '',
    postcode         TEXT NOT NULL DEFAULT '',
    step_free        INTEGER NOT NULL DEFAULT 0 CHECK (step_free IN (0, 1)),
    buggy_space      INTEGER NOT NULL DEFAULT 0 CHECK (buggy_space IN (0, 1)),
    parking          INTEGER NOT NULL DEFAULT 0 CHECK (parking IN (0, 1)),
    public_transport TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 1000)
) STRICT;

CREATE TABLE peer_groups (
    id                  TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    organisation_id     TEXT NOT NULL REFERENCES organisations (id),
    area_id             TEXT REFERENCES areas (id),
    title               TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    description         TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    focus               TEXT NOT NULL CHECK (focus IN ('mental_health', 'general')),
    format              TEXT NOT NULL CHECK (format IN ('chat', 'activity', 'course', 'walk')),
    welcome_pregnant    INTEGER NOT NULL DEFAULT 0 CHECK (welcome_pregnant IN (0, 1)),
    welcome_babies      INTEGER NOT NULL DEFAULT 0 CHECK (welcome_babies IN (0, 1)),
    welcome_toddlers    INTEGER NOT NULL DEFAULT 0 CHECK (welcome_toddlers IN (0, 1)),
    welcome_partners    INTEGER NOT NULL DEFAULT 0 CHECK (welcome_partners IN (0, 1)),
    child_age_min_months INTEGER CHECK (child_age_min_months BETWEEN 0 AND 216),
    child_age_max_months INTEGER CHECK (child_age_max_months BETWEEN 0 AND 216),
    attendance          TEXT NOT NULL CHECK (attendance IN ('in_person', 'online', 'phone')),
    venue_id            TEXT REFERENCES venues (id),
    joining_details     TEXT NOT NULL DEFAULT '',
    joining_link        TEXT,
    joining_link_public INTEGER NOT NULL DEFAULT 0 CHECK (joining_link_public IN (0, 1)),
    cost_pence          INTEGER NOT NULL DEFAULT 0 CHECK (cost_pence >= 0),
    cost_note           TEXT NOT NULL DEFAULT '',
    booking             TEXT NOT NULL CHECK (booking IN ('drop_in', 'book_ahead')),
    booking_how         TEXT NOT NULL DEFAULT '',
    typical_size        TEXT NOT NULL DEFAULT '',
    facilitated_by      TEXT NOT NULL DEFAULT '',
    moderated           INTEGER CHECK (moderated IN (0, 1)),
    languages           TEXT NOT NULL DEFAULT 'English',
    taking_new_members  INTEGER NOT NULL DEFAULT 1 CHECK (taking_new_members IN (0, 1)),
    next_course_start   TEXT,
    contact             TEXT NOT NULL DEFAULT '',
    last_confirmed      TEXT NOT NULL,
    is_sample           INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK (attendance <> 'in_person' OR venue_id IS NOT NULL)
) STRICT;

CREATE INDEX peer_groups_by_area ON peer_groups (area_id);

CREATE TABLE schedules (
    id                  INTEGER PRIMARY KEY,
    group_id            TEXT NOT NULL REFERENCES peer_groups (id) ON DELETE CASCADE,
    every               TEXT NOT NULL CHECK (every IN ('weeks', 'month')),
    interval_weeks      INTEGER CHECK (interval_weeks BETWEEN 1 AND 8),
    week_of_month       INTEGER CHECK (week_of_month IN (1, 2, 3, 4, -1)),
    weekday             INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts              TEXT NOT NULL,
    ends                TEXT NOT NULL,
    valid_from          TEXT NOT NULL,
    valid_until         TEXT,
    term_behaviour      TEXT NOT NULL CHECK (term_behaviour IN ('all_year', 'term_time_only', 'holidays_only')),
    skips_bank_holidays INTEGER NOT NULL DEFAULT 0 CHECK (skips_bank_holidays IN (0, 1)),
    CHECK ((every = 'weeks' AND interval_weeks IS NOT NULL) OR (every = 'month' AND week_of_month IS NOT NULL)),
    CHECK (starts < ends)
) STRICT;

CREATE INDEX schedules_by_group ON schedules (group_id);

-- A cancelled date (with the reason people see), an extra session, or a
-- session moved from one date to another.
CREATE TABLE group_exceptions (
    id        INTEGER PRIMARY KEY,
    group_id  TEXT NOT NULL REFERENCES peer_groups (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('cancelled', 'extra', 'moved')),
    day       TEXT NOT NULL,
    moved_to  TEXT,
    starts    TEXT,
    ends      TEXT,
    reason    TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
    CHECK (kind <> 'cancelled' OR length(trim(reason)) > 0),
    CHECK (kind = 'cancelled' OR (starts IS NOT NULL AND ends IS NOT NULL AND starts < ends)),
    CHECK ((kind = 'moved') = (moved_to IS NOT NULL))
) STRICT;

CREATE INDEX group_exceptions_by_group ON group_exceptions (group_id);
