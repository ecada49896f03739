//! Service requests against SQLite with the real migrations: numbering, the status rules in SQL,
//! version checks, claiming, forwarding between orgs, the customer's answer, history by trigger
//! and the customer's notices.

use futures::executor::block_on;
use schema::ids::CustomerId;
use schema::page::PageRequest;
use schema::request::{CannedKind, RequestInput, RequestKind, RequestStatus};

use super::customer_tests::{create, setup};
use super::db::{Db, DbError};
use super::requests::{self, Author, Placement, RequestFilter, RequestScope, View};
use super::sqlite::Sqlite;
use crate::store::db::sql;

fn staff() -> Author {
    Author::Staff("李娜".into())
}

/// An inquiry about waybill WP202611200002, from the portal.
fn inquiry() -> schema::request::ValidRequest {
    RequestInput {
        kind: Some(RequestKind::Inquiry),
        subject: "两天没有更新".into(),
        waybill_no: "WP202611200002".into(),
        ..Default::default()
    }
    .validate(true)
    .unwrap_or_else(|e| panic!("{e:?}"))
}

fn open(db: &Sqlite, customer: Option<i64>, org: i64) -> i64 {
    let v = inquiry();
    let at = Placement { org_id: org, customer_id: customer, portal_user_id: None, shipment_id: None };
    block_on(requests::insert(db, &v, &at, &Author::Customer("张伟".into())))
        .unwrap_or_else(|e| panic!("{e:?}"))
}

fn get(db: &Sqlite, id: i64) -> schema::request::ServiceRequest {
    block_on(requests::get(db, &RequestScope::All, id))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("request {id}"))
}

#[test]
fn numbers_count_the_day_and_the_status_rules_hold_in_sql() {
    let db = setup();
    let a = open(&db, None, 1);
    let b = open(&db, None, 1);
    let (ra, rb) = (get(&db, a), get(&db, b));
    assert!(ra.number.starts_with("SR-") && ra.number.ends_with("-0001"), "{}", ra.number);
    assert!(rb.number.ends_with("-0002"));
    assert_eq!(ra.status, RequestStatus::New);
    // Closed → in progress skips "reopened": refused by the SQL as well as by the handler.
    block_on(requests::set_status(&db, a, 1, RequestStatus::Closed, "重复", &staff()))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let r = block_on(requests::set_status(&db, a, 2, RequestStatus::InProgress, "", &staff()));
    assert_eq!(r, Err(DbError::VersionConflict));
    // A stale version loses.
    assert_eq!(
        block_on(requests::set_status(&db, b, 7, RequestStatus::InProgress, "", &staff())),
        Err(DbError::VersionConflict)
    );
    block_on(requests::set_status(&db, a, 2, RequestStatus::Reopened, "", &staff()))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let entries = block_on(requests::entries(&db, a, true)).unwrap_or_default();
    let statuses: Vec<Option<RequestStatus>> = entries.iter().map(|e| e.status).collect();
    assert_eq!(statuses, vec![Some(RequestStatus::Closed), Some(RequestStatus::Reopened)]);
    assert_eq!(entries.first().map(|e| e.body.as_str()), Some("重复"));
}

#[test]
fn claim_forward_and_answer() {
    let db = setup();
    let id = open(&db, None, 1);
    // The queue of org 1 holds it until claimed.
    let queue = |org| {
        let f = RequestFilter { view: View::Queue(org), ..Default::default() };
        block_on(requests::list(&db, &RequestScope::All, &f, PageRequest { limit: 50, after: None }))
            .map(|p| p.items.len())
            .unwrap_or(99)
    };
    assert_eq!(queue(1), 1);
    block_on(requests::assign(&db, id, 1, (1, "李娜"), &staff())).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((get(&db, id).status, queue(1)), (RequestStatus::Assigned, 0));
    // Forwarded to the branch: back in a queue, unassigned, the hop on record (internal).
    block_on(requests::forward(&db, id, 2, 2, "需转运中心核实", &staff()))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let r = get(&db, id);
    assert_eq!((r.org_id, r.assignee_id, r.status, queue(2)), (2, None, RequestStatus::New, 1));
    let all = block_on(requests::entries(&db, id, false)).unwrap_or_default();
    assert!(
        all.iter()
            .any(|e| e.kind == "forward" && e.body == "需转运中心核实" && e.org_name.as_deref() == Some("B"))
    );
    let public = block_on(requests::entries(&db, id, true)).unwrap_or_default();
    assert!(public.iter().all(|e| e.kind != "forward" && e.kind != "assign"), "hops are internal");
    assert!(public.iter().all(|e| !e.body.contains("转运中心核实")), "nor their reasons: {public:?}");
    // Staff of the branch see it; staff of another org who are not assigned do not.
    let branch = RequestScope::Orgs { path: "/1/2/".into(), staff_id: 5 };
    assert!(block_on(requests::get(&db, &branch, id)).ok().flatten().is_some());
    let elsewhere = RequestScope::Orgs { path: "/1/3/".into(), staff_id: 5 };
    assert!(block_on(requests::get(&db, &elsewhere, id)).ok().flatten().is_none());
    // Waiting for the customer; the customer's answer puts it back in progress.
    block_on(requests::set_status(&db, id, 3, RequestStatus::WaitingCustomer, "请提供收件人电话", &staff()))
        .unwrap_or_else(|e| panic!("{e:?}"));
    block_on(requests::message(&db, id, "13900000002", true, &Author::Customer("张伟".into())))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(get(&db, id).status, RequestStatus::InProgress);
}

