-- Shipments (waybills), their tracking events, the service catalogue, and integration API keys.
-- Money is integer fen, weight integer grams, times UTC RFC 3339 text.

CREATE TABLE service_types (
    code        TEXT    PRIMARY KEY,
    name_zh     TEXT    NOT NULL,
    name_en     TEXT    NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO service_types (code, name_zh, name_en, position) VALUES
    ('standard', '标准快递', 'Standard', 1),
    ('express', '特快专递', 'Express', 2),
    ('same_day', '当日达', 'Same day', 3),
    ('international', '国际快递', 'International', 4),
    ('freight', '快运(大件)', 'Freight', 5);

CREATE TABLE shipments (
    id                 INTEGER PRIMARY KEY,
    waybill_no         TEXT    NOT NULL UNIQUE,
    customer_id        INTEGER REFERENCES customers(id),
    shipper_name       TEXT    NOT NULL DEFAULT '',
    shipper_phone      TEXT    NOT NULL DEFAULT '',
    consignee_name     TEXT    NOT NULL,
    consignee_phone    TEXT    NOT NULL,
    consignee_address  TEXT    NOT NULL,
    origin_region      TEXT    NOT NULL DEFAULT '',
    origin_postcode    TEXT    NOT NULL DEFAULT '',
    dest_region        TEXT    NOT NULL DEFAULT '',
    dest_postcode      TEXT    NOT NULL DEFAULT '',
    service_code       TEXT    NOT NULL REFERENCES service_types(code),
    pieces             INTEGER NOT NULL DEFAULT 1 CHECK (pieces >= 1),
    weight_g           INTEGER NOT NULL DEFAULT 0 CHECK (weight_g >= 0),
    declared_value     INTEGER NOT NULL DEFAULT 0 CHECK (declared_value >= 0),
    fee                INTEGER NOT NULL DEFAULT 0 CHECK (fee >= 0),
    cod_amount         INTEGER NOT NULL DEFAULT 0 CHECK (cod_amount >= 0),
    order_no           TEXT    NOT NULL DEFAULT '',
    invoice_no         TEXT    NOT NULL DEFAULT '',
    status             TEXT    NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'picked_up', 'in_transit',
                           'at_hub', 'customs', 'out_for_delivery', 'delivered', 'exception', 'returned')),
    -- The time of the event that set `status`: an older event arriving later does not move it.
    status_at          TEXT    NOT NULL,
    last_location      TEXT    NOT NULL DEFAULT '',
    committed_at       TEXT,
    delivered_at       TEXT,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);
CREATE INDEX shipments_customer ON shipments(customer_id, id);
CREATE INDEX shipments_consignee_phone ON shipments(consignee_phone, id);
CREATE INDEX shipments_shipper_phone ON shipments(shipper_phone, id) WHERE shipper_phone != '';
CREATE INDEX shipments_status ON shipments(status, id);

CREATE TABLE tracking_events (
    id           INTEGER PRIMARY KEY,
    shipment_id  INTEGER NOT NULL REFERENCES shipments(id),
    -- The source's event id (`id:…`) or waybill/time/type/location (`auto:…`): a replay collides.
    event_key    TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    location     TEXT    NOT NULL DEFAULT '',
    description  TEXT    NOT NULL DEFAULT '',
    operator     TEXT    NOT NULL DEFAULT '',
    -- `key:<api key id>` or `staff:<staff id>`.
    source       TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    UNIQUE (shipment_id, event_key)
);
CREATE INDEX tracking_events_shipment ON tracking_events(shipment_id, at);

-- Integration keys for the firm's TMS/WMS: only a SHA-256 of the secret is kept.
CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL UNIQUE,
    secret_hash  TEXT    NOT NULL,
    created_by   INTEGER REFERENCES staff(id),
    created_at   TEXT    NOT NULL,
    revoked_at   TEXT,
    last_used_at TEXT
);

-- "Report a problem" from the public tracking page: kept against the waybill until service
-- requests (next issue) take them over.
CREATE TABLE tracking_reports (
    id           INTEGER PRIMARY KEY,
    shipment_id  INTEGER NOT NULL REFERENCES shipments(id),
    description  TEXT    NOT NULL,
    contact_phone TEXT   NOT NULL DEFAULT '',
    client_ip    TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL
);
CREATE INDEX tracking_reports_shipment ON tracking_reports(shipment_id, id);
