//! The routes of `handlers::staff`.

use super::{Route, get, patch, post, s};
use crate::handlers::staff;
use crate::policy::ScopeKind::Orgs;
use crate::policy::{ADMIN, PEOPLE_LEADS};
use schema::page::Page;
use schema::staff::{PasswordReset, Staff, StaffInput, StaffUpdate};

const STAFF_QUERY: &[(&str, &str)] = &[
    ("q", "Substring of name, or prefix of phone / e-mail"),
    ("role", "A role"),
    ("org_id", "Only this org"),
    ("active", "true | false"),
];

pub(super) const ROUTES: &[Route] = &[
    get("/api/v1/staff", "Staff within the caller's reach", h!(staff::list))
        .staff(PEOPLE_LEADS)
        .scope(&[Orgs])
        .paged()
        .query(STAFF_QUERY)
        .ok(s::<Page<Staff>>),
    post("/api/v1/staff", "Create a staff account", h!(staff::create))
        .staff(ADMIN)
        .body(s::<StaffInput>)
        .created(s::<Staff>),
    get("/api/v1/staff/{id}", "One staff member (404 outside the caller's reach)", h!(staff::get))
        .staff(PEOPLE_LEADS)
        .scope(&[Orgs])
        .ok(s::<Staff>),
    patch(
        "/api/v1/staff/{id}",
        "Edit, move, change role or deactivate (version-checked; ends their sessions when access changes)",
        h!(staff::update),
    )
    .staff(ADMIN)
    .body(s::<StaffUpdate>)
    .ok(s::<Staff>),
    post(
        "/api/v1/staff/{id}/password",
        "Set a new password for someone; ends their sessions",
        h!(staff::reset_password),
    )
    .staff(ADMIN)
    .body(s::<PasswordReset>),
];
