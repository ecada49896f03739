//! The routes of `handlers::portal_users`.

use super::{Route, get, patch, post, s};
use crate::handlers::portal_users;
use crate::policy::ScopeKind::Customers;
use crate::policy::{ADMIN, CUSTOMER_ROLES};
use schema::notify::OutboxMessage;
use schema::page::Page;
use schema::portal::{InviteRequest, PortalUser, PortalUserUpdate};

const OUTBOX_QUERY: &[(&str, &str)] = &[
    ("status", "pending | sent | failed"),
    ("channel", "email | sms | portal"),
    ("recipient", "Exact phone or e-mail"),
];

pub(super) const ROUTES: &[Route] = &[
    get("/api/v1/customers/{id}/portal-users", "The customer's portal users", h!(portal_users::list))
        .staff(CUSTOMER_ROLES)
        .scope(&[Customers])
        .ok(s::<Vec<PortalUser>>),
    post(
        "/api/v1/customers/{id}/portal-users",
        "Invite a person of the customer to the portal (code sent to their login)",
        h!(portal_users::invite),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .body(s::<InviteRequest>)
    .created(s::<PortalUser>),
    patch(
        "/api/v1/portal-users/{id}",
        "Switch a portal account off or on (version-checked); ends its sessions",
        h!(portal_users::update),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers])
    .body(s::<PortalUserUpdate>)
    .ok(s::<PortalUser>),
    get(
        "/api/v1/outbox",
        "The notification outbox, newest first (the development provider's record)",
        h!(portal_users::outbox_list),
    )
    .staff(ADMIN)
    .paged()
    .query(OUTBOX_QUERY)
    .ok(s::<Page<OutboxMessage>>),
    post(
        "/api/v1/outbox/deliver",
        "Deliver due messages now (otherwise the sweep does)",
        h!(portal_users::deliver_now),
    )
    .staff(ADMIN)
    .ok(s::<serde_json::Value>),
];
