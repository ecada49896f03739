-- The customer portal (portal users and their one-time codes), the notification outbox, the
-- customer's address book (寄送清单), pickup booking and dispatch (预约取件), and the org that took a
-- shipment (for per-org overdue and exception lists).

-- The outlet (or other org) that took the shipment: the collecting pickup's outlet, or the org of
-- the staff member who created it. NULL for shipments pushed by integrations without one.
ALTER TABLE shipments ADD COLUMN org_id INTEGER REFERENCES orgs(id);
-- Overdue and exception lists per org (a shipment needing attention is a small minority).
CREATE INDEX shipments_attention ON shipments(org_id, id) WHERE overdue = 1 OR status = 'exception';

-- People who sign in to the portal for one customer (several per customer). `login` is a
-- normalised mobile number or e-mail address (schema::validate), unique across portal users.
CREATE TABLE portal_users (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    name            TEXT    NOT NULL,
    login           TEXT    NOT NULL UNIQUE,
    -- Empty until the invitation is accepted.
    password_hash   TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'disabled')),
    -- Opt-ins: in-portal notices, and a message (SMS or e-mail, by the kind of login).
    notify_portal   INTEGER NOT NULL DEFAULT 1 CHECK (notify_portal IN (0, 1)),
    notify_message  INTEGER NOT NULL DEFAULT 0 CHECK (notify_message IN (0, 1)),
    locale          TEXT    NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
    created_by      INTEGER REFERENCES staff(id),
    last_login_at   TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX portal_users_customer ON portal_users(customer_id, id);

-- One live code per login and purpose; only an HMAC of the code is kept. `attempts` caps guessing.
CREATE TABLE portal_codes (
    login       TEXT    NOT NULL,
    purpose     TEXT    NOT NULL CHECK (purpose IN ('register', 'reset', 'invite')),
    code_hash   TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (login, purpose)
) WITHOUT ROWID;

-- The notification outbox. Messages are rendered from `kind` + `params` in the recipient's
-- language when sent (portal notices when shown). `portal` messages need no provider and are
-- 'sent' on arrival; e-mail and SMS wait for the provider, with retries (`next_attempt_at`).
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    channel          TEXT    NOT NULL CHECK (channel IN ('email', 'sms', 'portal')),
    recipient        TEXT    NOT NULL DEFAULT '',
    portal_user_id   INTEGER REFERENCES portal_users(id),
    customer_id      INTEGER REFERENCES customers(id),
    kind             TEXT    NOT NULL,
    params           TEXT    NOT NULL DEFAULT '{}',
    locale           TEXT    NOT NULL DEFAULT 'zh-CN',
    status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT    NOT NULL,
    last_error       TEXT    NOT NULL DEFAULT '',
    provider         TEXT    NOT NULL DEFAULT '',
    -- As sent (codes are blanked once a real provider has taken them).
    body             TEXT    NOT NULL DEFAULT '',
    dedupe_key       TEXT    UNIQUE,
    created_at       TEXT    NOT NULL,
    sent_at          TEXT
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_portal ON outbox(portal_user_id, id) WHERE channel = 'portal';

