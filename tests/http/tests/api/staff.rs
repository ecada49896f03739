//! Staff accounts: validation, uniqueness, scope.

use serde_json::json;
use waypost_http_tests::{Client, unique_phone};

use crate::helpers::{admin, all_items, new_outlet, new_staff};

#[test]
fn create_validates_and_localizes() {
    let admin = admin();
    let mut en = admin.clone();
    en.lang = "en";
    let r = en.post(
        "/api/v1/staff",
        &json!({"org_id": 4, "role": "cs_agent", "name": "", "phone": "123", "password": "12345678"}),
    );
    assert_eq!((r.status, r.code()), (422, "validation_failed"));
    assert_eq!(r.body["message"], "Please check the highlighted fields.");
    assert_eq!(r.body["fields"]["phone"], "Enter a valid mobile (11 digits) or landline number.");
    assert!(r.body["fields"]["password"].is_string());
    assert!(r.body["fields"]["name"].is_string());

    let zh = admin.post(
        "/api/v1/staff",
        &json!({"org_id": 4, "role": "cs_agent", "name": "", "phone": "123", "password": "12345678"}),
    );
    assert_eq!(zh.body["message"], "请检查标出的字段。");
}

#[test]
fn phones_and_emails_are_unique_after_normalisation() {
    let admin = admin();
    let phone = unique_phone();
    let first = admin.post(
        "/api/v1/staff",
        &json!({"org_id": 4, "role": "courier", "name": "甲", "phone": phone, "password": "Courier-pass-01"}),
    );
    assert_eq!(first.status, 201, "{}", first.raw);
    let spaced = format!("+86 {} {} {}", &phone[..3], &phone[3..7], &phone[7..]);
    let second = admin.post("/api/v1/staff", &json!({"org_id": 4, "role": "courier", "name": "乙", "phone": spaced, "password": "Courier-pass-02"}));
    assert_eq!((second.status, second.code()), (409, "already_exists"));
    assert!(second.body["fields"]["phone"].is_string());
}

#[test]
fn supervisors_see_their_subtree_only() {
    let admin = admin();
    let outlet = new_outlet(&admin);
    let oid = outlet["id"].as_i64().unwrap_or_default();
    let (member, ..) = new_staff(&admin, oid, "courier");
    let (_, sphone, spass) = new_staff(&admin, oid, "cs_supervisor");
    let sup = Client::signed_in(&sphone, &spass);
    let seen: Vec<i64> =
        all_items(&sup, "/api/v1/staff").iter().filter_map(|s| s["org_id"].as_i64()).collect();
    assert!(!seen.is_empty() && seen.iter().all(|o| *o == oid), "{seen:?}");
    assert_eq!(sup.get(&format!("/api/v1/staff/{}", member["id"])).status, 200);
    assert_eq!(sup.get("/api/v1/staff/1").status, 404, "the admin at HQ is out of reach");
    assert_eq!(sup.post("/api/v1/staff", &json!({})).status, 403, "supervisors cannot create accounts");
}

#[test]
fn an_admin_cannot_lock_themselves_out() {
    let admin = admin();
    let me = admin.get("/api/v1/staff/1").body;
    let r = admin.patch(
        "/api/v1/staff/1",
        &json!({
            "version": me["version"], "org_id": 1, "department": "it_services", "role": "admin",
            "name": me["name"], "phone": me["phone"], "email": me["email"], "active": false,
        }),
    );
    assert_eq!(r.status, 422, "{}", r.raw);
}
