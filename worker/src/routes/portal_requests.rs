//! The routes of `handlers::portal_requests`.

use super::{Route, get, post, s};
use crate::handlers::portal_requests;
use crate::policy::ScopeKind::Requests;
use schema::page::Page;
use schema::request::{
    AssignRequest as RequestAssign, MessageInput, RequestDetail, RequestInput, ServiceRequest,
};

pub(super) const ROUTES: &[Route] = &[
    get("/api/v1/portal/requests", "My service requests, newest first", h!(portal_requests::list))
        .portal()
        .scope(&[Requests])
        .ok(s::<Page<ServiceRequest>>),
    post("/api/v1/portal/requests", "Open a service request", h!(portal_requests::create))
        .portal()
        .scope(&[Requests])
        .body(s::<RequestInput>)
        .created(s::<RequestDetail>),
    get(
        "/api/v1/portal/requests/{id}",
        "One of my requests with its public history",
        h!(portal_requests::get),
    )
    .portal()
    .scope(&[Requests])
    .ok(s::<RequestDetail>),
    post(
        "/api/v1/portal/requests/{id}/messages",
        "Answer on one of my requests",
        h!(portal_requests::message),
    )
    .portal()
    .scope(&[Requests])
    .body(s::<MessageInput>)
    .created(s::<RequestDetail>),
    post(
        "/api/v1/portal/requests/{id}/reopen",
        "Reopen a request resolved within the last 7 days",
        h!(portal_requests::reopen),
    )
    .portal()
    .scope(&[Requests])
    .body(s::<RequestAssign>)
    .ok(s::<RequestDetail>),
];
