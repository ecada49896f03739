//! The routes of `handlers::complaints`.

use super::{Route, get, put, s};
use crate::handlers::complaints;
use crate::policy::ADMIN;
use crate::policy::ScopeKind::Requests;
use schema::complaint::{CauseCount, Classification, ComplaintCause};
use schema::request::RequestDetail;

pub(super) const ROUTES: &[Route] = &[
    put(
        "/api/v1/requests/{id}/complaint",
        "Classify a complaint: target, cause (from the firm's list), severity (severe alerts supervisors and managers)",
        h!(complaints::classify),
    ).scope(&[Requests])
    .body(s::<Classification>)
    .ok(s::<RequestDetail>),
    get(
        "/api/v1/complaints/stats",
        "Complaints opened per period (Beijing month or week) and cause, within reach",
        h!(complaints::stats),
    ).scope(&[Requests])
    .query(&[
        ("bucket", "month (default) | week"),
        ("since", "From this day, YYYY-MM-DD (default: 180 days ago)"),
    ])
    .ok(s::<Vec<CauseCount>>),
    get("/api/v1/complaint-causes", "The firm's complaint causes", h!(complaints::causes))
        .ok(s::<Vec<ComplaintCause>>),
    put("/api/v1/complaint-causes", "Replace the complaint causes (admins)", h!(complaints::replace_causes))
        .staff(ADMIN)
        .body(s::<Vec<ComplaintCause>>)
        .ok(s::<Vec<ComplaintCause>>),
];
