//! The routes of `handlers::orgs`.

use super::{Route, get, patch, post, s};
use crate::handlers::orgs;
use crate::policy::ADMIN;
use crate::policy::ScopeKind::Orgs;
use schema::org::{Org, OrgInput, OrgUpdate};
use schema::page::Page;

const ORG_QUERY: &[(&str, &str)] = &[
    ("q", "Substring of name or code"),
    ("kind", "hq | branch | outlet | hub | service_center"),
    ("active", "true | false"),
];

pub(super) const ROUTES: &[Route] = &[
    get("/api/v1/orgs", "Organisations within the caller's reach", h!(orgs::list))
        .scope(&[Orgs])
        .paged()
        .query(ORG_QUERY)
        .ok(s::<Page<Org>>),
    post("/api/v1/orgs", "Create an organisation", h!(orgs::create))
        .staff(ADMIN)
        .body(s::<OrgInput>)
        .requires(&["kind"])
        .created(s::<Org>),
    get("/api/v1/orgs/{id}", "One organisation (404 outside the caller's reach)", h!(orgs::get))
        .scope(&[Orgs])
        .ok(s::<Org>),
    patch(
        "/api/v1/orgs/{id}",
        "Edit, move or deactivate an organisation (version-checked)",
        h!(orgs::update),
    )
    .staff(ADMIN)
    .body(s::<OrgUpdate>)
    .ok(s::<Org>),
];