-- 寄送清单: the consignees a customer sends to often.
CREATE TABLE address_book (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    label        TEXT    NOT NULL DEFAULT '',
    name         TEXT    NOT NULL,
    phone        TEXT    NOT NULL,
    region       TEXT    NOT NULL DEFAULT '',
    address      TEXT    NOT NULL,
    postcode     TEXT    NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX address_book_customer ON address_book(customer_id, id);

-- Pickup bookings. The pickup address is copied in (a location may change later); the consignee
-- is optional at booking and lets collection create the shipment.
CREATE TABLE pickups (
    id                 INTEGER PRIMARY KEY,
    pickup_no          TEXT    NOT NULL UNIQUE,
    customer_id        INTEGER NOT NULL REFERENCES customers(id),
    channel            TEXT    NOT NULL CHECK (channel IN ('portal', 'phone')),
    portal_user_id     INTEGER REFERENCES portal_users(id),
    contact_name       TEXT    NOT NULL,
    contact_phone      TEXT    NOT NULL,
    region             TEXT    NOT NULL DEFAULT '',
    address            TEXT    NOT NULL,
    postcode           TEXT    NOT NULL DEFAULT '',
    window_start       TEXT    NOT NULL,
    window_end         TEXT    NOT NULL,
    pieces             INTEGER NOT NULL DEFAULT 1 CHECK (pieces >= 1),
    weight_g           INTEGER NOT NULL DEFAULT 0 CHECK (weight_g >= 0),
    notes              TEXT    NOT NULL DEFAULT '',
    service_code       TEXT    NOT NULL DEFAULT 'standard' REFERENCES service_types(code),
    consignee_name     TEXT    NOT NULL DEFAULT '',
    consignee_phone    TEXT    NOT NULL DEFAULT '',
    consignee_address  TEXT    NOT NULL DEFAULT '',
    dest_region        TEXT    NOT NULL DEFAULT '',
    dest_postcode      TEXT    NOT NULL DEFAULT '',
    status             TEXT    NOT NULL DEFAULT 'requested'
                           CHECK (status IN ('requested', 'assigned', 'collected', 'failed', 'cancelled')),
    org_id             INTEGER REFERENCES orgs(id),
    courier_id         INTEGER REFERENCES staff(id),
    fail_reason        TEXT    NOT NULL DEFAULT '',
    shipment_id        INTEGER REFERENCES shipments(id),
    -- Who made the last change ("staff:3 王磊" / "portal:5 张伟"), for the history trigger.
    changed_by         TEXT    NOT NULL DEFAULT '',
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);
CREATE INDEX pickups_customer ON pickups(customer_id, id);
CREATE INDEX pickups_courier ON pickups(courier_id, window_start);
CREATE INDEX pickups_status ON pickups(status, window_start);

-- Every status a pickup went through, written by triggers so no code path can skip it.
CREATE TABLE pickup_history (
    id          INTEGER PRIMARY KEY,
    pickup_id   INTEGER NOT NULL REFERENCES pickups(id),
    at          TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    actor       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX pickup_history_pickup ON pickup_history(pickup_id, id);

CREATE TRIGGER pickups_history_insert AFTER INSERT ON pickups
BEGIN
    INSERT INTO pickup_history (pickup_id, at, status, note, actor)
    VALUES (NEW.id, NEW.created_at, NEW.status, '', NEW.changed_by);
END;

CREATE TRIGGER pickups_history_update AFTER UPDATE OF status ON pickups
WHEN NEW.status != OLD.status
BEGIN
    INSERT INTO pickup_history (pickup_id, at, status, note, actor)
    VALUES (NEW.id, NEW.updated_at, NEW.status, NEW.fail_reason, NEW.changed_by);
END;

-- The opted-in portal users of a customer × the channels they chose: the recipients of a notice.
-- `message` becomes SMS or e-mail by the kind of login.
CREATE VIEW notice_recipients AS
SELECT u.id AS portal_user_id, u.customer_id, u.locale,
       CASE c.channel WHEN 'portal' THEN 'portal' WHEN 'message' THEN
           CASE WHEN instr(u.login, '@') > 0 THEN 'email' ELSE 'sms' END END AS channel,
       CASE c.channel WHEN 'portal' THEN '' ELSE u.login END AS recipient
FROM portal_users u
JOIN (SELECT 'portal' AS channel UNION ALL SELECT 'message') c
  ON (c.channel = 'portal' AND u.notify_portal = 1) OR (c.channel = 'message' AND u.notify_message = 1)
WHERE u.status = 'active';

-- Shipment statuses that matter to the customer enqueue notices in the same transaction as the
-- change, whichever path made it (ingest, a hand-recorded event, a collected pickup).
CREATE TRIGGER shipments_notify AFTER UPDATE OF status ON shipments
WHEN NEW.status != OLD.status AND NEW.customer_id IS NOT NULL
     AND NEW.status IN ('picked_up', 'out_for_delivery', 'delivered', 'exception')
BEGIN
    INSERT OR IGNORE INTO outbox (channel, recipient, portal_user_id, customer_id, kind, params, locale,
                                  status, next_attempt_at, dedupe_key, created_at, sent_at)
    SELECT r.channel, r.recipient, r.portal_user_id, r.customer_id, 'shipment_status',
           json_object('shipment_id', NEW.id, 'waybill_no', NEW.waybill_no, 'status', NEW.status),
           r.locale, CASE r.channel WHEN 'portal' THEN 'sent' ELSE 'pending' END, NEW.updated_at,
           'ship:' || NEW.id || ':' || NEW.status || ':' || NEW.status_at || ':' || r.portal_user_id || ':' || r.channel,
           NEW.updated_at, CASE r.channel WHEN 'portal' THEN NEW.updated_at END
    FROM notice_recipients r WHERE r.customer_id = NEW.customer_id;
END;

-- A pickup assigned, collected or failed: the customer hears of it.
CREATE TRIGGER pickups_notify AFTER UPDATE OF status ON pickups
WHEN NEW.status != OLD.status AND NEW.status IN ('assigned', 'collected', 'failed')
BEGIN
    INSERT OR IGNORE INTO outbox (channel, recipient, portal_user_id, customer_id, kind, params, locale,
                                  status, next_attempt_at, dedupe_key, created_at, sent_at)
    SELECT r.channel, r.recipient, r.portal_user_id, r.customer_id, 'pickup_status',
           json_object('pickup_id', NEW.id, 'pickup_no', NEW.pickup_no, 'status', NEW.status,
                       'reason', NEW.fail_reason),
           r.locale, CASE r.channel WHEN 'portal' THEN 'sent' ELSE 'pending' END, NEW.updated_at,
           'pick:' || NEW.id || ':' || NEW.version || ':' || r.portal_user_id || ':' || r.channel,
           NEW.updated_at, CASE r.channel WHEN 'portal' THEN NEW.updated_at END
    FROM notice_recipients r WHERE r.customer_id = NEW.customer_id;
END;
