-- Who leads a request's org: the active CS supervisors and managers of its org or above it, or,
-- where that chain has none of a role, the firm's. One rule for the SLA ladder and both complaint
-- alerts (0019, 0024), which had each spelled it out; the triggers are recreated on the view.
CREATE VIEW request_leads AS
SELECT r.id AS request_id, s.id AS staff_id, s.role AS role
FROM service_requests r
JOIN orgs ro ON ro.id = r.org_id
JOIN staff s ON s.active = 1 AND s.role IN ('cs_supervisor', 'cs_manager')
JOIN orgs so ON so.id = s.org_id
WHERE instr(ro.path, so.path) = 1
   OR NOT EXISTS (SELECT 1 FROM staff s2 JOIN orgs o2 ON o2.id = s2.org_id
                  WHERE s2.active = 1 AND s2.role = s.role AND instr(ro.path, o2.path) = 1);

DROP TRIGGER service_requests_complaint_alert;
CREATE TRIGGER service_requests_complaint_alert AFTER INSERT ON service_requests
WHEN NEW.kind = 'complaint' AND (NEW.priority = 'urgent' OR (NEW.customer_id IS NOT NULL AND
    (SELECT count(*) FROM service_requests WHERE customer_id = NEW.customer_id AND kind = 'complaint'
        AND created_at >= strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at, '-30 days')) >= 3))
BEGIN
    INSERT OR IGNORE INTO staff_notices (staff_id, kind, request_id, due_at, created_at)
    SELECT l.staff_id, 'complaint_alert', NEW.id, '', NEW.created_at FROM request_leads l WHERE l.request_id = NEW.id;
END;

DROP TRIGGER service_requests_severe_alert;
CREATE TRIGGER service_requests_severe_alert AFTER UPDATE OF severity ON service_requests
WHEN NEW.kind = 'complaint' AND NEW.severity = 'severe' AND OLD.severity IS NOT 'severe'
BEGIN
    INSERT OR IGNORE INTO staff_notices (staff_id, kind, request_id, due_at, created_at)
    SELECT l.staff_id, 'complaint_alert', NEW.id, '', NEW.updated_at FROM request_leads l WHERE l.request_id = NEW.id;
END;
