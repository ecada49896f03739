//! The audit log records every change with a diff, and only admins read it.

use serde_json::json;
use waypost_http_tests::Client;

use crate::helpers::{admin, new_outlet};

#[test]
fn changes_are_recorded_with_who_and_what() {
    let admin = admin();
    let outlet = new_outlet(&admin);
    let id = outlet["id"].as_i64().unwrap_or_default();
    let r = admin.patch(
        &format!("/api/v1/orgs/{id}"),
        &json!({
            "version": 1, "parent_id": 2, "code": outlet["code"], "name": "改名营业部", "active": true,
        }),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    let log = admin.get(&format!("/api/v1/audit?entity=org&entity_id={id}"));
    assert_eq!(log.status, 200);
    let items = log.body["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 2, "{}", log.raw);
    assert_eq!(items[0]["action"], "update");
    assert_eq!(items[0]["actor_name"], "赵志强");
    assert_eq!(items[0]["diff"]["name"]["to"], "改名营业部");
    assert_eq!(items[0]["diff"]["name"]["from"], outlet["name"]);
    assert!(items[0]["diff"].get("version").is_none());
    assert_eq!(items[1]["action"], "create");
}

#[test]
fn a_failed_write_leaves_no_entry() {
    let admin = admin();
    let outlet = new_outlet(&admin);
    let id = outlet["id"].as_i64().unwrap_or_default();
    let stale = admin.patch(
        &format!("/api/v1/orgs/{id}"),
        &json!({"version": 99, "parent_id": 2, "code": outlet["code"], "name": "x", "active": true}),
    );
    assert_eq!(stale.status, 409);
    let log = admin.get(&format!("/api/v1/audit?entity=org&entity_id={id}"));
    assert_eq!(log.body["items"].as_array().map(Vec::len), Some(1), "{}", log.raw);
}

#[test]
fn password_values_never_reach_the_log_and_only_admins_read_it() {
    let admin = admin();
    let log = admin.get("/api/v1/audit?entity=staff&limit=100");
    assert!(!log.raw.contains("Strong-") && !log.raw.contains("argon2"), "secrets leaked into the log");
    for role in ["cs_manager", "cs_agent", "sales_manager"] {
        assert_eq!(Client::as_role(role).get("/api/v1/audit").status, 403, "{role}");
    }
    for q in ["entity_id=abc", "since=yesterday", "until=2026-13-45"] {
        let bad = admin.get(&format!("/api/v1/audit?{q}"));
        assert_eq!((bad.status, bad.code()), (400, "invalid_query"), "{q}");
    }
    // A bare `until` date includes that whole day.
    let today = admin.get("/api/v1/audit?limit=1").body["items"][0]["at"].as_str().unwrap_or_default()[..10]
        .to_string();
    let r = admin.get(&format!("/api/v1/audit?since={today}&until={today}&limit=1"));
    assert_eq!(r.body["items"].as_array().map(Vec::len), Some(1), "{}", r.raw);
}
