//! Arrange helpers: records created fresh for each test, so tests run in parallel on one server.

use serde_json::{Value, json};
use waypost_http_tests::{Client, DEMO_PASSWORD, unique, unique_phone};

/// Creates an outlet under the 华东 branch (id 2); returns its JSON.
pub fn new_outlet(admin: &Client) -> Value {
    let code = format!("T-{}", unique());
    let r = admin.post("/api/v1/orgs", &json!({"parent_id": 2, "kind": "outlet", "code": code, "name": format!("测试营业部{code}"), "region": "上海市"}));
    assert_eq!(r.status, 201, "{}", r.raw);
    r.body
}

/// Creates a staff account in `org`; returns (json, phone, password).
pub fn new_staff(admin: &Client, org: i64, role: &str) -> (Value, String, String) {
    let phone = unique_phone();
    let password = format!("Strong-{}-pass", unique());
    let r = admin.post(
        "/api/v1/staff",
        &json!({"org_id": org, "role": role, "name": "测试员工", "phone": phone, "password": password}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    (r.body, phone, password)
}

/// The admin demo client.
pub fn admin() -> Client {
    Client::as_role("admin")
}

/// Everything `GET` answers for a list, following cursors.
pub fn all_items(c: &Client, path: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor = String::new();
    loop {
        let sep = if path.contains('?') { '&' } else { '?' };
        let r = c.get(&format!("{path}{sep}limit=100&cursor={cursor}"));
        assert_eq!(r.status, 200, "{}", r.raw);
        out.extend(r.body["items"].as_array().cloned().unwrap_or_default());
        match r.body["next_cursor"].as_str() {
            Some(n) => cursor = n.to_string(),
            None => return out,
        }
    }
}

#[allow(dead_code)]
pub const PASSWORD: &str = DEMO_PASSWORD;
