//! Customer SQL against SQLite with the real migrations: creation in one batch, search of short
//! Chinese queries and phones, scopes, duplicates, versioned updates, contacts and re-indexing.

use futures::executor::block_on;
use schema::customer::{ContactInput, CustomerInput, CustomerKind, LifecycleStatus};
use schema::ids::{CustomerId, StaffId};
use schema::page::PageRequest;
use schema::staff::{Role, ValidStaff};
use schema::validate::Phone;

use super::customers::{self, CustomerFilter, CustomerScope, Owner};
use super::db::DbError;
use super::sqlite::Sqlite;
use super::{Actor, orgs, staff};

const PAGE: PageRequest = PageRequest { limit: 50, after: None };

pub(super) fn actor() -> Actor {
    Actor { id: Some(1), name: "测试".into() }
}

/// HQ(1) → branch(2); a rep (staff 1) at the branch, another (staff 2) at HQ.
pub(super) fn setup() -> Sqlite {
    let db = Sqlite::migrated();
    block_on(async {
        let org = |parent, code: &str| schema::org::ValidOrg {
            parent_id: parent,
            code: code.into(),
            name: code.into(),
            region: String::new(),
            address: String::new(),
            phone: String::new(),
        };
        let a = actor();
        orgs::create(&db, &a, schema::org::OrgKind::Hq, &org(None, "HQ")).await.unwrap_or_default();
        orgs::create(&db, &a, schema::org::OrgKind::Branch, &org(Some(1), "B")).await.unwrap_or_default();
        for (org_id, phone) in [(2, "13800000001"), (1, "13800000002")] {
            let v = ValidStaff {
                org_id,
                department: Role::SalesRep.default_department(),
                role: Role::SalesRep,
                name: "业务员".into(),
                phone: Phone::parse(phone).ok(),
                email: None,
            };
            staff::create(&db, &a, &v, "h").await.unwrap_or_default();
        }
    });
    db
}

/// An active portal user of `customer` who wants portal notices (not SMS/e-mail).
pub(super) fn portal_user(db: &Sqlite, customer: i64) {
    block_on(super::db::Db::exec(
        db,
        crate::store::db::sql!(
            "INSERT INTO portal_users (customer_id, name, login, password_hash, status, notify_portal, notify_message,
                 created_at, updated_at)
             VALUES (?, '张伟', '13900000009', 'x', 'active', 1, 0, '2026-01-01', '2026-01-01')",
            customer
        ),
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
}

pub(super) fn create(db: &Sqlite, name: &str, phone: &str, contacts: &[(&str, &str)], owner: i64) -> i64 {
    let input = CustomerInput {
        kind: Some(CustomerKind::Company),
        name: name.into(),
        phone: phone.into(),
        city: "上海市".into(),
        contacts: contacts
            .iter()
            .map(|(n, p)| ContactInput { name: (*n).into(), phone: (*p).into(), ..Default::default() })
            .collect(),
        ..Default::default()
    };
    let (v, c) = input.validate().unwrap_or_else(|e| panic!("{e:?}"));
    let path = if owner == 1 { "/1/2/" } else { "/1/" };
    let o = Owner { id: Some(owner), org_id: if owner == 1 { 2 } else { 1 }, org_path: path.into() };
    block_on(customers::create(db, &actor(), &v, &c, &o, &[])).unwrap_or_else(|e| panic!("{e:?}"))
}

fn search(db: &Sqlite, scope: &CustomerScope, q: &str) -> Vec<i64> {
    let f = CustomerFilter { q: Some(q.into()), ..Default::default() };
    block_on(customers::list(db, scope, &f, PAGE))
        .map(|p| p.items.iter().map(|c| c.id).collect())
        .unwrap_or_default()
}

#[test]
fn create_stores_contacts_history_and_search_in_one_batch() {
    let db = setup();
    let id = create(&db, "顺达物流有限公司", "021-62345678", &[("张伟", "13912345678"), ("李娜", "")], 1);
    let row = block_on(customers::get(&db, &CustomerScope::All, id))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("row"));
    assert_eq!(row.customer.name, "顺达物流有限公司");
    assert_eq!(row.org_path, "/1/2/");
    let contacts = block_on(customers::contacts(&db, id)).unwrap_or_default();
    assert_eq!(contacts.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["张伟", "李娜"]);
    // Two characters find the company; a contact's name and phone find it too.
    assert_eq!(search(&db, &CustomerScope::All, "顺达"), vec![id]);
    assert_eq!(search(&db, &CustomerScope::All, "物流"), vec![id]);
    assert_eq!(search(&db, &CustomerScope::All, "李娜"), vec![id]);
    assert_eq!(search(&db, &CustomerScope::All, "1391234"), vec![id]);
    assert_eq!(search(&db, &CustomerScope::All, "021-6234"), vec![id]);
    assert!(search(&db, &CustomerScope::All, "达顺").is_empty(), "order matters: a phrase, not a bag");
    assert!(search(&db, &CustomerScope::All, "\" OR 1=1").is_empty());
}

