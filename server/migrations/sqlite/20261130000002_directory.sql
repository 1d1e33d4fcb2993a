-- Who can help: services, aligned with Open Referral HSDS 3 (service,
-- organisation, phones, languages, hours, service areas, accessibility, cost,
-- eligibility, assured date) plus Village's own fields. A service with no
-- rows in service_areas is national and shown everywhere.
CREATE TABLE services (
    id              TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    description     TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    status          TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
    url             TEXT,
    email           TEXT,
    self_referral   INTEGER NOT NULL CHECK (self_referral IN (0, 1)),
    -- One step per line when people can refer themselves; otherwise who refers them.
    referral        TEXT NOT NULL DEFAULT '' CHECK (length(referral) <= 4000),
    audiences       TEXT NOT NULL DEFAULT '',
    stages          TEXT NOT NULL DEFAULT '',
    modes           TEXT NOT NULL DEFAULT '',
    topics          TEXT NOT NULL DEFAULT '',
    crisis          INTEGER NOT NULL DEFAULT 0 CHECK (crisis IN (0, 1)),
    hours           TEXT NOT NULL DEFAULT '"unknown"',
    hours_note      TEXT NOT NULL DEFAULT '',
    languages       TEXT NOT NULL DEFAULT 'English',
    eligibility     TEXT NOT NULL DEFAULT '' CHECK (length(eligibility) <= 2000),
    cost            TEXT,
    place           TEXT,
    last_confirmed  TEXT NOT NULL,
    is_sample       INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE service_phones (
    service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    number     TEXT NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    can_call   INTEGER NOT NULL CHECK (can_call IN (0, 1)),
    can_text   INTEGER NOT NULL CHECK (can_text IN (0, 1)),
    PRIMARY KEY (service_id, position)
) STRICT;

CREATE TABLE service_areas (
    service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    area_id    TEXT NOT NULL REFERENCES areas (id),
    PRIMARY KEY (service_id, area_id)
) STRICT;

CREATE INDEX service_areas_by_area ON service_areas (area_id);
