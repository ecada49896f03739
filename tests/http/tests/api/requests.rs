//! Service requests over HTTP: a visitor's problem report becomes a request in the intake queue;
//! an agent claims it and forwards it to the hub; hub staff answer publicly; the agent resolves
//! it; the customer follows it in the portal (public entries only). Illegal moves are 409 naming
//! the allowed ones; two agents changing it at once lose nothing; other customers get 404.

use schema::interaction::TimelineItem;
use schema::request::{
    AssignRequest, CannedKind, CannedReply, ForwardRequest, MessageInput, RequestChannel, RequestDetail,
    RequestInput, RequestKind, RequestStatus, StatusChange,
};
use schema::routing::RoutingRule;
use schema::shipment::ProblemReport;
use serde_json::json;
use waypost_http_tests::{Client, DEMO_PASSWORD};

use crate::helpers::request;

fn me(c: &Client) -> (i64, i64) {
    let me = c.auth_me().ok();
    (me.staff.id, me.staff.org_id)
}

fn status(version: i64, status: RequestStatus, note: &str) -> StatusChange {
    StatusChange { version, status, note: note.into() }
}

fn message(body: &str, public: bool) -> MessageInput {
    MessageInput { body: body.into(), public }
}

fn portal_customer() -> Client {
    let mut customer = Client::new();
    assert_eq!(customer.portal_login("13912345678", DEMO_PASSWORD).status, 200);
    customer
}

#[test]
fn a_problem_report_is_claimed_forwarded_answered_and_resolved_and_the_customer_follows_it() {
    let visitor = Client::new();
    let text = format!("两天没有更新了 #{}", waypost_http_tests::unique());
    let report = ProblemReport { description: text.clone(), contact_phone: "13900000002".into() };
    visitor.track_report("WP202611200002", &report).status_is(204);

    let agent = Client::as_role("cs_agent");
    let queue = agent.requests_list(&[("view", "queue"), ("q", "WP202611200002")]).ok();
    let item = queue.items.iter().find(|r| r.description == text);
    let item = item.unwrap_or_else(|| panic!("not in the intake queue: {queue:?}"));
    assert_eq!((item.channel, item.kind), (RequestChannel::TrackingPage, RequestKind::Inquiry));
    assert_eq!(item.customer_id, Some(1), "the waybill's shipper");
    let id = item.id;

    let claimed = agent.requests_claim(id, &AssignRequest { version: item.version, assignee_id: None }).ok();
    assert_eq!(claimed.request.status, RequestStatus::Assigned);
    let hub = Client::as_role("hub_ops");
    let (_, hub_org) = me(&hub);
    assert_eq!(hub.requests_get(id).status, 404, "not the hub's yet");
    let hop = ForwardRequest {
        version: claimed.request.version,
        org_id: hub_org,
        reason: "请转运中心核实滞留原因".into(),
    };
    agent.requests_forward(id, &hop).ok();

    // The hub sees it in its queue and answers the customer.
    let hub_queue = hub.requests_list(&[("view", "queue")]).ok();
    assert!(hub_queue.items.iter().any(|r| r.id == id), "{hub_queue:?}");
    hub.requests_message(id, &message("快件已于今日发出,明天送达。", true)).status_is(201);
    hub.requests_message(id, &message("仓位 B3 漏扫", false)).status_is(201);

    // The agent resolves it; resolving needs the resolution.
    let current = agent.requests_get(id).ok();
    let v = current.request.version;
    assert_eq!(agent.requests_set_status(id, &status(v, RequestStatus::Resolved, "")).status, 422);
    let resolved =
        agent.requests_set_status(id, &status(v, RequestStatus::Resolved, "已与转运中心确认并加急派送")).ok();
    assert_eq!(resolved.next, vec![RequestStatus::Closed, RequestStatus::Reopened]);
    // An illegal move names the allowed ones.
    let r = agent.requests_set_status(id, &status(resolved.request.version, RequestStatus::InProgress, ""));
    assert_eq!((r.status, r.code()), (409, "wrong_state"), "{}", r.raw);
    let allowed = r.body["fields"]["status"].as_str().unwrap_or_default();
    assert!(allowed.contains("已关闭") && allowed.contains("已重开"), "{allowed}");

    // The customer sees the hub's reply and the resolution — not the hop, nor the note.
    let customer = portal_customer();
    let mine = customer.portal_requests_get(id).ok();
    assert_eq!(mine.request.status, RequestStatus::Resolved);
    let bodies: Vec<&str> = mine.entries.iter().map(|e| e.body.as_str()).collect();
    assert!(bodies.contains(&"快件已于今日发出,明天送达。"), "{bodies:?}");
    assert!(bodies.contains(&"已与转运中心确认并加急派送"));
    assert!(
        !bodies.iter().any(|b| b.contains("B3") || b.contains("滞留原因")),
        "internal entries leak: {bodies:?}"
    );
    let notices = customer.portal_notices().ok();
    assert!(notices.iter().any(|n| n.text.contains(&mine.request.number)), "{notices:?}");
    // It is on the customer's timeline too.
    let timeline = agent.timeline_timeline(1, &[("limit", "100")]).ok();
    let on_it = timeline.items.iter().any(|i| matches!(i, TimelineItem::Request(r) if r.id == id));
    assert!(on_it, "{timeline:?}");
    // The customer reopens it (within a week of resolution).
    let reopen = AssignRequest { version: mine.request.version, assignee_id: None };
    let reopened = customer.portal_requests_reopen(id, &reopen).ok();
    assert_eq!(reopened.request.status, RequestStatus::Reopened);
}

