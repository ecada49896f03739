//! Shipments over HTTP: integration keys, event ingest (per-item report, replays add nothing,
//! out-of-order events, revoked keys), public tracking with masking and unmasking, throttled
//! guessing, and staff search with sales scope.

use schema::integration::ApiKeyInput;
use schema::shipment::{
    Commitment, EventInput, IngestReport, ProblemReport, PublicTracking, ShipmentBatch, ShipmentDetail,
    ShipmentInput, ShipmentStatus,
};
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
    c.shipments_create(&ShipmentInput {
        customer_id: customer,
        shipper_name: "顺达物流".into(),
        shipper_phone: "021-62345678".into(),
        origin_region: "上海市".into(),
        dest_region: "杭州市".into(),
        service_code: "express".into(),
        committed_at: Some(committed_at.into()),
        ..parcel(waybill, "张三", phone, "杭州市西湖区文三路 1 号")
    })
    .status_is(201)
    .json()
}

/// A one-piece standard parcel to `name` at `address`.
fn parcel(waybill: &str, name: &str, phone: &str, address: &str) -> ShipmentInput {
    ShipmentInput {
        waybill_no: waybill.into(),
        consignee_name: name.into(),
        consignee_phone: phone.into(),
        consignee_address: address.into(),
        service_code: "standard".into(),
        pieces: 1,
        ..Default::default()
    }
}

/// A tracking event recorded by hand.
fn event(kind: ShipmentStatus, at: &str, location: &str) -> EventInput {
    EventInput { at: at.into(), kind: Some(kind), location: location.into(), ..Default::default() }
}

fn key(admin: &Client) -> String {
    admin.api_keys_create(&ApiKeyInput { name: format!("TMS {}", unique()) }).ok().key
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
    let d = agent.shipments_get(s.shipment.id).ok();
    assert_eq!(d.events.len(), 3);
    assert_eq!(d.shipment.status, ShipmentStatus::OutForDelivery, "the latest by time, not by arrival");
    // The same batch again: everything that was accepted is now a duplicate.
    let again: IngestReport = ingest(&k, &events).json();
    assert_eq!((again.accepted, again.duplicates, again.rejected), (0, 3, 5));
    let d = agent.shipments_get(s.shipment.id).ok();
    assert_eq!(d.events.len(), 3, "nothing doubled");
    // Oversized batches are refused whole; a revoked key stops working.
    let many: Vec<Value> = (0..1001).map(|_| json!({})).collect();
    assert_eq!(ingest(&k, &Value::Array(many)).status, 422);
    let keys = admin.api_keys_list();
    assert!(!keys.raw.contains(&k), "the secret is never listed");
    let id = keys.ok().iter().find(|x| k.contains(&x.prefix)).map(|x| x.id).unwrap_or_default();
    admin.api_keys_revoke(id).status_is(204);
    assert_eq!(ingest(&k, &events).status, 401);
}