#[test]
fn scopes_limit_what_is_seen() {
    let db = setup();
    let mine = create(&db, "甲公司", "", &[], 1);
    let theirs = create(&db, "乙公司", "", &[], 2);
    let ids = |s: &CustomerScope| {
        block_on(customers::list(&db, s, &CustomerFilter::default(), PAGE))
            .map(|p| p.items.iter().map(|c| c.id).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(ids(&CustomerScope::OwnOrShared(1)), vec![mine]);
    assert_eq!(ids(&CustomerScope::Subtree("/1/2/".into())), vec![mine]);
    assert_eq!(ids(&CustomerScope::All), vec![mine, theirs]);
    assert!(block_on(customers::get(&db, &CustomerScope::OwnOrShared(1), theirs)).ok().flatten().is_none());
}

#[test]
fn duplicates_by_normalised_name_or_phone() {
    let db = setup();
    let a = create(&db, "顺达物流有限责任公司", "13900000001", &[("王五", "13700000001")], 1);
    let key = schema::customer::name_key("顺达物流 有限公司");
    let by_name = block_on(customers::duplicates(&db, &key, "", None)).unwrap_or_default();
    assert_eq!(by_name.iter().map(|c| c.id).collect::<Vec<_>>(), vec![a]);
    let by_contact_phone = block_on(customers::duplicates(&db, "x", "13700000001", None)).unwrap_or_default();
    assert_eq!(by_contact_phone.len(), 1);
    assert!(block_on(customers::duplicates(&db, &key, "", Some(a))).unwrap_or_default().is_empty());
}

#[test]
fn updates_are_versioned_and_reindex_and_record_lifecycle() {
    let db = setup();
    let id = create(&db, "顺达物流", "", &[], 1);
    let before = block_on(customers::get(&db, &CustomerScope::All, id))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("row"));
    let input = CustomerInput {
        kind: Some(CustomerKind::Company),
        name: "捷运快递".into(),
        status: Some(LifecycleStatus::Contracted),
        ..Default::default()
    };
    let (v, _) = input.validate().unwrap_or_else(|e| panic!("{e:?}"));
    let owner = Owner { id: Some(1), org_id: 2, org_path: "/1/2/".into() };
    let stale =
        block_on(customers::update(&db, &actor(), &before, &v, before.customer.version + 1, &owner, &[]));
    assert_eq!(stale, Err(DbError::VersionConflict));
    assert_eq!(search(&db, &CustomerScope::All, "顺达"), vec![id], "a failed update leaves the index alone");
    block_on(customers::update(&db, &actor(), &before, &v, before.customer.version, &owner, &[]))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(search(&db, &CustomerScope::All, "顺达").is_empty());
    assert_eq!(search(&db, &CustomerScope::All, "捷运"), vec![id]);
    #[derive(serde::Deserialize)]
    struct H {
        to_status: String,
    }
    let history: Vec<H> = block_on(super::db::Db::all(
        &db,
        crate::store::db::sql!(
            "SELECT to_status FROM customer_status_history WHERE customer_id = ? ORDER BY id",
            id
        ),
    ))
    .unwrap_or_default();
    assert_eq!(
        history.iter().map(|h| h.to_status.as_str()).collect::<Vec<_>>(),
        vec!["prospect", "contracted"]
    );
}

#[test]
fn contacts_keep_one_primary_and_the_index_current() {
    let db = setup();
    let id = create(&db, "顺达物流", "", &[("张伟", "")], 1);
    let row = block_on(customers::get(&db, &CustomerScope::All, id))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("row"));
    let first = block_on(customers::contacts(&db, id)).unwrap_or_default()[0].clone();
    let c = ContactInput {
        name: "赵敏".into(),
        phone: "13611112222".into(),
        is_primary: true,
        ..Default::default()
    };
    let v = c.validate().unwrap_or_else(|e| panic!("{e:?}"));
    block_on(customers::write_contact(&db, &actor(), &row, None, Some(&v), None))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(search(&db, &CustomerScope::All, "赵敏"), vec![id]);
    let all = block_on(customers::contacts(&db, id)).unwrap_or_default();
    assert_eq!(all[0].name, "赵敏", "primary first");
    assert_eq!(all.iter().filter(|c| c.is_primary).count(), 1);
    // Remove the first contact: it no longer finds the customer.
    block_on(customers::write_contact(&db, &actor(), &row, Some(first.id), None, None))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(search(&db, &CustomerScope::All, "张伟").is_empty());
    // A stale contact edit is refused.
    let stale = block_on(customers::write_contact(&db, &actor(), &row, Some(all[0].id), Some(&v), Some(99)));
    assert_eq!(stale, Err(DbError::VersionConflict));
}

