-- Satisfaction surveys and follow-up calls (回访): resolving a request opens its survey (once;
-- the link's token is 128 random bits), plans a follow-up call for the customer's owner (or the
-- person who worked on it) the next day, and tells the customer's opted-in portal users — all
-- by trigger, in the transaction of the move, whichever path resolved it.

CREATE TABLE request_surveys (
    request_id   INTEGER PRIMARY KEY REFERENCES service_requests(id),
    token        TEXT    NOT NULL UNIQUE,
    created_at   TEXT    NOT NULL,
    answered_at  TEXT,
    overall      INTEGER CHECK (overall BETWEEN 1 AND 5),
    speed        INTEGER CHECK (speed BETWEEN 1 AND 5),
    attitude     INTEGER CHECK (attitude BETWEEN 1 AND 5),
    outcome      INTEGER CHECK (outcome BETWEEN 1 AND 5),
    comment      TEXT    NOT NULL DEFAULT ''
);

CREATE TRIGGER service_requests_resolved AFTER UPDATE OF status ON service_requests
WHEN NEW.status = 'resolved' AND OLD.status != 'resolved'
BEGIN
    INSERT OR IGNORE INTO request_surveys (request_id, token, created_at)
    VALUES (NEW.id, lower(hex(randomblob(16))), NEW.updated_at);
    INSERT INTO interactions (customer_id, kind, status, summary, due_at, staff_id, created_at, updated_at)
    SELECT c.id, 'call', 'planned', '回访 ' || NEW.number || ' ' || NEW.subject,
           strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at, '+1 day'), coalesce(c.owner_id, NEW.assignee_id),
           NEW.updated_at, NEW.updated_at
    FROM customers c WHERE c.id = NEW.customer_id AND coalesce(c.owner_id, NEW.assignee_id) IS NOT NULL;
    INSERT OR IGNORE INTO outbox (channel, recipient, portal_user_id, customer_id, kind, params, locale,
                                  status, next_attempt_at, dedupe_key, created_at, sent_at)
    SELECT r.channel, r.recipient, r.portal_user_id, r.customer_id, 'request_survey',
           json_object('request_id', NEW.id, 'number', NEW.number, 'token', s.token),
           r.locale, CASE r.channel WHEN 'portal' THEN 'sent' ELSE 'pending' END, NEW.updated_at,
           'survey:' || NEW.id || ':' || r.portal_user_id || ':' || r.channel,
           NEW.updated_at, CASE r.channel WHEN 'portal' THEN NEW.updated_at END
    FROM notice_recipients r JOIN request_surveys s ON s.request_id = NEW.id
    WHERE r.customer_id = NEW.customer_id AND s.answered_at IS NULL;
END;
