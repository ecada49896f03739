-- Claims (索赔) and attachments. A claim belongs to a service request of kind `claim`: review →
-- approved (with the amount) or rejected (with the reason) → paid; amounts in fen. Agents decide
-- up to `claim_settings.agent_limit`; above it a CS manager must. Attachments (evidence) are R2
-- objects; this table holds what the lists show and the key.

CREATE TABLE claims (
    request_id       INTEGER PRIMARY KEY REFERENCES service_requests(id),
    claim_type       TEXT    NOT NULL CHECK (claim_type IN ('delay', 'damage', 'loss', 'cod')),
    status           TEXT    NOT NULL DEFAULT 'review' CHECK (status IN ('review', 'approved', 'rejected', 'paid')),
    waybill_no       TEXT,
    amount_claimed   INTEGER NOT NULL CHECK (amount_claimed > 0),
    amount_approved  INTEGER CHECK (amount_approved IS NULL OR (amount_approved > 0 AND amount_approved <= amount_claimed)),
    decision_note    TEXT    NOT NULL DEFAULT '',
    decided_by       TEXT,
    decided_at       TEXT,
    paid_ref         TEXT,
    paid_at          TEXT,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX claims_status ON claims(status, request_id);

CREATE TABLE claim_settings (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    -- Fen: agents approve up to ¥500 themselves.
    agent_limit  INTEGER NOT NULL CHECK (agent_limit >= 0)
);
INSERT INTO claim_settings (id, agent_limit) VALUES (1, 50000);

-- The customer hears of each decision (same recipients as the other notices).
CREATE TRIGGER claims_notify AFTER UPDATE OF status ON claims
WHEN NEW.status != OLD.status
BEGIN
    INSERT OR IGNORE INTO outbox (channel, recipient, portal_user_id, customer_id, kind, params, locale,
                                  status, next_attempt_at, dedupe_key, created_at, sent_at)
    SELECT r.channel, r.recipient, r.portal_user_id, r.customer_id, 'claim_update',
           json_object('request_id', sr.id, 'number', sr.number, 'status', NEW.status, 'amount', NEW.amount_approved),
           r.locale, CASE r.channel WHEN 'portal' THEN 'sent' ELSE 'pending' END, NEW.updated_at,
           'claim:' || sr.id || ':' || NEW.status || ':' || r.portal_user_id || ':' || r.channel,
           NEW.updated_at, CASE r.channel WHEN 'portal' THEN NEW.updated_at END
    FROM service_requests sr JOIN notice_recipients r ON r.customer_id = sr.customer_id
    WHERE sr.id = NEW.request_id;
END;

CREATE TABLE attachments (
    id             INTEGER PRIMARY KEY,
    request_id     INTEGER NOT NULL REFERENCES service_requests(id),
    r2_key         TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    content_type   TEXT    NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
    size           INTEGER NOT NULL CHECK (size > 0),
    from_customer  INTEGER NOT NULL DEFAULT 0 CHECK (from_customer IN (0, 1)),
    uploaded_by    TEXT    NOT NULL,
    created_at     TEXT    NOT NULL
);
CREATE INDEX attachments_request ON attachments(request_id, id);
