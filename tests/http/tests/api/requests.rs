//! Service requests over HTTP: a visitor's problem report becomes a request in the intake queue;
//! an agent claims it and forwards it to the hub; hub staff answer publicly; the agent resolves
//! it; the customer follows it in the portal (public entries only). Illegal moves are 409 naming
//! the allowed ones; two agents changing it at once lose nothing; other customers get 404.

use schema::request::{RequestDetail, RequestStatus};
use serde_json::json;
use waypost_http_tests::{Client, DEMO_PASSWORD};

fn me(c: &Client) -> (i64, i64) {
    let r = c.get("/api/v1/auth/me");
    (
        r.body["staff"]["id"].as_i64().unwrap_or_default(),
        r.body["staff"]["org_id"].as_i64().unwrap_or_default(),
    )
}

#[test]
fn a_problem_report_is_claimed_forwarded_answered_and_resolved_and_the_customer_follows_it() {
    let visitor = Client::new();
    let text = format!("两天没有更新了 #{}", waypost_http_tests::unique());
    let r = visitor.post(
        "/api/v1/public/track/WP202611200002/report",
        &json!({"description": text, "contact_phone": "13900000002"}),
    );
    assert_eq!(r.status, 204, "{}", r.raw);

    let agent = Client::as_role("cs_agent");
    let queue = agent.get("/api/v1/requests?view=queue&q=WP202611200002");
    assert_eq!(queue.status, 200, "{}", queue.raw);
    let item = queue.body["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .find(|r| r["description"] == text.as_str())
        .unwrap_or_else(|| panic!("not in the intake queue: {}", queue.raw));
    assert_eq!((item["channel"].as_str(), item["kind"].as_str()), (Some("tracking_page"), Some("inquiry")));
    assert_eq!(item["customer_id"], 1, "the waybill's shipper");
    let id = item["id"].as_i64().unwrap_or_default();

    let r = agent.post(&format!("/api/v1/requests/{id}/claim"), &json!({"version": item["version"]}));
    assert_eq!(r.status, 200, "{}", r.raw);
    let claimed: RequestDetail = r.json();
    assert_eq!(claimed.request.status, RequestStatus::Assigned);
    let hub = Client::as_role("hub_ops");
    let (_, hub_org) = me(&hub);
    assert_eq!(hub.get(&format!("/api/v1/requests/{id}")).status, 404, "not the hub's yet");
    let r = agent.post(
        &format!("/api/v1/requests/{id}/forward"),
        &json!({"version": claimed.request.version, "org_id": hub_org, "reason": "请转运中心核实滞留原因"}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);

    // The hub sees it in its queue and answers the customer.
    let hub_queue = hub.get("/api/v1/requests?view=queue");
    assert!(
        hub_queue.body["items"].as_array().is_some_and(|a| a.iter().any(|r| r["id"] == id)),
        "{}",
        hub_queue.raw
    );
    let r = hub.post(
        &format!("/api/v1/requests/{id}/messages"),
        &json!({"body": "快件已于今日发出,明天送达。", "public": true}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let r = hub
        .post(&format!("/api/v1/requests/{id}/messages"), &json!({"body": "仓位 B3 漏扫", "public": false}));
    assert_eq!(r.status, 201);

    // The agent resolves it; resolving needs the resolution.
    let current: RequestDetail = agent.get(&format!("/api/v1/requests/{id}")).json();
    let r = agent.post(
        &format!("/api/v1/requests/{id}/status"),
        &json!({"version": current.request.version, "status": "resolved"}),
    );
    assert_eq!(r.status, 422, "{}", r.raw);
    let r = agent.post(
        &format!("/api/v1/requests/{id}/status"),
        &json!({"version": current.request.version, "status": "resolved", "note": "已与转运中心确认并加急派送"}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    let resolved: RequestDetail = r.json();
    assert_eq!(resolved.next, vec![RequestStatus::Closed, RequestStatus::Reopened]);
    // An illegal move names the allowed ones.
    let r = agent.post(
        &format!("/api/v1/requests/{id}/status"),
        &json!({"version": resolved.request.version, "status": "in_progress"}),
    );
    assert_eq!((r.status, r.code()), (409, "wrong_state"), "{}", r.raw);
    let allowed = r.body["fields"]["status"].as_str().unwrap_or_default();
    assert!(allowed.contains("已关闭") && allowed.contains("已重开"), "{allowed}");

    // The customer sees the hub's reply and the resolution — not the hop, nor the note.
    let mut customer = Client::new();
    assert_eq!(customer.portal_login("13912345678", DEMO_PASSWORD).status, 200);
    let mine: RequestDetail = customer.get(&format!("/api/v1/portal/requests/{id}")).json();
    assert_eq!(mine.request.status, RequestStatus::Resolved);
    let bodies: Vec<&str> = mine.entries.iter().map(|e| e.body.as_str()).collect();
    assert!(bodies.contains(&"快件已于今日发出,明天送达。"), "{bodies:?}");
    assert!(bodies.contains(&"已与转运中心确认并加急派送"));
    assert!(
        !bodies.iter().any(|b| b.contains("B3") || b.contains("滞留原因")),
        "internal entries leak: {bodies:?}"
    );
    let notices = customer.get("/api/v1/portal/notices");
    assert!(notices.raw.contains(&mine.request.number), "{}", notices.raw);
    // It is on the customer's timeline too.
    let timeline = agent.get("/api/v1/customers/1/timeline?limit=100");
    let on_it = timeline.body["items"]
        .as_array()
        .is_some_and(|a| a.iter().any(|i| i["type"] == "request" && i["id"] == id));
    assert!(on_it, "{}", timeline.raw);
    // The customer reopens it (within a week of resolution).
    let r = customer
        .post(&format!("/api/v1/portal/requests/{id}/reopen"), &json!({"version": mine.request.version}));
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(r.body["request"]["status"], "reopened");
}

#[test]
fn customers_open_requests_and_never_see_others() {
    let mut customer = Client::new();
    assert_eq!(customer.portal_login("13912345678", DEMO_PASSWORD).status, 200);
    let r = customer.post(
        "/api/v1/portal/requests",
        &json!({"kind": "complaint", "subject": "快递员态度差", "description": "取件时催促", "channel": "phone"}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let d: RequestDetail = r.json();
    assert_eq!(d.request.customer_id, Some(1));
    assert_eq!(
        serde_json::to_value(d.request.channel).unwrap_or_default(),
        "portal",
        "the portal fixes the channel"
    );
    let bad = customer.post("/api/v1/portal/requests", &json!({"kind": "complaint", "subject": " "}));
    assert_eq!(bad.status, 422);
    // A request of another customer is not there for this one.
    let staff = Client::as_role("cs_agent");
    let other = staff.post(
        "/api/v1/requests",
        &json!({"kind": "consultation", "channel": "phone", "customer_id": 2, "subject": "月结开户"}),
    );
    assert_eq!(other.status, 201, "{}", other.raw);
    let other_id = other.body["request"]["id"].as_i64().unwrap_or_default();
    assert_eq!(customer.get(&format!("/api/v1/portal/requests/{other_id}")).status, 404);
    let r = customer.post(&format!("/api/v1/portal/requests/{other_id}/messages"), &json!({"body": "hi"}));
    assert_eq!(r.status, 404);
}

#[test]
fn two_agents_changing_a_request_at_once_lose_nothing() {
    let a = Client::as_role("cs_agent");
    let b = Client::as_role("cs_supervisor");
    let r =
        a.post("/api/v1/requests", &json!({"kind": "inquiry", "channel": "phone", "subject": "同时处理"}));
    assert_eq!(r.status, 201, "{}", r.raw);
    let d: RequestDetail = r.json();
    let id = d.request.id;
    let body = |status: &str| json!({"version": d.request.version, "status": status});
    let (ra, rb) = std::thread::scope(|s| {
        let ta = s.spawn(|| a.post(&format!("/api/v1/requests/{id}/status"), &body("in_progress")));
        let tb = s.spawn(|| b.post(&format!("/api/v1/requests/{id}/status"), &body("waiting_internal")));
        (ta.join().map(|r| r.status).unwrap_or(0), tb.join().map(|r| r.status).unwrap_or(0))
    });
    let mut statuses = [ra, rb];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "exactly one wins");
    let after: RequestDetail = a.get(&format!("/api/v1/requests/{id}")).json();
    let changes = after.entries.iter().filter(|e| e.kind == "status").count();
    assert_eq!(changes, 1, "one status entry, not two");
}

#[test]
fn agents_read_the_scripts_and_admins_edit_them() {
    let agent = Client::as_role("cs_agent");
    let list = agent.get("/api/v1/canned-replies");
    assert_eq!(list.status, 200, "{}", list.raw);
    assert_eq!(list.body[0]["title"], "开场白", "the documents' greeting first");
    let original = list.body.clone();
    assert_eq!(agent.send("PUT", "/api/v1/canned-replies", &json!([])).status, 403);
    let admin = Client::as_role("admin");
    let bad =
        admin.send("PUT", "/api/v1/canned-replies", &json!([{"kind": "poem", "title": "", "body": "x"}]));
    assert_eq!(bad.status, 422, "{}", bad.raw);
    assert_eq!(agent.get("/api/v1/canned-replies").body, original, "a refused list changes nothing");
    let r = admin.send(
        "PUT",
        "/api/v1/canned-replies",
        &json!([{"kind": "script", "title": "开场白", "body": "您好,这里是迅捷速运。"}]),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(r.body.as_array().map(Vec::len), Some(1));
    // Put the defaults back for whoever reads them next.
    assert_eq!(admin.send("PUT", "/api/v1/canned-replies", &original).status, 200);
}

#[test]
fn open_requests_are_counted_per_kind_and_status_within_reach() {
    let agent = Client::as_role("cs_agent");
    let count = |c: &Client, kind: &str| -> i64 {
        let r = c.get("/api/v1/requests/counts");
        assert_eq!(r.status, 200, "{}", r.raw);
        r.body
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter(|x| x["kind"] == kind)
            .map(|x| x["n"].as_i64().unwrap_or(0))
            .sum()
    };
    let before = count(&agent, "suggestion");
    let r = agent.post(
        "/api/v1/requests",
        &json!({"kind": "suggestion", "channel": "email", "subject": "希望增加夜间取件"}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    assert!(count(&agent, "suggestion") > before, "the new one counts");
    // The courier's reach is their outlet: the intake queue's requests are not theirs.
    let courier = Client::as_role("courier");
    assert_eq!(count(&courier, "suggestion"), 0);
}

#[test]
fn a_routing_rule_sends_a_new_request_to_its_org() {
    let admin = Client::as_role("admin");
    let hub = Client::as_role("hub_ops");
    let hub_org = hub.get("/api/v1/auth/me").body["staff"]["org_id"].as_i64().unwrap_or_default();
    let before = admin.get("/api/v1/routing-rules");
    assert_eq!(before.status, 200, "{}", before.raw);
    // Suggestions from Shanghai customers go to the hub (顺达物流 is in 上海市).
    let rules = json!([{"kind": "suggestion", "region": "上海", "org_id": hub_org}]);
    let r = admin.send("PUT", "/api/v1/routing-rules", &rules);
    assert_eq!(r.status, 200, "{}", r.raw);
    assert!(r.body[0]["org_name"].is_string(), "{}", r.raw);
    let agent = Client::as_role("cs_agent");
    let routed = agent.post(
        "/api/v1/requests",
        &json!({"kind": "suggestion", "channel": "phone", "customer_id": 1, "subject": "建议周末也能上门取件"}),
    );
    let other = agent.post(
        "/api/v1/requests",
        &json!({"kind": "inquiry", "channel": "phone", "customer_id": 1, "subject": "查询运费"}),
    );
    // Put the rules back before asserting.
    assert_eq!(admin.send("PUT", "/api/v1/routing-rules", &before.body).status, 200);
    assert_eq!(routed.status, 201, "{}", routed.raw);
    assert_eq!(routed.body["request"]["org_id"].as_i64(), Some(hub_org), "{}", routed.raw);
    assert_ne!(other.body["request"]["org_id"].as_i64(), Some(hub_org), "another kind: the intake queue");
    // A rule must name an existing org; only admins edit them.
    let bad = json!([{"kind": null, "region": "", "location": "", "org_id": 999999}]);
    assert_eq!(admin.send("PUT", "/api/v1/routing-rules", &bad).status, 422);
    assert_eq!(agent.send("PUT", "/api/v1/routing-rules", &rules).status, 403);
}
