//! Locations and the timeline over HTTP: one default location, interactions logged and planned,
//! follow-ups, a manager's comment, versioned edits, and scope.

use schema::customer::{CustomerDetail, CustomerInput, CustomerKind};
use schema::interaction::{CommentInput, Interaction, InteractionInput, InteractionKind, InteractionStatus};
use schema::location::LocationInput;
use serde_json::json;
use waypost_http_tests::{Client, unique};

fn customer(c: &Client) -> CustomerDetail {
    let name = format!("时间线客户{}", unique());
    c.customers_create(&CustomerInput { kind: Some(CustomerKind::Company), name, ..Default::default() }).ok()
}

fn place(label: &str, address: &str) -> LocationInput {
    LocationInput { label: label.into(), address: address.into(), ..Default::default() }
}

fn interaction(kind: InteractionKind, summary: &str) -> InteractionInput {
    InteractionInput { kind: Some(kind), summary: summary.into(), ..Default::default() }
}

#[test]
fn locations_keep_one_default_and_refuse_bad_input() {
    let rep = Client::as_role("sales_rep");
    let id = customer(&rep).customer.id;
    let bad = LocationInput { postcode: "1234".into(), phone: "12".into(), ..place("", "") };
    let bad = rep.timeline_add_location(id, &bad);
    assert_eq!(bad.status, 422, "{}", bad.raw);
    assert_eq!(bad.body["fields"]["address"].as_str().map(|s| !s.is_empty()), Some(true));
    assert!(bad.body["fields"]["postcode"].is_string() && bad.body["fields"]["phone"].is_string());
    let one = LocationInput { city: "上海市".into(), ..place("仓库", "闵行区沪闵路 100 号") };
    rep.timeline_add_location(id, &one).status_is(201);
    let two = LocationInput { is_default: true, ..place("门店", "徐汇区漕溪北路 8 号") };
    let d: CustomerDetail = rep.timeline_add_location(id, &two).status_is(201).json();
    assert_eq!(d.locations.len(), 2);
    assert_eq!(d.locations.iter().filter(|l| l.is_default).count(), 1);
    assert_eq!(d.locations[0].label, "门店", "the default comes first");
    // A stale edit gets 409 with the current version; the right one succeeds.
    let l = &d.locations[1];
    let stale = LocationInput { version: Some(l.version + 5), ..place("", "别处") };
    let stale = rep.timeline_update_location(id, l.id, &stale);
    assert_eq!((stale.status, stale.body["current_version"].as_i64()), (409, Some(l.version)));
    let edit = LocationInput { version: Some(l.version), ..place("仓库", "闵行区沪闵路 200 号") };
    rep.timeline_update_location(id, l.id, &edit).ok();
    // Another rep's customer (demo customer 3) is out of reach.
    assert_eq!(rep.timeline_add_location(3, &place("", "x")).status, 404);
    rep.timeline_delete_location(id, l.id).status_is(204);
    assert_eq!(rep.customers_get(id).ok().locations.len(), 1);
}

#[test]
fn interactions_make_a_timeline_and_follow_ups_and_managers_comment() {
    let rep = Client::as_role("sales_rep");
    let id = customer(&rep).customer.id;
    rep.timeline_add_interaction(id, &interaction(InteractionKind::Call, "询问月结价格")).status_is(201);
    let visit = InteractionInput {
        status: Some(InteractionStatus::Planned),
        due_at: Some("2030-01-02T02:00:00Z".into()),
        ..interaction(InteractionKind::Visit, "上门签约")
    };
    let planned: Interaction = rep.timeline_add_interaction(id, &visit).status_is(201).json();
    // Planned without a time, done in the future, unknown kind: field errors, nothing written.
    let no_time = InteractionInput { due_at: None, ..visit.clone() };
    let bad = rep.timeline_add_interaction(id, &no_time);
    assert_eq!((bad.status, bad.body["fields"]["due_at"].is_string()), (422, true), "{}", bad.raw);
    let later = InteractionInput {
        done_at: Some("2099-01-01T00:00:00Z".into()),
        ..interaction(InteractionKind::Call, "x")
    };
    let future = rep.timeline_add_interaction(id, &later);
    assert_eq!((future.status, future.body["fields"]["done_at"].is_string()), (422, true));
    let base = format!("/api/v1/customers/{id}/interactions");
    assert_eq!(rep.send("POST", &base, &json!({"kind": "fax", "summary": "x"})).status, 422);
    let tl = rep.timeline_timeline(id, &[]).ok();
    assert_eq!(tl.items.len(), 3, "two interactions and the lifecycle start");
    // The follow-up is on the rep's list until it is done.
    assert!(rep.timeline_follow_ups(&[]).ok().iter().any(|i| i.id == planned.id));
    let finish = InteractionInput {
        version: Some(planned.version),
        status: Some(InteractionStatus::Done),
        ..interaction(InteractionKind::Visit, "已签约")
    };
    let done = rep.timeline_update_interaction(id, planned.id, &finish).ok();
    assert!(!rep.timeline_follow_ups(&[]).ok().iter().any(|i| i.id == planned.id));
    assert!(rep.customers_get(id).ok().customer.last_contact_at.is_some());
    // Reps may not comment; the manager may, once per version.
    let note = |comment: &str| CommentInput { version: done.version, comment: comment.into() };
    assert_eq!(rep.timeline_comment(id, done.id, &note("好")).status, 403);
    let mgr = Client::as_role("sales_manager");
    let commented = mgr.timeline_comment(id, done.id, &note("同意,注意回款")).ok();
    assert_eq!(commented.comment_by.as_deref(), Some("周建华"));
    assert_eq!(mgr.timeline_comment(id, done.id, &note("覆盖")).status, 409);
    // Someone who cannot see the customer cannot reach its timeline.
    let other_customer = 3; // another rep's demo customer
    assert_eq!(rep.timeline_timeline(other_customer, &[]).status, 404);
    assert_eq!(rep.timeline_timeline(id, &[("before", "garbage")]).status, 400);
}
