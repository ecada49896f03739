//! Locations and the timeline over HTTP: one default location, interactions logged and planned,
//! follow-ups, a manager's comment, versioned edits, and scope.

use schema::customer::CustomerDetail;
use schema::interaction::{Interaction, TimelinePage};
use serde_json::json;
use waypost_http_tests::{Client, unique};

fn customer(c: &Client) -> CustomerDetail {
    let r =
        c.post("/api/v1/customers", &json!({"kind": "company", "name": format!("时间线客户{}", unique())}));
    assert_eq!(r.status, 201, "{}", r.raw);
    r.json()
}

#[test]
fn locations_keep_one_default_and_refuse_bad_input() {
    let rep = Client::as_role("sales_rep");
    let c = customer(&rep);
    let base = format!("/api/v1/customers/{}/locations", c.customer.id);
    let bad = rep.post(&base, &json!({"address": "", "postcode": "1234", "phone": "12"}));
    assert_eq!(bad.status, 422, "{}", bad.raw);
    assert_eq!(bad.body["fields"]["address"].as_str().map(|s| !s.is_empty()), Some(true));
    assert!(bad.body["fields"]["postcode"].is_string() && bad.body["fields"]["phone"].is_string());
    let one = rep.post(&base, &json!({"label": "仓库", "city": "上海市", "address": "闵行区沪闵路 100 号"}));
    assert_eq!(one.status, 201, "{}", one.raw);
    let two =
        rep.post(&base, &json!({"label": "门店", "address": "徐汇区漕溪北路 8 号", "is_default": true}));
    let d: CustomerDetail = two.json();
    assert_eq!(d.locations.len(), 2);
    assert_eq!(d.locations.iter().filter(|l| l.is_default).count(), 1);
    assert_eq!(d.locations[0].label, "门店", "the default comes first");
    // A stale edit gets 409 with the current version; the right one succeeds.
    let l = &d.locations[1];
    let url = format!("{base}/{}", l.id);
    let stale = rep.patch(&url, &json!({"version": l.version + 5, "address": "别处"}));
    assert_eq!((stale.status, stale.body["current_version"].as_i64()), (409, Some(l.version)));
    let ok =
        rep.patch(&url, &json!({"version": l.version, "label": "仓库", "address": "闵行区沪闵路 200 号"}));
    assert_eq!(ok.status, 200, "{}", ok.raw);
    // Another rep's customer (demo customer 3) is out of reach.
    assert_eq!(rep.post("/api/v1/customers/3/locations", &json!({"address": "x"})).status, 404);
    assert_eq!(rep.request("DELETE", &url, None, &[]).status, 204);
    let after: CustomerDetail = rep.get(&format!("/api/v1/customers/{}", c.customer.id)).json();
    assert_eq!(after.locations.len(), 1);
}

#[test]
fn interactions_make_a_timeline_and_follow_ups_and_managers_comment() {
    let rep = Client::as_role("sales_rep");
    let c = customer(&rep);
    let base = format!("/api/v1/customers/{}/interactions", c.customer.id);
    let logged = rep.post(&base, &json!({"kind": "call", "summary": "询问月结价格"}));
    assert_eq!(logged.status, 201, "{}", logged.raw);
    let planned = rep.post(
        &base,
        &json!({"kind": "visit", "status": "planned", "summary": "上门签约", "due_at": "2030-01-02T02:00:00Z"}),
    );
    assert_eq!(planned.status, 201, "{}", planned.raw);
    let planned: Interaction = planned.json();
    // Planned without a time, done in the future, unknown kind: field errors, nothing written.
    let bad = rep.post(&base, &json!({"kind": "visit", "status": "planned", "summary": "x"}));
    assert_eq!((bad.status, bad.body["fields"]["due_at"].is_string()), (422, true), "{}", bad.raw);
    let future = rep.post(&base, &json!({"kind": "call", "summary": "x", "done_at": "2099-01-01T00:00:00Z"}));
    assert_eq!((future.status, future.body["fields"]["done_at"].is_string()), (422, true));
    assert_eq!(rep.post(&base, &json!({"kind": "fax", "summary": "x"})).status, 422);
    let tl: TimelinePage = rep.get(&format!("/api/v1/customers/{}/timeline", c.customer.id)).json();
    assert_eq!(tl.items.len(), 3, "two interactions and the lifecycle start");
    // The follow-up is on the rep's list until it is done.
    let mine: Vec<Interaction> = rep.get("/api/v1/follow-ups").json();
    assert!(mine.iter().any(|i| i.id == planned.id));
    let url = format!("{base}/{}", planned.id);
    let done = rep.patch(
        &url,
        &json!({"version": planned.version, "kind": "visit", "status": "done", "summary": "已签约"}),
    );
    assert_eq!(done.status, 200, "{}", done.raw);
    let mine: Vec<Interaction> = rep.get("/api/v1/follow-ups").json();
    assert!(!mine.iter().any(|i| i.id == planned.id));
    let seen: CustomerDetail = rep.get(&format!("/api/v1/customers/{}", c.customer.id)).json();
    assert!(seen.customer.last_contact_at.is_some());
    // Reps may not comment; the manager may, once per version.
    let done: Interaction = done.json();
    let comment = format!("{url}/comment");
    assert_eq!(rep.post(&comment, &json!({"version": done.version, "comment": "好"})).status, 403);
    let mgr = Client::as_role("sales_manager");
    let ok = mgr.post(&comment, &json!({"version": done.version, "comment": "同意,注意回款"}));
    assert_eq!(ok.status, 200, "{}", ok.raw);
    assert_eq!(ok.body["comment_by"], "周建华");
    let again = mgr.post(&comment, &json!({"version": done.version, "comment": "覆盖"}));
    assert_eq!(again.status, 409);
    // Someone who cannot see the customer cannot reach its timeline.
    let other_customer = 3; // another rep's demo customer
    assert_eq!(rep.get(&format!("/api/v1/customers/{other_customer}/timeline")).status, 404);
    assert_eq!(rep.get(&format!("/api/v1/customers/{}/timeline?before=garbage", c.customer.id)).status, 400);
}
