//! `Idempotency-Key` on staff writes (what the courier's offline queue sends): a repeat of a
//! key gets the first answer and writes nothing; the key is the person's; a key reused for
//! another request and a malformed key are refused and change nothing.

use schema::pickup::{PickupDetail, PickupStatus};
use schema::shipment::ShipmentDetail;
use serde_json::json;
use waypost_http_tests::{Client, Resp, unique};

use crate::shipments::{new_shipment, soon, waybill};

fn keyed(c: &Client, path: &str, body: &serde_json::Value, key: &str) -> Resp {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    c.request("POST", path, Some(&bytes), &[("Content-Type", "application/json"), ("Idempotency-Key", key)])
}

/// A pickup booked by customer service and dispatched to the demo courier.
fn assigned_pickup() -> PickupDetail {
    let admin = Client::as_role("admin");
    let r = admin.post(
        "/api/v1/customers",
        &json!({"kind": "company", "name": format!("幂等测试{}有限公司", unique()), "city": "上海市",
                "contacts": [{"name": "张伟", "phone": waypost_http_tests::unique_phone(), "is_primary": true}]}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let customer = r.body["customer"]["id"].as_i64().unwrap_or_default();
    let start = chrono::Utc::now() + chrono::Duration::hours(1);
    let f = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let agent = Client::as_role("cs_agent");
    let r = agent.post(
        "/api/v1/pickups",
        &json!({"customer_id": customer, "contact_name": "李四", "contact_phone": "13900139000",
                "address": "七莘路 1 号", "window_start": f(start), "window_end": f(start + chrono::Duration::hours(2))}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let booked: PickupDetail = r.json();
    let me = Client::as_role("courier").get("/api/v1/auth/me");
    let r = agent.post(
        &format!("/api/v1/pickups/{}/assign", booked.pickup.id),
        &json!({"version": booked.pickup.version, "org_id": me.body["staff"]["org_id"],
                "courier_id": me.body["staff"]["id"]}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    r.json()
}

#[test]
fn a_retried_collect_gets_the_first_answer_and_collects_once() {
    let p = assigned_pickup();
    let courier = Client::as_role("courier");
    let path = format!("/api/v1/pickups/{}/collect", p.pickup.id);
    let wb = waybill();
    let body = json!({"version": p.pickup.version, "waybill_no": wb, "consignee_name": "钱多多",
                      "consignee_phone": "13600136000", "consignee_address": "杭州市西湖区文三路 90 号"});
    let key = format!("collect-{}-{}", p.pickup.id, unique());

    let first = keyed(&courier, &path, &body, &key);
    assert_eq!(first.status, 200, "{}", first.raw);
    assert_eq!(first.header("Idempotent-Replayed"), None);
    // The answer was lost in a lift; the phone sends the same write again.
    let again = keyed(&courier, &path, &body, &key);
    assert_eq!(again.status, 200, "the first answer, not a version conflict: {}", again.raw);
    assert_eq!(again.header("Idempotent-Replayed"), Some("true"));
    assert_eq!(again.body, first.body);
    let now: PickupDetail = courier.get(&format!("/api/v1/pickups/{}", p.pickup.id)).json();
    assert_eq!(now.pickup.status, PickupStatus::Collected);
    let collected = now.history.iter().filter(|h| h.status == PickupStatus::Collected).count();
    assert_eq!(collected, 1, "one collection in the history");
    let found = Client::as_role("admin").get(&format!("/api/v1/shipments?q={wb}"));
    assert_eq!(found.body["items"].as_array().map(Vec::len), Some(1), "one shipment: {}", found.raw);

    // Without the key, the same write is what it always was: refused, the pickup is collected.
    let plain = courier.post(&path, &body);
    assert_eq!((plain.status, plain.code()), (409, "wrong_state"), "{}", plain.raw);
    // The key names that write: used for another one, it is refused.
    let other = keyed(
        &courier,
        &format!("/api/v1/pickups/{}/fail", p.pickup.id),
        &json!({"version": 1, "reason": "x"}),
        &key,
    );
    assert_eq!((other.status, other.code()), (422, "idempotency_key_reused"), "{}", other.raw);
    // Someone else's identical key is theirs: it replays nothing of the courier's.
    let agent = Client::as_role("cs_agent");
    let theirs = keyed(&agent, &path, &body, &key);
    assert_eq!((theirs.status, theirs.code()), (409, "wrong_state"), "{}", theirs.raw);
}

#[test]
fn a_retried_event_is_recorded_once_and_a_bad_key_changes_nothing() {
    let admin = Client::as_role("admin");
    let wb = waybill();
    let s = new_shipment(&admin, &wb, &waypost_http_tests::unique_phone(), None);
    let courier = Client::as_role("courier");
    let path = format!("/api/v1/shipments/{}/events", s.shipment.id);
    let key = format!("event{}", unique());
    let body = json!({"event_id": key, "waybill_no": "", "at": soon(1), "type": "in_transit", "location": "地下车库"});
    let first = keyed(&courier, &path, &body, &key);
    assert_eq!(first.status, 201, "{}", first.raw);
    let again = keyed(&courier, &path, &body, &key);
    assert_eq!(again.status, 201, "{}", again.raw);
    assert_eq!(again.header("Idempotent-Replayed"), Some("true"));
    let d: ShipmentDetail = courier.get(&format!("/api/v1/shipments/{}", s.shipment.id)).json();
    assert_eq!(d.events.iter().filter(|e| e.location == "地下车库").count(), 1, "{:?}", d.events);

    for bad in ["short", "has space in it", &"x".repeat(101)] {
        let r = keyed(
            &courier,
            &path,
            &json!({"waybill_no": "", "at": soon(1), "type": "delivered", "location": "坏键"}),
            bad,
        );
        assert_eq!((r.status, r.code()), (400, "invalid_idempotency_key"), "{bad}: {}", r.raw);
        assert!(r.body["message"].as_str().is_some_and(|m| m.contains("Idempotency-Key")), "{}", r.raw);
    }
    let d: ShipmentDetail = courier.get(&format!("/api/v1/shipments/{}", s.shipment.id)).json();
    assert!(d.events.iter().all(|e| e.location != "坏键"), "a refused key wrote nothing");
}
