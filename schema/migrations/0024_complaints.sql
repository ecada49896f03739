-- Complaints: what they are about, their cause (the firm's list, editable by admins) and their
-- severity; a severe complaint alerts supervisors and managers at once (as urgent and repeated
-- ones do, 0019); counts by cause over time read the complaints' own index.

CREATE TABLE complaint_causes (
    code      TEXT    PRIMARY KEY,
    label_zh  TEXT    NOT NULL,
    label_en  TEXT    NOT NULL DEFAULT '',
    active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO complaint_causes (code, label_zh, label_en, position) VALUES
    ('hub_delay', '中转延误', 'Hub delay', 1),
    ('carrier', '干线承运延误', 'Carrier delay', 2),
    ('damage', '破损', 'Damage', 3),
    ('loss', '丢失', 'Loss', 4),
    ('staff_attitude', '服务态度', 'Staff attitude', 5),
    ('late_notice', '通知不及时', 'Late notice', 6),
    ('wrong_delivery', '错派/误投', 'Wrong delivery', 7),
    ('pickup_missed', '未按约上门取件', 'Pickup missed', 8),
    ('pricing', '收费争议', 'Pricing dispute', 9),
    ('other', '其他', 'Other', 10);

ALTER TABLE service_requests ADD COLUMN complaint_target TEXT CHECK (complaint_target IN ('shipment', 'staff', 'product'));
ALTER TABLE service_requests ADD COLUMN complaint_cause TEXT;
ALTER TABLE service_requests ADD COLUMN severity TEXT CHECK (severity IN ('minor', 'major', 'severe'));
CREATE INDEX service_requests_complaints ON service_requests(created_at, complaint_cause) WHERE kind = 'complaint';

CREATE TRIGGER service_requests_severe_alert AFTER UPDATE OF severity ON service_requests
WHEN NEW.kind = 'complaint' AND NEW.severity = 'severe' AND OLD.severity IS NOT 'severe'
BEGIN
    INSERT OR IGNORE INTO staff_notices (staff_id, kind, request_id, due_at, created_at)
    SELECT s.id, 'complaint_alert', NEW.id, '', NEW.updated_at
    FROM staff s JOIN orgs so ON so.id = s.org_id JOIN orgs ro ON ro.id = NEW.org_id
    WHERE s.active = 1 AND s.role IN ('cs_supervisor', 'cs_manager')
      AND (instr(ro.path, so.path) = 1
           OR NOT EXISTS (SELECT 1 FROM staff s2 JOIN orgs o2 ON o2.id = s2.org_id
                          WHERE s2.active = 1 AND s2.role = s.role AND instr(ro.path, o2.path) = 1));
END;
