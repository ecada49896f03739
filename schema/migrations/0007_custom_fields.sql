-- Custom fields on customers (schema::custom). Values live on the customer as a JSON object
-- (`customers.custom`, what forms, detail, lists and exports read) and, for filtering, as one
-- index row per value (`customer_field_values`) written in the same batch.
CREATE TABLE custom_fields (
    id          INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE,
    label_zh    TEXT    NOT NULL,
    label_en    TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('text', 'number', 'date', 'select', 'multi_select')),
    options     TEXT    NOT NULL DEFAULT '[]',
    required    INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    position    INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

ALTER TABLE customers ADD COLUMN custom TEXT NOT NULL DEFAULT '{}';

CREATE TABLE customer_field_values (
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    field_id     INTEGER NOT NULL REFERENCES custom_fields(id),
    value        TEXT    NOT NULL,
    PRIMARY KEY (customer_id, field_id, value)
) WITHOUT ROWID;
CREATE INDEX customer_field_values_lookup ON customer_field_values(field_id, value, customer_id);
