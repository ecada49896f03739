//! Locations and the interaction timeline against SQLite with the real migrations.

use futures::executor::block_on;
use schema::customer::LifecycleStatus;
use schema::ids::{CustomerId, StaffId};
use schema::interaction::{InteractionKind, InteractionStatus, TimelineItem, ValidInteraction};
use schema::location::LocationInput;

use super::customer_tests::{actor, create, setup};
use super::customers::{self, CustomerFilter, CustomerScope};
use super::db::DbError;
use super::interactions::{self, Before};
use super::locations;

fn row(db: &super::sqlite::Sqlite, id: i64) -> customers::CustomerRow {
    block_on(customers::get(db, &CustomerScope::All, id)).ok().flatten().unwrap_or_else(|| panic!("no {id}"))
}

fn location(address: &str, default: bool) -> schema::location::ValidLocation {
    LocationInput {
        address: address.into(), label: "仓库".into(), is_default: default, ..Default::default()
    }
    .validate()
    .unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn one_default_location_and_addresses_are_searchable() {
    let db = setup();
    let id = create(&db, "顺达物流", "", &[], 1);
    let r = row(&db, id);
    let write = |l: Option<&schema::location::ValidLocation>, lid: Option<i64>, v: Option<i64>| {
        block_on(locations::write(&db, &actor(), &r, lid, l, v))
    };
    write(Some(&location("闵行区沪闵路 100 号", false)), None, None).unwrap_or_else(|e| panic!("{e:?}"));
    let all = block_on(locations::list(&db, CustomerId(id))).unwrap_or_default();
    assert!(all[0].is_default, "the first location becomes the default");
    write(Some(&location("浦东新区张江路 8 号", true)), None, None).unwrap_or_else(|e| panic!("{e:?}"));
    let all = block_on(locations::list(&db, CustomerId(id))).unwrap_or_default();
    assert_eq!(all.iter().filter(|l| l.is_default).count(), 1);
    assert_eq!(all[0].address, "浦东新区张江路 8 号", "the new default is listed first");
    let f = CustomerFilter { q: Some("张江".into()), ..Default::default() };
    let found = block_on(customers::list(
        &db,
        &CustomerScope::All,
        &f,
        schema::page::PageRequest { limit: 50, after: None },
    ))
    .map(|p| p.items.len())
    .unwrap_or_default();
    assert_eq!(found, 1, "a location's address finds its customer");
    // Removing the default promotes the remaining one.
    write(None, Some(all[0].id), None).unwrap_or_else(|e| panic!("{e:?}"));
    let all = block_on(locations::list(&db, CustomerId(id))).unwrap_or_default();
    assert_eq!(all.len(), 1);
    assert!(all[0].is_default);
    // A stale edit is refused and changes nothing.
    let stale = write(Some(&location("别处", false)), Some(all[0].id), Some(99));
    assert_eq!(stale, Err(DbError::VersionConflict));
    assert_eq!(
        block_on(locations::list(&db, CustomerId(id))).unwrap_or_default()[0].address,
        "闵行区沪闵路 100 号"
    );
}

fn done(summary: &str, at: &str) -> ValidInteraction {
    ValidInteraction {
        kind: InteractionKind::Call,
        status: InteractionStatus::Done,
        summary: summary.into(),
        contact_id: None,
        due_at: None,
        done_at: Some(at.into()),
    }
}

#[test]
fn timeline_merges_interactions_and_lifecycle_newest_first_across_pages() {
    let db = setup();
    let id = create(&db, "甲公司", "", &[], 1);
    for (i, at) in ["2026-01-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]
        .iter()
        .enumerate()
    {
        block_on(interactions::create(
            &db,
            &actor(),
            CustomerId(id),
            StaffId(1),
            &done(&format!("第{i}次"), at),
        ))
        .unwrap_or_else(|e| panic!("{e:?}"));
    }
    // The customer's last contact follows the latest done interaction, whatever the order logged.
    assert_eq!(row(&db, id).customer.last_contact_at.as_deref(), Some("2026-03-01T00:00:00.000Z"));
    let mut seen = Vec::new();
    let mut before: Option<Before> = None;
    loop {
        let page = block_on(interactions::timeline(&db, CustomerId(id), before.as_ref(), 2))
            .unwrap_or_else(|e| panic!("{e:?}"));
        seen.extend(page.items);
        match page.next_before.as_deref().map(Before::parse) {
            Some(Some(b)) => before = Some(b),
            Some(None) => panic!("unparseable cursor"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 4, "three interactions and the first lifecycle entry, none lost or repeated");
    let first = match &seen[0] {
        TimelineItem::Status(s) => s.to_status,
        TimelineItem::Interaction(_)
        | TimelineItem::Change(_)
        | TimelineItem::Shipment(_)
        | TimelineItem::Request(_) => {
            panic!("the creation (now) is newest")
        }
    };
    assert_eq!(first, LifecycleStatus::Prospect);
    let summaries: Vec<&str> = seen
        .iter()
        .filter_map(|i| match i {
            TimelineItem::Interaction(i) => Some(i.summary.as_str()),
            TimelineItem::Status(_)
            | TimelineItem::Change(_)
            | TimelineItem::Shipment(_)
            | TimelineItem::Request(_) => None,
        })
        .collect();
    assert_eq!(summaries, ["第1次", "第2次", "第0次"]);
}

#[test]
fn comments_and_edits_are_version_checked() {
    let db = setup();
    let id = create(&db, "乙公司", "", &[], 1);
    let iid = block_on(interactions::create(
        &db,
        &actor(),
        CustomerId(id),
        StaffId(1),
        &done("拜访", "2026-01-01T00:00:00.000Z"),
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    let got = block_on(interactions::get(&db, CustomerId(id), iid))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("missing"));
    block_on(interactions::comment(&db, &actor(), &got, "同意,下周再访", got.version))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let stale = block_on(interactions::comment(&db, &actor(), &got, "覆盖", got.version));
    assert_eq!(stale, Err(DbError::VersionConflict));
    let now = block_on(interactions::get(&db, CustomerId(id), iid))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(now.comment, "同意,下周再访");
    assert_eq!(now.comment_by.as_deref(), Some("测试"));
    // Another customer's id does not reach it.
    assert_eq!(block_on(interactions::get(&db, CustomerId(id + 1), iid)), Ok(None));
}

#[test]
fn cursors_are_checked() {
    assert!(Before::parse("2026-01-01T00:00:00.000Z|i|3").is_some());
    for bad in ["", "x|i|3", "2026-01-01T00:00:00.000Z|q|3", "2026-01-01T00:00:00.000Z|i|x", "a|i|1|2"] {
        assert!(Before::parse(bad).is_none(), "{bad}");
    }
}
