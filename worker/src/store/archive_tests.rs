//! Merging, bulk actions and the data-quality lists against SQLite with the real migrations.

use futures::executor::block_on;
use schema::bulk::BulkAction;
use schema::customer::{LifecycleStatus, Tier};
use schema::ids::{CustomerId, StaffId};
use schema::page::PageRequest;
use schema::quality::Missing;

use super::customer_tests::{actor, create, setup};
use super::customers::{self, CustomerFilter, CustomerScope, Owner};
use super::db::DbError;
use super::quality::Check;
use super::{bulk, interactions, locations, merges, quality};

const PAGE: PageRequest = PageRequest { limit: 50, after: None };

/// A customer's timeline by kind: (lifecycle changes, interactions, recorded changes as
/// `action:field,…`).
fn kinds(db: &super::sqlite::Sqlite, id: i64) -> (usize, usize, Vec<String>) {
    use schema::interaction::TimelineItem;
    let items =
        block_on(interactions::timeline(db, CustomerId(id), None, 50)).map(|p| p.items).unwrap_or_default();
    let mut out = (0, 0, Vec::new());
    for i in items {
        match i {
            TimelineItem::Status(_) => out.0 += 1,
            TimelineItem::Interaction(_) => out.1 += 1,
            TimelineItem::Change(c) => out.2.push(format!("{}:{}", c.action, c.fields.join(","))),
            TimelineItem::Shipment(s) => out.2.push(format!("shipment:{}", s.waybill_no)),
            TimelineItem::Request(r) => out.2.push(format!("request:{}", r.number)),
        }
    }
    out
}

fn row(db: &super::sqlite::Sqlite, id: i64) -> Option<customers::CustomerRow> {
    block_on(customers::get(db, &CustomerScope::All, id)).ok().flatten()
}

fn search(db: &super::sqlite::Sqlite, q: &str) -> Vec<i64> {
    let f = CustomerFilter { q: Some(q.into()), ..Default::default() };
    block_on(customers::list(db, &CustomerScope::All, &f, PAGE))
        .map(|p| p.items.iter().map(|c| c.id).collect())
        .unwrap_or_default()
}

