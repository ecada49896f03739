//! SLA against SQLite with the real migrations: the seeded policies, a clock started by every
//! create (VIP targets and priority), paused, resumed, stopped and restarted by the status moves
//! and the customer's answer, the escalation sweep at fixed instants (each rung once, to the
//! right people), staff notices, and the "breaching soon" list.

use futures::executor::block_on;
use schema::ids::StaffId;
use schema::page::PageRequest;
use schema::request::{Priority, RequestInput, RequestKind, RequestStatus, ServiceRequest};
use schema::sla::{CalendarSpec, SlaState, format_utc, parse_utc};
use schema::staff::{Role, ValidStaff};
use schema::validate::Phone;

use super::customer_tests::{actor, create, setup};
use super::db::Db;
use super::requests::{self, Author, Placement, RequestFilter, RequestScope, View};
use super::sla;
use super::sqlite::Sqlite;
use crate::store::db::sql;

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e:?}"))
}

/// A desk open round the clock, so business time is wall time and the real clock can be used.
fn round_the_clock(db: &Sqlite) {
    let spec = CalendarSpec { week: vec!["00:00-24:00".into(); 7], ..CalendarSpec::standard() };
    ok(block_on(sla::replace_calendars(db, &actor(), &[spec])));
}

fn open(db: &Sqlite, kind: RequestKind, customer: Option<i64>) -> ServiceRequest {
    let v =
        ok(RequestInput { kind: Some(kind), subject: "破损".into(), ..Default::default() }.validate(true));
    let at = Placement { org_id: 2, customer_id: customer, portal_user_id: None, shipment_id: None };
    let id = ok(block_on(requests::insert(db, &v, &at, &Author::Customer("张伟".into()))));
    get(db, id)
}

fn get(db: &Sqlite, id: i64) -> ServiceRequest {
    block_on(requests::get(db, &RequestScope::All, id))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("request {id}"))
}

fn secs(t: &Option<String>) -> i64 {
    t.as_deref().and_then(parse_utc).unwrap_or_else(|| panic!("no instant: {t:?}"))
}

fn staffer(db: &Sqlite, role: Role, org: i64, phone: &str) -> i64 {
    let v = ValidStaff {
        org_id: org,
        department: role.default_department(),
        role,
        name: role.as_str().into(),
        phone: Phone::parse(phone).ok(),
        email: None,
    };
    ok(block_on(super::staff::create(db, &actor(), &v, "h")))
}

#[test]
fn the_migration_seeds_the_default_policies() {
    let db = setup();
    let mut seeded = ok(block_on(sla::policies(&db)));
    let mut defaults = schema::sla::default_policies();
    let key = |p: &schema::sla::SlaPolicy| (p.kind.as_str(), p.tier.map(|t| t.as_str()));
    seeded.sort_by_key(key);
    defaults.sort_by_key(key);
    assert_eq!(seeded, defaults);
    let cals = ok(block_on(sla::calendars(&db)));
    assert_eq!(cals, vec![CalendarSpec::standard()], "Asia/Shanghai, Monday–Friday 09:00–18:00");
}

#[test]
fn every_create_starts_the_clock_and_vip_takes_the_green_channel() {
    let db = setup();
    round_the_clock(&db);
    let regular = create(&db, "顺达物流", "02100000001", &[], 1);
    let vip = create(&db, "华联商贸", "02100000002", &[], 1);
    ok(block_on(db.exec(sql!("UPDATE customers SET tier = 'vip' WHERE id = ?", vip))));
    let r = open(&db, RequestKind::Complaint, Some(regular));
    let v = open(&db, RequestKind::Complaint, Some(vip));
    let (rs, vs) = (r.sla.clone().unwrap_or_default(), v.sla.clone().unwrap_or_default());
    assert_eq!((rs.first_response_min, rs.resolve_min, r.priority), (60, 1080, Priority::Normal));
    assert_eq!((vs.first_response_min, vs.resolve_min, v.priority), (30, 540, Priority::High));
    let created = parse_utc(&v.created_at).unwrap_or_default();
    assert_eq!(secs(&vs.resolve_due) - created, 540 * 60);
    assert_eq!(secs(&vs.first_response_due) - created, 30 * 60);
    assert_eq!(vs.state, SlaState::Running);
    assert_eq!(vs.deadline, vs.first_response_due, "the first response is watched first");
    assert!(vs.left_s.is_some_and(|l| (30 * 60 - 5..=30 * 60).contains(&l)), "{:?}", vs.left_s);
    // Without a customer the any-tier policy applies.
    assert_eq!(open(&db, RequestKind::Suggestion, None).sla.map(|s| s.resolve_min), Some(2700));
}

