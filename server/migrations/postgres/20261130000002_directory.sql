-- Who can help: services, aligned with Open Referral HSDS 3 (service,
-- organisation, phones, languages, hours, service areas, accessibility, cost,
-- eligibility, assured date) plus Village's own fields. A service with no
-- rows in service_areas is national and shown everywhere.
CREATE TABLE services (
    id              TEXT PRIMARY KEY NOT NULL CHECK (char_length(id) BETWEEN 1 AND 64),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
    description     TEXT NOT NULL DEFAULT '' CHECK (char_length(description) <= 4000),
    status          TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
    url             TEXT,
    email           TEXT,
    self_referral   BOOLEAN NOT NULL,
    -- One step per line when people can refer themselves; otherwise who refers them.
    referral        TEXT NOT NULL DEFAULT '' CHECK (char_length(referral) <= 4000),
    audiences       TEXT NOT NULL DEFAULT '',
    stages          TEXT NOT NULL DEFAULT '',
    modes           TEXT NOT NULL DEFAULT '',
    topics          TEXT NOT NULL DEFAULT '',
    crisis          BOOLEAN NOT NULL DEFAULT FALSE,
    hours           TEXT NOT NULL DEFAULT '"unknown"',
    hours_note      TEXT NOT NULL DEFAULT '',
    languages       TEXT NOT NULL DEFAULT 'English',
    eligibility     TEXT NOT NULL DEFAULT '' CHECK (char_length(eligibility) <= 2000),
    cost            TEXT,
    place           TEXT,
    last_confirmed  DATE NOT NULL,
    is_sample       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE service_phones (
    service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    number     TEXT NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    can_call   BOOLEAN NOT NULL,
    can_text   BOOLEAN NOT NULL,
    PRIMARY KEY (service_id, position)
);

CREATE TABLE service_areas (
    service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    area_id    TEXT NOT NULL REFERENCES areas (id),
    PRIMARY KEY (service_id, area_id)
);

CREATE INDEX service_areas_by_area ON service_areas (area_id);
