-- Early warning on complaints (投诉预警): an urgent complaint, or a customer's third complaint
-- within 30 days, tells the supervisors and managers of the org that takes it (or above it;
-- else the firm's) at once, whichever path opened it.
CREATE TRIGGER service_requests_complaint_alert AFTER INSERT ON service_requests
WHEN NEW.kind = 'complaint' AND (NEW.priority = 'urgent' OR (NEW.customer_id IS NOT NULL AND
    (SELECT count(*) FROM service_requests WHERE customer_id = NEW.customer_id AND kind = 'complaint'
        AND created_at >= strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at, '-30 days')) >= 3))
BEGIN
    INSERT OR IGNORE INTO staff_notices (staff_id, kind, request_id, due_at, created_at)
    SELECT s.id, 'complaint_alert', NEW.id, '', NEW.created_at
    FROM staff s JOIN orgs so ON so.id = s.org_id JOIN orgs ro ON ro.id = NEW.org_id
    WHERE s.active = 1 AND s.role IN ('cs_supervisor', 'cs_manager')
      AND (instr(ro.path, so.path) = 1
           OR NOT EXISTS (SELECT 1 FROM staff s2 JOIN orgs o2 ON o2.id = s2.org_id
                          WHERE s2.active = 1 AND s2.role = s.role AND instr(ro.path, o2.path) = 1));
END;