#[test]
fn moves_pause_resume_stop_and_restart_the_clock() {
    let db = setup();
    round_the_clock(&db);
    let staff = Author::Staff("李娜".into());
    let r = open(&db, RequestKind::Inquiry, None);
    let due = secs(&r.sla.as_ref().and_then(|s| s.resolve_due.clone()));
    // A public reply is the first response; the ladder now watches the resolution.
    ok(block_on(requests::message(&db, r.id, "正在核实", true, &staff)));
    let s = get(&db, r.id).sla.unwrap_or_default();
    assert!(s.first_response_at.is_some());
    assert_eq!(s.deadline, s.resolve_due);
    // Waiting for the customer: no deadline, the time left kept.
    let v = get(&db, r.id).version;
    ok(block_on(requests::set_status(&db, r.id, v, RequestStatus::WaitingCustomer, "请提供单号", &staff)));
    let p = get(&db, r.id).sla.unwrap_or_default();
    assert_eq!((p.state, p.resolve_due.clone(), p.deadline.clone()), (SlaState::Paused, None, None));
    let left = p.remaining_s.unwrap_or_default();
    assert!((1080 * 60 - 5..=1080 * 60).contains(&left), "{left}");
    // The paused request is not breaching soon, whatever the window.
    let until = format_utc(due + 86_400);
    let breaching = |db: &Sqlite| -> Vec<i64> {
        let f = RequestFilter { view: View::Breaching(until.clone()), ..Default::default() };
        ok(block_on(requests::list(db, &RequestScope::All, &f, PageRequest { limit: 50, after: None })))
            .items
            .iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(breaching(&db), Vec::<i64>::new());
    // The customer answers: running again with what was left.
    ok(block_on(requests::message(
        &db,
        r.id,
        "单号是 WP202611200002",
        true,
        &Author::Customer("张伟".into()),
    )));
    let back = get(&db, r.id);
    let b = back.sla.clone().unwrap_or_default();
    assert_eq!((back.status, b.state, b.remaining_s), (RequestStatus::InProgress, SlaState::Running, None));
    let now = parse_utc(&super::now()).unwrap_or_default();
    assert!((secs(&b.resolve_due) - now - left).abs() <= 5);
    assert_eq!(breaching(&db), vec![r.id]);
    // Resolved: stopped, in time; reopened: running again from what was left.
    ok(block_on(requests::set_status(&db, r.id, back.version, RequestStatus::Resolved, "已派送", &staff)));
    let done = get(&db, r.id);
    let d = done.sla.clone().unwrap_or_default();
    assert_eq!((d.state, d.breached, d.resolve_due.clone()), (SlaState::Stopped, false, None));
    ok(block_on(requests::set_status(&db, r.id, done.version, RequestStatus::Reopened, "", &staff)));
    let again = get(&db, r.id).sla.unwrap_or_default();
    assert_eq!(again.state, SlaState::Running);
    assert!(again.resolve_due.is_some() && again.remaining_s.is_none());
}

#[test]
fn the_sweep_walks_the_ladder_once_and_tells_the_right_people() {
    let db = setup();
    round_the_clock(&db);
    let agent = staffer(&db, Role::CsAgent, 2, "13800000011");
    let supervisor = staffer(&db, Role::CsSupervisor, 1, "13800000012");
    let manager = staffer(&db, Role::CsManager, 1, "13800000013");
    let r = open(&db, RequestKind::PickupProblem, None);
    ok(block_on(requests::assign(&db, r.id, r.version, (agent, "客服"), &Author::Staff("x".into()))));
    let s = get(&db, r.id).sla.unwrap_or_default();
    // First response due 60 min after opening; warned 108 min before it (i.e. at once).
    let deadline = secs(&s.deadline);
    let told = |db: &Sqlite| -> Vec<(i64, String)> {
        #[derive(serde::Deserialize)]
        struct N {
            staff_id: i64,
            kind: String,
        }
        ok(block_on(db.all::<N>(sql!("SELECT staff_id, kind FROM staff_notices ORDER BY id"))))
            .into_iter()
            .map(|n| (n.staff_id, n.kind))
            .collect()
    };
    let sweep = |at: i64| ok(block_on(sla::sweep(&db, &format_utc(at))));
    assert_eq!(sweep(deadline - 3600), 1);
    assert_eq!(told(&db), vec![(agent, "sla_warn".to_string())], "the assignee is warned");
    assert_eq!(sweep(deadline - 60), 0, "each rung once");
    assert_eq!(sweep(deadline + 1), 1);
    let mut breach = told(&db)[1..].to_vec();
    breach.sort();
    assert_eq!(breach, [(agent, "sla_breach".to_string()), (supervisor, "sla_breach".to_string())]);
    let escalate = deadline + 270 * 60;
    assert_eq!(sweep(escalate - 1), 0);
    assert_eq!(sweep(escalate), 1);
    assert_eq!(told(&db).last(), Some(&(manager, "sla_escalate".to_string())));
    assert_eq!(sweep(escalate + 86_400 * 30), 0, "nothing above the manager");
    assert_eq!(get(&db, r.id).sla.map(|s| s.level), Some(3));
    // The supervisor's notices: unread, listed, then read.
    assert_eq!(ok(block_on(sla::unread(&db, StaffId(supervisor)))), 1);
    let page = ok(block_on(sla::notices(&db, StaffId(supervisor), PageRequest { limit: 10, after: None })));
    assert_eq!(page.items.iter().map(|n| n.number.clone()).collect::<Vec<_>>(), vec![r.number.clone()]);
    ok(block_on(sla::mark_read(&db, StaffId(supervisor), &[])));
    assert_eq!(ok(block_on(sla::unread(&db, StaffId(supervisor)))), 0);
    // A late first response resets the ladder for the resolution deadline.
    ok(block_on(requests::message(&db, r.id, "马上处理", true, &Author::Staff("客服".into()))));
    let s = get(&db, r.id).sla.unwrap_or_default();
    assert_eq!((s.level, s.deadline.clone()), (0, s.resolve_due.clone()));
}

#[test]
fn an_unassigned_request_warns_the_supervisors_and_a_long_outage_jumps_rungs() {
    let db = setup();
    round_the_clock(&db);
    let supervisor = staffer(&db, Role::CsSupervisor, 2, "13800000012");
    let r = open(&db, RequestKind::Complaint, None);
    let deadline = secs(&r.sla.as_ref().and_then(|s| s.deadline.clone()));
    // The sweep did not run for a day: straight to the manager's rung; no manager in the
    // request's chain nor the firm, so only the stored level moves.
    assert_eq!(ok(block_on(sla::sweep(&db, &format_utc(deadline + 86_400)))), 1);
    assert_eq!(get(&db, r.id).sla.map(|s| s.level), Some(3));
    let r2 = open(&db, RequestKind::Complaint, None);
    let d2 = secs(&r2.sla.as_ref().and_then(|s| s.deadline.clone()));
    assert_eq!(ok(block_on(sla::sweep(&db, &format_utc(d2 - 60)))), 1);
    assert_eq!(
        ok(block_on(sla::unread(&db, StaffId(supervisor)))),
        1,
        "no assignee: the supervisor is warned"
    );
}

#[test]
fn urgent_or_repeated_complaints_alert_the_supervisors_and_managers_at_once() {
    let db = setup();
    let supervisor = staffer(&db, Role::CsSupervisor, 1, "13800000012");
    let manager = staffer(&db, Role::CsManager, 1, "13800000013");
    let alerts = |db: &Sqlite| -> Vec<(i64, i64)> {
        #[derive(serde::Deserialize)]
        struct N {
            staff_id: i64,
            request_id: i64,
        }
        ok(block_on(db.all::<N>(sql!(
            "SELECT staff_id, request_id FROM staff_notices WHERE kind = 'complaint_alert' ORDER BY staff_id"
        ))))
        .into_iter()
        .map(|n| (n.staff_id, n.request_id))
        .collect()
    };
    let c = create(&db, "顺达物流", "02100000001", &[], 1);
    let first = open(&db, RequestKind::Complaint, Some(c));
    open(&db, RequestKind::Inquiry, Some(c));
    open(&db, RequestKind::Complaint, Some(c));
    assert_eq!(alerts(&db), vec![], "two complaints are not yet a pattern");
    let third = open(&db, RequestKind::Complaint, Some(c));
    assert_eq!(alerts(&db), vec![(supervisor, third.id), (manager, third.id)]);
    assert!(first.id < third.id);
    // An urgent complaint alerts at once, even a first one without a customer.
    let v = ok(RequestInput {
        kind: Some(RequestKind::Complaint),
        priority: Some(Priority::Urgent),
        subject: "快件丢失".into(),
        ..Default::default()
    }
    .validate(true));
    let at = Placement { org_id: 2, customer_id: None, portal_user_id: None, shipment_id: None };
    let urgent = ok(block_on(requests::insert(&db, &v, &at, &Author::Staff("李娜".into()))));
    assert_eq!(alerts(&db).iter().filter(|(_, r)| *r == urgent).count(), 2);
}

#[test]
fn exceptions_and_overdue_waybills_of_vip_or_contracted_customers_open_one_inquiry_each() {
    let db = setup();
    let vip = create(&db, "顺达物流", "02100000001", &[], 1);
    let regular = create(&db, "华联商贸", "02100000002", &[], 1);
    ok(block_on(db.exec(sql!("UPDATE customers SET tier = 'vip' WHERE id = ?", vip))));
    let ship = |id: i64, customer: i64| {
        ok(block_on(db.exec(sql!(
            "INSERT INTO shipments (id, waybill_no, customer_id, consignee_name, consignee_phone, consignee_address,
                 service_code, status, status_at, created_at, updated_at)
             VALUES (?1, 'WP2026' || ?1, ?2, '王芳', '13900000001', '杭州', 'standard', 'in_transit', 'x', 'x', 'x')",
            id,
            customer
        ))))
    };
    ship(10000001, vip);
    ship(10000002, regular);
    let set = |id: i64, status: &str| {
        ok(block_on(db.exec(sql!("UPDATE shipments SET status = ? WHERE id = ?", status, id))));
    };
    let auto = |db: &Sqlite| -> Vec<(i64, String, String)> {
        #[derive(serde::Deserialize)]
        struct R {
            shipment_id: i64,
            auto_cause: String,
            status: String,
        }
        ok(block_on(db.all::<R>(sql!(
            "SELECT shipment_id, auto_cause, status FROM service_requests WHERE auto_cause IS NOT NULL ORDER BY id"
        ))))
        .into_iter()
        .map(|r| (r.shipment_id, r.auto_cause, r.status))
        .collect()
    };
    set(10000001, "exception");
    set(10000002, "exception");
    assert_eq!(auto(&db), vec![(10000001, "exception".to_string(), "new".to_string())], "the VIP's only");
    // Back in transit and another exception: still the one open inquiry.
    set(10000001, "in_transit");
    set(10000001, "exception");
    assert_eq!(auto(&db).len(), 1);
    // Its clock starts from its creation, with the VIP's targets.
    assert_eq!(ok(block_on(sla::start_pending(&db))), 1);
    assert_eq!(ok(block_on(sla::start_pending(&db))), 0, "started once");
    let f = RequestFilter { q: Some("WP202610000001".into()), ..Default::default() };
    let page =
        ok(block_on(requests::list(&db, &RequestScope::All, &f, PageRequest { limit: 5, after: None })));
    let r = page.items.first().cloned().unwrap_or_else(|| panic!("the inquiry"));
    assert_eq!(
        (r.kind, r.priority, r.channel),
        (RequestKind::Inquiry, Priority::High, schema::request::RequestChannel::Automatic)
    );
    assert_eq!(r.sla.map(|s| s.resolve_min), Some(540));
    // Resolved: the next exception opens a new one; overdue is a cause of its own.
    ok(block_on(requests::set_status(
        &db,
        r.id,
        r.version,
        RequestStatus::Resolved,
        "已派送",
        &Author::Staff("李娜".into()),
    )));
    set(10000001, "in_transit");
    set(10000001, "exception");
    ok(block_on(db.exec(sql!("UPDATE shipments SET overdue = 1 WHERE id = 10000001"))));
    let causes: Vec<String> = auto(&db).into_iter().map(|(_, c, _)| c).collect();
    assert_eq!(causes, vec!["exception", "exception", "overdue"]);
    // Switched off: nothing more.
    let off = schema::request::AutoRequestSettings { on_exception: false, on_overdue: false };
    ok(block_on(requests::set_auto_settings(&db, &actor(), off)));
    ok(block_on(db.exec(sql!("UPDATE customers SET status = 'contracted' WHERE id = ?", regular))));
    set(10000002, "in_transit");
    set(10000002, "exception");
    assert_eq!(auto(&db).len(), 3);
    assert_eq!(ok(block_on(requests::auto_settings(&db))), off);
}

