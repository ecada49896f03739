-- Service requests (工单): inquiries, complaints, claims, consultations, suggestions, pickup
-- problems. One row per request; its history (public replies, internal notes, status changes,
-- hops between orgs, assignments) in `request_entries`, status entries written by trigger.

CREATE TABLE service_requests (
    id              INTEGER PRIMARY KEY,
    -- SR-20261123-0042: what people read out on the phone.
    number          TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL CHECK (kind IN ('inquiry', 'complaint', 'claim', 'consultation', 'suggestion',
                                                    'pickup_problem')),
    status          TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'in_progress',
                        'waiting_customer', 'waiting_internal', 'resolved', 'closed', 'reopened')),
    priority        TEXT    NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    channel         TEXT    NOT NULL CHECK (channel IN ('portal', 'phone', 'walk_in', 'email', 'tracking_page',
                                                       'automatic')),
    customer_id     INTEGER REFERENCES customers(id),
    portal_user_id  INTEGER REFERENCES portal_users(id),
    contact_name    TEXT    NOT NULL DEFAULT '',
    contact_phone   TEXT    NOT NULL DEFAULT '',
    waybill_no      TEXT,
    shipment_id     INTEGER REFERENCES shipments(id),
    subject         TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    -- The org whose queue holds it, and who works on it (NULL: unclaimed in that queue).
    org_id          INTEGER NOT NULL REFERENCES orgs(id),
    assignee_id     INTEGER REFERENCES staff(id),
    -- Who made the last status change and why, for the history trigger.
    changed_by      TEXT    NOT NULL DEFAULT '',
    change_note     TEXT    NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    resolved_at     TEXT
);
CREATE INDEX service_requests_org ON service_requests(org_id, id);
CREATE INDEX service_requests_queue ON service_requests(org_id, id) WHERE assignee_id IS NULL
    AND status NOT IN ('resolved', 'closed');
CREATE INDEX service_requests_assignee ON service_requests(assignee_id, id) WHERE assignee_id IS NOT NULL;
-- A customer's requests, newest first (lists and the customer's timeline).
CREATE INDEX service_requests_customer ON service_requests(customer_id, created_at) WHERE customer_id IS NOT NULL;
CREATE INDEX service_requests_status ON service_requests(status, id);
CREATE INDEX service_requests_waybill ON service_requests(waybill_no) WHERE waybill_no IS NOT NULL;

CREATE TABLE request_entries (
    id               INTEGER PRIMARY KEY,
    request_id       INTEGER NOT NULL REFERENCES service_requests(id),
    at               TEXT    NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('reply', 'note', 'status', 'forward', 'assign')),
    body             TEXT    NOT NULL DEFAULT '',
    -- Public entries are what the customer sees: replies, status changes.
    public           INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
    author           TEXT    NOT NULL DEFAULT '',
    from_customer    INTEGER NOT NULL DEFAULT 0 CHECK (from_customer IN (0, 1)),
    status           TEXT,
    org_id           INTEGER REFERENCES orgs(id)
);
CREATE INDEX request_entries_request ON request_entries(request_id, id);

CREATE TRIGGER service_requests_status_entry AFTER UPDATE OF status ON service_requests
WHEN NEW.status != OLD.status
BEGIN
    INSERT INTO request_entries (request_id, at, kind, body, public, author, status)
    VALUES (NEW.id, NEW.updated_at, 'status', NEW.change_note, 1, NEW.changed_by, NEW.status);
END;

-- Staff replies and status changes reach the customer's opted-in portal users.
CREATE TRIGGER request_entries_notify AFTER INSERT ON request_entries
WHEN NEW.public = 1 AND NEW.from_customer = 0 AND NEW.kind IN ('reply', 'status')
BEGIN
    INSERT OR IGNORE INTO outbox (channel, recipient, portal_user_id, customer_id, kind, params, locale,
                                  status, next_attempt_at, dedupe_key, created_at, sent_at)
    SELECT r.channel, r.recipient, r.portal_user_id, r.customer_id, 'request_update',
           json_object('request_id', sr.id, 'number', sr.number, 'entry', NEW.kind, 'status', NEW.status),
           r.locale, CASE r.channel WHEN 'portal' THEN 'sent' ELSE 'pending' END, NEW.at,
           'req:' || NEW.id || ':' || r.portal_user_id || ':' || r.channel,
           NEW.at, CASE r.channel WHEN 'portal' THEN NEW.at END
    FROM service_requests sr JOIN notice_recipients r ON r.customer_id = sr.customer_id
    WHERE sr.id = NEW.request_id;
END;
