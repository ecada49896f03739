//! The routes of `handlers::customers`.

use super::{Route, delete, get, patch, post, s};
use crate::handlers::customers;
use crate::policy::ScopeKind::{Customers, Orgs};
use crate::policy::{CUSTOMER_ASSIGNERS, CUSTOMER_ROLES};
use schema::customer::{
    ContactInput, CustomerDetail, CustomerInput, CustomerSummary, HandoverRequest, HandoverResult,
    ShareRequest,
};
use schema::page::Page;

const CUSTOMER_QUERY: &[(&str, &str)] = &[
    ("q", "Name, short name, contact, address (Chinese of any length) or a phone prefix"),
    ("status", "prospect | registered | active | contracted | at_risk | lost | won_back"),
    ("tier", "vip | key | regular | potential"),
    ("owner_id", "Owner's staff id"),
    ("blacklisted", "true | false"),
    ("province", "Exact province"),
    ("city", "Exact city"),
    ("tag", "Carries this tag"),
    (
        "sort",
        "id (default, oldest first) | updated (recently changed first) | last_contact (longest without contact first)",
    ),
    ("cf.<key>", "A custom field's value: a select option, text, number or date (repeatable)"),
];

pub(super) const ROUTES: &[Route] = &[
    get("/api/v1/customers", "Customers within the caller's scope; search and filters", h!(customers::list))
        .staff(CUSTOMER_ROLES)
        .scope(&[Customers])
        .paged()
        .query(CUSTOMER_QUERY)
        .ok(s::<Page<CustomerSummary>>),
    post(
        "/api/v1/customers",
        "Create a customer with its first contacts (owner: the caller unless a manager assigns)",
        h!(customers::create),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .body(s::<CustomerInput>)
    .created(s::<CustomerDetail>),
    post(
        "/api/v1/customers/handover",
        "Hand every customer of one staff member to a successor (both within reach)",
        h!(customers::handover),
    )
    .staff(CUSTOMER_ASSIGNERS)
    .scope(&[Orgs])
    .body(s::<HandoverRequest>)
    .ok(s::<HandoverResult>),
    get(
        "/api/v1/customers/export.csv",
        "The filtered list as CSV (UTF-8 with BOM; at most 10,000 rows)",
        h!(customers::export),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .paged()
    .query(CUSTOMER_QUERY)
    .ok(s::<String>),
    get(
        "/api/v1/customers/duplicates",
        "Possible duplicates of a name and/or phone (firm-wide warnings)",
        h!(customers::duplicates),
    )
    .staff(CUSTOMER_ROLES)
    .query(&[("name", "Customer name"), ("phone", "Phone"), ("exclude", "A customer id to leave out")])
    .ok(s::<Vec<CustomerSummary>>),
    get(
        "/api/v1/customers/{id}",
        "A customer with contacts and duplicate warnings (licence/ID masked unless owner or manager)",
        h!(customers::get),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .ok(s::<CustomerDetail>),
    patch(
        "/api/v1/customers/{id}",
        "Edit a customer (version-checked; lifecycle changes are kept in its history)",
        h!(customers::update),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .body(s::<CustomerInput>)
    .requires(&["version"])
    .ok(s::<CustomerDetail>),
    post("/api/v1/customers/{id}/contacts", "Add a contact", h!(customers::add_contact))
        .staff(CUSTOMER_ROLES)
        .scope(&[Customers])
        .body(s::<ContactInput>)
        .created(s::<CustomerDetail>),
    patch(
        "/api/v1/customers/{id}/contacts/{contact_id}",
        "Edit a contact (version-checked)",
        h!(customers::update_contact),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .body(s::<ContactInput>)
    .requires(&["version"])
    .ok(s::<CustomerDetail>),
    delete("/api/v1/customers/{id}/contacts/{contact_id}", "Remove a contact", h!(customers::delete_contact))
        .staff(CUSTOMER_ROLES)
        .scope(&[Customers]),
    post(
        "/api/v1/customers/{id}/shares",
        "Share with a colleague by phone or e-mail (owner or managers)",
        h!(customers::share),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .body(s::<ShareRequest>)
    .created(s::<CustomerDetail>),
    delete(
        "/api/v1/customers/{id}/shares/{staff_id}",
        "Stop sharing (owner or managers)",
        h!(customers::unshare),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers]),
];
