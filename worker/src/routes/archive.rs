//! The routes of `handlers::archive`.

use super::{Route, get, post, s};
use crate::handlers::archive;
use crate::policy::ScopeKind::Customers;
use crate::policy::{CUSTOMER_ASSIGNERS, CUSTOMER_ROLES};
use schema::bulk::{BulkRequest, BulkResult};
use schema::customer::{CustomerDetail, MergeRequest};
use schema::page::Page;
use schema::quality::QualityItem;

pub(super) const ROUTES: &[Route] = &[
    post(
        "/api/v1/customers/bulk",
        "One action (assign, set tier or status, add or remove a tag) on up to 100 customers in scope",
        h!(archive::bulk_action),
    )
    .staff(CUSTOMER_ROLES).scope(&[Customers])
    .body(s::<BulkRequest>)
    .ok(s::<BulkResult>),
    get(
        "/api/v1/customers/quality",
        "Data quality: customers missing key fields, suspected duplicates, or not contacted for N days",
        h!(archive::quality),
    )
    .staff(CUSTOMER_ROLES).scope(&[Customers])
    .paged()
    .query(&[
        ("check", "missing | duplicates | stale"),
        ("days", "For `stale`: not contacted for this many days (default 30)"),
    ])
    .ok(s::<Page<QualityItem>>),
    post(
        "/api/v1/customers/{id}/merge",
        "Merge another customer into this one (contacts, locations, timeline, shares move; both version-checked)",
        h!(archive::merge),
    )
    .staff(CUSTOMER_ASSIGNERS).scope(&[Customers])
    .body(s::<MergeRequest>)
    .ok(s::<CustomerDetail>),
];
