//! The routes of `handlers::sla`.

use super::{Route, get, post, put, s};
use crate::handlers::sla;
use crate::policy::ADMIN;
use schema::page::Page;
use schema::sla::{CalendarSpec, NoticesRead, SlaPolicy, StaffNotice, UnreadCount};

pub(super) const ROUTES: &[Route] = &[
    get(
        "/api/v1/sla/policies",
        "SLA policies: first-response and resolution targets per kind and customer tier, in business minutes",
        h!(sla::policies),
    )
    .ok(s::<Vec<SlaPolicy>>),
    put(
        "/api/v1/sla/policies",
        "Replace the SLA policies (admins; new requests start with them)",
        h!(sla::replace_policies),
    )
    .staff(ADMIN)
    .body(s::<Vec<SlaPolicy>>)
    .ok(s::<Vec<SlaPolicy>>),
    get(
        "/api/v1/sla/calendars",
        "Business calendars: the firm's default and orgs' own (working hours, holidays, make-up workdays)",
        h!(sla::calendars),
    )
    .ok(s::<Vec<CalendarSpec>>),
    put("/api/v1/sla/calendars", "Replace the business calendars (admins)", h!(sla::replace_calendars))
        .staff(ADMIN)
        .body(s::<Vec<CalendarSpec>>)
        .ok(s::<Vec<CalendarSpec>>),
    get(
        "/api/v1/notices",
        "My notices (SLA warnings, breaches, escalations, complaint alerts), newest first",
        h!(sla::notices),
    )
    .paged()
    .ok(s::<Page<StaffNotice>>),
    get("/api/v1/notices/unread", "How many of my notices are unread", h!(sla::unread)).ok(s::<UnreadCount>),
    post("/api/v1/notices/read", "Mark these of my notices read (no ids: all of them)", h!(sla::mark_read))
        .body(s::<NoticesRead>)
        .ok(s::<UnreadCount>),
];