#[test]
fn customers_open_requests_and_never_see_others() {
    let customer = portal_customer();
    let complaint = RequestInput {
        description: "取件时催促".into(),
        ..request(RequestKind::Complaint, RequestChannel::Phone, None, "快递员态度差")
    };
    let d: RequestDetail = customer.portal_requests_create(&complaint).status_is(201).json();
    assert_eq!(d.request.customer_id, Some(1));
    assert_eq!(d.request.channel, RequestChannel::Portal, "the portal fixes the channel");
    let blank =
        RequestInput { kind: Some(RequestKind::Complaint), subject: " ".into(), ..Default::default() };
    assert_eq!(customer.portal_requests_create(&blank).status, 422);
    // A request of another customer is not there for this one.
    let staff = Client::as_role("cs_agent");
    let other = request(RequestKind::Consultation, RequestChannel::Phone, Some(2), "月结开户");
    let other: RequestDetail = staff.requests_create(&other).status_is(201).json();
    let other_id = other.request.id;
    assert_eq!(customer.portal_requests_get(other_id).status, 404);
    assert_eq!(customer.portal_requests_message(other_id, &message("hi", true)).status, 404);
}

#[test]
fn two_agents_changing_a_request_at_once_lose_nothing() {
    let a = Client::as_role("cs_agent");
    let b = Client::as_role("cs_supervisor");
    let new = request(RequestKind::Inquiry, RequestChannel::Phone, None, "同时处理");
    let d: RequestDetail = a.requests_create(&new).status_is(201).json();
    let id = d.request.id;
    let to = |s| status(d.request.version, s, "");
    let (ra, rb) = std::thread::scope(|s| {
        let ta = s.spawn(|| a.requests_set_status(id, &to(RequestStatus::InProgress)).status);
        let tb = s.spawn(|| b.requests_set_status(id, &to(RequestStatus::WaitingInternal)).status);
        (ta.join().unwrap_or(0), tb.join().unwrap_or(0))
    });
    let mut statuses = [ra, rb];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "exactly one wins");
    let after = a.requests_get(id).ok();
    let changes = after.entries.iter().filter(|e| e.kind == "status").count();
    assert_eq!(changes, 1, "one status entry, not two");
}

#[test]
fn agents_read_the_scripts_and_admins_edit_them() {
    let agent = Client::as_role("cs_agent");
    let original = agent.requests_canned().ok();
    assert_eq!(original[0].title, "开场白", "the documents' greeting first");
    assert_eq!(agent.requests_replace_canned(&vec![]).status, 403);
    let admin = Client::as_role("admin");
    let bad =
        admin.send("PUT", "/api/v1/canned-replies", &json!([{"kind": "poem", "title": "", "body": "x"}]));
    assert_eq!(bad.status, 422, "{}", bad.raw);
    let blank = CannedReply { kind: CannedKind::Reply, title: String::new(), body: "x".into() };
    assert_eq!(admin.requests_replace_canned(&vec![blank]).status, 422);
    assert_eq!(agent.requests_canned().ok(), original, "a refused list changes nothing");
    let one = CannedReply {
        kind: CannedKind::Script,
        title: "开场白".into(),
        body: "您好,这里是迅捷速运。".into(),
    };
    assert_eq!(admin.requests_replace_canned(&vec![one]).ok().len(), 1);
    // Put the defaults back for whoever reads them next.
    admin.requests_replace_canned(&original).ok();
}

#[test]
fn open_requests_are_counted_per_kind_and_status_within_reach() {
    let agent = Client::as_role("cs_agent");
    let count = |c: &Client, kind: RequestKind| -> i64 {
        c.requests_counts().ok().iter().filter(|x| x.kind == kind).map(|x| x.n).sum()
    };
    let before = count(&agent, RequestKind::Suggestion);
    let new = request(RequestKind::Suggestion, RequestChannel::Email, None, "希望增加夜间取件");
    agent.requests_create(&new).status_is(201);
    assert!(count(&agent, RequestKind::Suggestion) > before, "the new one counts");
    // The courier's reach is their outlet: the intake queue's requests are not theirs.
    let courier = Client::as_role("courier");
    assert_eq!(count(&courier, RequestKind::Suggestion), 0);
}

#[test]
fn a_routing_rule_sends_a_new_request_to_its_org() {
    let admin = Client::as_role("admin");
    let hub = Client::as_role("hub_ops");
    let (_, hub_org) = me(&hub);
    let before = admin.requests_routing_rules().ok();
    // Suggestions from Shanghai customers go to the hub (顺达物流 is in 上海市).
    let rule = |kind, region: &str, org_id| RoutingRule {
        kind,
        region: region.into(),
        location: String::new(),
        org_id,
        org_name: None,
    };
    let rules = vec![rule(Some(RequestKind::Suggestion), "上海", hub_org)];
    let saved = admin.requests_replace_routing_rules(&rules).ok();
    assert!(saved[0].org_name.is_some(), "{saved:?}");
    let agent = Client::as_role("cs_agent");
    let routed = agent.requests_create(&request(
        RequestKind::Suggestion,
        RequestChannel::Phone,
        Some(1),
        "建议周末也能上门取件",
    ));
    let other =
        agent.requests_create(&request(RequestKind::Inquiry, RequestChannel::Phone, Some(1), "查询运费"));
    // Put the rules back before asserting.
    admin.requests_replace_routing_rules(&before).ok();
    let routed: RequestDetail = routed.status_is(201).json();
    assert_eq!(routed.request.org_id, hub_org);
    assert_ne!(other.ok().request.org_id, hub_org, "another kind: the intake queue");
    // A rule must name an existing org; only admins edit them.
    assert_eq!(admin.requests_replace_routing_rules(&vec![rule(None, "", 999_999)]).status, 422);
    assert_eq!(agent.requests_replace_routing_rules(&rules).status, 403);
}
