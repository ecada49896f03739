//! Custom fields over HTTP: admins define them; values are checked on create and edit, filter
//! the list, and come out in the export; bad definitions and values are field errors.

use schema::custom::CustomField;
use schema::customer::CustomerDetail;
use serde_json::json;
use waypost_http_tests::{Client, unique};

/// A select field with a fresh key (the suite may run more than once against one database).
fn select_field(admin: &Client) -> CustomField {
    let key = format!("grade_{}", unique());
    let r = admin.post(
        "/api/v1/custom-fields",
        &json!({"key": key, "label_zh": "客户分级", "label_en": "Grade", "kind": "select", "options": ["甲", "乙", "丙"]}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    r.json()
}

#[test]
fn admins_define_fields_and_others_cannot() {
    let admin = Client::as_role("admin");
    let f = select_field(&admin);
    let again = admin.post(
        "/api/v1/custom-fields",
        &json!({"key": f.key, "label_zh": "重复", "label_en": "Dup", "kind": "text"}),
    );
    assert_eq!((again.status, again.body["fields"]["key"].is_string()), (409, true), "{}", again.raw);
    let bad = admin.post(
        "/api/v1/custom-fields",
        &json!({"key": "9x", "label_zh": "", "label_en": "x", "kind": "select"}),
    );
    assert_eq!(bad.status, 422);
    for field in ["key", "label_zh", "options"] {
        assert!(bad.body["fields"][field].is_string(), "{field}: {}", bad.raw);
    }
    // Kind and key are fixed; labels and options change under a version check.
    let url = format!("/api/v1/custom-fields/{}", f.id);
    let kind = admin.patch(
        &url,
        &json!({"version": f.version, "key": f.key, "label_zh": "分级", "label_en": "Grade", "kind": "text"}),
    );
    assert_eq!(kind.status, 422);
    let ok = admin.patch(
        &url,
        &json!({"version": f.version, "key": f.key, "label_zh": "分级", "label_en": "Grade", "kind": "select",
                "options": ["甲", "乙", "丙", "丁"]}),
    );
    assert_eq!(ok.status, 200, "{}", ok.raw);
    let stale = admin.patch(
        &url,
        &json!({"version": f.version, "key": f.key, "label_zh": "x", "label_en": "x", "kind": "select", "options": ["甲"]}),
    );
    assert_eq!(stale.status, 409);
    let rep = Client::as_role("sales_rep");
    assert_eq!(rep.post("/api/v1/custom-fields", &json!({})).status, 403);
    let listed: Vec<CustomField> = rep.get("/api/v1/custom-fields").json();
    assert!(listed.iter().any(|x| x.key == f.key), "everyone who edits customers reads the definitions");
}

#[test]
fn values_are_checked_filter_the_list_and_export() {
    let admin = Client::as_role("admin");
    let f = select_field(&admin);
    let rep = Client::as_role("sales_rep");
    let name = format!("自定义{}物流", unique());
    let bad = rep.post(
        "/api/v1/customers",
        &json!({"kind": "company", "name": name, "custom": {f.key.clone(): "戊", "monthly_volume": "很多"}}),
    );
    assert_eq!(bad.status, 422, "{}", bad.raw);
    let fields = bad.body["fields"].as_object().cloned().unwrap_or_default();
    assert!(fields.keys().filter(|k| k.starts_with("custom.")).count() >= 2, "{}", bad.raw);
    let ok = rep.post(
        "/api/v1/customers",
        &json!({"kind": "company", "name": name, "custom": {f.key.clone(): "乙", "monthly_volume": "1,500", "services": ["冷链", "国际"]}}),
    );
    assert_eq!(ok.status, 201, "{}", ok.raw);
    let d: CustomerDetail = ok.json();
    assert_eq!(d.customer.custom[&f.key], "乙");
    assert_eq!(d.customer.custom["monthly_volume"], json!(1500.0));
    let filtered = rep.get(&format!("/api/v1/customers?cf.{}=%E4%B9%99", f.key));
    let ids: Vec<i64> = filtered.body["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["id"].as_i64()).collect())
        .unwrap_or_default();
    assert_eq!(ids, vec![d.customer.id], "{}", filtered.raw);
    let none = rep.get(&format!("/api/v1/customers?cf.{}=%E7%94%B2", f.key));
    assert_eq!(none.body["items"].as_array().map(Vec::len), Some(0));
    assert_eq!(rep.get("/api/v1/customers?cf.no_such_field=1").status, 400);
    let by_service = rep.get("/api/v1/customers?cf.services=%E5%9B%BD%E9%99%85");
    assert!(by_service.raw.contains(&name), "multi-select values filter one by one");
    // An edit that changes the value moves the filter; the export shows the column.
    let edit = rep.patch(
        &format!("/api/v1/customers/{}", d.customer.id),
        &json!({"version": d.customer.version, "kind": "company", "name": name, "custom": {f.key.clone(): "丙"}}),
    );
    assert_eq!(edit.status, 200, "{}", edit.raw);
    let moved = rep.get(&format!("/api/v1/customers?cf.{}=%E4%B9%99", f.key));
    assert_eq!(moved.body["items"].as_array().map(Vec::len), Some(0));
    let csv = rep.get(&format!("/api/v1/customers/export.csv?cf.{}=%E4%B8%99", f.key));
    assert!(csv.raw.contains("客户分级") || csv.raw.contains("Grade"), "{}", csv.raw);
    assert!(csv.raw.contains(&name));
}