#[test]
fn merging_moves_everything_and_removes_the_other() {
    let db = setup();
    let keep = create(&db, "顺达物流", "", &[("周杰", "13812345678")], 1);
    let gone = create(&db, "顺达物流有限公司", "021-62345678", &[("吴静", "13900001111")], 2);
    let g = row(&db, gone).unwrap_or_else(|| panic!("missing"));
    let loc =
        schema::location::LocationInput { address: "张江路 8 号".into(), ..Default::default() }.validate();
    let loc = loc.unwrap_or_else(|e| panic!("{e:?}"));
    block_on(locations::write(&db, &actor(), &g, None, Some(&loc), None)).unwrap_or_else(|e| panic!("{e:?}"));
    let note = schema::interaction::ValidInteraction {
        kind: schema::interaction::InteractionKind::Note,
        status: schema::interaction::InteractionStatus::Done,
        summary: "旧记录".into(),
        contact_id: None,
        due_at: None,
        done_at: Some("2026-01-01T00:00:00.000Z".into()),
    };
    block_on(interactions::create(&db, &actor(), CustomerId(gone), StaffId(2), &note))
        .unwrap_or_else(|e| panic!("{e:?}"));
    // The other's contact is its primary; after the merge the kept customer's primary stays the only one.
    block_on(super::db::Db::exec(
        &db,
        crate::store::db::sql!("UPDATE contacts SET is_primary = 1 WHERE customer_id = ?", gone),
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    block_on(super::db::Db::exec(
        &db,
        crate::store::db::sql!("UPDATE contacts SET is_primary = 1 WHERE customer_id = ?", keep),
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    let (k, g) =
        (row(&db, keep).unwrap_or_else(|| panic!("k")), row(&db, gone).unwrap_or_else(|| panic!("g")));
    // A stale version of the other customer refuses the whole merge.
    let mut stale = g.clone();
    stale.customer.version += 1;
    let merged = merges::merged_fields(&k, &stale);
    assert_eq!(
        block_on(merges::merge(&db, &actor(), &k, &stale, &merged, &[])),
        Err(DbError::VersionConflict)
    );
    assert!(row(&db, gone).is_some(), "nothing happened");
    let merged = merges::merged_fields(&k, &g);
    block_on(merges::merge(&db, &actor(), &k, &g, &merged, &[])).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(row(&db, gone).is_none());
    assert_eq!(block_on(merges::merged_into(&db, gone)), Ok(Some(keep)));
    let after = row(&db, keep).unwrap_or_else(|| panic!("kept"));
    assert_eq!(after.customer.phone, "021-62345678", "a blank filled from the other");
    let contacts = block_on(customers::contacts(&db, keep)).unwrap_or_default();
    let primaries: Vec<&str> = contacts.iter().filter(|c| c.is_primary).map(|c| c.name.as_str()).collect();
    assert_eq!(primaries, ["周杰"], "one primary: the kept one's");
    assert_eq!(contacts.len(), 2);
    assert_eq!(block_on(locations::list(&db, CustomerId(keep))).map(|l| l.len()), Ok(1));
    let tl = kinds(&db, keep);
    assert_eq!((tl.0, tl.1), (2, 1), "both lifecycle starts and the note");
    assert_eq!(tl.2, vec!["merge:merged_from".to_string()], "the merge is on the kept customer's timeline");
    assert_eq!(search(&db, "吴静"), vec![keep], "the moved contact finds the kept customer");
    let shares = block_on(customers::shares(&db, keep)).unwrap_or_default();
    assert_eq!(
        shares.iter().map(|s| s.staff_id).collect::<Vec<_>>(),
        vec![2],
        "the other owner keeps access"
    );
}

#[test]
fn bulk_actions_change_only_what_differs_and_audit_each() {
    let db = setup();
    let a = create(&db, "甲公司", "", &[], 1);
    let b = create(&db, "乙公司", "", &[], 1);
    let c = create(&db, "丙公司", "", &[], 2);
    assert_eq!(
        block_on(bulk::reachable(&db, &CustomerScope::OwnOrShared(1), &[a, b, c, 999])),
        Ok(vec![a, b])
    );
    let tier = BulkAction::SetTier { tier: Tier::Vip };
    assert_eq!(block_on(bulk::apply(&db, &actor(), &[a, b], &tier, None)), Ok(2));
    assert_eq!(block_on(bulk::apply(&db, &actor(), &[a, b], &tier, None)), Ok(0), "already VIP");
    let tag = BulkAction::AddTag { tag: "月结".into() };
    assert_eq!(block_on(bulk::apply(&db, &actor(), &[a, b], &tag, None)), Ok(2));
    assert_eq!(block_on(bulk::apply(&db, &actor(), &[a], &tag, None)), Ok(0), "no repeats");
    assert_eq!(row(&db, a).map(|r| r.customer.tags), Some(vec!["月结".to_string()]));
    let untag = BulkAction::RemoveTag { tag: "月结".into() };
    assert_eq!(block_on(bulk::apply(&db, &actor(), &[a], &untag, None)), Ok(1));
    assert_eq!(row(&db, a).map(|r| r.customer.tags), Some(vec![]));
    let status = BulkAction::SetStatus { status: LifecycleStatus::AtRisk };
    assert_eq!(block_on(bulk::apply(&db, &actor(), &[a], &status, None)), Ok(1));
    let tl = kinds(&db, a);
    assert_eq!(tl.0, 2, "the lifecycle change is in the history");
    assert!(
        tl.2.contains(&"bulk_update:tier".to_string()) && tl.2.contains(&"bulk_update:tags".to_string()),
        "{:?}",
        tl.2
    );
    let to = Owner { id: Some(2), org_id: 1, org_path: "/1/".into() };
    let assign = BulkAction::Assign { owner_id: 2 };
    assert_eq!(block_on(bulk::apply(&db, &actor(), &[a, b], &assign, Some(&to))), Ok(2));
    assert_eq!(row(&db, b).and_then(|r| r.customer.owner_id), Some(2));
    let log = block_on(super::audit::list(
        &db,
        &super::audit::AuditFilter { action: Some("bulk_update".into()), ..Default::default() },
        PAGE,
    ))
    .map(|p| p.items.len());
    assert_eq!(log, Ok(8), "one entry per customer that changed");
}

#[test]
fn quality_lists_find_gaps_duplicates_and_silence() {
    let db = setup();
    let bare = create(&db, "空白公司", "", &[], 1);
    let full = create(&db, "完整公司", "021-62345678", &[("周杰", "13812345678")], 1);
    let twin = create(&db, "完整有限公司", "", &[], 1);
    let list = |check: &Check| {
        block_on(quality::list(&db, &CustomerScope::All, check, PAGE)).map(|p| p.items).unwrap_or_default()
    };
    let missing = list(&Check::Missing);
    let first = missing.iter().find(|i| i.customer.id == bare).map(|i| i.missing.clone()).unwrap_or_default();
    assert_eq!(first, vec![Missing::Phone, Missing::Contact, Missing::Licence]);
    let full_item =
        missing.iter().find(|i| i.customer.id == full).map(|i| i.missing.clone()).unwrap_or_default();
    assert_eq!(full_item, vec![Missing::Licence], "city set by the helper; only the licence is missing");
    let dups: Vec<i64> = list(&Check::Duplicates).iter().map(|i| i.customer.id).collect();
    assert_eq!(dups, vec![full, twin]);
    let stale: Vec<i64> = list(&Check::Stale { since: "2026-06-01T00:00:00.000Z".into() })
        .iter()
        .map(|i| i.customer.id)
        .collect();
    assert_eq!(stale, vec![bare, full, twin], "never contacted");
}
