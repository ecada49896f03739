//! The routes of `handlers::lookup`.

use super::{Route, get, s};
use crate::handlers::lookup;
use crate::policy::CUSTOMER_ROLES;
use crate::policy::ScopeKind::{Customers, Requests, Shipments};
use schema::lookup::CallerLookup;

pub(super) const ROUTES: &[Route] = &[
    get(
        "/api/v1/lookup",
        "Caller lookup: the customers a phone number belongs to, their contacts, open requests and recent shipments, and shipments addressed to it",
        h!(lookup::lookup),
    )
    .staff(CUSTOMER_ROLES).scope(&[Customers, Requests, Shipments])
    .query(&[("phone", "The caller's number (mobile or landline)")])
    .ok(s::<CallerLookup>),
];
