//! The routes of `handlers::portal`.

use super::{Route, delete, get, patch, post, s};
use crate::handlers::portal;
use crate::policy::ScopeKind::{Pickups, Shipments};
use schema::location::Location;
use schema::notify::Notice;
use schema::page::Page;
use schema::pickup::{AddressEntry, AddressInput, Pickup, PickupDetail, PickupInput, ReasonRequest};
use schema::shipment::{Shipment, ShipmentDetail};

const PORTAL_SHIPMENT_QUERY: &[(&str, &str)] =
    &[("q", "Waybill number (or its start), or a consignee phone"), ("status", "A shipment status")];

const PICKUP_STATUS_QUERY: &[(&str, &str)] =
    &[("status", "requested | assigned | collected | failed | cancelled")];

pub(super) const ROUTES: &[Route] = &[
    get("/api/v1/portal/shipments", "My shipments, newest first", h!(portal::shipments))
        .portal()
        .scope(&[Shipments])
        .paged()
        .query(PORTAL_SHIPMENT_QUERY)
        .ok(s::<Page<Shipment>>),
    get("/api/v1/portal/shipments/{id}", "One of my shipments with its timeline", h!(portal::shipment))
        .portal()
        .scope(&[Shipments])
        .ok(s::<ShipmentDetail>),
    get("/api/v1/portal/locations", "My pickup locations (发货地点)", h!(portal::locations))
        .portal()
        .ok(s::<Vec<Location>>),
    get("/api/v1/portal/addresses", "My address book (寄送清单)", h!(portal::addresses))
        .portal()
        .ok(s::<Vec<AddressEntry>>),
    post("/api/v1/portal/addresses", "Add an address-book entry", h!(portal::add_address))
        .portal()
        .body(s::<AddressInput>)
        .created(s::<AddressEntry>),
    patch(
        "/api/v1/portal/addresses/{id}",
        "Change an address-book entry (version-checked)",
        h!(portal::update_address),
    )
    .portal()
    .body(s::<AddressInput>)
    .requires(&["version"])
    .ok(s::<AddressEntry>),
    delete("/api/v1/portal/addresses/{id}", "Remove an address-book entry", h!(portal::delete_address))
        .portal(),
    get("/api/v1/portal/pickups", "My pickups, newest first", h!(portal::pickups))
        .portal()
        .scope(&[Pickups])
        .paged()
        .query(PICKUP_STATUS_QUERY)
        .ok(s::<Page<Pickup>>),
    post("/api/v1/portal/pickups", "Book a pickup", h!(portal::book_pickup))
        .portal()
        .body(s::<PickupInput>)
        .created(s::<PickupDetail>),
    get("/api/v1/portal/pickups/{id}", "One of my pickups with its history", h!(portal::pickup))
        .portal()
        .scope(&[Pickups])
        .ok(s::<PickupDetail>),
    post(
        "/api/v1/portal/pickups/{id}/cancel",
        "Cancel one of my pickups before collection",
        h!(portal::cancel_pickup),
    )
    .portal()
    .scope(&[Pickups])
    .body(s::<ReasonRequest>)
    .ok(s::<PickupDetail>),
    get("/api/v1/portal/notices", "My latest notices (shipment and pickup updates)", h!(portal::notices))
        .portal()
        .ok(s::<Vec<Notice>>),
];
