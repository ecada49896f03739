//! The routes of `handlers::pickups`.

use super::{Route, get, post, s};
use crate::handlers::pickups;
use crate::policy::ScopeKind::{Customers, Pickups};
use crate::policy::{DISPATCHERS, PICKUP_BOOKERS, PICKUP_ROLES};
use schema::page::Page;
use schema::pickup::{AssignRequest, CollectRequest, Pickup, PickupDetail, PickupInput, ReasonRequest};
use schema::staff::Staff;

const PICKUP_QUERY: &[(&str, &str)] = &[
    ("status", "requested | assigned | collected | failed | cancelled"),
    ("day", "Local (Beijing) day of the window start, YYYY-MM-DD"),
    ("org_id", "Dispatched to this org"),
    ("courier_id", "Dispatched to this courier"),
    ("customer_id", "Booked for this customer"),
];

const DAY_QUERY: &[(&str, &str)] = &[("day", "Local (Beijing) day, YYYY-MM-DD (default today)")];

pub(super) const ROUTES: &[Route] = &[
    post("/api/v1/pickups", "Book a pickup for a customer (phone booking)", h!(pickups::create))
        .staff(PICKUP_BOOKERS)
        .scope(&[Customers])
        .body(s::<PickupInput>)
        .created(s::<PickupDetail>),
    get(
        "/api/v1/pickups",
        "Pickups (dispatchers: all; couriers: their own), newest first",
        h!(pickups::list),
    )
    .staff(PICKUP_ROLES)
    .scope(&[Pickups])
    .paged()
    .query(PICKUP_QUERY)
    .ok(s::<Page<Pickup>>),
    get(
        "/api/v1/pickups/today",
        "The caller's pickups of a local day, in window order (the courier's route)",
        h!(pickups::today),
    )
    .staff(PICKUP_ROLES)
    .query(DAY_QUERY)
    .ok(s::<Vec<Pickup>>),
    get("/api/v1/pickups/{id}", "One pickup with its history", h!(pickups::get))
        .staff(PICKUP_ROLES)
        .scope(&[Pickups])
        .ok(s::<PickupDetail>),
    post(
        "/api/v1/pickups/{id}/assign",
        "Dispatch (or re-dispatch) to an outlet and a courier",
        h!(pickups::assign),
    )
    .staff(DISPATCHERS)
    .body(s::<AssignRequest>)
    .ok(s::<PickupDetail>),
    post(
        "/api/v1/pickups/{id}/collect",
        "Collected: creates or links the shipment and records `picked_up`",
        h!(pickups::collect),
    )
    .staff(PICKUP_ROLES)
    .scope(&[Pickups])
    .body(s::<CollectRequest>)
    .ok(s::<PickupDetail>),
    post("/api/v1/pickups/{id}/fail", "Could not collect (reason required)", h!(pickups::fail))
        .staff(PICKUP_ROLES)
        .scope(&[Pickups])
        .body(s::<ReasonRequest>)
        .ok(s::<PickupDetail>),
    post("/api/v1/pickups/{id}/cancel", "Cancel a pickup before collection", h!(pickups::cancel))
        .staff(DISPATCHERS)
        .body(s::<ReasonRequest>)
        .ok(s::<PickupDetail>),
    get(
        "/api/v1/couriers",
        "Active couriers with their orgs (for dispatching pickups)",
        h!(pickups::couriers),
    )
    .staff(DISPATCHERS)
    .ok(s::<Vec<Staff>>),
];
