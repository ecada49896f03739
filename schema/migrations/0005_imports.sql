-- CSV import: one row per committed chunk, holding its report. A retried chunk (same import id
-- and number) finds its report here and writes nothing again; two copies racing collide on the
-- primary key, and the loser's whole batch rolls back.
CREATE TABLE import_chunks (
    import_id  TEXT    NOT NULL,
    chunk      INTEGER NOT NULL,
    staff_id   INTEGER NOT NULL REFERENCES staff(id),
    report     TEXT    NOT NULL,
    at         TEXT    NOT NULL,
    PRIMARY KEY (import_id, chunk)
) WITHOUT ROWID;
