//! Custom field values against SQLite with the real migrations: stored on the customer, indexed
//! for filters, re-indexed on edit, carried by imports.

use futures::executor::block_on;
use schema::custom::{CustomFieldInput, FieldKind, validate_values};
use schema::customer::{CustomerInput, CustomerKind};
use schema::page::PageRequest;

use super::customer_tests::{actor, setup};
use super::customers::{self, CustomerFilter, CustomerScope, Owner};
use super::{custom_fields, imports};

const PAGE: PageRequest = PageRequest { limit: 50, after: None };

fn define(db: &super::sqlite::Sqlite, key: &str, kind: FieldKind, options: &[&str]) {
    let f = CustomFieldInput {
        key: key.into(),
        label_zh: key.into(),
        label_en: key.into(),
        kind: Some(kind),
        options: options.iter().map(|o| (*o).into()).collect(),
        active: true,
        ..Default::default()
    }
    .validate()
    .unwrap_or_else(|e| panic!("{e:?}"));
    block_on(custom_fields::create(db, &actor(), &f)).unwrap_or_else(|e| panic!("{e:?}"));
}

fn filtered(db: &super::sqlite::Sqlite, field: i64, value: &str) -> Vec<i64> {
    let f = CustomerFilter { custom: vec![(field, value.into())], ..Default::default() };
    block_on(customers::list(db, &CustomerScope::All, &f, PAGE))
        .map(|p| p.items.iter().map(|c| c.id).collect())
        .unwrap_or_default()
}

#[test]
fn values_are_stored_indexed_and_reindexed() {
    let db = setup();
    define(&db, "channel", FieldKind::Select, &["电商", "门店"]);
    define(&db, "services", FieldKind::MultiSelect, &["冷链", "国际"]);
    let defs = block_on(custom_fields::all(&db)).unwrap_or_default();
    assert_eq!(defs.len(), 2);
    let input = CustomerInput {
        kind: Some(CustomerKind::Company),
        name: "定制公司".into(),
        custom: serde_json::from_value(serde_json::json!({"channel": "电商", "services": ["冷链", "国际"]}))
            .unwrap_or_default(),
        ..Default::default()
    };
    let (mut v, c) = input.validate().unwrap_or_else(|e| panic!("{e:?}"));
    v.custom = validate_values(&defs, &input.custom).unwrap_or_else(|e| panic!("{e:?}"));
    let owner = Owner { id: Some(1), org_id: 2, org_path: "/1/2/".into() };
    let id =
        block_on(customers::create(&db, &actor(), &v, &c, &owner, &defs)).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(filtered(&db, defs[0].id, "电商"), vec![id]);
    assert_eq!(filtered(&db, defs[1].id, "国际"), vec![id], "each option of a multi-select");
    let row = block_on(customers::get(&db, &CustomerScope::All, id))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("gone"));
    assert_eq!(row.customer.custom["services"], serde_json::json!(["冷链", "国际"]));
    // An edit moves the index with the value.
    let mut after = customers::as_valid(&row);
    after.custom.insert("channel".into(), "门店".into());
    block_on(customers::update(&db, &actor(), &row, &after, row.customer.version, &owner, &defs))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(filtered(&db, defs[0].id, "电商").is_empty());
    assert_eq!(filtered(&db, defs[0].id, "门店"), vec![id]);
    // An import carries its custom columns.
    let mut imported = customers::as_valid(&row);
    imported.name = "导入定制".into();
    imported.name_key = "导入定制".into();
    imported.custom = validate_values(
        &defs,
        &serde_json::from_value(serde_json::json!({"channel": "电商"})).unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let base = block_on(imports::max_id(&db)).unwrap_or_default();
    let rows = [imports::NewRow { v: &imported, contacts: &[] }];
    block_on(imports::commit(
        &db,
        &actor(),
        &owner,
        ("imp-custom-01", 0),
        base,
        &rows,
        &[],
        &Default::default(),
        &defs,
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(filtered(&db, defs[0].id, "电商"), vec![base + 1]);
}
