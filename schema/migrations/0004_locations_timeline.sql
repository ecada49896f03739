-- Shipping / pickup locations (发货地点) and the interaction timeline of the customer archive.

CREATE TABLE customer_locations (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    label         TEXT    NOT NULL DEFAULT '',
    contact_name  TEXT    NOT NULL DEFAULT '',
    phone         TEXT    NOT NULL DEFAULT '',
    province      TEXT    NOT NULL DEFAULT '',
    city          TEXT    NOT NULL DEFAULT '',
    district      TEXT    NOT NULL DEFAULT '',
    address       TEXT    NOT NULL,
    postcode      TEXT    NOT NULL DEFAULT '',
    is_default    INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    notes         TEXT    NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX customer_locations_customer ON customer_locations(customer_id, id);
-- At most one default per customer, enforced by the database too.
CREATE UNIQUE INDEX customer_locations_default ON customer_locations(customer_id) WHERE is_default = 1;

-- Visits, calls, e-mails, SMS, meetings and notes: done (history) or planned (follow-ups to do).
-- `contact_id` is a soft reference: removing a contact keeps the interaction.
CREATE TABLE interactions (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    contact_id   INTEGER,
    kind         TEXT    NOT NULL CHECK (kind IN ('visit', 'call', 'email', 'sms', 'meeting', 'note')),
    status       TEXT    NOT NULL CHECK (status IN ('planned', 'done', 'cancelled')),
    summary      TEXT    NOT NULL,
    due_at       TEXT,
    done_at      TEXT,
    staff_id     INTEGER NOT NULL REFERENCES staff(id),
    -- A manager's comment (批复).
    comment      TEXT    NOT NULL DEFAULT '',
    comment_by   TEXT,
    comment_at   TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    -- The time the timeline sorts by.
    at           TEXT    GENERATED ALWAYS AS (coalesce(done_at, due_at, created_at)) VIRTUAL
);
CREATE INDEX interactions_customer ON interactions(customer_id, at, id);
-- "My follow-ups": planned interactions of one person, soonest first.
CREATE INDEX interactions_planned ON interactions(staff_id, due_at, id) WHERE status = 'planned';

-- When a done interaction last touched the customer: what "not contacted for N days" asks.
ALTER TABLE customers ADD COLUMN last_contact_at TEXT;
CREATE INDEX customers_last_contact ON customers(last_contact_at, id);
