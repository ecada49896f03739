//! Shipments over HTTP: integration keys, event ingest (per-item report, replays add nothing,
//! out-of-order events, revoked keys), public tracking with masking and unmasking, throttled
//! guessing, and staff search with sales scope.

use schema::integration::NewApiKey;
use schema::shipment::{IngestReport, PublicTracking, ShipmentDetail, ShipmentStatus};
use serde_json::{Value, json};
use waypost_http_tests::{Client, ingest, unique, unique_phone};

/// Now plus `minutes`, as the API takes times (events may not precede their shipment's creation,
/// nor lie more than ten minutes ahead).
pub(crate) fn soon(minutes: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::minutes(minutes))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A fresh waybill number.
pub(crate) fn waybill() -> String {
    format!("WP{:012}", u64::from(unique()) * 1000 + u64::from(unique() % 1000))
}

pub(crate) fn new_shipment(c: &Client, waybill: &str, phone: &str, customer: Option<i64>) -> ShipmentDetail {
    new_shipment_due(c, waybill, phone, customer, "2026-01-01T00:00:00Z")
}

/// [`new_shipment`] with its committed time.
pub(crate) fn new_shipment_due(
    c: &Client,
    waybill: &str,
    phone: &str,
    customer: Option<i64>,
    committed_at: &str,
) -> ShipmentDetail {
    let r = c.post(
        "/api/v1/shipments",
        &json!({"waybill_no": waybill, "customer_id": customer, "shipper_name": "顺达物流", "shipper_phone": "021-62345678",
                "consignee_name": "张三", "consignee_phone": phone, "consignee_address": "杭州市西湖区文三路 1 号",
                "origin_region": "上海市", "dest_region": "杭州市", "service_code": "express",
                "committed_at": committed_at}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    r.json()
}

fn key(admin: &Client) -> String {
    let r = admin.post("/api/v1/api-keys", &json!({"name": format!("TMS {}", unique())}));
    assert_eq!(r.status, 201, "{}", r.raw);
    r.json::<NewApiKey>().key
}

#[test]
fn a_batch_is_reported_per_item_and_a_replay_adds_nothing() {
    let admin = Client::as_role("admin");
    let agent = Client::as_role("cs_agent");
    let k = key(&admin);
    let w = waybill();
    let s = new_shipment(&agent, &w, &unique_phone(), None);
    let events = json!([
        {"event_id": "t1", "waybill_no": w, "at": soon(1), "type": "picked_up", "location": "浦东营业部"},
        {"event_id": "t3", "waybill_no": w, "at": soon(3), "type": "out_for_delivery", "location": "杭州西湖营业部"},
        {"event_id": "t2", "waybill_no": w, "at": soon(2), "type": "at_hub", "location": "虹桥转运中心"},
        {"waybill_no": "WP999999999999", "at": soon(1), "type": "picked_up"},
        {"waybill_no": w, "at": soon(1), "type": "teleported"},
        {"waybill_no": w, "at": "2099-01-01T00:00:00Z", "type": "delivered"},
        {"waybill_no": "x", "at": soon(1), "type": "picked_up"},
        {"waybill_no": w, "at": "2020-01-01T00:00:00Z", "type": "picked_up"}
    ]);
    // No key, a made-up key: 401, nothing recorded.
    assert_eq!(ingest("", &events).status, 401);
    assert_eq!(ingest("wpk_0000000000_00", &events).status, 401);
    let r = ingest(&k, &events);
    assert_eq!(r.status, 200, "{}", r.raw);
    let rep: IngestReport = r.json();
    assert_eq!((rep.accepted, rep.duplicates, rep.rejected), (3, 0, 5), "{}", r.raw);
    let fields: Vec<Option<&str>> = rep.items.iter().map(|i| i.field.as_deref()).collect();
    assert_eq!(
        fields,
        [Some("waybill_no"), Some("event"), Some("at"), Some("waybill_no"), Some("at")],
        "{}",
        r.raw
    );
    assert!(rep.items.iter().all(|i| i.message.as_deref().is_some_and(|m| !m.is_empty())));
    let d: ShipmentDetail = agent.get(&format!("/api/v1/shipments/{}", s.shipment.id)).json();
    assert_eq!(d.events.len(), 3);
    assert_eq!(d.shipment.status, ShipmentStatus::OutForDelivery, "the latest by time, not by arrival");
    // The same batch again: everything that was accepted is now a duplicate.
    let again: IngestReport = ingest(&k, &events).json();
    assert_eq!((again.accepted, again.duplicates, again.rejected), (0, 3, 5));
    let d: ShipmentDetail = agent.get(&format!("/api/v1/shipments/{}", s.shipment.id)).json();
    assert_eq!(d.events.len(), 3, "nothing doubled");
    // Oversized batches are refused whole; a revoked key stops working.
    let many: Vec<Value> = (0..1001).map(|_| json!({})).collect();
    assert_eq!(ingest(&k, &Value::Array(many)).status, 422);
    let keys = admin.get("/api/v1/api-keys");
    let id = keys
        .body
        .as_array()
        .and_then(|a| a.iter().find(|x| k.contains(x["prefix"].as_str().unwrap_or("-"))))
        .map(|x| x["id"].clone());
    let id = id.and_then(|v| v.as_i64()).unwrap_or_default();
    assert!(!keys.raw.contains(&k), "the secret is never listed");
    assert_eq!(admin.post(&format!("/api/v1/api-keys/{id}/revoke"), &json!({})).status, 204);
    assert_eq!(ingest(&k, &events).status, 401);
}

#[test]
fn visitors_track_masked_and_unmask_with_the_right_digits_only() {
    let agent = Client::as_role("cs_agent");
    let w = waybill();
    let phone = unique_phone();
    new_shipment(&agent, &w, &phone, None);
    let visitor = Client::new();
    let r = visitor.get(&format!("/api/v1/public/track/{}", w.to_lowercase()));
    assert_eq!(r.status, 200, "{}", r.raw);
    let t: PublicTracking = r.json();
    assert_eq!(t.consignee_name, "张*");
    assert_eq!(t.consignee_phone, format!("{}****{}", &phone[..3], &phone[7..]));
    assert!(!t.unmasked);
    assert!(t.late, "committed in the past and not delivered");
    let wrong = visitor.get(&format!("/api/v1/public/track/{w}?last4=0000"));
    assert_eq!((wrong.status, wrong.body["fields"]["last4"].is_string()), (422, true), "{}", wrong.raw);
    let right: PublicTracking =
        visitor.get(&format!("/api/v1/public/track/{w}?last4={}", &phone[7..])).json();
    assert!(right.unmasked);
    assert_eq!((right.consignee_name.as_str(), right.consignee_phone.as_str()), ("张三", phone.as_str()));
    let shipper_digits: PublicTracking = visitor.get(&format!("/api/v1/public/track/{w}?last4=5678")).json();
    assert!(shipper_digits.unmasked, "the shipper's last four digits work too");
    // The snapshot is written through: an event recorded now shows on the next public read.
    let courier = Client::as_role("courier");
    let id =
        agent.get(&format!("/api/v1/shipments?q={w}")).body["items"][0]["id"].as_i64().unwrap_or_default();
    let ev = courier.post(
        &format!("/api/v1/shipments/{id}/events"),
        &json!({"waybill_no": "", "at": soon(1), "type": "out_for_delivery", "location": "杭州西湖营业部"}),
    );
    assert_eq!(ev.status, 201, "{}", ev.raw);
    let fresh: PublicTracking = visitor.get(&format!("/api/v1/public/track/{w}")).json();
    assert_eq!(fresh.status, ShipmentStatus::OutForDelivery);
    assert_eq!(visitor.get("/api/v1/public/track/WP000000000000").status, 404);
    assert_eq!(visitor.get("/api/v1/public/track/abc").status, 422);
    // Guessing is throttled per address: wrong digits soon answer 429.
    let guesser = Client::new();
    let statuses: Vec<u16> = (0..32)
        .map(|i| guesser.get(&format!("/api/v1/public/track/{w}?last4={:04}", 9000 + i)).status)
        .collect();
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    // Reporting a problem is recorded (and validated).
    let report =
        visitor.post(&format!("/api/v1/public/track/{w}/report"), &json!({"description": "三天没有更新"}));
    assert_eq!(report.status, 204, "{}", report.raw);
    let bad = visitor.post(&format!("/api/v1/public/track/{w}/report"), &json!({"description": ""}));
    assert_eq!(bad.status, 422);
}

/// The masked lookup's KV hit is answered by the Worker's JS entry (worker/shim.js) for the
/// canonical waybill form and by the wasm for any other form: both must say the same thing with the
/// same headers, lateness included.
#[test]
fn the_fast_tracking_path_answers_as_the_wasm_does() {
    let agent = Client::as_role("cs_agent");
    let w = waybill();
    new_shipment_due(&agent, &w, &unique_phone(), None, &soon(120));
    let mut visitor = Client::new();
    visitor.lang = "en-GB,zh;q=0.5";
    let other_form = format!("/api/v1/public/track/{}", w.to_lowercase());
    let canonical = format!("/api/v1/public/track/{w}");
    // The first read fills KV (the committed time as metadata); the next two are KV hits.
    assert_eq!(visitor.get(&other_form).status, 200);
    let (wasm, js) = (visitor.get(&other_form), visitor.get(&canonical));
    assert_eq!((wasm.status, js.status), (200, 200), "{} / {}", wasm.raw, js.raw);
    assert_eq!(js.raw, wasm.raw);
    let t: PublicTracking = js.json();
    assert_eq!((t.consignee_name.as_str(), t.late, t.unmasked), ("张*", false, false));
    for h in ["Content-Type", "Cache-Control", "X-Content-Type-Options", "Content-Language"] {
        assert_eq!(js.header(h), wasm.header(h), "{h}");
    }
    assert_eq!(js.header("Content-Language"), Some("en"));
    assert_eq!(js.header("Cache-Control"), Some("no-store"));
    // A query sends it to the wasm (the digits path), as does an unknown number (D1, throttled).
    assert_eq!(visitor.get(&format!("{canonical}?last4=0000")).status, 422);
    assert_eq!(visitor.get("/api/v1/public/track/WP000000000001").status, 404);
    // A snapshot stored before its committed time says "late" once that time has passed, on both.
    let w = waybill();
    let due = (chrono::Utc::now() + chrono::Duration::seconds(3))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    new_shipment_due(&agent, &w, &unique_phone(), None, &due);
    let canonical = format!("/api/v1/public/track/{w}");
    let before: PublicTracking = visitor.get(&canonical).json();
    assert!(!before.late, "stored before its committed time");
    std::thread::sleep(std::time::Duration::from_secs(4));
    let (js, wasm) =
        (visitor.get(&canonical), visitor.get(&format!("/api/v1/public/track/{}", w.to_lowercase())));
    assert_eq!(js.raw, wasm.raw);
    assert!(js.json::<PublicTracking>().late, "{}", js.raw);
}

#[test]
fn staff_search_and_sales_scope() {
    let rep = Client::as_role("sales_rep");
    let mine =
        rep.post("/api/v1/customers", &json!({"kind": "company", "name": format!("发件客户{}", unique())}));
    let mine = mine.body["customer"]["id"].as_i64().unwrap_or_default();
    let agent = Client::as_role("cs_agent");
    let phone = unique_phone();
    let w1 = waybill();
    let s1 = new_shipment(&agent, &w1, &phone, Some(mine));
    let w2 = waybill();
    let s2 = new_shipment(&agent, &w2, &phone, Some(3));
    let found = agent.get(&format!("/api/v1/shipments?q={phone}"));
    let ids: Vec<i64> = found.body["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["id"].as_i64()).collect())
        .unwrap_or_default();
    assert_eq!(ids, vec![s2.shipment.id, s1.shipment.id], "by phone, newest first");
    let by_waybill = agent.get(&format!("/api/v1/shipments?q={}", &w1[..10]));
    assert!(by_waybill.raw.contains(&w1), "a waybill's start finds it");
    // The rep sees the shipment of their customer, not another rep's customer's.
    assert_eq!(rep.get(&format!("/api/v1/shipments/{}", s1.shipment.id)).status, 200);
    assert_eq!(rep.get(&format!("/api/v1/shipments/{}", s2.shipment.id)).status, 404);
    // A courier records an event by hand; a bad one is a field error.
    let courier = Client::as_role("courier");
    let ok = courier.post(
        &format!("/api/v1/shipments/{}/events", s1.shipment.id),
        &json!({"waybill_no": "", "at": soon(1), "type": "picked_up", "location": "浦东营业部"}),
    );
    assert_eq!(ok.status, 201, "{}", ok.raw);
    assert_eq!(ok.body["events"][0]["operator"], "郑勇", "the courier's name by default");
    let bad = courier.post(
        &format!("/api/v1/shipments/{}/events", s1.shipment.id),
        &json!({"waybill_no": "", "at": "2099-01-01T00:00:00Z", "type": "delivered"}),
    );
    assert_eq!((bad.status, bad.body["fields"]["at"].is_string()), (422, true));
    // A duplicate waybill number is refused.
    let dup = agent.post(
        "/api/v1/shipments",
        &json!({"waybill_no": w1, "consignee_name": "李四", "consignee_phone": phone, "consignee_address": "x",
                "service_code": "standard"}),
    );
    assert_eq!((dup.status, dup.body["fields"]["waybill_no"].is_string()), (409, true), "{}", dup.raw);
}

#[test]
fn the_scheduled_sweep_flags_overdue_shipments() {
    let agent = Client::as_role("cs_agent");
    let w = waybill();
    let s = new_shipment(&agent, &w, &unique_phone(), None);
    assert!(!s.shipment.overdue);
    // What the Cron Trigger runs (wrangler dev --test-scheduled serves this route).
    let r = Client::new().get("/cdn-cgi/handler/scheduled?cron=*/15+*+*+*+*");
    assert!(r.status < 300, "{}", r.raw);
    let d: ShipmentDetail = agent.get(&format!("/api/v1/shipments/{}", s.shipment.id)).json();
    assert!(d.shipment.overdue, "committed in the past and still open");
    let list = agent.get("/api/v1/shipments?overdue=true&limit=100");
    assert!(list.raw.contains(&w), "{}", list.raw);
}

#[test]
fn admins_edit_the_committed_time_table_and_new_shipments_use_it() {
    let admin = Client::as_role("admin");
    let table = admin.get("/api/v1/commitments");
    assert_eq!(table.status, 200, "{}", table.raw);
    let mut rows = table.body.as_array().cloned().unwrap_or_default();
    assert!(rows.len() >= 5, "seeded");
    // Run twice against one database, the row is already there: replaced, not duplicated.
    rows.retain(|r| {
        !(r["service_code"] == "express" && r["origin_zone"] == "上海市" && r["dest_zone"] == "南京市")
    });
    rows.push(json!({"service_code": "express", "origin_zone": "上海市", "dest_zone": "南京市", "days": 4}));
    let saved = admin.send("PUT", "/api/v1/commitments", &rows);
    assert_eq!(saved.status, 200, "{}", saved.raw);
    let agent = Client::as_role("cs_agent");
    assert_eq!(agent.send("PUT", "/api/v1/commitments", &rows).status, 403);
    let bad = admin.send(
        "PUT",
        "/api/v1/commitments",
        &json!([{"service_code": "express", "origin_zone": "*", "dest_zone": "*", "days": 99}]),
    );
    assert_eq!((bad.status, bad.body["fields"]["days"].is_string()), (422, true), "{}", bad.raw);
    let unknown = admin.send(
        "PUT",
        "/api/v1/commitments",
        &json!([{"service_code": "rocket", "origin_zone": "*", "dest_zone": "*", "days": 1}]),
    );
    assert_eq!(unknown.status, 422);
    // A new express shipment from 上海市 to 南京市 is due four days after it was accepted.
    let r = agent.post(
        "/api/v1/shipments",
        &json!({"waybill_no": waybill(), "consignee_name": "周芳", "consignee_phone": unique_phone(),
                "consignee_address": "南京市鼓楼区中山北路 8 号", "origin_region": "上海市", "dest_region": "南京市",
                "service_code": "express"}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let d: ShipmentDetail = r.json();
    let created =
        chrono::DateTime::parse_from_rfc3339(&d.shipment.created_at).map(|t| t.timestamp()).unwrap_or(0);
    let due = d.shipment.committed_at.as_deref().and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok());
    assert_eq!(due.map(|t| t.timestamp() - created), Some(4 * 86_400));
}

/// Sends a batch of new shipments with an integration key.
fn ingest_shipments(key: &str, shipments: &Value) -> waypost_http_tests::Resp {
    let body = serde_json::to_vec(&json!({"shipments": shipments})).unwrap_or_default();
    Client::new().request(
        "POST",
        "/api/v1/ingest/shipments",
        Some(&body),
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &format!("Bearer {key}")),
            ("X-Waypost-Csrf", ""),
        ],
    )
}

#[test]
fn integrations_create_shipments_per_item_and_a_replay_creates_nothing() {
    let admin = Client::as_role("admin");
    let key = key(&admin);
    let (a, b) = (waybill(), waybill());
    let ship = |w: &str, customer: Value, service: &str| {
        json!({"waybill_no": w, "customer_id": customer, "consignee_name": "张三", "consignee_phone": unique_phone(),
               "consignee_address": "杭州市西湖区文三路 1 号", "origin_region": "上海市", "dest_region": "杭州市",
               "service_code": service})
    };
    let batch = json!([
        ship(&a, json!(1), "express"),
        ship(&b, Value::Null, "standard"),
        ship("12", Value::Null, "standard"),
        ship(&waybill(), json!(999999), "standard"),
        ship(&waybill(), Value::Null, "teleport"),
        {"waybill_no": waybill()},
        ship(&a, json!(1), "express"),
    ]);
    let r = ingest_shipments(&key, &batch);
    assert_eq!(r.status, 200, "{}", r.raw);
    let report: IngestReport = r.json();
    assert_eq!((report.accepted, report.duplicates, report.rejected), (2, 1, 4), "{}", r.raw);
    let fields: Vec<Option<String>> = report.items.iter().map(|i| i.field.clone()).collect();
    assert_eq!(
        fields,
        vec![
            Some("waybill_no".into()),
            Some("customer_id".into()),
            Some("service_code".into()),
            Some("shipment".into()),
            None
        ]
    );
    let r =
        ingest_shipments(&key, &json!([ship(&a, json!(1), "express"), ship(&b, Value::Null, "standard")]));
    let again: IngestReport = r.json();
    assert_eq!((again.accepted, again.duplicates), (0, 2), "replaying adds nothing: {}", r.raw);
    let found = admin.get(&format!("/api/v1/shipments?q={a}"));
    assert_eq!(found.body["items"][0]["customer_id"], 1);
    assert!(
        found.body["items"][0]["committed_at"].is_string(),
        "committed time from the table: {}",
        found.raw
    );
    // Oversized batches and staff sessions are refused.
    let many: Vec<Value> = (0..501).map(|_| ship(&waybill(), Value::Null, "standard")).collect();
    assert_eq!(ingest_shipments(&key, &Value::Array(many)).status, 422);
    assert_eq!(admin.post("/api/v1/ingest/shipments", &json!({"shipments": []})).status, 401);
}

#[test]
fn staff_find_shipments_by_the_customers_name() {
    let agent = Client::as_role("cs_agent");
    // 顺达物流, the demo shipper of WP2026112000xx.
    let found = agent.get("/api/v1/shipments?q=%E9%A1%BA%E8%BE%BE%E7%89%A9%E6%B5%81");
    assert_eq!(found.status, 200, "{}", found.raw);
    let waybills: Vec<String> = found.body["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s["waybill_no"].as_str().map(String::from))
        .collect();
    assert!(waybills.iter().any(|w| w == "WP202611200001"), "{waybills:?}");
    let none = agent.get("/api/v1/shipments?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E5%85%AC%E5%8F%B8");
    assert_eq!(none.body["items"], json!([]), "{}", none.raw);
}
