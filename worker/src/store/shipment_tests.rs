//! Shipments, event ingest and integration keys against SQLite with the real migrations.

use futures::executor::block_on;
use schema::ids::CustomerId;
use schema::shipment::{EventInput, ShipmentInput, ShipmentStatus, ValidEvent};

use super::customer_tests::{actor, setup};
use super::{api_keys, shipments, tracking};

fn shipment(db: &super::sqlite::Sqlite, waybill: &str) -> i64 {
    shipment_of(db, waybill, None)
}

pub(super) fn shipment_of(db: &super::sqlite::Sqlite, waybill: &str, customer: Option<i64>) -> i64 {
    let v = ShipmentInput {
        waybill_no: waybill.into(),
        customer_id: customer,
        consignee_name: "张三".into(),
        consignee_phone: "13812345678".into(),
        consignee_address: "上海市闵行区沪闵路 100 号".into(),
        service_code: "standard".into(),
        pieces: 1,
        ..Default::default()
    }
    .validate()
    .unwrap_or_else(|e| panic!("{e:?}"));
    block_on(shipments::create(db, &actor(), &v, None)).unwrap_or_else(|e| panic!("{e:?}"))
}

fn event(waybill: &str, at: &str, kind: ShipmentStatus, id: Option<&str>) -> ValidEvent {
    EventInput {
        event_id: id.map(String::from),
        waybill_no: waybill.into(),
        at: at.into(),
        kind: Some(kind),
        location: "虹桥转运中心".into(),
        ..Default::default()
    }
    .validate("2099-01-01T00:00:00.000Z")
    .unwrap_or_else(|e| panic!("{e:?}"))
}

fn status(db: &super::sqlite::Sqlite, id: i64) -> (ShipmentStatus, String) {
    let s =
        block_on(shipments::get(db, None, Some(id), None)).ok().flatten().unwrap_or_else(|| panic!("{id}"));
    (s.status, s.status_at)
}

#[test]
fn status_follows_the_latest_event_whatever_the_order_and_replays_add_nothing() {
    let db = setup();
    let id = shipment(&db, "WP100000000001");
    let later = event("WP100000000001", "2099-01-01T00:00:00Z", ShipmentStatus::Delivered, Some("e2"));
    let earlier = event("WP100000000001", "2098-12-31T00:00:00Z", ShipmentStatus::OutForDelivery, Some("e1"));
    block_on(tracking::record(&db, "key:1", &[(id, &later)])).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(status(&db, id).0, ShipmentStatus::Delivered);
    // The earlier event arrives late: recorded, but the status stays.
    block_on(tracking::record(&db, "key:1", &[(id, &earlier)])).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(status(&db, id), (ShipmentStatus::Delivered, "2099-01-01T00:00:00.000Z".into()));
    let s =
        block_on(shipments::get(&db, None, Some(id), None)).ok().flatten().unwrap_or_else(|| panic!("gone"));
    assert_eq!(s.delivered_at.as_deref(), Some("2099-01-01T00:00:00.000Z"));
    // A replay is known, and recording it again adds nothing.
    let known = block_on(tracking::known(&db, &[(id, "id:e1"), (id, "id:e9")])).unwrap_or_default();
    assert!(known.contains(&(id, "id:e1".to_string())) && !known.contains(&(id, "id:e9".to_string())));
    block_on(tracking::record(&db, "key:1", &[(id, &earlier), (id, &later)]))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(block_on(shipments::events(&db, id)).map(|e| e.len()), Ok(2));
    let snaps = block_on(tracking::snapshots(&db, &[id])).unwrap_or_default();
    assert_eq!(snaps.len(), 1);
    assert_eq!(snaps[0].events[0].kind, ShipmentStatus::Delivered, "newest first");
}

