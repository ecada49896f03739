-- Bulk hand-over of a departing (or re-assigned) staff member's customers to a successor: one row
-- per hand-over; each moved customer also gets a `handover` entry in the audit log.
CREATE TABLE customer_handovers (
    id             INTEGER PRIMARY KEY,
    from_staff_id  INTEGER NOT NULL REFERENCES staff(id),
    to_staff_id    INTEGER NOT NULL REFERENCES staff(id),
    customers      INTEGER NOT NULL,
    reason         TEXT    NOT NULL DEFAULT '',
    at             TEXT    NOT NULL,
    actor_id       INTEGER,
    actor_name     TEXT    NOT NULL
);
CREATE INDEX customer_handovers_from ON customer_handovers(from_staff_id, id);
