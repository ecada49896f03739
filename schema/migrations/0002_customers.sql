-- Customer archive (客户档案): customers, contacts, shares, lifecycle history, search index.
-- Money is integer fen (分). Tags are a JSON array of strings.

CREATE TABLE customers (
    id                INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL CHECK (kind IN ('company', 'person')),
    name              TEXT    NOT NULL,
    -- schema::customer::name_key(name): what duplicate warnings compare.
    name_key          TEXT    NOT NULL,
    short_name        TEXT    NOT NULL DEFAULT '',
    industry          TEXT    NOT NULL DEFAULT '',
    province          TEXT    NOT NULL DEFAULT '',
    city              TEXT    NOT NULL DEFAULT '',
    district          TEXT    NOT NULL DEFAULT '',
    address           TEXT    NOT NULL DEFAULT '',
    source            TEXT    NOT NULL DEFAULT '',
    status            TEXT    NOT NULL DEFAULT 'prospect' CHECK (status IN
                          ('prospect', 'registered', 'active', 'contracted', 'at_risk', 'lost', 'won_back')),
    tier              TEXT    NOT NULL DEFAULT 'regular' CHECK (tier IN ('vip', 'key', 'regular', 'potential')),
    licence_no        TEXT,
    id_no             TEXT,
    phone             TEXT    NOT NULL DEFAULT '',
    email             TEXT    NOT NULL DEFAULT '',
    tags              TEXT    NOT NULL DEFAULT '[]',
    notes             TEXT    NOT NULL DEFAULT '',
    owner_id          INTEGER REFERENCES staff(id),
    -- The owner's org and its tree path, copied at assignment: "customers of my subtree" is one
    -- index range, like orgs.path.
    org_id            INTEGER NOT NULL REFERENCES orgs(id),
    org_path          TEXT    NOT NULL,
    blacklisted       INTEGER NOT NULL DEFAULT 0 CHECK (blacklisted IN (0, 1)),
    blacklist_reason  TEXT    NOT NULL DEFAULT '',
    credit_limit      INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),
    arrears           INTEGER NOT NULL DEFAULT 0 CHECK (arrears >= 0),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE INDEX customers_owner ON customers(owner_id, id);
CREATE INDEX customers_org_path ON customers(org_path, id);
CREATE INDEX customers_name_key ON customers(name_key);
CREATE INDEX customers_phone ON customers(phone) WHERE phone != '';
CREATE INDEX customers_status ON customers(status, id);
CREATE INDEX customers_tier ON customers(tier, id);

-- Customers shared with staff besides the owner.
CREATE TABLE customer_shares (
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    staff_id     INTEGER NOT NULL REFERENCES staff(id),
    PRIMARY KEY (customer_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX customer_shares_staff ON customer_shares(staff_id, customer_id);

CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    name         TEXT    NOT NULL,
    title        TEXT    NOT NULL DEFAULT '',
    phone        TEXT    NOT NULL DEFAULT '',
    email        TEXT    NOT NULL DEFAULT '',
    birthday     TEXT,
    is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    notes        TEXT    NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX contacts_customer ON contacts(customer_id, id);
CREATE INDEX contacts_phone ON contacts(phone) WHERE phone != '';

-- Every lifecycle change: who moved the customer from what to what, and when.
CREATE TABLE customer_status_history (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    from_status  TEXT,
    to_status    TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    actor_id     INTEGER,
    actor_name   TEXT    NOT NULL
);
CREATE INDEX customer_status_history_customer ON customer_status_history(customer_id, id);

-- Search index: rowid = customers.id; `body` is schema::customer::search_text (names, phones,
-- e-mail, address, contacts) with Chinese characters as single tokens, so a query of any length
-- — 「顺达」 included — is an indexed phrase match. Kept in step by the worker, in the same batch
-- as every change to the customer or its contacts.
CREATE VIRTUAL TABLE customer_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
