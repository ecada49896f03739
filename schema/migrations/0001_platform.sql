-- Waypost platform: organisations, staff, sessions, login throttling, audit log.
-- Append-only: never edit a migration that has been applied anywhere; add a new one.
-- Times are UTC RFC 3339 text (sortable as text). Booleans are 0/1.

-- The org tree. `path` is the materialised chain of ids ('/1/3/7/') so "this org and everything
-- below it" is one indexed prefix range (path >= '/1/3/' AND path < '/1/30') rather than a
-- recursive query on every scoped list.
CREATE TABLE orgs (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES orgs(id),
    path        TEXT    NOT NULL DEFAULT '',
    kind        TEXT    NOT NULL CHECK (kind IN ('hq', 'branch', 'outlet', 'hub', 'service_center')),
    code        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    region      TEXT    NOT NULL DEFAULT '',
    address     TEXT    NOT NULL DEFAULT '',
    phone       TEXT    NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX orgs_path ON orgs(path);
CREATE INDEX orgs_parent ON orgs(parent_id);

-- Staff accounts. phone/email are stored normalised (see schema::validate) so UNIQUE means what
-- people expect; either may be NULL but not both (checked in schema, and here).
CREATE TABLE staff (
    id                  INTEGER PRIMARY KEY,
    org_id              INTEGER NOT NULL REFERENCES orgs(id),
    department          TEXT    NOT NULL CHECK (department IN
                            ('sales_marketing', 'hub_operations', 'express_service_center',
                             'customer_service', 'it_services')),
    role                TEXT    NOT NULL CHECK (role IN
                            ('admin', 'cs_agent', 'cs_supervisor', 'cs_manager', 'sales_rep',
                             'sales_manager', 'courier', 'hub_ops')),
    name                TEXT    NOT NULL,
    phone               TEXT    UNIQUE,
    email               TEXT    UNIQUE,
    password_hash       TEXT    NOT NULL,
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version             INTEGER NOT NULL DEFAULT 1,
    last_login_at       TEXT,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    CHECK (phone IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX staff_org ON staff(org_id, id);

-- Sign-in sessions. The JWT names its session; D1 is the authority when a token is renewed, KV
-- carries the "revoked" mark checked on every request.
CREATE TABLE sessions (
    id          TEXT    PRIMARY KEY,
    realm       TEXT    NOT NULL CHECK (realm IN ('staff', 'customer', 'integration')),
    subject_id  INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    revoked_at  TEXT,
    ip          TEXT    NOT NULL DEFAULT '',
    user_agent  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_subject ON sessions(realm, subject_id);

-- Failed-login counters per account and per IP, in fixed windows. In D1 rather than KV because KV
-- allows one write per second per key and a counter under attack is written far more often.
CREATE TABLE login_throttle (
    key           TEXT    PRIMARY KEY,
    window_start  INTEGER NOT NULL,
    failures      INTEGER NOT NULL
);

-- Who changed what. Written in the same batch as the change it records.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    actor_id    INTEGER,
    actor_name  TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    entity      TEXT    NOT NULL,
    entity_id   INTEGER NOT NULL,
    diff        TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id, id);
CREATE INDEX audit_actor ON audit_log(actor_id, id);

-- A batch guard. D1 has no BEGIN/ROLLBACK in a Worker, but a batch is one transaction, so a
-- statement that fails aborts it all. `INSERT INTO guard(ok) VALUES (changes())` placed right after
-- a version-checked UPDATE aborts the whole batch when that UPDATE matched no row: no half-applied
-- change, no audit row for a write that did not happen.
CREATE VIEW guard AS SELECT 1 AS ok;
CREATE TRIGGER guard_check INSTEAD OF INSERT ON guard
BEGIN
    SELECT RAISE(ABORT, 'version_conflict') WHERE NEW.ok = 0;
END;
