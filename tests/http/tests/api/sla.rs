//! SLA over HTTP: a VIP customer's complaint gets the green channel (the VIP policy's targets,
//! high priority); the clock pauses while waiting for the customer and stops when resolved; the
//! "breaching soon" list holds running requests only; bad policies and calendars are refused
//! whole; and the Cron sweep warns the queue's supervisor, who finds it under their notices.

use schema::customer::Tier;
use schema::request::{
    AssignRequest, AutoRequestSettings, Priority, RequestChannel, RequestDetail, RequestInput, RequestKind,
    RequestStatus, StatusChange,
};
use schema::shipment::{EventInput, ShipmentInput, ShipmentStatus};
use schema::sla::{CalendarSpec, NoticesRead, SlaState};
use serde_json::json;
use waypost_http_tests::{Client, unique};

use crate::helpers::request;

fn status(c: &Client, d: &RequestDetail, to: RequestStatus, note: &str) -> RequestDetail {
    c.requests_set_status(
        d.request.id,
        &StatusChange { version: d.request.version, status: to, note: note.into() },
    )
    .ok()
}

#[test]
fn a_vip_complaint_runs_pauses_and_stops_its_clock() {
    let agent = Client::as_role("cs_agent");
    let policies = agent.sla_policies().ok();
    let vip = schema::sla::pick(&policies, RequestKind::Complaint, Some(Tier::Vip))
        .cloned()
        .unwrap_or_else(|| panic!("no complaint policy"));
    // 顺达物流 (customer 1) is a VIP.
    let complaint = RequestInput {
        description: format!("#{}", unique()),
        ..request(RequestKind::Complaint, RequestChannel::Phone, Some(1), "快递员态度差")
    };
    let created = agent.requests_create(&complaint).status_is(201);
    assert!(created.body["request"]["sla"].get("org_path").is_none(), "internal fields stay inside");
    let d: RequestDetail = created.json();
    let sla = d.request.sla.clone().unwrap_or_else(|| panic!("no SLA: {d:?}"));
    assert_eq!((sla.first_response_min, sla.resolve_min), (vip.first_response_min, vip.resolve_min));
    assert_eq!(d.request.priority, Priority::High, "the green channel");
    assert_eq!(sla.state, SlaState::Running);
    assert!(sla.left_s.is_some_and(|l| l > 0 && l <= vip.first_response_min * 60), "{:?}", sla.left_s);
    assert_eq!(sla.deadline, sla.first_response_due);

    // Breaching soon (within three days) lists it, soonest first.
    let breaching = || agent.requests_list(&[("view", "breaching"), ("hours", "72"), ("limit", "100")]).ok();
    let soon = breaching();
    assert!(soon.items.iter().any(|r| r.id == d.request.id), "{soon:?}");
    let dues: Vec<String> =
        soon.items.iter().filter_map(|r| r.sla.as_ref().and_then(|s| s.deadline.clone())).collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "soonest first: {dues:?}");
    assert_eq!(agent.requests_list(&[("view", "breaching"), ("hours", "0")]).status, 400);

    // Claimed, then waiting for the customer: paused, the time left kept, off the list.
    let d = agent
        .requests_claim(d.request.id, &AssignRequest { version: d.request.version, assignee_id: None })
        .ok();
    let paused = status(&agent, &d, RequestStatus::WaitingCustomer, "请提供破损照片");
    let p = paused.request.sla.clone().unwrap_or_default();
    assert_eq!((p.state, p.resolve_due.clone()), (SlaState::Paused, None));
    assert!(p.first_response_at.is_some(), "asking the customer answers them");
    assert!(p.remaining_s.is_some_and(|s| s > 0 && s <= vip.resolve_min * 60));
    assert!(!breaching().items.iter().any(|r| r.id == d.request.id), "paused requests are not breaching");
    // Resolved: stopped and in time.
    let working = status(&agent, &paused, RequestStatus::InProgress, "");
    let done = status(&agent, &working, RequestStatus::Resolved, "已致歉并批评教育");
    let s = done.request.sla.unwrap_or_default();
    assert_eq!((s.state, s.breached), (SlaState::Stopped, false));
}

#[test]
fn bad_policies_and_calendars_change_nothing() {
    let admin = Client::as_role("admin");
    let before = admin.sla_policies().ok();
    let mut rows = before.clone();
    rows[0].first_response_min = rows[0].resolve_min + 1;
    let r = admin.sla_replace_policies(&rows);
    assert_eq!((r.status, r.code()), (422, "validation_failed"), "{}", r.raw);
    assert!(r.body["fields"]["first_response_min"].is_string(), "{}", r.raw);
    assert_eq!(admin.sla_policies().ok(), before);
    let bad = vec![CalendarSpec { week: vec!["18:00-09:00".into(); 7], ..CalendarSpec::standard() }];
    assert_eq!(admin.sla_replace_calendars(&bad).status, 422);
    let nowhere = vec![CalendarSpec { org_id: Some(999_999), ..CalendarSpec::standard() }];
    assert_eq!(admin.sla_replace_calendars(&nowhere).status, 422, "an org that does not exist");
    let agent = Client::as_role("cs_agent");
    assert_eq!(agent.sla_replace_policies(&rows).status, 403);
}