#[test]
fn search_by_waybill_prefix_phone_and_status() {
    let db = setup();
    let a = shipment(&db, "WP200000000001");
    let b = shipment(&db, "WP200000000002");
    let ids = |q: &str| {
        let f = shipments::ShipmentFilter { q: Some(q.into()), ..Default::default() };
        block_on(shipments::search(&db, None, &f, schema::page::PageRequest { limit: 50, after: None }))
            .map(|p| p.items.iter().map(|s| s.id).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(ids("WP2000000000"), vec![b, a], "newest first");
    assert_eq!(ids("wp200000000001"), vec![a]);
    assert_eq!(ids("138 1234 5678"), vec![b, a], "by the consignee's phone");
    assert!(ids("WP3").is_empty());
    let targets = block_on(tracking::targets(&db, &["WP200000000002", "WP999999999999"])).unwrap_or_default();
    assert_eq!(targets.iter().map(|t| t.id).collect::<Vec<_>>(), vec![b]);
}

#[test]
fn integration_keys_verify_until_revoked() {
    let db = setup();
    let (id, key) = block_on(api_keys::create(&db, &actor(), "TMS")).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(key.starts_with("wpk_"));
    assert_eq!(block_on(api_keys::verify(&db, &key)), Ok(Some((id, "TMS".to_string()))));
    let flipped = if key.ends_with('0') { '1' } else { '0' };
    let wrong = format!("{}{flipped}", &key[..key.len() - 1]);
    assert_eq!(block_on(api_keys::verify(&db, &wrong)), Ok(None), "a changed secret fails");
    assert_eq!(block_on(api_keys::verify(&db, "wpk_nonsense")), Ok(None));
    let listed = block_on(api_keys::list(&db)).unwrap_or_default();
    assert!(
        !listed.iter().any(|k| key.contains(&k.prefix) && key.ends_with(&k.prefix)),
        "the secret is not listed"
    );
    block_on(api_keys::revoke(&db, &actor(), id)).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(block_on(api_keys::verify(&db, &key)), Ok(None), "revoked");
}

#[test]
fn shipments_are_on_the_timeline_and_follow_a_merge() {
    use schema::interaction::TimelineItem;
    let db = setup();
    let keep = super::customer_tests::create(&db, "顺达物流", "", &[], 1);
    let gone = super::customer_tests::create(&db, "顺达物流有限公司", "", &[], 1);
    shipment_of(&db, "WP300000000001", Some(keep));
    let moved = shipment_of(&db, "WP300000000002", Some(gone));
    let waybills = |id: i64| {
        block_on(super::interactions::timeline(&db, CustomerId(id), None, 50))
            .map(|p| p.items)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|i| match i {
                TimelineItem::Shipment(s) => Some(s.waybill_no),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(waybills(keep), ["WP300000000001"]);
    let get = |id| {
        block_on(super::customers::get(&db, &super::customers::CustomerScope::All, id))
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("{id}"))
    };
    let (k, g) = (get(keep), get(gone));
    let merged = super::merges::merged_fields(&k, &g);
    block_on(super::merges::merge(&db, &actor(), &k, &g, &merged, &[])).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(waybills(keep), ["WP300000000002", "WP300000000001"], "newest first, the other's too");
    let s = block_on(shipments::get(&db, None, Some(moved), None))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("moved"));
    assert_eq!(s.customer_id, Some(keep));
}

#[test]
fn commitments_set_the_due_time_the_sweep_flags_overdue_and_late_delivery_is_eligible() {
    let db = setup();
    let due =
        block_on(shipments::committed_time(&db, "express", "上海市", "杭州市", "2026-11-01T00:00:00.000Z"));
    assert_eq!(due, Ok(Some("2026-11-02T00:00:00.000Z".into())), "the specific row wins");
    let any =
        block_on(shipments::committed_time(&db, "standard", "北京市", "广州市", "2026-11-01T00:00:00.000Z"));
    assert_eq!(any, Ok(Some("2026-11-04T00:00:00.000Z".into())), "the catch-all row");
    let id = shipment(&db, "WP400000000001");
    let s =
        block_on(shipments::get(&db, None, Some(id), None)).ok().flatten().unwrap_or_else(|| panic!("gone"));
    assert!(s.committed_at.is_some(), "a new shipment gets its committed time");
    let after = "2099-01-01T00:00:00.000Z";
    assert_eq!(block_on(shipments::sweep_overdue(&db, after)), Ok(1));
    assert_eq!(block_on(shipments::sweep_overdue(&db, after)), Ok(0), "flagged once");
    let late = event("WP400000000001", "2098-01-01T00:00:00Z", ShipmentStatus::Delivered, Some("d"));
    block_on(tracking::record(&db, "key:1", &[(id, &late)])).unwrap_or_else(|e| panic!("{e:?}"));
    let s =
        block_on(shipments::get(&db, None, Some(id), None)).ok().flatten().unwrap_or_else(|| panic!("gone"));
    assert!(!s.overdue && s.delay_eligible, "delivered late: no longer open, eligible for compensation");
}

#[test]
fn only_shipments_with_a_live_snapshot_are_rewritten() {
    let db = setup();
    let a = shipment(&db, "WP500000000001");
    let b = shipment(&db, "WP500000000002");
    block_on(tracking::mark_cached(&db, a, "2099-01-01T00:00:00.000Z")).unwrap_or_else(|e| panic!("{e:?}"));
    block_on(tracking::mark_cached(&db, b, "2000-01-01T00:00:00.000Z")).unwrap_or_else(|e| panic!("{e:?}"));
    let now = "2026-11-25T00:00:00.000Z";
    assert_eq!(block_on(tracking::cached_among(&db, &[a, b], now)), Ok(vec![a]), "b's snapshot has expired");
    // A rewrite moves the mark with the snapshot's new lifetime.
    block_on(tracking::extend_marks(&db, &[a], "2099-06-01T00:00:00.000Z"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(block_on(tracking::cached_among(&db, &[a], "2099-03-01T00:00:00.000Z")), Ok(vec![a]));
    assert_eq!(block_on(tracking::forget_snapshots(&db, now)), Ok(1));
}

#[test]
fn ingested_shipments_get_their_committed_time_in_sql_and_a_replay_creates_nothing() {
    let db = setup();
    let input = |w: &str, service: &str| {
        ShipmentInput {
            waybill_no: w.into(),
            consignee_name: "张三".into(),
            consignee_phone: "13812345678".into(),
            consignee_address: "杭州市西湖区".into(),
            origin_region: "上海市".into(),
            dest_region: "杭州市".into(),
            service_code: service.into(),
            pieces: 1,
            ..Default::default()
        }
        .validate()
        .unwrap_or_else(|e| panic!("{e:?}"))
    };
    let (a, b) = (input("WP400000000001", "express"), input("WP400000000002", "standard"));
    let created = block_on(shipments::ingest(&db, &actor(), &[&a, &b])).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(created.len(), 2);
    let again = block_on(shipments::ingest(&db, &actor(), &[&a])).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(again.is_empty(), "a waybill on file is left alone");
    // The same rule as a staff-created shipment: the most specific commitment row, in days.
    let s = block_on(shipments::get(&db, None, None, Some("WP400000000001"))).ok().flatten();
    let s = s.unwrap_or_else(|| panic!("ingested"));
    let expected =
        block_on(shipments::committed_time(&db, "express", "上海市", "杭州市", &s.created_at)).ok().flatten();
    assert_eq!(s.committed_at, expected);
    assert!(s.committed_at.is_some());
}

#[test]
fn shipment_searches_and_attention_lists_use_indexes() {
    use schema::page::PageRequest;

    use super::customer_tests::assert_indexed;
    use super::customers::CustomerScope;
    use super::shipments::{ShipmentFilter, search_sql};
    let db = setup();
    let page = PageRequest { limit: 50, after: Some(1000) };
    let filters = [
        ShipmentFilter { q: Some("WP2026".into()), ..Default::default() },
        ShipmentFilter { q: Some("13900000001".into()), ..Default::default() },
        ShipmentFilter { customer_id: Some(1), ..Default::default() },
        ShipmentFilter { q: Some("顺达".into()), ..Default::default() },
        ShipmentFilter { status: Some(ShipmentStatus::Exception), ..Default::default() },
        ShipmentFilter { overdue: true, ..Default::default() },
        ShipmentFilter { overdue: true, org_path: Some("/1/2/".into()), ..Default::default() },
        ShipmentFilter { overdue: true, org_id: Some(2), ..Default::default() },
        ShipmentFilter {
            q: Some("WP2026".into()),
            after_waybill: Some("WP20261120".into()),
            ..Default::default()
        },
        ShipmentFilter {
            status: Some(ShipmentStatus::Exception),
            org_path: Some("/1/2/".into()),
            ..Default::default()
        },
    ];
    for f in &filters {
        for scope in [None, Some(CustomerScope::OwnOrShared(1)), Some(CustomerScope::Only(1))] {
            assert_indexed(&db, search_sql(scope.as_ref(), f, page, false));
        }
    }
    // A broad sales scope walks shipments newest first: by the primary key, never a sort of all.
    let q = search_sql(Some(&CustomerScope::OwnOrShared(1)), &ShipmentFilter::default(), page, true);
    #[derive(serde::Deserialize)]
    struct Plan {
        detail: String,
    }
    let explain =
        crate::store::db::Sql { text: format!("EXPLAIN QUERY PLAN {}", q.text).into(), args: q.args };
    let plan: Vec<Plan> = block_on(super::db::Db::all(&db, explain)).unwrap_or_default();
    assert!(
        plan.iter().all(|p| !p.detail.contains("TEMP B-TREE")),
        "no sort: {:?}",
        plan.iter().map(|p| &p.detail).collect::<Vec<_>>()
    );
    let counts = block_on(shipments::attention(&db, &super::Scope::Subtree("/1/".into())));
    assert_eq!(counts, Ok(vec![]));
    // One overdue and one exception at the branch (org 2), one exception nobody took.
    let v = |w: &str| {
        ShipmentInput {
            waybill_no: w.into(),
            consignee_name: "张三".into(),
            consignee_phone: "13812345678".into(),
            consignee_address: "x".into(),
            service_code: "standard".into(),
            pieces: 1,
            ..Default::default()
        }
        .validate()
        .unwrap_or_else(|e| panic!("{e:?}"))
    };
    for (w, org) in [("WP500000000001", Some(2)), ("WP500000000002", Some(2)), ("WP500000000003", None)] {
        block_on(shipments::create(&db, &actor(), &v(w), org)).unwrap_or_else(|e| panic!("{e:?}"));
    }
    block_on(super::db::Db::batch(
        &db,
        vec![
            crate::store::db::sql!("UPDATE shipments SET overdue = 1 WHERE waybill_no = 'WP500000000001'"),
            crate::store::db::sql!(
                "UPDATE shipments SET status = 'exception' WHERE waybill_no != 'WP500000000001'"
            ),
        ],
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    let all = block_on(shipments::attention(&db, &super::Scope::All)).unwrap_or_default();
    let got: Vec<(Option<i64>, i64, i64)> = all.iter().map(|a| (a.org_id, a.overdue, a.exception)).collect();
    assert_eq!(got, vec![(Some(2), 1, 1), (None, 0, 1)]);
    assert_eq!(all.first().and_then(|a| a.org_name.clone()).as_deref(), Some("B"));
    let branch =
        block_on(shipments::attention(&db, &super::Scope::Subtree("/1/2/".into()))).unwrap_or_default();
    assert_eq!(branch.len(), 1, "only the branch's own, not the unowned");
}

#[test]
fn waybill_searches_page_by_waybill_number_without_loss() {
    use schema::page::{PageRequest, decode_key_cursor};

    use super::shipments::ShipmentFilter;
    let db = setup();
    for w in ["WP600000000001", "WP600000000003", "WP600000000002", "WP700000000001"] {
        shipment(&db, w);
    }
    let page = PageRequest { limit: 2, after: None };
    let f = ShipmentFilter { q: Some("wp6000".into()), ..Default::default() };
    let first = block_on(shipments::search(&db, None, &f, page)).unwrap_or_else(|e| panic!("{e:?}"));
    let got: Vec<&str> = first.items.iter().map(|s| s.waybill_no.as_str()).collect();
    assert_eq!(got, vec!["WP600000000003", "WP600000000002"]);
    let (after, _) = first.next_cursor.as_deref().and_then(decode_key_cursor).unwrap_or_default();
    let f = ShipmentFilter { after_waybill: Some(after), ..f };
    let second = block_on(shipments::search(&db, None, &f, page)).unwrap_or_else(|e| panic!("{e:?}"));
    let got: Vec<&str> = second.items.iter().map(|s| s.waybill_no.as_str()).collect();
    assert_eq!(got, vec!["WP600000000001"]);
    assert!(second.next_cursor.is_none());
}

#[test]
fn a_customers_name_finds_its_shipments_and_waybill_shapes_stay_waybills() {
    use super::shipments::ShipmentFilter;
    let db = setup();
    let c = super::customer_tests::create(&db, "顺达物流", "02100000001", &[], 1);
    shipment_of(&db, "WP800000000001", Some(c));
    shipment(&db, "WP800000000002");
    let page = schema::page::PageRequest { limit: 50, after: None };
    let by_name = ShipmentFilter { q: Some("顺达".into()), ..Default::default() };
    let found = block_on(shipments::search(&db, None, &by_name, page)).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(found.items.iter().map(|s| s.waybill_no.as_str()).collect::<Vec<_>>(), vec!["WP800000000001"]);
    for (q, waybill) in
        [("wp 8000", true), ("WPM00000050", true), ("8000", true), ("sd logistics", false), ("顺达", false)]
    {
        let f = ShipmentFilter { q: Some(q.into()), ..Default::default() };
        assert_eq!(f.waybill_query().is_some(), waybill, "{q}");
    }
}
