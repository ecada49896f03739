//! Custom fields over HTTP: admins define them; values are checked on create and edit, filter
//! the list, and come out in the export; bad definitions and values are field errors.

use schema::custom::{CustomField, CustomFieldInput, CustomValues, FieldKind};
use schema::customer::{CustomerInput, CustomerKind};
use serde_json::{Value, json};
use waypost_http_tests::{Client, unique};

fn definition(key: &str, label_zh: &str, kind: FieldKind, options: &[&str]) -> CustomFieldInput {
    CustomFieldInput {
        key: key.into(),
        label_zh: label_zh.into(),
        label_en: "Grade".into(),
        kind: Some(kind),
        options: options.iter().map(|o| o.to_string()).collect(),
        active: true,
        ..Default::default()
    }
}

/// A select field with a fresh key (the suite may run more than once against one database).
fn select_field(admin: &Client) -> CustomField {
    let key = format!("grade_{}", unique());
    admin
        .custom_fields_create(&definition(&key, "客户分级", FieldKind::Select, &["甲", "乙", "丙"]))
        .status_is(201)
        .json()
}

fn company(name: &str, custom: Value) -> CustomerInput {
    let custom: CustomValues = serde_json::from_value(custom).unwrap_or_default();
    CustomerInput { kind: Some(CustomerKind::Company), name: name.into(), custom, ..Default::default() }
}

#[test]
fn admins_define_fields_and_others_cannot() {
    let admin = Client::as_role("admin");
    let f = select_field(&admin);
    let again = admin.custom_fields_create(&definition(&f.key, "重复", FieldKind::Text, &[]));
    assert_eq!((again.status, again.body["fields"]["key"].is_string()), (409, true), "{}", again.raw);
    let bad = admin.custom_fields_create(&definition("9x", "", FieldKind::Select, &[]));
    assert_eq!(bad.status, 422);
    for field in ["key", "label_zh", "options"] {
        assert!(bad.body["fields"][field].is_string(), "{field}: {}", bad.raw);
    }
    // Kind and key are fixed; labels and options change under a version check.
    let edit = |kind, label: &str, options: &[&str]| CustomFieldInput {
        version: Some(f.version),
        ..definition(&f.key, label, kind, options)
    };
    assert_eq!(admin.custom_fields_update(f.id, &edit(FieldKind::Text, "分级", &[])).status, 422);
    admin.custom_fields_update(f.id, &edit(FieldKind::Select, "分级", &["甲", "乙", "丙", "丁"])).ok();
    assert_eq!(admin.custom_fields_update(f.id, &edit(FieldKind::Select, "x", &["甲"])).status, 409);
    let rep = Client::as_role("sales_rep");
    assert_eq!(rep.custom_fields_create(&definition("x_y", "x", FieldKind::Text, &[])).status, 403);
    let listed = rep.custom_fields_list().ok();
    assert!(listed.iter().any(|x| x.key == f.key), "everyone who edits customers reads the definitions");
}

#[test]
fn values_are_checked_filter_the_list_and_export() {
    let admin = Client::as_role("admin");
    let f = select_field(&admin);
    let rep = Client::as_role("sales_rep");
    let name = format!("自定义{}物流", unique());
    let bad = rep.customers_create(&company(&name, json!({f.key.clone(): "戊", "monthly_volume": "很多"})));
    assert_eq!(bad.status, 422, "{}", bad.raw);
    let fields = bad.body["fields"].as_object().cloned().unwrap_or_default();
    assert!(fields.keys().filter(|k| k.starts_with("custom.")).count() >= 2, "{}", bad.raw);
    let values = json!({f.key.clone(): "乙", "monthly_volume": "1,500", "services": ["冷链", "国际"]});
    let d = rep.customers_create(&company(&name, values)).ok();
    assert_eq!(d.customer.custom[&f.key], "乙");
    assert_eq!(d.customer.custom["monthly_volume"], json!(1500.0));
    let by = |key: &str, value: &str| -> Vec<i64> {
        let filter = format!("cf.{key}");
        rep.customers_list(&[(&filter, value)]).ok().items.iter().map(|c| c.id).collect()
    };
    assert_eq!(by(&f.key, "乙"), vec![d.customer.id]);
    assert!(by(&f.key, "甲").is_empty());
    assert_eq!(rep.customers_list(&[("cf.no_such_field", "1")]).status, 400);
    assert!(by("services", "国际").contains(&d.customer.id), "multi-select values filter one by one");
    // An edit that changes the value moves the filter; the export shows the column.
    let edit =
        CustomerInput { version: Some(d.customer.version), ..company(&name, json!({f.key.clone(): "丙"})) };
    rep.customers_update(d.customer.id, &edit).ok();
    assert!(by(&f.key, "乙").is_empty());
    let filter = format!("cf.{}", f.key);
    let csv = rep.customers_export(&[(&filter, "丙")]).text();
    assert!(csv.contains("客户分级") || csv.contains("Grade"), "{csv}");
    assert!(csv.contains(&name));
}
