//! The routes of `handlers::value`.

use super::{Route, get, put, s};
use crate::handlers::value;
use crate::policy::ScopeKind::Customers;
use crate::policy::{ADMIN, CUSTOMER_ASSIGNERS, CUSTOMER_ROLES};
use schema::value::{CustomerValue, TierOverride, ValueRules};

pub(super) const ROUTES: &[Route] = &[
    get(
        "/api/v1/customers/{id}/value",
        "A customer's value: shipments and freight over 30/90/365 days, RFM scores, lifetime value, trend, \
         the tier the rules give, and the tier and lifecycle histories",
        h!(value::get),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .ok(s::<CustomerValue>),
    put(
        "/api/v1/customers/{id}/tier",
        "Choose a customer's tier (it holds against the rules; a reason is required), or hand it back to the rules (tier null)",
        h!(value::set_tier),
    )
    .staff(CUSTOMER_ASSIGNERS)
    .scope(&[Customers])
    .body(s::<TierOverride>)
    .ok(s::<CustomerValue>),
    get(
        "/api/v1/settings/value-rules",
        "The value rules: RFM score steps, what reaches each tier, when a customer turns at risk or lost",
        h!(value::rules),
    )
    .staff(CUSTOMER_ROLES)
    .ok(s::<ValueRules>),
    put(
        "/api/v1/settings/value-rules",
        "Replace the value rules (admins; steps ascending, tiers without overlap; send the version read)",
        h!(value::save_rules),
    )
    .staff(ADMIN)
    .body(s::<ValueRules>)
    .ok(s::<ValueRules>),
];
