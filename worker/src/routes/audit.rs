//! The routes of `handlers::audit`.

use super::{Route, get, s};
use crate::handlers::audit;
use crate::policy::ADMIN;
use schema::audit::AuditEntry;
use schema::page::Page;

const AUDIT_QUERY: &[(&str, &str)] = &[
    ("entity", "org | staff | …"),
    ("entity_id", "The record's id"),
    ("actor_id", "Who made the change"),
    ("action", "create | update | deactivate | password_reset | password_change"),
    ("since", "From this time (RFC 3339 or YYYY-MM-DD), inclusive"),
    ("until", "Before this time, exclusive"),
];

pub(super) const ROUTES: &[Route] = &[get("/api/v1/audit", "The audit log, newest first", h!(audit::list))
    .staff(ADMIN)
    .paged()
    .query(AUDIT_QUERY)
    .ok(s::<Page<AuditEntry>>)];
