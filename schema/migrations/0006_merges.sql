-- Merged customers: the one merged away is deleted after everything it had (contacts, locations,
-- interactions, lifecycle history, shares) moved to the one kept; this row keeps a snapshot of
-- it, so old links and audit entries can say where it went.
CREATE TABLE customer_merges (
    id          INTEGER PRIMARY KEY,
    from_id     INTEGER NOT NULL,
    into_id     INTEGER NOT NULL REFERENCES customers(id),
    snapshot    TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    actor_id    INTEGER,
    actor_name  TEXT    NOT NULL
);
CREATE INDEX customer_merges_from ON customer_merges(from_id);
CREATE INDEX customer_merges_into ON customer_merges(into_id);
