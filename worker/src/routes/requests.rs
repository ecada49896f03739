//! The routes of `handlers::requests`.

use super::{Route, get, post, put, s};
use crate::handlers::requests;
use crate::policy::ADMIN;
use crate::policy::ScopeKind::{Customers, Requests};
use schema::page::Page;
use schema::request::{
    AssignRequest as RequestAssign, AutoRequestSettings, CannedReply, ForwardRequest, MessageInput,
    RequestCount, RequestDetail, RequestInput, ServiceRequest, StatusChange,
};
use schema::routing::RoutingRule;

const REQUEST_QUERY: &[(&str, &str)] = &[
    (
        "view",
        "mine | queue (unclaimed, the caller's org or `org_id`) | breaching (deadline within `hours`, soonest first, one page) | all (default)",
    ),
    ("hours", "view=breaching: deadlines within this many hours, 1–72 (default 4); overdue ones always"),
    ("org_id", "The queue's org (view=queue)"),
    ("status", "A request status"),
    ("kind", "inquiry | complaint | claim | consultation | suggestion | pickup_problem"),
    ("customer_id", "A customer's requests"),
    ("open", "true: not resolved or closed"),
    ("q", "A request number (or its start) or a waybill number"),
];

pub(super) const ROUTES: &[Route] = &[
    post("/api/v1/requests", "Open a service request (phone, walk-in, e-mail)", h!(requests::create)).scope(&[Customers])
        .body(s::<RequestInput>)
        .requires(&["channel"])
        .created(s::<RequestDetail>),
    get(
        "/api/v1/requests",
        "Service requests: mine, my org's queue, or all in reach; newest first",
        h!(requests::list),
    ).scope(&[Requests])
    .paged()
    .query(REQUEST_QUERY)
    .ok(s::<Page<ServiceRequest>>),
    get("/api/v1/requests/counts", "Open requests in reach, per kind and status", h!(requests::counts)).scope(&[Requests])
        .ok(s::<Vec<RequestCount>>),
    get(
        "/api/v1/requests/{id}",
        "A request with its history and the statuses it may move to",
        h!(requests::get),
    ).scope(&[Requests])
    .ok(s::<RequestDetail>),
    post(
        "/api/v1/requests/{id}/status",
        "Move a request (409 naming the allowed statuses otherwise; resolving needs a note)",
        h!(requests::set_status),
    ).scope(&[Requests])
    .body(s::<StatusChange>)
    .ok(s::<RequestDetail>),
    post("/api/v1/requests/{id}/claim", "Take a request from the queue", h!(requests::claim)).scope(&[Requests])
        .body(s::<RequestAssign>)
        .ok(s::<RequestDetail>),
    post("/api/v1/requests/{id}/assign", "Give a request to a colleague", h!(requests::assign)).scope(&[Requests])
        .body(s::<RequestAssign>)
        .ok(s::<RequestDetail>),
    post(
        "/api/v1/requests/{id}/forward",
        "Forward a request to another org's queue, with the reason",
        h!(requests::forward),
    ).scope(&[Requests])
    .body(s::<ForwardRequest>)
    .ok(s::<RequestDetail>),
    post(
        "/api/v1/requests/{id}/messages",
        "A public reply (the customer is notified) or an internal note",
        h!(requests::message),
    ).scope(&[Requests])
    .body(s::<MessageInput>)
    .created(s::<RequestDetail>),
    get(
        "/api/v1/routing-rules",
        "Routing rules: the first match (kind, region, the waybill's current location) picks a new request's queue",
        h!(requests::routing_rules),
    )
    .ok(s::<Vec<RoutingRule>>),
    put(
        "/api/v1/routing-rules",
        "Replace the routing rules, in order (admins)",
        h!(requests::replace_routing_rules),
    )
    .staff(ADMIN)
    .body(s::<Vec<RoutingRule>>)
    .ok(s::<Vec<RoutingRule>>),
    get(
        "/api/v1/auto-requests",
        "Which shipment events (exception, overdue) open an inquiry for VIP and contracted customers",
        h!(requests::auto_settings),
    )
    .ok(s::<AutoRequestSettings>),
    put("/api/v1/auto-requests", "Switch the automatic inquiries (admins)", h!(requests::set_auto_settings))
        .staff(ADMIN)
        .body(s::<AutoRequestSettings>)
        .ok(s::<AutoRequestSettings>),
    get("/api/v1/canned-replies", "Canned replies and phone scripts (scripts first)", h!(requests::canned))
        .ok(s::<Vec<CannedReply>>),
    put(
        "/api/v1/canned-replies",
        "Replace the canned replies and phone scripts (admins)",
        h!(requests::replace_canned),
    )
    .staff(ADMIN)
    .body(s::<Vec<CannedReply>>)
    .ok(s::<Vec<CannedReply>>),
];
