//! `Idempotency-Key` on staff writes (what the courier's offline queue sends): a repeat of a
//! key gets the first answer and writes nothing; the key is the person's; a key reused for
//! another request and a malformed key are refused and change nothing.

use schema::pickup::{AssignRequest, CollectRequest, PickupDetail, PickupInput, PickupStatus, ReasonRequest};
use schema::shipment::{EventInput, ShipmentStatus};
use waypost_http_tests::{Client, unique, unique_phone};

use crate::helpers::company_with_contact;
use crate::shipments::{new_shipment, soon, waybill};

/// A pickup booked by customer service and dispatched to the demo courier.
fn assigned_pickup() -> PickupDetail {
    let company = company_with_contact(&format!("幂等测试{}有限公司", unique()), "张伟", &unique_phone());
    let customer = Client::as_role("admin").customers_create(&company).ok().customer.id;
    let start = chrono::Utc::now() + chrono::Duration::hours(1);
    let f = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let agent = Client::as_role("cs_agent");
    let book = PickupInput {
        customer_id: Some(customer),
        contact_name: "李四".into(),
        contact_phone: "13900139000".into(),
        address: "七莘路 1 号".into(),
        window_start: f(start),
        window_end: f(start + chrono::Duration::hours(2)),
        pieces: 1,
        ..Default::default()
    };
    let booked: PickupDetail = agent.pickups_create(&book).status_is(201).json();
    let me = Client::as_role("courier").auth_me().ok().staff;
    let to = AssignRequest { version: booked.pickup.version, org_id: me.org_id, courier_id: me.id };
    agent.pickups_assign(booked.pickup.id, &to).ok()
}

#[test]
fn a_retried_collect_gets_the_first_answer_and_collects_once() {
    let p = assigned_pickup();
    let id = p.pickup.id;
    let courier = Client::as_role("courier");
    let wb = waybill();
    let body = CollectRequest {
        version: p.pickup.version,
        waybill_no: wb.clone(),
        consignee_name: "钱多多".into(),
        consignee_phone: "13600136000".into(),
        consignee_address: "杭州市西湖区文三路 90 号".into(),
        ..Default::default()
    };
    let key = format!("collect-{id}-{}", unique());

    let first = courier.keyed(&key).pickups_collect(id, &body).status_is(200);
    assert_eq!(first.header("Idempotent-Replayed"), None);
    // The answer was lost in a lift; the phone sends the same write again.
    let again = courier.keyed(&key).pickups_collect(id, &body);
    assert_eq!(again.status, 200, "the first answer, not a version conflict: {}", again.raw);
    assert_eq!(again.header("Idempotent-Replayed"), Some("true"));
    assert_eq!(again.body, first.body);
    let now = courier.pickups_get(id).ok();
    assert_eq!(now.pickup.status, PickupStatus::Collected);
    let collected = now.history.iter().filter(|h| h.status == PickupStatus::Collected).count();
    assert_eq!(collected, 1, "one collection in the history");
    let found = Client::as_role("admin").shipments_search(&[("q", &wb)]).ok();
    assert_eq!(found.items.len(), 1, "one shipment: {found:?}");

    // Without the key, the same write is what it always was: refused, the pickup is collected.
    let plain = courier.pickups_collect(id, &body);
    assert_eq!((plain.status, plain.code()), (409, "wrong_state"), "{}", plain.raw);
    // The key names that write: used for another one, it is refused.
    let other = courier.keyed(&key).pickups_fail(id, &ReasonRequest { version: 1, reason: "x".into() });
    assert_eq!((other.status, other.code()), (422, "idempotency_key_reused"), "{}", other.raw);
    // Someone else's identical key is theirs: it replays nothing of the courier's.
    let theirs = Client::as_role("cs_agent").keyed(&key).pickups_collect(id, &body);
    assert_eq!((theirs.status, theirs.code()), (409, "wrong_state"), "{}", theirs.raw);
}

#[test]
fn a_retried_event_is_recorded_once_and_a_bad_key_changes_nothing() {
    let admin = Client::as_role("admin");
    let s = new_shipment(&admin, &waybill(), &unique_phone(), None);
    let id = s.shipment.id;
    let courier = Client::as_role("courier");
    let key = format!("event{}", unique());
    let event = |kind, location: &str| EventInput {
        at: soon(1),
        kind: Some(kind),
        location: location.into(),
        ..Default::default()
    };
    let body = EventInput { event_id: Some(key.clone()), ..event(ShipmentStatus::InTransit, "地下车库") };
    courier.keyed(&key).shipments_add_event(id, &body).status_is(201);
    let again = courier.keyed(&key).shipments_add_event(id, &body).status_is(201);
    assert_eq!(again.header("Idempotent-Replayed"), Some("true"));
    let d = courier.shipments_get(id).ok();
    assert_eq!(d.events.iter().filter(|e| e.location == "地下车库").count(), 1, "{:?}", d.events);

    for bad in ["short", "has space in it", &"x".repeat(101)] {
        let r = courier.keyed(bad).shipments_add_event(id, &event(ShipmentStatus::Delivered, "坏键"));
        assert_eq!((r.status, r.code()), (400, "invalid_idempotency_key"), "{bad}: {}", r.raw);
        assert!(r.body["message"].as_str().is_some_and(|m| m.contains("Idempotency-Key")), "{}", r.raw);
    }
    let d = courier.shipments_get(id).ok();
    assert!(d.events.iter().all(|e| e.location != "坏键"), "a refused key wrote nothing");
}
