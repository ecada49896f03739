-- Customer value (issue 13): what the value sweep measures from shipments, the rules admins set,
-- the tier a person chose (it sticks), and the history of every tier change. Money in fen.

-- The rules (schema::value::ValueRules as JSON, checked by the worker); no row: the defaults.
CREATE TABLE value_rules (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    body        TEXT    NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT    NOT NULL
);

-- One row per customer that was measured; `as_of` is the instant its windows end.
CREATE TABLE customer_values (
    customer_id         INTEGER PRIMARY KEY REFERENCES customers(id),
    shipments_30        INTEGER NOT NULL,
    freight_30          INTEGER NOT NULL,
    shipments_90        INTEGER NOT NULL,
    freight_90          INTEGER NOT NULL,
    shipments_365       INTEGER NOT NULL,
    freight_365         INTEGER NOT NULL,
    prior_shipments_90  INTEGER NOT NULL,
    prior_freight_90    INTEGER NOT NULL,
    lifetime_shipments  INTEGER NOT NULL,
    lifetime_freight    INTEGER NOT NULL,
    first_shipment_at   TEXT,
    last_shipment_at    TEXT,
    recency_days        INTEGER,
    r_score             INTEGER,
    f_score             INTEGER,
    m_score             INTEGER,
    as_of               TEXT    NOT NULL
);

-- A person's choice of tier holds against the rules until released.
ALTER TABLE customers ADD COLUMN tier_locked INTEGER NOT NULL DEFAULT 0 CHECK (tier_locked IN (0, 1));

CREATE TABLE customer_tier_history (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    from_tier    TEXT,
    to_tier      TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    -- Both null: the rules moved it.
    actor_id     INTEGER,
    actor_name   TEXT,
    reason       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX customer_tier_history_customer ON customer_tier_history(customer_id, id);

-- Lifecycle moves made by the rules carry no person; a person's may carry a reason (why lost).
ALTER TABLE customer_status_history ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE customer_status_history ADD COLUMN by_rule INTEGER NOT NULL DEFAULT 0 CHECK (by_rule IN (0, 1));
CREATE INDEX customer_status_history_to ON customer_status_history(customer_id, to_status, id);

-- A sweep's progress: a pass measures every customer at one instant, in steps by id; a run that
-- stops half-way leaves the cursor where the last committed step put it.
CREATE TABLE sweep_progress (
    name         TEXT    PRIMARY KEY,
    as_of        TEXT    NOT NULL,
    cursor       INTEGER NOT NULL,
    finished_at  TEXT
) WITHOUT ROWID;

-- Customers with a new or changed shipment since they were measured: the next run measures them
-- again, so the profile is current within minutes without re-reading every shipment each time.
-- `at` is the latest change: a step forgets only what it measured (at <= its instant).
CREATE TABLE value_dirty (
    customer_id  INTEGER PRIMARY KEY,
    at           TEXT    NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER shipments_value_dirty_insert AFTER INSERT ON shipments
WHEN NEW.customer_id IS NOT NULL
BEGIN
    INSERT INTO value_dirty (customer_id, at) VALUES (NEW.customer_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ON CONFLICT (customer_id) DO UPDATE SET at = excluded.at;
END;
CREATE TRIGGER shipments_value_dirty_update AFTER UPDATE OF fee, customer_id ON shipments
WHEN NEW.fee != OLD.fee OR OLD.customer_id IS NOT NEW.customer_id
BEGIN
    INSERT INTO value_dirty (customer_id, at)
    SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM (SELECT NEW.customer_id AS id UNION SELECT OLD.customer_id)
    WHERE id IS NOT NULL
    ON CONFLICT (customer_id) DO UPDATE SET at = excluded.at;
END;

-- The value pyramid per org and tier as of the last finished pass, written by the pass's last
-- step: the pyramid report sums these few rows for an org's subtree instead of reading every
-- customer. `in_arrears`: the layer's customers that owe money (the ones to talk to).
CREATE TABLE value_pyramid (
    org_id            INTEGER NOT NULL,
    tier              TEXT    NOT NULL,
    customers         INTEGER NOT NULL,
    shipping          INTEGER NOT NULL,
    freight_365       INTEGER NOT NULL,
    lifetime_freight  INTEGER NOT NULL,
    in_arrears        INTEGER NOT NULL,
    as_of             TEXT    NOT NULL,
    PRIMARY KEY (org_id, tier)
) WITHOUT ROWID;

-- What a booking does about a customer's debts (schema::credit::CreditPolicy): warn by default.
CREATE TABLE credit_settings (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    policy  TEXT    NOT NULL DEFAULT 'warn' CHECK (policy IN ('warn', 'block_over_limit', 'block_arrears'))
);
INSERT INTO credit_settings (id) VALUES (1);