#[test]
fn staff_replies_and_status_changes_reach_the_customer_but_notes_do_not() {
    let db = setup();
    let c = create(&db, "顺达物流", "02100000001", &[], 1);
    super::customer_tests::portal_user(&db, c);
    let id = open(&db, Some(c), 1);
    let notices = || {
        #[derive(serde::Deserialize)]
        struct N {
            n: i64,
        }
        block_on(db.first::<N>(sql!("SELECT count(*) AS n FROM outbox WHERE kind = 'request_update'")))
            .ok()
            .flatten()
            .map_or(-1, |n| n.n)
    };
    block_on(requests::message(&db, id, "内部核实中", false, &staff())).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(notices(), 0, "an internal note is not announced");
    block_on(requests::message(&db, id, "已联系转运中心", true, &staff()))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(notices(), 1);
    let v = get(&db, id).version;
    block_on(requests::set_status(&db, id, v, RequestStatus::Resolved, "已重新派送", &staff()))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(notices(), 2);
    assert!(get(&db, id).resolved_at.is_some());
    let mine = RequestScope::Customer(c);
    assert!(block_on(requests::get(&db, &mine, id)).ok().flatten().is_some());
    assert!(block_on(requests::get(&db, &RequestScope::Customer(c + 1), id)).ok().flatten().is_none());
}

#[test]
fn a_number_finds_its_customers_by_their_own_or_a_contacts_phone_within_scope() {
    use super::customers::CustomerScope;
    let db = setup();
    let a = create(&db, "顺达物流", "13911110000", &[], 1);
    let b = create(&db, "华联商贸", "02100000002", &[("周敏", "13922220000")], 2);
    let found = |scope: &CustomerScope, phone: &str| -> Vec<i64> {
        block_on(super::lookup::customers_by_phone(&db, scope, phone))
            .unwrap_or_default()
            .iter()
            .map(|c| c.id)
            .collect()
    };
    assert_eq!(found(&CustomerScope::All, "13911110000"), vec![a]);
    assert_eq!(found(&CustomerScope::All, "13922220000"), vec![b], "by a contact's phone");
    assert_eq!(
        found(&CustomerScope::OwnOrShared(1), "13922220000"),
        Vec::<i64>::new(),
        "not the rep's customer"
    );
    assert_eq!(found(&CustomerScope::All, "13700000000"), Vec::<i64>::new());
}

#[test]
fn requests_appear_on_their_customers_timeline() {
    use schema::interaction::TimelineItem;
    let db = setup();
    let c = create(&db, "顺达物流", "02100000001", &[], 1);
    let id = open(&db, Some(c), 1);
    let page = block_on(super::interactions::timeline(&db, CustomerId(c), None, 50))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let marks: Vec<(i64, RequestStatus)> = page
        .items
        .iter()
        .filter_map(|i| match i {
            TimelineItem::Request(r) => Some((r.id, r.status)),
            _ => None,
        })
        .collect();
    assert_eq!(marks, vec![(id, RequestStatus::New)]);
    let other = create(&db, "华联商贸", "02100000002", &[], 1);
    let none = block_on(super::interactions::timeline(&db, CustomerId(other), None, 50))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(none.items.iter().all(|i| !matches!(i, TimelineItem::Request(_))));
}