#[test]
fn handover_moves_everything_in_one_batch_and_audits_each_customer() {
    let db = setup();
    let a = create(&db, "甲公司", "", &[], 1);
    let b = create(&db, "乙公司", "", &[], 1);
    let other = create(&db, "丙公司", "", &[], 2);
    let to = Owner { id: Some(2), org_id: 1, org_path: "/1/".into() };
    let plan = schema::interaction::ValidInteraction {
        kind: schema::interaction::InteractionKind::Visit,
        status: schema::interaction::InteractionStatus::Planned,
        summary: "回访".into(),
        contact_id: None,
        due_at: Some("2026-12-01T02:00:00.000Z".into()),
        done_at: None,
    };
    block_on(super::interactions::create(&db, &actor(), CustomerId(a), StaffId(1), &plan))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let moved =
        block_on(customers::handover(&db, &actor(), 1, &to, "离职")).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(moved, (2, 1), "two customers and the open follow-up");
    let todo = block_on(super::interactions::planned_for(&db, StaffId(2), 50)).unwrap_or_default();
    assert_eq!(todo.len(), 1, "the successor has the follow-up");
    // The hand-over is visible on each customer's timeline.
    let tl = block_on(super::interactions::timeline(&db, CustomerId(a), None, 50))
        .map(|p| p.items)
        .unwrap_or_default();
    let handed = tl.iter().any(|i| {
        matches!(i, schema::interaction::TimelineItem::Change(c) if c.action == "handover" && c.fields.contains(&"owner_id".to_string()))
    });
    assert!(handed, "{tl:?}");
    let ids = |s: &CustomerScope| {
        block_on(customers::list(&db, s, &CustomerFilter::default(), PAGE))
            .map(|p| p.items.iter().map(|c| c.id).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert!(ids(&CustomerScope::OwnOrShared(1)).is_empty());
    assert_eq!(ids(&CustomerScope::OwnOrShared(2)), vec![a, b, other]);
    assert!(ids(&CustomerScope::Subtree("/1/2/".into())).is_empty(), "they left the branch with their owner");
    let log = block_on(super::audit::list(
        &db,
        &super::audit::AuditFilter { action: Some("handover".into()), ..Default::default() },
        PAGE,
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(log.items.len(), 2);
    assert_eq!(log.items[0].diff["owner_id"]["to"], 2);
    assert_eq!(log.items[0].diff["reason"]["to"], "离职");
    // Nobody left to hand over: nothing moves, nothing fails.
    assert_eq!(block_on(customers::handover(&db, &actor(), 1, &to, "")), Ok((0, 0)));
}

/// Every table access in the plan of `q` uses an index (or the FTS index): no full scans of
/// customers or contacts, which at 100k customers cost ~50 ms (measured) instead of ~1 ms.
pub(super) fn assert_indexed(db: &Sqlite, q: crate::store::db::Sql) {
    #[derive(serde::Deserialize)]
    struct Plan {
        detail: String,
    }
    let explain =
        crate::store::db::Sql { text: format!("EXPLAIN QUERY PLAN {}", q.text).into(), args: q.args };
    let plan: Vec<Plan> = block_on(super::db::Db::all(db, explain)).unwrap_or_else(|e| panic!("{e:?}"));
    for p in &plan {
        // A scan of a subquery's rows (already cut to a page) is not a scan of a table.
        let full_scan = p.detail.starts_with("SCAN")
            && !p.detail.contains("USING")
            && !p.detail.contains("VIRTUAL TABLE")
            && !p.detail.starts_with("SCAN (subquery-");
        assert!(!full_scan, "full scan in plan: {} — {}", p.detail, q.text);
    }
}

#[test]
fn list_search_and_duplicate_queries_use_indexes() {
    let db = setup();
    let page = PageRequest { limit: 50, after: Some(10) };
    for q in ["13500001234", "021-6234", "顺达", "sd logistics"] {
        let f = CustomerFilter { q: Some(q.into()), ..Default::default() };
        for scope in
            [CustomerScope::All, CustomerScope::OwnOrShared(1), CustomerScope::Subtree("/1/2/".into())]
        {
            assert_indexed(&db, customers::list_sql(&scope, &f, page));
        }
    }
    assert_indexed(&db, customers::duplicates_sql("顺达物流", "13900000001", Some(1)));
    // Sorted lists and the city filter walk an index too.
    for sort in [customers::Sort::Updated, customers::Sort::LastContact] {
        let f = CustomerFilter { sort, after_key: Some(("2026-01-01".into(), 5)), ..Default::default() };
        for scope in [CustomerScope::All, CustomerScope::OwnOrShared(1)] {
            assert_indexed(&db, customers::list_sql(&scope, &f, page));
        }
    }
    let f = CustomerFilter { city: Some("上海市".into()), ..Default::default() };
    assert_indexed(&db, customers::list_sql(&CustomerScope::All, &f, page));
}

#[test]
fn sorted_lists_page_without_loss_or_repeats() {
    let db = setup();
    let ids: Vec<i64> = (0..7).map(|i| create(&db, &format!("排序{i}公司"), "", &[], 1)).collect();
    // Two changed later than the rest (explicit times: the creates share a millisecond).
    for (id, at) in [(ids[2], "2030-01-01T00:00:00.000Z"), (ids[5], "2030-01-02T00:00:00.000Z")] {
        block_on(super::db::Db::exec(
            &db,
            crate::store::db::sql!("UPDATE customers SET updated_at = ? WHERE id = ?", at, id),
        ))
        .unwrap_or_else(|e| panic!("{e:?}"));
    }
    for sort in [customers::Sort::Updated, customers::Sort::LastContact] {
        let mut seen = Vec::new();
        let mut after_key = None;
        loop {
            let f = CustomerFilter { sort, after_key: after_key.clone(), ..Default::default() };
            let page = block_on(customers::list(
                &db,
                &CustomerScope::All,
                &f,
                PageRequest { limit: 3, after: None },
            ))
            .unwrap_or_else(|e| panic!("{e:?}"));
            seen.extend(page.items.iter().map(|c| c.id));
            match page.next_cursor {
                Some(c) => after_key = schema::page::decode_key_cursor(&c),
                None => break,
            }
            assert!(after_key.is_some(), "a sorted list's cursor carries its key");
        }
        let mut sorted = seen.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, ids, "{sort:?}: every customer once");
        if sort == customers::Sort::Updated {
            assert_eq!(&seen[..2], &[ids[5], ids[2]], "the last touched first");
        }
    }
}

#[test]
fn sharing_widens_a_reps_scope_and_is_audited_once() {
    let db = setup();
    let theirs = create(&db, "乙公司", "", &[], 2);
    let ids = |s: &CustomerScope| {
        block_on(customers::list(&db, s, &CustomerFilter::default(), PAGE))
            .map(|p| p.items.iter().map(|c| c.id).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert!(ids(&CustomerScope::OwnOrShared(1)).is_empty());
    assert_eq!(block_on(customers::set_share(&db, &actor(), theirs, 1, true)), Ok(true));
    assert_eq!(
        block_on(customers::set_share(&db, &actor(), theirs, 1, true)),
        Ok(false),
        "sharing twice changes nothing"
    );
    assert_eq!(ids(&CustomerScope::OwnOrShared(1)), vec![theirs]);
    let shares = block_on(customers::shares(&db, theirs)).unwrap_or_default();
    assert_eq!(shares.iter().map(|s| s.staff_id).collect::<Vec<_>>(), vec![1]);
    assert_eq!(block_on(customers::set_share(&db, &actor(), theirs, 1, false)), Ok(true));
    assert!(ids(&CustomerScope::OwnOrShared(1)).is_empty());
    let log = block_on(super::audit::list(
        &db,
        &super::audit::AuditFilter {
            entity_id: Some(theirs),
            entity: Some("customer".into()),
            ..Default::default()
        },
        PAGE,
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["unshare", "share", "create"]);
}

#[test]
fn customers_follow_their_owner_and_their_org_when_either_moves() {
    let db = setup();
    let id = create(&db, "随迁客户", "", &[], 1);
    let path = || {
        block_on(customers::get(&db, &CustomerScope::All, id))
            .ok()
            .flatten()
            .map(|r| r.org_path)
            .unwrap_or_default()
    };
    assert_eq!(path(), "/1/2/");
    // Owner 1 moves from the branch (2) to HQ (1).
    let before =
        block_on(staff::get(&db, &super::Scope::All, 1)).ok().flatten().unwrap_or_else(|| panic!("staff"));
    let mut v = ValidStaff {
        org_id: 1,
        department: before.department,
        role: before.role,
        name: before.name.clone(),
        phone: before.phone.as_deref().and_then(|p| Phone::parse(p).ok()),
        email: None,
    };
    block_on(staff::update(&db, &actor(), &before, &v, true, before.version))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(path(), "/1/");
    // Back to the branch; then the branch gets a new parent path — the customer's path follows.
    let before =
        block_on(staff::get(&db, &super::Scope::All, 1)).ok().flatten().unwrap_or_else(|| panic!("staff"));
    v.org_id = 2;
    block_on(staff::update(&db, &actor(), &before, &v, true, before.version))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(path(), "/1/2/");
    let branch =
        block_on(orgs::get(&db, &super::Scope::All, 2)).ok().flatten().unwrap_or_else(|| panic!("org"));
    let hq2 = schema::org::ValidOrg {
        parent_id: Some(1),
        code: "HQ2".into(),
        name: "二级".into(),
        region: String::new(),
        address: String::new(),
        phone: String::new(),
    };
    let new_parent =
        block_on(orgs::create(&db, &actor(), schema::org::OrgKind::Branch, &hq2)).unwrap_or_default();
    let parent_path = block_on(orgs::get(&db, &super::Scope::All, new_parent))
        .ok()
        .flatten()
        .map(|r| r.path)
        .unwrap_or_default();
    let moved = schema::org::ValidOrg { parent_id: Some(new_parent), ..hq2.clone() };
    let moved =
        schema::org::ValidOrg { code: branch.org.code.clone(), name: branch.org.name.clone(), ..moved };
    block_on(orgs::update(&db, &actor(), &branch, &moved, true, branch.org.version, Some(&parent_path)))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(path(), format!("{parent_path}2/"));
}
