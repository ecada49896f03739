-- Requests opened by the system from shipments: an exception, or the overdue flag, on a waybill
-- of a VIP or contracted customer opens an inquiry in the intake queue (each cause switchable),
-- at most one open request per waybill and cause. Opened by trigger, so every path that marks a
-- shipment (ingest, a hand-recorded event, the overdue sweep) opens it in the same transaction.
-- The SLA clock needs business time, which SQL cannot compute: such requests are marked
-- `sla_pending` and the worker starts their clock from `created_at` right after the change (and
-- the Cron sweep catches any left).

CREATE TABLE auto_request_settings (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    on_exception  INTEGER NOT NULL DEFAULT 1 CHECK (on_exception IN (0, 1)),
    on_overdue    INTEGER NOT NULL DEFAULT 1 CHECK (on_overdue IN (0, 1))
);
INSERT INTO auto_request_settings (id) VALUES (1);

ALTER TABLE service_requests ADD COLUMN auto_cause TEXT CHECK (auto_cause IN ('exception', 'overdue'));
ALTER TABLE service_requests ADD COLUMN sla_pending INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX service_requests_auto_open ON service_requests(shipment_id, auto_cause)
    WHERE auto_cause IS NOT NULL AND status NOT IN ('resolved', 'closed');
CREATE INDEX service_requests_sla_pending ON service_requests(id) WHERE sla_pending = 1;

-- The intake org is the one `store::requests::intake_org` picks: the first service center, else
-- the top of the tree.
CREATE VIEW auto_request_target AS
SELECT s.id AS shipment_id, c.id AS customer_id, c.tier AS tier,
       (SELECT id FROM orgs WHERE active = 1 ORDER BY kind != 'service_center', parent_id IS NOT NULL, id LIMIT 1) AS org_id,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at, strftime('%Y%m%d', 'now') AS day
FROM shipments s JOIN customers c ON c.id = s.customer_id
WHERE c.tier = 'vip' OR c.status = 'contracted';

CREATE TRIGGER shipments_auto_request_exception AFTER UPDATE OF status ON shipments
WHEN NEW.status = 'exception' AND OLD.status != 'exception'
     AND (SELECT on_exception FROM auto_request_settings WHERE id = 1) = 1
BEGIN
    INSERT OR IGNORE INTO service_requests (number, kind, priority, channel, customer_id, contact_name, contact_phone,
        waybill_no, shipment_id, subject, description, org_id, changed_by, created_at, updated_at, auto_cause, sla_pending)
    SELECT 'SR-' || t.day || '-' || printf('%04d', 1 + (SELECT count(*) FROM service_requests
               WHERE number >= 'SR-' || t.day || '-' AND number < 'SR-' || t.day || '.')),
           'inquiry', CASE WHEN t.tier = 'vip' THEN 'high' ELSE 'normal' END, 'automatic', t.customer_id,
           NEW.consignee_name, NEW.consignee_phone, NEW.waybill_no, NEW.id,
           '快件异常 ' || NEW.waybill_no, NEW.last_location, t.org_id, '系统', t.at, t.at, 'exception', 1
    FROM auto_request_target t WHERE t.shipment_id = NEW.id AND t.org_id IS NOT NULL;
END;

CREATE TRIGGER shipments_auto_request_overdue AFTER UPDATE OF overdue ON shipments
WHEN NEW.overdue = 1 AND OLD.overdue = 0
     AND (SELECT on_overdue FROM auto_request_settings WHERE id = 1) = 1
BEGIN
    INSERT OR IGNORE INTO service_requests (number, kind, priority, channel, customer_id, contact_name, contact_phone,
        waybill_no, shipment_id, subject, description, org_id, changed_by, created_at, updated_at, auto_cause, sla_pending)
    SELECT 'SR-' || t.day || '-' || printf('%04d', 1 + (SELECT count(*) FROM service_requests
               WHERE number >= 'SR-' || t.day || '-' AND number < 'SR-' || t.day || '.')),
           'inquiry', CASE WHEN t.tier = 'vip' THEN 'high' ELSE 'normal' END, 'automatic', t.customer_id,
           NEW.consignee_name, NEW.consignee_phone, NEW.waybill_no, NEW.id,
           '快件超时未达 ' || NEW.waybill_no, NEW.last_location, t.org_id, '系统', t.at, t.at, 'overdue', 1
    FROM auto_request_target t WHERE t.shipment_id = NEW.id AND t.org_id IS NOT NULL;
END;
