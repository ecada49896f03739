-- Shipments whose public-tracking snapshot is in KV (looked up within its time to live). Only
-- these are rewritten when events arrive: the others have no snapshot to go stale, and their
-- first lookup reads D1 and caches one. Keeps ingest from writing a KV entry per waybill.
CREATE TABLE tracked_snapshots (
    shipment_id  INTEGER PRIMARY KEY REFERENCES shipments(id),
    until        TEXT    NOT NULL
);
