-- SLA for service requests: policies per kind × customer tier, business calendars per org, the
-- clock on each request, staff notices (the escalation ladder and other alerts) and the sweep's
-- work list. The clock is computed by the worker (schema::sla) in business time; the sweep only
-- compares the instants stored here with now, so it is set-based and needs no calendar.

CREATE TABLE sla_policies (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT    NOT NULL,
    -- '' = every tier without a policy of its own.
    tier                TEXT    NOT NULL DEFAULT '',
    first_response_min  INTEGER NOT NULL CHECK (first_response_min > 0),
    resolve_min         INTEGER NOT NULL CHECK (resolve_min >= first_response_min),
    warn_before_min     INTEGER NOT NULL DEFAULT 60 CHECK (warn_before_min >= 0),
    escalate_after_min  INTEGER NOT NULL DEFAULT 240 CHECK (escalate_after_min >= 0),
    UNIQUE (kind, tier)
);
-- schema::sla::default_policies (a native test keeps the two equal).
INSERT INTO sla_policies (kind, tier, first_response_min, resolve_min, warn_before_min, escalate_after_min) VALUES
    ('inquiry', '', 120, 1080, 120, 540),
    ('inquiry', 'vip', 30, 540, 108, 270),
    ('complaint', '', 60, 1080, 120, 540),
    ('complaint', 'vip', 30, 540, 108, 270),
    ('claim', '', 240, 1620, 120, 540),
    ('claim', 'vip', 120, 1080, 120, 540),
    ('consultation', '', 240, 1080, 120, 540),
    ('suggestion', '', 480, 2700, 120, 540),
    ('pickup_problem', '', 60, 540, 108, 270),
    ('pickup_problem', 'vip', 30, 270, 54, 135);

-- org_id NULL: the firm's default. An org's calendar applies to its subtree.
CREATE TABLE business_calendars (
    id       INTEGER PRIMARY KEY,
    org_id   INTEGER UNIQUE REFERENCES orgs(id),
    -- schema::sla::CalendarSpec as JSON (offset, week, holidays, make-up workdays).
    spec     TEXT    NOT NULL
);
INSERT INTO business_calendars (org_id, spec) VALUES (NULL,
    '{"utc_offset_min":480,"week":["09:00-18:00","09:00-18:00","09:00-18:00","09:00-18:00","09:00-18:00","",""],"holidays":[],"workdays":[]}');

-- The clock (NULL targets: no policy applied). Instants are UTC RFC 3339 text.
ALTER TABLE service_requests ADD COLUMN sla_fr_min INTEGER;
ALTER TABLE service_requests ADD COLUMN sla_resolve_min INTEGER;
ALTER TABLE service_requests ADD COLUMN sla_warn_min INTEGER;
ALTER TABLE service_requests ADD COLUMN sla_escalate_min INTEGER;
ALTER TABLE service_requests ADD COLUMN fr_due_at TEXT;
ALTER TABLE service_requests ADD COLUMN fr_at TEXT;
-- While running; NULL while paused or stopped, when sla_remaining_s holds what was left.
ALTER TABLE service_requests ADD COLUMN resolve_due_at TEXT;
ALTER TABLE service_requests ADD COLUMN sla_remaining_s INTEGER;
-- The escalation ladder: 0 nothing, 1 warned, 2 breached (supervisor), 3 manager; its
-- instants for the deadline watched now, and the next one to act on (NULL: nothing to do).
ALTER TABLE service_requests ADD COLUMN sla_level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE service_requests ADD COLUMN sla_due_at TEXT;
ALTER TABLE service_requests ADD COLUMN sla_warn_at TEXT;
ALTER TABLE service_requests ADD COLUMN sla_escalate_at TEXT;
ALTER TABLE service_requests ADD COLUMN sla_next_at TEXT;
-- The sweep's range, and "breaching soon" (deadline order).
CREATE INDEX service_requests_sla_next ON service_requests(sla_next_at) WHERE sla_next_at IS NOT NULL;
CREATE INDEX service_requests_sla_due ON service_requests(sla_due_at, id) WHERE sla_due_at IS NOT NULL;

-- What staff are told: SLA warnings and escalations, early warnings on complaints.
CREATE TABLE staff_notices (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    kind        TEXT    NOT NULL CHECK (kind IN ('sla_warn', 'sla_breach', 'sla_escalate', 'complaint_alert')),
    request_id  INTEGER NOT NULL REFERENCES service_requests(id),
    -- The deadline it is about (replays and reruns add nothing).
    due_at      TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    read_at     TEXT,
    UNIQUE (staff_id, kind, request_id, due_at)
);
CREATE INDEX staff_notices_staff ON staff_notices(staff_id, id);
CREATE INDEX staff_notices_unread ON staff_notices(staff_id) WHERE read_at IS NULL;

-- One sweep step's rows and the level each reaches, filled and emptied in the same batch.
CREATE TABLE sla_sweep (
    request_id  INTEGER PRIMARY KEY,
    level       INTEGER NOT NULL
);
