#!/usr/bin/env python3
"""Fills a local D1 database file (stopped wrangler) with N shipments and E events per shipment,
straight through SQLite: a million rows through `wrangler d1 execute` would take most of an hour,
here it takes a couple of minutes. Same schema, same indexes — the rows are just written faster.

usage: gen_shipments.py <d1 sqlite file> <shipments> <events per shipment>
Shipments `WPM…` (ids from 2,000,001) belong to the bulk customers (ids 100000–199999) and the
orgs 1–9; ~2 % are exceptions and ~1 % overdue; the rest delivered. Idempotent (INSERT OR IGNORE).
"""
import sqlite3
import sys
import time

path, n, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = sqlite3.connect(path)
db.execute("PRAGMA synchronous = OFF")
t0 = time.time()
db.execute(f"""
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {n})
INSERT OR IGNORE INTO shipments (id, waybill_no, customer_id, shipper_name, shipper_phone, consignee_name,
    consignee_phone, consignee_address, origin_region, dest_region, service_code, pieces, weight_g, status,
    status_at, last_location, committed_at, delivered_at, overdue, org_id, created_at, updated_at)
SELECT 2000000 + i, printf('WPM%012d', i), 100000 + i % 100000, '', '', '收件人' || i,
    printf('137%08d', i % 100000000), '测试地址 ' || i || ' 号', '上海市', '杭州市', 'standard', 1, 500,
    CASE WHEN i % 50 = 0 THEN 'exception' WHEN i % 97 = 0 THEN 'in_transit' ELSE 'delivered' END,
    strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i % 300) || ' days', '+{per} hours'),
    '杭州转运中心',
    strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i % 300 + 3) || ' days'),
    CASE WHEN i % 50 = 0 OR i % 97 = 0 THEN NULL
         ELSE strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i % 300) || ' days', '+{per} hours') END,
    CASE WHEN i % 97 = 0 AND i % 50 != 0 THEN 1 ELSE 0 END,
    1 + i % 9,
    strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i % 300) || ' days'),
    strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i % 300) || ' days')
FROM k""")
db.commit()
t1 = time.time()
kinds = ['picked_up', 'in_transit', 'at_hub', 'out_for_delivery', 'delivered', 'in_transit', 'at_hub']
values = ", ".join(f"({j + 1}, '{kinds[j % len(kinds)]}')" for j in range(per))
db.execute(f"""
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {n}),
     e(j, type) AS (VALUES {values})
INSERT OR IGNORE INTO tracking_events (shipment_id, event_key, at, type, location, description, operator, source, created_at)
SELECT 2000000 + i, 'id:M' || i || '-' || j,
    strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i % 300) || ' days', '+' || j || ' hours'),
    type, '杭州转运中心', '', '', 'key:0',
    strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i % 300) || ' days', '+' || j || ' hours')
FROM k, e""")
db.commit()
t2 = time.time()
count = lambda t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
print(f"shipments {count('shipments'):,} ({t1 - t0:.0f} s), tracking events {count('tracking_events'):,} ({t2 - t1:.0f} s)",
      file=sys.stderr)
db.close()
