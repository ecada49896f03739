//! SLA over HTTP: a VIP customer's complaint gets the green channel (the VIP policy's targets,
//! high priority); the clock pauses while waiting for the customer and stops when resolved; the
//! "breaching soon" list holds running requests only; bad policies and calendars are refused
//! whole; and the Cron sweep warns the queue's supervisor, who finds it under their notices.

use schema::request::{Priority, RequestDetail};
use schema::sla::{CalendarSpec, SlaPolicy, SlaState};
use serde_json::json;
use waypost_http_tests::Client;

fn status(c: &Client, d: &RequestDetail, to: &str, note: &str) -> RequestDetail {
    let r = c.post(
        &format!("/api/v1/requests/{}/status", d.request.id),
        &json!({"version": d.request.version, "status": to, "note": note}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    r.json()
}

#[test]
fn a_vip_complaint_runs_pauses_and_stops_its_clock() {
    let agent = Client::as_role("cs_agent");
    let policies: Vec<SlaPolicy> = agent.get("/api/v1/sla/policies").json();
    let vip = schema::sla::pick(
        &policies,
        schema::request::RequestKind::Complaint,
        Some(schema::customer::Tier::Vip),
    )
    .cloned()
    .unwrap_or_else(|| panic!("no complaint policy"));
    // 顺达物流 (customer 1) is a VIP.
    let r = agent.post(
        "/api/v1/requests",
        &json!({"kind": "complaint", "channel": "phone", "customer_id": 1, "subject": "快递员态度差",
                "description": format!("#{}", waypost_http_tests::unique())}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let d: RequestDetail = r.json();
    let sla = d.request.sla.clone().unwrap_or_else(|| panic!("no SLA: {}", r.raw));
    assert_eq!((sla.first_response_min, sla.resolve_min), (vip.first_response_min, vip.resolve_min));
    assert_eq!(d.request.priority, Priority::High, "the green channel");
    assert_eq!(sla.state, SlaState::Running);
    assert!(sla.left_s.is_some_and(|l| l > 0 && l <= vip.first_response_min * 60), "{:?}", sla.left_s);
    assert_eq!(sla.deadline, sla.first_response_due);
    assert!(r.body["request"]["sla"].get("org_path").is_none(), "internal fields stay inside");

    // Breaching soon (within three days) lists it, soonest first.
    let soon = agent.get("/api/v1/requests?view=breaching&hours=72&limit=100");
    assert_eq!(soon.status, 200, "{}", soon.raw);
    let ids: Vec<i64> =
        soon.body["items"].as_array().into_iter().flatten().filter_map(|r| r["id"].as_i64()).collect();
    assert!(ids.contains(&d.request.id), "{}", soon.raw);
    let dues: Vec<String> = soon.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["sla"]["deadline"].as_str().map(String::from))
        .collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "soonest first: {dues:?}");
    assert_eq!(agent.get("/api/v1/requests?view=breaching&hours=0").status, 400);

    // Claimed, then waiting for the customer: paused, the time left kept, off the list.
    let r = agent
        .post(&format!("/api/v1/requests/{}/claim", d.request.id), &json!({"version": d.request.version}));
    let d: RequestDetail = r.json();
    let paused = status(&agent, &d, "waiting_customer", "请提供破损照片");
    let p = paused.request.sla.clone().unwrap_or_default();
    assert_eq!((p.state, p.resolve_due.clone()), (SlaState::Paused, None));
    assert!(p.first_response_at.is_some(), "asking the customer answers them");
    assert!(p.remaining_s.is_some_and(|s| s > 0 && s <= vip.resolve_min * 60));
    let soon = agent.get("/api/v1/requests?view=breaching&hours=72&limit=100");
    assert!(!soon.raw.contains(&format!("\"id\":{},", d.request.id)), "paused requests are not breaching");
    // Resolved: stopped and in time.
    let done = status(&agent, &status(&agent, &paused, "in_progress", ""), "resolved", "已致歉并批评教育");
    let s = done.request.sla.unwrap_or_default();
    assert_eq!((s.state, s.breached), (SlaState::Stopped, false));
}

#[test]
fn bad_policies_and_calendars_change_nothing() {
    let admin = Client::as_role("admin");
    let before = admin.get("/api/v1/sla/policies").raw;
    let mut rows: Vec<SlaPolicy> = admin.get("/api/v1/sla/policies").json();
    rows[0].first_response_min = rows[0].resolve_min + 1;
    let r = admin.send("PUT", "/api/v1/sla/policies", &rows);
    assert_eq!((r.status, r.code()), (422, "validation_failed"), "{}", r.raw);
    assert!(r.body["fields"]["first_response_min"].is_string(), "{}", r.raw);
    assert_eq!(admin.get("/api/v1/sla/policies").raw, before);
    let bad = vec![CalendarSpec { week: vec!["18:00-09:00".into(); 7], ..CalendarSpec::standard() }];
    let r = admin.send("PUT", "/api/v1/sla/calendars", &bad);
    assert_eq!(r.status, 422, "{}", r.raw);
    let r = admin.send(
        "PUT",
        "/api/v1/sla/calendars",
        &vec![CalendarSpec { org_id: Some(999_999), ..CalendarSpec::standard() }],
    );
    assert_eq!(r.status, 422, "an org that does not exist: {}", r.raw);
    let agent = Client::as_role("cs_agent");
    assert_eq!(agent.send("PUT", "/api/v1/sla/policies", &rows).status, 403);
}

#[test]
fn the_sweep_warns_the_supervisor_of_the_queue() {
    let admin = Client::as_role("admin");
    let policies: Vec<SlaPolicy> = admin.get("/api/v1/sla/policies").json();
    let calendars: Vec<CalendarSpec> = admin.get("/api/v1/sla/calendars").json();
    // Suggestions answered within 2 minutes round the clock, warned 2 minutes before: a new
    // one is due for a warning at once.
    let mut quick = policies.clone();
    for p in quick.iter_mut().filter(|p| p.kind == schema::request::RequestKind::Suggestion) {
        (p.first_response_min, p.warn_before_min) = (2, 2);
    }
    let always = CalendarSpec { week: vec!["00:00-24:00".into(); 7], ..CalendarSpec::standard() };
    assert_eq!(admin.send("PUT", "/api/v1/sla/policies", &quick).status, 200);
    assert_eq!(admin.send("PUT", "/api/v1/sla/calendars", &vec![always]).status, 200);

    let supervisor = Client::as_role("cs_supervisor");
    let unread = |c: &Client| c.get("/api/v1/notices/unread").body["n"].as_i64().unwrap_or(-1);
    let before = unread(&supervisor);
    let agent = Client::as_role("cs_agent");
    let r = agent.post(
        "/api/v1/requests",
        &json!({"kind": "suggestion", "channel": "email", "subject": format!("建议增加夜间取件 #{}", waypost_http_tests::unique())}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let d: RequestDetail = r.json();
    let r = Client::new().get("/cdn-cgi/handler/scheduled?cron=*/5+*+*+*+*");
    assert_eq!(r.status, 200, "{}", r.raw);
    // Restore the settings before asserting, so a failure leaves nothing behind.
    assert_eq!(admin.send("PUT", "/api/v1/sla/policies", &policies).status, 200);
    assert_eq!(admin.send("PUT", "/api/v1/sla/calendars", &calendars).status, 200);

    assert!(unread(&supervisor) > before, "the queue's supervisor is told");
    let notices = supervisor.get("/api/v1/notices?limit=100");
    let mine = notices.body["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|n| n["request_id"] == d.request.id)
        .cloned()
        .unwrap_or_else(|| panic!("no notice: {}", notices.raw));
    assert_eq!(mine["kind"], "sla_warn");
    assert_eq!(mine["number"], d.request.number.as_str());
    let after: RequestDetail = agent.get(&format!("/api/v1/requests/{}", d.request.id)).json();
    assert_eq!(after.request.sla.map(|s| s.level), Some(1));
    // Another person's notices are not mine to read.
    let r = agent.post("/api/v1/notices/read", &json!({"ids": [mine["id"]]}));
    assert_eq!(r.status, 200);
    assert!(unread(&supervisor) > before, "an agent cannot mark the supervisor's notices read");
    let r = supervisor.post("/api/v1/notices/read", &json!({"ids": [mine["id"]]}));
    assert_eq!(r.status, 200, "{}", r.raw);
    let notices = supervisor.get("/api/v1/notices?limit=100");
    let read =
        notices.body["items"].as_array().into_iter().flatten().find(|n| n["id"] == mine["id"]).cloned();
    assert!(read.is_some_and(|n| n["read_at"].is_string()), "{}", notices.raw);
}

#[test]
fn an_exception_on_a_vip_waybill_opens_one_inquiry_with_its_clock() {
    let admin = Client::as_role("admin");
    let waybill = format!("WP{:012}", u64::from(waypost_http_tests::unique()) * 1000 + 7);
    let r = admin.post(
        "/api/v1/shipments",
        &json!({"waybill_no": waybill, "customer_id": 1, "consignee_name": "张三", "consignee_phone": "13900000001",
                "consignee_address": "杭州市西湖区文三路 1 号", "service_code": "express"}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let id = r.body["shipment"]["id"].as_i64().unwrap_or_default();
    let hub = Client::as_role("hub_ops");
    for (i, kind) in ["exception", "at_hub", "exception"].iter().enumerate() {
        let at = (chrono::Utc::now() + chrono::Duration::seconds(i as i64 + 1))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let r = hub.post(
            &format!("/api/v1/shipments/{id}/events"),
            &json!({"waybill_no": "", "at": at, "type": kind, "location": format!("虹桥转运中心 {i}")}),
        );
        assert_eq!(r.status, 201, "{}", r.raw);
    }
    let agent = Client::as_role("cs_agent");
    let found = agent.get(&format!("/api/v1/requests?q={waybill}"));
    let items = found.body["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1, "one open inquiry per waybill and cause: {}", found.raw);
    assert_eq!(
        (items[0]["channel"].as_str(), items[0]["kind"].as_str()),
        (Some("automatic"), Some("inquiry"))
    );
    assert_eq!(items[0]["customer_id"], 1);
    assert!(items[0]["sla"]["resolve_min"].is_i64(), "its clock started: {}", found.raw);
    // Admins can switch it off; others may not.
    let settings = admin.get("/api/v1/auto-requests");
    assert_eq!(settings.body, json!({"on_exception": true, "on_overdue": true}));
    assert_eq!(
        agent
            .send("PUT", "/api/v1/auto-requests", &json!({"on_exception": false, "on_overdue": true}))
            .status,
        403
    );
    assert_eq!(admin.send("PUT", "/api/v1/auto-requests", &json!({"on_exception": "no"})).status, 422);
}
