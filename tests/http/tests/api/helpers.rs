//! Arrange helpers: records created fresh for each test, so tests run in parallel on one server.

use schema::customer::{ContactInput, CustomerInput, CustomerKind};
use schema::org::{Org, OrgInput, OrgKind};
use schema::page::Page;
use schema::request::{RequestChannel, RequestInput, RequestKind};
use schema::staff::{Role, Staff, StaffInput};
use serde::de::DeserializeOwned;
use serde_json::Value;
use waypost_http_tests::{Answer, Client, DEMO_PASSWORD, unique, unique_phone};

/// Creates an outlet under the 华东 branch (id 2).
pub fn new_outlet(admin: &Client) -> Org {
    let code = format!("T-{}", unique());
    admin
        .orgs_create(&OrgInput {
            parent_id: Some(2),
            kind: Some(OrgKind::Outlet),
            name: format!("测试营业部{code}"),
            code,
            region: "上海市".into(),
            address: String::new(),
            phone: String::new(),
        })
        .status_is(201)
        .json()
}

/// Creates a staff account in `org` with a role named as the API names it (`"sales_rep"`);
/// returns (staff, phone, password).
pub fn new_staff(admin: &Client, org: i64, role: &str) -> (Staff, String, String) {
    let phone = unique_phone();
    let password = format!("Strong-{}-pass", unique());
    let role: Role = serde_json::from_value(Value::from(role)).unwrap_or_else(|e| panic!("{role}: {e}"));
    let staff = admin
        .staff_create(&StaffInput {
            org_id: Some(org),
            department: None,
            role: Some(role),
            name: "测试员工".into(),
            phone: phone.clone(),
            email: String::new(),
            password: password.clone(),
        })
        .status_is(201)
        .json();
    (staff, phone, password)
}

/// A company in 上海市 with one primary contact at mobile `phone`.
pub fn company_with_contact(name: &str, contact: &str, phone: &str) -> CustomerInput {
    CustomerInput {
        kind: Some(CustomerKind::Company),
        name: name.into(),
        city: "上海市".into(),
        contacts: vec![ContactInput {
            name: contact.into(),
            phone: phone.into(),
            is_primary: true,
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// A service request as staff open it.
pub fn request(
    kind: RequestKind,
    channel: RequestChannel,
    customer: Option<i64>,
    subject: &str,
) -> RequestInput {
    RequestInput {
        kind: Some(kind),
        channel: Some(channel),
        customer_id: customer,
        subject: subject.into(),
        ..Default::default()
    }
}

/// The admin demo client.
pub fn admin() -> Client {
    Client::as_role("admin")
}

/// Every item of a paged list, following cursors: `list` is a client method given the query
/// (`|q| rep.customers_list(q)`).
pub fn all_of<T: DeserializeOwned>(list: impl Fn(&[(&str, &str)]) -> Answer<Page<T>>) -> Vec<T> {
    let mut out = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = list(&[("limit", "100"), ("cursor", &cursor)]).ok();
        out.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = next,
            None => return out,
        }
    }
}

/// Everything `GET` answers for a list, following cursors, as JSON (for lists read with a path
/// built by hand).
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