#[test]
fn a_complaint_is_classified_a_severe_one_alerts_and_causes_are_counted_by_month() {
    use schema::complaint::{Classification, ComplaintTarget, Severity};
    let db = setup();
    let supervisor = staffer(&db, Role::CsSupervisor, 1, "13800000012");
    let c = open(&db, RequestKind::Complaint, None);
    let classify = |version, cause: &str, severity| {
        let body = Classification { version, target: ComplaintTarget::Staff, cause: cause.into(), severity };
        block_on(super::complaints::classify(&db, c.id, &body, &Author::Staff("孙海燕".into())))
    };
    assert_eq!(
        classify(c.version, "no_such_cause", Severity::Minor),
        Err(super::db::DbError::VersionConflict)
    );
    ok(classify(c.version, "staff_attitude", Severity::Major));
    assert_eq!(ok(block_on(sla::unread(&db, StaffId(supervisor)))), 0, "a major complaint does not alert");
    ok(classify(c.version + 1, "staff_attitude", Severity::Severe));
    assert_eq!(ok(block_on(sla::unread(&db, StaffId(supervisor)))), 1, "a severe one does, at once");
    let r = get(&db, c.id);
    assert_eq!(
        (r.complaint_target, r.complaint_cause.as_deref(), r.severity),
        (Some(ComplaintTarget::Staff), Some("staff_attitude"), Some(Severity::Severe))
    );
    open(&db, RequestKind::Complaint, None);
    open(&db, RequestKind::Inquiry, None);
    let counts = ok(block_on(super::complaints::cause_counts(
        &db,
        &RequestScope::All,
        "2000-01-01T00:00:00.000Z",
        false,
    )));
    let month = counts.first().map(|c| c.period.clone()).unwrap_or_default();
    assert_eq!(month.len(), 7, "{counts:?}");
    let got: Vec<(Option<String>, i64)> = counts.into_iter().map(|c| (c.cause, c.n)).collect();
    assert_eq!(got, vec![(None, 1), (Some("staff_attitude".to_string()), 1)], "complaints only, by cause");
    let weekly = ok(block_on(super::complaints::cause_counts(
        &db,
        &RequestScope::All,
        "2000-01-01T00:00:00.000Z",
        true,
    )));
    assert!(weekly.iter().all(|c| c.period.contains("-W")), "{weekly:?}");
    let elsewhere = RequestScope::Orgs { path: "/1/3/".into(), staff_id: 99 };
    assert_eq!(
        ok(block_on(super::complaints::cause_counts(&db, &elsewhere, "2000-01-01T00:00:00.000Z", false))),
        vec![]
    );
    // The seeded causes; replaced as a whole.
    let causes = ok(block_on(super::complaints::causes(&db)));
    assert!(causes.iter().any(|c| c.code == "hub_delay") && causes.len() >= 8);
    ok(block_on(super::complaints::replace_causes(&db, &actor(), &causes[..2])));
    assert_eq!(ok(block_on(super::complaints::causes(&db))).len(), 2);
}
