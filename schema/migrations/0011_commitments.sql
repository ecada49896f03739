-- Committed times (承诺时限): days from acceptance to delivery per service, origin zone and
-- destination zone ('*' = any; the most specific row wins). Shipments carry an `overdue` flag that
-- the scheduled sweep sets while one is open past its commitment, and `delay_eligible` once it is
-- delivered late (delay compensation, with claims in the next issue).
CREATE TABLE commitments (
    service_code  TEXT    NOT NULL REFERENCES service_types(code),
    origin_zone   TEXT    NOT NULL,
    dest_zone     TEXT    NOT NULL,
    days          INTEGER NOT NULL CHECK (days BETWEEN 0 AND 60),
    PRIMARY KEY (service_code, origin_zone, dest_zone)
) WITHOUT ROWID;
INSERT INTO commitments (service_code, origin_zone, dest_zone, days) VALUES
    ('standard', '*', '*', 3), ('express', '*', '*', 2), ('same_day', '*', '*', 0),
    ('international', '*', '*', 7), ('freight', '*', '*', 5),
    ('standard', '上海市', '上海市', 1), ('express', '上海市', '上海市', 1),
    ('standard', '上海市', '杭州市', 2), ('express', '上海市', '杭州市', 1);

ALTER TABLE shipments ADD COLUMN overdue INTEGER NOT NULL DEFAULT 0 CHECK (overdue IN (0, 1));
ALTER TABLE shipments ADD COLUMN delay_eligible INTEGER NOT NULL DEFAULT 0 CHECK (delay_eligible IN (0, 1));
-- What the sweep walks: open shipments not yet flagged, by commitment.
CREATE INDEX shipments_open_committed ON shipments(committed_at)
    WHERE overdue = 0 AND status NOT IN ('delivered', 'returned') AND committed_at IS NOT NULL;
CREATE INDEX shipments_overdue ON shipments(id) WHERE overdue = 1;