#[test]
fn canned_replies_start_with_the_documents_scripts_and_are_replaced_as_a_whole() {
    use schema::request::CannedReply;
    let db = setup();
    let defaults = block_on(requests::canned(&db)).unwrap_or_default();
    assert_eq!(defaults.first().map(|c| (c.kind.as_str(), c.title.as_str())), Some(("script", "开场白")));
    assert!(defaults.iter().any(|c| c.body.contains("稍停5秒")), "the silent-line routine");
    let mine = vec![
        CannedReply { kind: CannedKind::Reply, title: "B".into(), body: "二".into() },
        CannedReply { kind: CannedKind::Script, title: "A".into(), body: "一".into() },
    ];
    block_on(requests::replace_canned(&db, &super::customer_tests::actor(), &mine))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let now = block_on(requests::canned(&db)).unwrap_or_default();
    assert_eq!(now.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(), vec!["A", "B"], "scripts first");
}

#[test]
fn open_requests_are_counted_by_kind_and_status() {
    let db = setup();
    let a = open(&db, None, 1);
    open(&db, None, 2);
    block_on(requests::set_status(&db, a, 1, RequestStatus::Closed, "", &staff()))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let all = block_on(requests::counts(&db, &RequestScope::All)).unwrap_or_default();
    let got: Vec<(RequestKind, RequestStatus, i64)> = all.iter().map(|c| (c.kind, c.status, c.n)).collect();
    assert_eq!(got, vec![(RequestKind::Inquiry, RequestStatus::New, 1)], "the closed one does not count");
    let branch = RequestScope::Orgs { path: "/1/2/".into(), staff_id: 9 };
    assert_eq!(block_on(requests::counts(&db, &branch)).map(|v| v.len()), Ok(1));
    let elsewhere = RequestScope::Orgs { path: "/1/3/".into(), staff_id: 9 };
    assert_eq!(block_on(requests::counts(&db, &elsewhere)).map(|v| v.len()), Ok(0));
}

#[test]
fn an_org_scope_lists_its_orgs_and_the_callers_own_without_duplicates_page_by_page() {
    let db = setup();
    // Org 2 holds a, b, c; org 1 holds d (assigned to staff 2) and e (nobody's).
    let (a, b, c) = (open(&db, None, 2), open(&db, None, 2), open(&db, None, 2));
    let d = open(&db, None, 1);
    let e = open(&db, None, 1);
    block_on(requests::assign(&db, d, 1, (2, "王磊"), &staff())).unwrap_or_else(|e| panic!("{e:?}"));
    // c is both in the org and assigned to them: listed once.
    block_on(requests::assign(&db, c, 1, (2, "王磊"), &staff())).unwrap_or_else(|e| panic!("{e:?}"));
    let scope = RequestScope::Orgs { path: "/1/2/".into(), staff_id: 2 };
    let page = |after| {
        block_on(requests::list(&db, &scope, &RequestFilter::default(), PageRequest { limit: 2, after }))
            .unwrap_or_else(|e| panic!("{e:?}"))
    };
    let first = page(None);
    assert_eq!(first.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![d, c]);
    let after = first.next_cursor.as_deref().and_then(schema::page::decode_cursor);
    let second = page(after);
    assert_eq!(second.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![b, a]);
    assert!(second.next_cursor.is_none(), "e is neither the org's nor theirs");
    assert!(e > d);
    // Filters apply to both halves.
    let f = RequestFilter { status: Some(RequestStatus::Assigned), ..Default::default() };
    let assigned = block_on(requests::list(&db, &scope, &f, PageRequest { limit: 50, after: None }))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(assigned.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![d, c]);
}

