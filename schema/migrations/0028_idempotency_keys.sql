-- Answers to writes a client marked with an `Idempotency-Key` header (a courier's phone sending
-- the "collected" it queued in a lift): the same key from the same staff member gets the first
-- answer again instead of a second write, or a version conflict with itself. Only successful
-- answers are kept, for a week (the sweep forgets older ones).
CREATE TABLE idempotency_keys (
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (staff_id, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