#[test]
fn visitors_track_masked_and_unmask_with_the_right_digits_only() {
    let agent = Client::as_role("cs_agent");
    let w = waybill();
    let phone = unique_phone();
    new_shipment(&agent, &w, &phone, None);
    let visitor = Client::new();
    let t = visitor.track_track(w.to_lowercase(), &[]).ok();
    assert_eq!(t.consignee_name, "张*");
    assert_eq!(t.consignee_phone, format!("{}****{}", &phone[..3], &phone[7..]));
    assert!(!t.unmasked);
    assert!(t.late, "committed in the past and not delivered");
    let wrong = visitor.track_track(&w, &[("last4", "0000")]);
    assert_eq!((wrong.status, wrong.body["fields"]["last4"].is_string()), (422, true), "{}", wrong.raw);
    let right = visitor.track_track(&w, &[("last4", &phone[7..])]).ok();
    assert!(right.unmasked);
    assert_eq!((right.consignee_name.as_str(), right.consignee_phone.as_str()), ("张三", phone.as_str()));
    let shipper_digits = visitor.track_track(&w, &[("last4", "5678")]).ok();
    assert!(shipper_digits.unmasked, "the shipper's last four digits work too");
    // The snapshot is written through: an event recorded now shows on the next public read.
    let courier = Client::as_role("courier");
    let id = agent.shipments_search(&[("q", &w)]).ok().items[0].id;
    let out = event(ShipmentStatus::OutForDelivery, &soon(1), "杭州西湖营业部");
    courier.shipments_add_event(id, &out).status_is(201);
    let fresh = visitor.track_track(&w, &[]).ok();
    assert_eq!(fresh.status, ShipmentStatus::OutForDelivery);
    assert_eq!(visitor.track_track("WP000000000000", &[]).status, 404);
    assert_eq!(visitor.track_track("abc", &[]).status, 422);
    // Guessing is throttled per address: wrong digits soon answer 429.
    let guesser = Client::new();
    let statuses: Vec<u16> =
        (0..32).map(|i| guesser.track_track(&w, &[("last4", &format!("{:04}", 9000 + i))]).status).collect();
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    // Reporting a problem is recorded (and validated).
    let report =
        |description: &str| ProblemReport { description: description.into(), contact_phone: String::new() };
    visitor.track_report(&w, &report("三天没有更新")).status_is(204);
    assert_eq!(visitor.track_report(&w, &report("")).status, 422);
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
    let (lower, upper) = (w.to_lowercase(), w.clone());
    let read = |form: &str| visitor.track_track(form, &[]).resp;
    // The first read fills KV (the committed time as metadata); the next two are KV hits.
    assert_eq!(read(&lower).status, 200);
    let (wasm, js) = (read(&lower), read(&upper));
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
    assert_eq!(visitor.track_track(&upper, &[("last4", "0000")]).status, 422);
    assert_eq!(read("WP000000000001").status, 404);
    // A snapshot stored before its committed time says "late" once that time has passed, on both.
    let w = waybill();
    let due = (chrono::Utc::now() + chrono::Duration::seconds(3))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    new_shipment_due(&agent, &w, &unique_phone(), None, &due);
    let before: PublicTracking = read(&w).json();
    assert!(!before.late, "stored before its committed time");
    std::thread::sleep(std::time::Duration::from_secs(4));
    let (js, wasm) = (read(&w), read(&w.to_lowercase()));
    assert_eq!(js.raw, wasm.raw);
    assert!(js.json::<PublicTracking>().late, "{}", js.raw);
}

#[test]
fn staff_search_and_sales_scope() {
    let rep = Client::as_role("sales_rep");
    let company = schema::customer::CustomerInput {
        kind: Some(schema::customer::CustomerKind::Company),
        name: format!("发件客户{}", unique()),
        ..Default::default()
    };
    let mine = rep.customers_create(&company).ok().customer.id;
    let agent = Client::as_role("cs_agent");
    let phone = unique_phone();
    let w1 = waybill();
    let s1 = new_shipment(&agent, &w1, &phone, Some(mine));
    let w2 = waybill();
    let s2 = new_shipment(&agent, &w2, &phone, Some(3));
    let ids: Vec<i64> = agent.shipments_search(&[("q", &phone)]).ok().items.iter().map(|s| s.id).collect();
    assert_eq!(ids, vec![s2.shipment.id, s1.shipment.id], "by phone, newest first");
    let by_waybill = agent.shipments_search(&[("q", &w1[..10])]).ok();
    assert!(by_waybill.items.iter().any(|s| s.waybill_no == w1), "a waybill's start finds it");
    // The rep sees the shipment of their customer, not another rep's customer's.
    assert_eq!(rep.shipments_get(s1.shipment.id).status, 200);
    assert_eq!(rep.shipments_get(s2.shipment.id).status, 404);
    // A courier records an event by hand; a bad one is a field error.
    let courier = Client::as_role("courier");
    let picked = event(ShipmentStatus::PickedUp, &soon(1), "浦东营业部");
    let ok: ShipmentDetail = courier.shipments_add_event(s1.shipment.id, &picked).status_is(201).json();
    assert_eq!(ok.events[0].operator, "郑勇", "the courier's name by default");
    let late = event(ShipmentStatus::Delivered, "2099-01-01T00:00:00Z", "");
    let bad = courier.shipments_add_event(s1.shipment.id, &late);
    assert_eq!((bad.status, bad.body["fields"]["at"].is_string()), (422, true));
    // A duplicate waybill number is refused.
    let dup = agent.shipments_create(&parcel(&w1, "李四", &phone, "x"));
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
    assert!(agent.shipments_get(s.shipment.id).ok().shipment.overdue, "committed in the past and still open");
    let list = agent.shipments_search(&[("overdue", "true"), ("limit", "100")]).ok();
    assert!(list.items.iter().any(|s| s.waybill_no == w), "{list:?}");
}

