//! Import SQL against SQLite with the real migrations: set-based creates with predictable ids,
//! merges that fill blanks under a version check, the chunk record that makes replays harmless.

use futures::executor::block_on;
use schema::ids::CustomerId;
use schema::import::{ImportReport, ImportRow};

use super::customer_tests::{actor, create, setup};
use super::customers::{self, CustomerFilter, CustomerScope, Owner};
use super::db::DbError;
use super::imports::{self, MergeRow, NewRow};

fn valid(pairs: &[(&str, &str)]) -> (schema::customer::ValidCustomer, Vec<schema::customer::ValidContact>) {
    ImportRow { line: 2, fields: pairs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect() }
        .validate()
        .unwrap_or_else(|e| panic!("{e:?}"))
}

fn owner() -> Owner {
    Owner { id: Some(1), org_id: 2, org_path: "/1/2/".into() }
}

fn search(db: &super::sqlite::Sqlite, q: &str) -> Vec<i64> {
    let f = CustomerFilter { q: Some(q.into()), ..Default::default() };
    block_on(customers::list(
        db,
        &CustomerScope::All,
        &f,
        schema::page::PageRequest { limit: 50, after: None },
    ))
    .map(|p| p.items.iter().map(|c| c.id).collect())
    .unwrap_or_default()
}

#[test]
fn a_chunk_creates_customers_with_contacts_search_history_and_audit_in_one_batch() {
    let db = setup();
    let first = create(&db, "已有公司", "", &[], 1);
    let a =
        valid(&[("name", "顺达物流有限公司"), ("contact_name", "周杰"), ("contact_phone", "13812345678")]);
    let b = valid(&[("name", "华联商贸"), ("phone", "021-62345678")]);
    let base = block_on(imports::max_id(&db)).unwrap_or_default();
    assert_eq!(base, first);
    let rows = [NewRow { v: &a.0, contacts: &a.1 }, NewRow { v: &b.0, contacts: &b.1 }];
    block_on(imports::commit(
        &db,
        &actor(),
        &owner(),
        ("imp-test-0001", 0),
        base,
        &rows,
        &[],
        &ImportReport::default(),
        &[],
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(search(&db, "顺达"), vec![base + 1], "row order gives the ids");
    assert_eq!(search(&db, "周杰"), vec![base + 1], "the contact is indexed");
    assert_eq!(search(&db, "021-6234"), vec![base + 2]);
    let contacts = block_on(customers::contacts(&db, base + 1)).unwrap_or_default();
    assert_eq!((contacts.len(), contacts[0].phone.as_str()), (1, "13812345678"));
    let tl =
        block_on(super::interactions::timeline(&db, CustomerId(base + 2), None, 10)).map(|p| p.items.len());
    assert_eq!(tl, Ok(1), "the lifecycle starts");
    let log = block_on(super::audit::list(
        &db,
        &super::audit::AuditFilter { action: Some("import".into()), ..Default::default() },
        schema::page::PageRequest { limit: 50, after: None },
    ))
    .map(|p| p.items.len());
    assert_eq!(log, Ok(2));
    // The chunk is recorded: a replay finds it, another person may not reuse the id.
    assert!(matches!(block_on(imports::stored_report(&db, "imp-test-0001", 0, 1)), Ok(Some(Ok(_)))));
    assert!(matches!(block_on(imports::stored_report(&db, "imp-test-0001", 0, 2)), Ok(Some(Err(())))));
    // Recording the same chunk twice fails as a whole: nothing is created again.
    let again = block_on(imports::commit(
        &db,
        &actor(),
        &owner(),
        ("imp-test-0001", 0),
        base + 2,
        &rows,
        &[],
        &ImportReport::default(),
        &[],
    ));
    assert!(matches!(again, Err(DbError::Unique(_))), "{again:?}");
    assert_eq!(block_on(imports::max_id(&db)), Ok(base + 2));
}

#[test]
fn a_stale_base_aborts_the_chunk() {
    let db = setup();
    let a = valid(&[("name", "甲公司")]);
    let base = block_on(imports::max_id(&db)).unwrap_or_default();
    create(&db, "抢先创建", "", &[], 1);
    let rows = [NewRow { v: &a.0, contacts: &a.1 }];
    let r = block_on(imports::commit(
        &db,
        &actor(),
        &owner(),
        ("imp-test-0002", 0),
        base,
        &rows,
        &[],
        &ImportReport::default(),
        &[],
    ));
    assert_eq!(r, Err(DbError::VersionConflict));
    assert!(search(&db, "甲公司").is_empty());
    assert!(matches!(block_on(imports::stored_report(&db, "imp-test-0002", 0, 1)), Ok(None)), "not recorded");
}

#[test]
fn merges_fill_blanks_add_the_contact_and_check_versions() {
    let db = setup();
    let id = create(&db, "顺达物流", "", &[], 1);
    let found = block_on(imports::matches(&db, &["顺达物流".into()], &[])).unwrap_or_default();
    assert_eq!(found.iter().map(|m| m.id).collect::<Vec<_>>(), vec![id]);
    let targets = block_on(imports::in_scope(&db, &CustomerScope::OwnOrShared(1), &[id])).unwrap_or_default();
    assert_eq!(targets.len(), 1);
    assert!(
        block_on(imports::in_scope(&db, &CustomerScope::OwnOrShared(2), &[id]))
            .unwrap_or_default()
            .is_empty()
    );
    let row = valid(&[
        ("name", "顺达物流有限公司"),
        ("city", "杭州市"),
        ("contact_name", "吴静"),
        ("contact_phone", "13900001111"),
    ]);
    let merge = |t: &customers::CustomerRow| MergeRow {
        before: t.clone(),
        after: schema::import::merge_fill(&customers::as_valid(t), &row.0),
        contact: row.1.first().cloned(),
        terms: Default::default(),
    };
    let m = [merge(&targets[0])];
    block_on(imports::commit(
        &db,
        &actor(),
        &owner(),
        ("imp-test-0003", 0),
        0,
        &[],
        &m,
        &ImportReport::default(),
        &[],
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    let after = block_on(customers::get(&db, &CustomerScope::All, id))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("gone"));
    assert_eq!((after.customer.name.as_str(), after.customer.city.as_str()), ("顺达物流", "上海市"), "kept");
    assert_eq!(after.customer.version, targets[0].customer.version + 1);
    assert_eq!(search(&db, "吴静"), vec![id], "the new contact is indexed");
    // The same merge from a stale read is refused whole.
    let stale = block_on(imports::commit(
        &db,
        &actor(),
        &owner(),
        ("imp-test-0004", 0),
        0,
        &[],
        &m,
        &ImportReport::default(),
        &[],
    ));
    assert_eq!(stale, Err(DbError::VersionConflict));
}
