#!/usr/bin/env python3
"""Fills a local D1 database file (stopped wrangler) with N service requests, straight through
SQLite (same schema and indexes, just written faster than `wrangler d1 execute` could).

usage: gen_requests.py <d1 sqlite file> <requests> <open requests> <due now>
Requests `SR-2026xxxx-nnnn` (ids from 1,000,001) belong to the bulk customers (100000–199999) and
sit in orgs 1–9; the newest <open> are open with a running SLA clock, <due> of which have their
next escalation rung in the past (what one sweep has to handle); the rest are resolved or closed
with their history of three entries each. Idempotent (INSERT OR IGNORE).
"""
import sqlite3
import sys
import time

path, n, open_n, due = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
db = sqlite3.connect(path)
db.execute("PRAGMA synchronous = OFF")
t0 = time.time()
kinds = "'inquiry','complaint','claim','consultation','suggestion','pickup_problem'"
db.execute(f"""
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {n})
INSERT OR IGNORE INTO service_requests (id, number, kind, status, priority, channel, customer_id, contact_name,
    contact_phone, waybill_no, subject, description, org_id, assignee_id, version, created_at, updated_at,
    resolved_at, sla_fr_min, sla_resolve_min, sla_warn_min, sla_escalate_min, fr_due_at, fr_at, resolve_due_at,
    sla_remaining_s, sla_level, sla_due_at, sla_warn_at, sla_escalate_at, sla_next_at)
SELECT 1000000 + i,
    printf('SR-%s-%05d', strftime('%Y%m%d', '2026-01-01', '+' || (i * 330 / {n}) || ' days'), i),
    json_extract(json_array({kinds}), '$[' || (i % 6) || ']'),
    CASE WHEN i > {n - open_n} THEN (CASE i % 3 WHEN 0 THEN 'new' WHEN 1 THEN 'assigned' ELSE 'in_progress' END)
         WHEN i % 4 = 0 THEN 'closed' ELSE 'resolved' END,
    'normal', 'phone', 100000 + i % 100000, '联系人' || i, printf('136%08d', i),
    printf('WPM%012d', i), '快件延误 ' || i, '', 1 + i % 9,
    CASE WHEN i % 3 = 1 THEN 4 END, 2,
    strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i * 330 / {n}) || ' days'),
    strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i * 330 / {n}) || ' days', '+2 hours'),
    CASE WHEN i <= {n - open_n} THEN strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i * 330 / {n}) || ' days', '+2 hours') END,
    120, 1080, 120, 540,
    '2026-12-01T01:00:00.000Z', '2026-12-01T01:30:00.000Z',
    CASE WHEN i > {n - open_n} THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || (i % 72) || ' hours') END,
    CASE WHEN i <= {n - open_n} THEN 3600 END,
    0,
    CASE WHEN i > {n - open_n} THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || (i % 72) || ' hours') END,
    CASE WHEN i > {n - open_n} THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || (i % 72) || ' hours', '-2 hours') END,
    CASE WHEN i > {n - open_n} THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || (i % 72) || ' hours', '+9 hours') END,
    CASE WHEN i > {n - due} THEN '2026-01-01T00:00:00.000Z'
         WHEN i > {n - open_n} THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || (i % 72) || ' hours', '-2 hours') END
FROM k""")
db.commit()
t1 = time.time()
db.execute(f"""
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {n}),
     e(j, kind, public) AS (VALUES (1, 'assign', 0), (2, 'reply', 1), (3, 'status', 1))
INSERT INTO request_entries (request_id, at, kind, body, public, author, status)
SELECT 1000000 + i, strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i * 330 / {n}) || ' days', '+' || j || ' hours'),
    kind, CASE kind WHEN 'reply' THEN '已联系转运中心加急处理' ELSE '' END, public, '客服',
    CASE kind WHEN 'status' THEN 'in_progress' END
FROM k, e""")
db.commit()
t2 = time.time()
count = lambda q: db.execute(q).fetchone()[0]
total = count("SELECT count(*) FROM service_requests")
still_open = count("SELECT count(*) FROM service_requests WHERE status NOT IN ('resolved', 'closed')")
entries = count("SELECT count(*) FROM request_entries")
print(f"requests {total:,} (open {still_open:,}, {t1 - t0:.0f} s), entries {entries:,} ({t2 - t1:.0f} s)", file=sys.stderr)
db.close()