#[test]
fn request_lists_and_counts_read_indexes_not_the_table() {
    #[derive(serde::Deserialize)]
    struct Plan {
        detail: String,
    }
    let db = setup();
    let plan = |q: super::db::Sql| -> Vec<String> {
        let explain = super::db::Sql { text: format!("EXPLAIN QUERY PLAN {}", q.text).into(), args: q.args };
        block_on(db.all::<Plan>(explain))
            .unwrap_or_else(|e| panic!("{e:?}"))
            .into_iter()
            .map(|p| p.detail)
            .collect()
    };
    let orgs = RequestScope::Orgs { path: "/1/2/".into(), staff_id: 5 };
    let page = PageRequest { limit: 50, after: Some(1000) };
    for scope in [RequestScope::All, orgs.clone(), RequestScope::Customer(1)] {
        for f in [
            RequestFilter::default(),
            RequestFilter { open: true, ..Default::default() },
            RequestFilter { view: View::Queue(2), ..Default::default() },
            RequestFilter { view: View::Breaching("2026-12-01T12:00:00.000Z".into()), ..Default::default() },
            RequestFilter { q: Some("SR-20260601".into()), ..Default::default() },
            RequestFilter {
                kind: Some(RequestKind::Complaint),
                status: Some(RequestStatus::New),
                ..Default::default()
            },
        ] {
            let q = requests::list_sql(&scope, &f, page);
            super::customer_tests::assert_indexed(&db, q.clone());
            // A number-or-waybill search is two small exact ranges; the scope never is an OR of
            // whole indexes.
            let p = plan(q);
            assert!(
                f.q.is_some() || p.iter().all(|d| !d.contains("MULTI-INDEX OR")),
                "{scope:?} {f:?}: {p:?}"
            );
        }
    }
    // The counts read the open-requests index only, whatever the scope.
    for scope in [RequestScope::All, orgs] {
        let p = plan(requests::counts_sql(&scope));
        assert!(p.iter().any(|d| d.contains("COVERING INDEX service_requests_open")), "{p:?}");
    }
}

#[test]
fn the_first_matching_routing_rule_picks_the_queue() {
    use schema::routing::RoutingRule;
    let db = setup();
    let c = create(&db, "顺达物流", "02100000001", &[], 1);
    let rule = |kind, region: &str, org_id| RoutingRule {
        kind,
        region: region.into(),
        location: String::new(),
        org_id,
        org_name: None,
    };
    let rules =
        vec![rule(Some(RequestKind::Complaint), "上海", 2), rule(Some(RequestKind::Complaint), "", 1)];
    block_on(requests::replace_routing_rules(&db, &super::customer_tests::actor(), &rules))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let opened = |kind, customer| {
        let v = RequestInput { kind: Some(kind), subject: "x".into(), ..Default::default() }
            .validate(true)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let from = requests::Origin { customer_id: customer, ..Default::default() };
        let id = block_on(requests::create(&db, &v, &from, &staff())).unwrap_or_else(|e| panic!("{e:?}"));
        get(&db, id).org_id
    };
    assert_eq!(opened(RequestKind::Complaint, Some(c)), 2, "a Shanghai customer's complaint: the branch");
    assert_eq!(opened(RequestKind::Complaint, None), 1, "no region: the next rule");
    assert_eq!(opened(RequestKind::Inquiry, Some(c)), 1, "no rule: the intake org (the top of the tree)");
    let listed = block_on(requests::routing_rules(&db)).unwrap_or_default();
    assert_eq!(
        listed.iter().map(|r| (r.org_id, r.org_name.clone())).collect::<Vec<_>>(),
        vec![(2, Some("B".into())), (1, Some("HQ".into()))]
    );
}

#[test]
fn a_new_request_is_the_shippers_and_lands_in_the_service_center_else_the_top() {
    let db = setup();
    let c = create(&db, "顺达物流", "02100000001", &[], 1);
    super::shipment_tests::shipment_of(&db, "WP202611200002", Some(c));
    let v = inquiry();
    let from = requests::Origin { fallback_org: Some(2), ..Default::default() };
    let at = block_on(requests::place(&db, &v, &from)).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(at.customer_id, Some(c), "no customer given: the waybill's shipper");
    assert!(at.shipment_id.is_some());
    assert_eq!(at.org_id, 1, "no service center: the top of the tree, not the fallback");
    // A given customer wins over the shipper; a service center takes requests once there is one.
    let other = create(&db, "乙公司", "", &[], 1);
    let sc = schema::org::ValidOrg {
        parent_id: Some(1),
        code: "SC".into(),
        name: "客服中心".into(),
        region: String::new(),
        address: String::new(),
        phone: String::new(),
    };
    let a = super::customer_tests::actor();
    let sc = block_on(super::orgs::create(&db, &a, schema::org::OrgKind::ServiceCenter, &sc))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let from = requests::Origin { customer_id: Some(other), portal_user_id: Some(7), fallback_org: None };
    let at = block_on(requests::place(&db, &v, &from)).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((at.customer_id, at.portal_user_id, at.org_id), (Some(other), Some(7), sc));
}