#[test]
fn admins_edit_the_committed_time_table_and_new_shipments_use_it() {
    let admin = Client::as_role("admin");
    let mut rows = admin.shipments_commitments().ok();
    assert!(rows.len() >= 5, "seeded");
    let row = |service: &str, origin: &str, dest: &str, days| Commitment {
        service_code: service.into(),
        origin_zone: origin.into(),
        dest_zone: dest.into(),
        days,
    };
    // Run twice against one database, the row is already there: replaced, not duplicated.
    let nanjing = row("express", "上海市", "南京市", 4);
    rows.retain(|r| {
        (&r.service_code, &r.origin_zone, &r.dest_zone)
            != (&nanjing.service_code, &nanjing.origin_zone, &nanjing.dest_zone)
    });
    rows.push(nanjing);
    admin.shipments_replace_commitments(&rows).ok();
    let agent = Client::as_role("cs_agent");
    assert_eq!(agent.shipments_replace_commitments(&rows).status, 403);
    let bad = admin.shipments_replace_commitments(&vec![row("express", "*", "*", 99)]);
    assert_eq!((bad.status, bad.body["fields"]["days"].is_string()), (422, true), "{}", bad.raw);
    assert_eq!(admin.shipments_replace_commitments(&vec![row("rocket", "*", "*", 1)]).status, 422);
    // A new express shipment from 上海市 to 南京市 is due four days after it was accepted.
    let to_nanjing = ShipmentInput {
        origin_region: "上海市".into(),
        dest_region: "南京市".into(),
        service_code: "express".into(),
        ..parcel(&waybill(), "周芳", &unique_phone(), "南京市鼓楼区中山北路 8 号")
    };
    let d: ShipmentDetail = agent.shipments_create(&to_nanjing).status_is(201).json();
    let created =
        chrono::DateTime::parse_from_rfc3339(&d.shipment.created_at).map(|t| t.timestamp()).unwrap_or(0);
    let due = d.shipment.committed_at.as_deref().and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok());
    assert_eq!(due.map(|t| t.timestamp() - created), Some(4 * 86_400));
}

/// Sends a batch of new shipments with an integration key (items as JSON: some wrong on purpose).
fn ingest_shipments(key: &str, shipments: &Value) -> waypost_http_tests::Resp {
    let shipments = shipments.as_array().cloned().unwrap_or_default();
    Client::integration(key).shipments_ingest_shipments(&ShipmentBatch { shipments }).resp
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
    let found = admin.shipments_search(&[("q", &a)]).ok();
    assert_eq!(found.items[0].customer_id, Some(1));
    assert!(found.items[0].committed_at.is_some(), "committed time from the table: {found:?}");
    // Oversized batches and staff sessions are refused.
    let many: Vec<Value> = (0..501).map(|_| ship(&waybill(), Value::Null, "standard")).collect();
    assert_eq!(ingest_shipments(&key, &Value::Array(many)).status, 422);
    assert_eq!(admin.shipments_ingest_shipments(&ShipmentBatch { shipments: vec![] }).status, 401);
}

#[test]
fn staff_find_shipments_by_the_customers_name() {
    let agent = Client::as_role("cs_agent");
    // 顺达物流 (customer 1), the demo shipper of WP2026112000xx and of a year of history.
    let found = agent.shipments_search(&[("q", "顺达物流")]).ok();
    assert!(!found.items.is_empty() && found.items.iter().all(|s| s.customer_id == Some(1)), "{found:?}");
    let by_waybill =
        agent.shipments_search(&[("q", "顺达物流"), ("customer_id", "1"), ("limit", "100")]).ok();
    assert!(by_waybill.items.len() > 20, "a year of shipments: {}", by_waybill.items.len());
    assert!(agent.shipments_search(&[("q", "不存在的公司")]).ok().items.is_empty());
}
