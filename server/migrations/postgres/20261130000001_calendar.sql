-- The group calendar. An area has school years (the days each covers), the
-- breaks in them (half terms and holidays, inclusive, weekends included) and
-- bank holidays; term time is the rest of a school year. Groups belong to an
-- organisation and to one area, or to none (national and online groups, shown
-- everywhere). Schedules and exceptions say when they meet.
CREATE TABLE school_years (
    area_id     TEXT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    school_year TEXT NOT NULL CHECK (school_year ~ '^[0-9]{4}-[0-9]{2}$'),
    first_day   DATE NOT NULL,
    last_day    DATE NOT NULL,
    PRIMARY KEY (area_id, school_year),
    CHECK (first_day <= last_day)
);

CREATE TABLE term_breaks (
    area_id     TEXT NOT NULL,
    school_year TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('half_term', 'holiday')),
    name        TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
    first_day   DATE NOT NULL,
    last_day    DATE NOT NULL,
    PRIMARY KEY (area_id, first_day),
    FOREIGN KEY (area_id, school_year) REFERENCES school_years (area_id, school_year) ON DELETE CASCADE,
    CHECK (first_day <= last_day)
);

CREATE TABLE bank_holidays (
    area_id     TEXT NOT NULL,
    school_year TEXT NOT NULL,
    day         DATE NOT NULL,
    name        TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
    PRIMARY KEY (area_id, day),
    FOREIGN KEY (area_id, school_year) REFERENCES school_years (area_id, school_year) ON DELETE CASCADE
);

CREATE TABLE venues (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    name             TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
    address          TEXT NOT NULL DEFAULT '',
    town             TEXT NOT NULL DEFAULT '',
    postcode         TEXT NOT NULL DEFAULT '',
    step_free        BOOLEAN NOT NULL DEFAULT FALSE,
    buggy_space      BOOLEAN NOT NULL DEFAULT FALSE,
    parking          BOOLEAN NOT NULL DEFAULT FALSE,
    public_transport TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '' CHECK (char_length(notes) <= 1000)
);

CREATE TABLE peer_groups (
    id                  TEXT PRIMARY KEY CHECK (char_length(id) BETWEEN 1 AND 64),
    organisation_id     TEXT NOT NULL REFERENCES organisations (id),
    area_id             TEXT REFERENCES areas (id),
    title               TEXT NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
    description         TEXT NOT NULL DEFAULT '' CHECK (char_length(description) <= 4000),
    focus               TEXT NOT NULL CHECK (focus IN ('mental_health', 'general')),
    format              TEXT NOT NULL CHECK (format IN ('chat', 'activity', 'course', 'walk')),
    welcome_pregnant    BOOLEAN NOT NULL DEFAULT FALSE,
    welcome_babies      BOOLEAN NOT NULL DEFAULT FALSE,
    welcome_toddlers    BOOLEAN NOT NULL DEFAULT FALSE,
    welcome_partners    BOOLEAN NOT NULL DEFAULT FALSE,
    child_age_min_months INTEGER CHECK (child_age_min_months BETWEEN 0 AND 216),
    child_age_max_months INTEGER CHECK (child_age_max_months BETWEEN 0 AND 216),
    attendance          TEXT NOT NULL CHECK (attendance IN ('in_person', 'online', 'phone')),
    venue_id            TEXT REFERENCES venues (id),
    joining_details     TEXT NOT NULL DEFAULT '',
    joining_link        TEXT,
    joining_link_public BOOLEAN NOT NULL DEFAULT FALSE,
    cost_pence          INTEGER NOT NULL DEFAULT 0 CHECK (cost_pence >= 0),
    cost_note           TEXT NOT NULL DEFAULT '',
    booking             TEXT NOT NULL CHECK (booking IN ('drop_in', 'book_ahead')),
    booking_how         TEXT NOT NULL DEFAULT '',
    typical_size        TEXT NOT NULL DEFAULT '',
    facilitated_by      TEXT NOT NULL DEFAULT '',
    moderated           BOOLEAN,
    languages           TEXT NOT NULL DEFAULT 'English',
    taking_new_members  BOOLEAN NOT NULL DEFAULT TRUE,
    next_course_start   DATE,
    contact             TEXT NOT NULL DEFAULT '',
    last_confirmed      DATE NOT NULL,
    is_sample           BOOLEAN NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CHECK (attendance <> 'in_person' OR venue_id IS NOT NULL)
);

CREATE INDEX peer_groups_by_area ON peer_groups (area_id);

CREATE TABLE schedules (
    id                  BIGSERIAL PRIMARY KEY,
    group_id            TEXT NOT NULL REFERENCES peer_groups (id) ON DELETE CASCADE,
    every               TEXT NOT NULL CHECK (every IN ('weeks', 'month')),
    interval_weeks      INTEGER CHECK (interval_weeks BETWEEN 1 AND 8),
    week_of_month       INTEGER CHECK (week_of_month IN (1, 2, 3, 4, -1)),
    weekday             INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts              TIME NOT NULL,
    ends                TIME NOT NULL,
    valid_from          DATE NOT NULL,
    valid_until         DATE,
    term_behaviour      TEXT NOT NULL CHECK (term_behaviour IN ('all_year', 'term_time_only', 'holidays_only')),
    skips_bank_holidays BOOLEAN NOT NULL DEFAULT FALSE,
    CHECK ((every = 'weeks' AND interval_weeks IS NOT NULL) OR (every = 'month' AND week_of_month IS NOT NULL)),
    CHECK (starts < ends)
);

CREATE INDEX schedules_by_group ON schedules (group_id);

-- A cancelled date (with the reason people see), an extra session, or a
-- session moved from one date to another.
CREATE TABLE group_exceptions (
    id        BIGSERIAL PRIMARY KEY,
    group_id  TEXT NOT NULL REFERENCES peer_groups (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('cancelled', 'extra', 'moved')),
    day       DATE NOT NULL,
    moved_to  DATE,
    starts    TIME,
    ends      TIME,
    reason    TEXT NOT NULL DEFAULT '' CHECK (char_length(reason) <= 200),
    CHECK (kind <> 'cancelled' OR char_length(trim(reason)) > 0),
    CHECK (kind = 'cancelled' OR (starts IS NOT NULL AND ends IS NOT NULL AND starts < ends)),
    CHECK ((kind = 'moved') = (moved_to IS NOT NULL))
);

CREATE INDEX group_exceptions_by_group ON group_exceptions (group_id);
