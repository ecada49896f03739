//! The routes of `handlers::shipments`.

use super::{Route, get, post, put, s};
use crate::handlers::shipments;
use crate::policy::ScopeKind::{Customers, Orgs, Shipments};
use crate::policy::{ADMIN, CUSTOMER_ROLES, EVENT_RECORDERS};
use schema::page::Page;
use schema::shipment::{
    Commitment, EventInput, IngestReport, IngestRequest, OrgAttention, Shipment, ShipmentBatch,
    ShipmentDetail, ShipmentInput,
};

pub(super) const ROUTES: &[Route] = &[
    post(
        "/api/v1/ingest/shipments",
        "New shipments from the firm's systems (≤ 500; a waybill on file is a duplicate; per-item report)",
        h!(shipments::ingest_shipments),
    )
    .integration()
    .body(s::<ShipmentBatch>)
    .ok(s::<IngestReport>),
    post(
        "/api/v1/ingest/events",
        "Tracking events from the firm's systems (≤ 1,000; idempotent; per-item report)",
        h!(shipments::ingest),
    )
    .integration()
    .body(s::<IngestRequest>)
    .ok(s::<IngestReport>),
    get(
        "/api/v1/shipments",
        "Shipments by waybill (or its start), phone or customer, newest first (sales: their customers')",
        h!(shipments::search),
    )
    .scope(&[Shipments, Orgs])
    .paged()
    .query(&[
        ("q", "Waybill number or its start, or a consignee/shipper phone"),
        ("customer_id", "Shipper customer"),
        ("overdue", "true: only open shipments past their committed time"),
        ("org_id", "Only shipments taken by this org or below it"),
    ])
    .ok(s::<Page<Shipment>>),
    post("/api/v1/shipments", "Create a shipment (waybill)", h!(shipments::create))
        .staff(CUSTOMER_ROLES)
        .scope(&[Customers])
        .body(s::<ShipmentInput>)
        .created(s::<ShipmentDetail>),
    get(
        "/api/v1/shipments/attention",
        "Overdue and exception counts per org (the org that took the shipment) in the caller's reach",
        h!(shipments::attention),
    )
    .scope(&[Orgs])
    .ok(s::<Vec<OrgAttention>>),
    get("/api/v1/shipments/{id}", "A shipment with its tracking events, newest first", h!(shipments::get))
        .scope(&[Shipments])
        .ok(s::<ShipmentDetail>),
    post(
        "/api/v1/shipments/{id}/events",
        "Record a tracking event by hand (hub, courier, service)",
        h!(shipments::add_event),
    )
    .staff(EVENT_RECORDERS)
    .scope(&[Shipments])
    .body(s::<EventInput>)
    .created(s::<ShipmentDetail>),
    get(
        "/api/v1/commitments",
        "The committed-time table (承诺时限): days per service between zones; `*` = any",
        h!(shipments::commitments),
    )
    .ok(s::<Vec<Commitment>>),
    put(
        "/api/v1/commitments",
        "Replace the committed-time table (new shipments use it at once)",
        h!(shipments::replace_commitments),
    )
    .staff(ADMIN)
    .body(s::<Vec<Commitment>>)
    .ok(s::<Vec<Commitment>>),
];
