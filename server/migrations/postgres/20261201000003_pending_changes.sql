-- Changes an organiser asked for that an admin must approve first (phone
-- numbers, the crisis flag, joining links): a hijacked account must not be
-- able to send people in crisis to the wrong number.
CREATE TABLE pending_changes (
    id         BIGSERIAL PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    user_id    TEXT NOT NULL,
    user_email TEXT NOT NULL,
    item_kind  TEXT NOT NULL CHECK (item_kind IN ('service', 'group')),
    item_id    TEXT NOT NULL,
    field      TEXT NOT NULL CHECK (field IN ('phones', 'crisis', 'joining_link')),
    value      TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by TEXT,
    decided_at TIMESTAMPTZ
);

CREATE INDEX pending_changes_by_status ON pending_changes (status);
