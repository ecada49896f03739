//! The routes of `handlers::timeline`.

use super::{Route, delete, get, patch, post, s};
use crate::handlers::timeline;
use crate::policy::ScopeKind::Customers;
use crate::policy::{CUSTOMER_ASSIGNERS, CUSTOMER_ROLES};
use schema::customer::CustomerDetail;
use schema::interaction::{CommentInput, Interaction, InteractionInput, TimelinePage};
use schema::location::LocationInput;

pub(super) const ROUTES: &[Route] = &[
    post(
        "/api/v1/customers/{id}/locations",
        "Add a shipping / pickup location (the first becomes the default)",
        h!(timeline::add_location),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .body(s::<LocationInput>)
    .created(s::<CustomerDetail>),
    patch(
        "/api/v1/customers/{id}/locations/{location_id}",
        "Edit a location (version-checked); `is_default` moves the default here",
        h!(timeline::update_location),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .body(s::<LocationInput>)
    .requires(&["version"])
    .ok(s::<CustomerDetail>),
    delete(
        "/api/v1/customers/{id}/locations/{location_id}",
        "Remove a location (removing the default promotes the oldest other one)",
        h!(timeline::delete_location),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers]),
    get(
        "/api/v1/customers/{id}/timeline",
        "Interactions and lifecycle changes, newest first",
        h!(timeline::timeline),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .query(&[("limit", "Page size, 1–100 (default 50)"), ("before", "`next_before` of the previous page")])
    .ok(s::<TimelinePage>),
    post(
        "/api/v1/customers/{id}/interactions",
        "Log an interaction (visit, call, e-mail, SMS, meeting, note) or plan a follow-up",
        h!(timeline::add_interaction),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .body(s::<InteractionInput>)
    .created(s::<Interaction>),
    patch(
        "/api/v1/customers/{id}/interactions/{interaction_id}",
        "Edit an interaction, e.g. mark a follow-up done (its author or a manager; version-checked)",
        h!(timeline::update_interaction),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .body(s::<InteractionInput>)
    .requires(&["version"])
    .ok(s::<Interaction>),
    post(
        "/api/v1/customers/{id}/interactions/{interaction_id}/comment",
        "A manager's comment on an interaction (批复; version-checked)",
        h!(timeline::comment),
    )
    .staff(CUSTOMER_ASSIGNERS)
    .scope(&[Customers])
    .body(s::<CommentInput>)
    .ok(s::<Interaction>),
    get("/api/v1/follow-ups", "The caller's planned interactions, overdue first", h!(timeline::follow_ups))
        .staff(CUSTOMER_ROLES)
        .query(&[("limit", "At most this many, 1–100 (default 50)")])
        .ok(s::<Vec<Interaction>>),
];