#[test]
fn the_sweep_warns_the_supervisor_of_the_queue() {
    let admin = Client::as_role("admin");
    let policies = admin.sla_policies().ok();
    let calendars = admin.sla_calendars().ok();
    // Suggestions answered within 2 minutes round the clock, warned 2 minutes before: a new
    // one is due for a warning at once.
    let mut quick = policies.clone();
    for p in quick.iter_mut().filter(|p| p.kind == RequestKind::Suggestion) {
        (p.first_response_min, p.warn_before_min) = (2, 2);
    }
    let always = CalendarSpec { week: vec!["00:00-24:00".into(); 7], ..CalendarSpec::standard() };
    admin.sla_replace_policies(&quick).ok();
    admin.sla_replace_calendars(&vec![always]).ok();

    let supervisor = Client::as_role("cs_supervisor");
    let unread = |c: &Client| c.sla_unread().ok().n;
    let before = unread(&supervisor);
    let agent = Client::as_role("cs_agent");
    let subject = format!("建议增加夜间取件 #{}", unique());
    let d =
        agent.requests_create(&request(RequestKind::Suggestion, RequestChannel::Email, None, &subject)).ok();
    let r = Client::new().get("/cdn-cgi/handler/scheduled?cron=*/5+*+*+*+*");
    assert_eq!(r.status, 200, "{}", r.raw);
    // Restore the settings before asserting, so a failure leaves nothing behind.
    admin.sla_replace_policies(&policies).ok();
    admin.sla_replace_calendars(&calendars).ok();

    assert!(unread(&supervisor) > before, "the queue's supervisor is told");
    let notices = supervisor.sla_notices(&[("limit", "100")]).ok();
    let mine = notices.items.iter().find(|n| n.request_id == d.request.id);
    let mine = mine.unwrap_or_else(|| panic!("no notice: {notices:?}")).clone();
    assert_eq!((mine.kind.as_str(), mine.number.as_str()), ("sla_warn", d.request.number.as_str()));
    let after = agent.requests_get(d.request.id).ok();
    assert_eq!(after.request.sla.map(|s| s.level), Some(1));
    // Another person's notices are not mine to read.
    agent.sla_mark_read(&NoticesRead { ids: vec![mine.id] }).ok();
    assert!(unread(&supervisor) > before, "an agent cannot mark the supervisor's notices read");
    supervisor.sla_mark_read(&NoticesRead { ids: vec![mine.id] }).ok();
    let notices = supervisor.sla_notices(&[("limit", "100")]).ok();
    let read = notices.items.iter().find(|n| n.id == mine.id);
    assert!(read.is_some_and(|n| n.read_at.is_some()), "{notices:?}");
}

#[test]
fn an_exception_on_a_vip_waybill_opens_one_inquiry_with_its_clock() {
    let admin = Client::as_role("admin");
    let waybill = format!("WP{:012}", u64::from(unique()) * 1000 + 7);
    let parcel = ShipmentInput {
        waybill_no: waybill.clone(),
        customer_id: Some(1),
        consignee_name: "张三".into(),
        consignee_phone: "13900000001".into(),
        consignee_address: "杭州市西湖区文三路 1 号".into(),
        service_code: "express".into(),
        pieces: 1,
        ..Default::default()
    };
    let id = admin.shipments_create(&parcel).ok().shipment.id;
    let hub = Client::as_role("hub_ops");
    for (i, kind) in
        [ShipmentStatus::Exception, ShipmentStatus::AtHub, ShipmentStatus::Exception].into_iter().enumerate()
    {
        let at = (chrono::Utc::now() + chrono::Duration::seconds(i as i64 + 1))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let event =
            EventInput {
                at, kind: Some(kind), location: format!("虹桥转运中心 {i}"), ..Default::default()
            };
        hub.shipments_add_event(id, &event).status_is(201);
    }
    let agent = Client::as_role("cs_agent");
    let found = agent.requests_list(&[("q", &waybill)]).ok();
    assert_eq!(found.items.len(), 1, "one open inquiry per waybill and cause: {found:?}");
    let inquiry = &found.items[0];
    assert_eq!((inquiry.channel, inquiry.kind), (RequestChannel::Automatic, RequestKind::Inquiry));
    assert_eq!(inquiry.customer_id, Some(1));
    assert!(inquiry.sla.as_ref().is_some_and(|s| s.resolve_min > 0), "its clock started: {found:?}");
    // Admins can switch it off; others may not.
    let settings = admin.requests_auto_settings().ok();
    assert_eq!(settings, AutoRequestSettings { on_exception: true, on_overdue: true });
    let off = AutoRequestSettings { on_exception: false, on_overdue: true };
    assert_eq!(agent.requests_set_auto_settings(&off).status, 403);
    assert_eq!(admin.send("PUT", "/api/v1/auto-requests", &json!({"on_exception": "no"})).status, 422);
}
