//! Authorization and data scope, decided in one place. Every route in `routes` declares
//! an [`Access`] and the [`ScopeKind`]s it reads; the dispatcher calls [`authorize`] before any
//! handler runs and computes the route's [`DataScope`] from the caller with the rule functions
//! below ([`org_scope`], [`customer_scope`], [`shipment_scope`], [`request_scope`],
//! [`pickup_scope`]). Handlers read `ctx.scope`; the OpenAPI text is written from the same rules.

use schema::ErrorCode;
use schema::auth::Realm;
use schema::staff::{Reach, Role};

use crate::auth::Caller;
use crate::error::{AppError, Result};
use crate::store::Scope;
use crate::store::customers::CustomerScope;
use crate::store::pickups::PickupScope;
use crate::store::requests::RequestScope;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Signed-in staff with one of these roles; an empty list means any staff role.
    Staff(&'static [Role]),
    /// The firm's own systems with a live integration key (`Authorization: Bearer wpk_…`): no
    /// session, no cookies, so no CSRF check. Staff sessions do not reach these routes.
    Integration,
    /// A signed-in portal user (`wp_portal` cookie); data limited to their customer.
    Portal,
}

/// The records whose visibility depends on who asks. A route declares the kinds its handler
/// reads (`.scope(&[ScopeKind::Requests])`); the dispatcher computes each one once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// Orgs, staff and per-org figures: by the role's reach ([`org_scope`]).
    Orgs,
    /// Customers and what hangs off them: contacts, timeline, portal accounts ([`customer_scope`]).
    Customers,
    /// Shipments ([`shipment_scope`]).
    Shipments,
    /// Service requests, with their claims, complaints and attachments ([`request_scope`]).
    Requests,
    /// Pickups ([`pickup_scope`]).
    Pickups,
}

impl ScopeKind {
    /// The name in the OpenAPI document's `x-waypost-scope`.
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeKind::Orgs => "orgs",
            ScopeKind::Customers => "customers",
            ScopeKind::Shipments => "shipments",
            ScopeKind::Requests => "requests",
            ScopeKind::Pickups => "pickups",
        }
    }
}

/// One request's data scope: for each kind its route declared, what the caller may see. Built by
/// the dispatcher; a handler asking for a kind its route did not declare gets a 500, which the
/// every-route-as-every-role test turns into a failure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataScope {
    orgs: Option<Scope>,
    customers: Option<CustomerScope>,
    /// `Some(None)`: every shipment.
    shipments: Option<Option<CustomerScope>>,
    requests: Option<RequestScope>,
    pickups: Option<PickupScope>,
}

impl DataScope {
    /// A staff member's scope for the declared kinds.
    pub fn for_staff(kinds: &[ScopeKind], c: &Caller) -> Self {
        let mut s = DataScope::default();
        for k in kinds {
            match k {
                ScopeKind::Orgs => s.orgs = Some(org_scope(c)),
                ScopeKind::Customers => s.customers = Some(customer_scope(c)),
                ScopeKind::Shipments => s.shipments = Some(shipment_scope(c)),
                ScopeKind::Requests => s.requests = Some(request_scope(c)),
                ScopeKind::Pickups => s.pickups = Some(pickup_scope(c)),
            }
        }
        s
    }

    /// A portal user's scope: everything of their own customer. Orgs are never a portal user's.
    pub fn for_portal(kinds: &[ScopeKind], customer_id: i64) -> Self {
        let mut s = DataScope::default();
        for k in kinds {
            match k {
                ScopeKind::Orgs => {}
                ScopeKind::Customers => s.customers = Some(CustomerScope::Only(customer_id)),
                ScopeKind::Shipments => s.shipments = Some(Some(CustomerScope::Only(customer_id))),
                ScopeKind::Requests => s.requests = Some(RequestScope::Customer(customer_id)),
                ScopeKind::Pickups => s.pickups = Some(PickupScope::Customer(customer_id)),
            }
        }
        s
    }

    /// The orgs in reach.
    pub fn orgs(&self) -> Result<&Scope> {
        self.orgs.as_ref().ok_or_else(|| undeclared(ScopeKind::Orgs))
    }
    /// The customers in scope.
    pub fn customers(&self) -> Result<&CustomerScope> {
        self.customers.as_ref().ok_or_else(|| undeclared(ScopeKind::Customers))
    }
    /// The shipments in scope: `None` means every shipment.
    pub fn shipments(&self) -> Result<Option<&CustomerScope>> {
        self.shipments.as_ref().map(Option::as_ref).ok_or_else(|| undeclared(ScopeKind::Shipments))
    }
    /// The requests in scope.
    pub fn requests(&self) -> Result<&RequestScope> {
        self.requests.as_ref().ok_or_else(|| undeclared(ScopeKind::Requests))
    }
    /// The pickups in scope.
    pub fn pickups(&self) -> Result<&PickupScope> {
        self.pickups.as_ref().ok_or_else(|| undeclared(ScopeKind::Pickups))
    }
}

fn undeclared(kind: ScopeKind) -> AppError {
    AppError::Internal(format!("the route does not declare the {} scope", kind.as_str()))
}

/// Any signed-in staff member.
pub const ANY_STAFF: &[Role] = &[];
/// Administrators only (shared with the front end's navigation).
pub const ADMIN: &[Role] = schema::staff::ADMIN_ONLY;
/// Admins, supervisors and managers (shared with the front end's navigation).
pub const PEOPLE_LEADS: &[Role] = schema::staff::PEOPLE_LEADS;
/// Who reads the reports.
pub const REPORT_ROLES: &[Role] = schema::staff::REPORT_ROLES;
/// Who works with the customer archive (shared with the front end's navigation).
pub const CUSTOMER_ROLES: &[Role] = schema::staff::CUSTOMER_ROLES;
/// Who may record a tracking event by hand (shared with the front end).
pub const EVENT_RECORDERS: &[Role] = schema::staff::EVENT_RECORDERS;
/// Who dispatches pickups (shared with the front end).
pub const DISPATCHERS: &[Role] = schema::staff::DISPATCHERS;
/// Who works with pickups: dispatchers and couriers (shared with the front end).
pub const PICKUP_ROLES: &[Role] = schema::staff::PICKUP_ROLES;
/// Who books pickups for customers on the phone (shared with the front end).
pub const PICKUP_BOOKERS: &[Role] = schema::staff::PICKUP_BOOKERS;
/// Who may give customers to someone else: assign and bulk hand-over.
pub const CUSTOMER_ASSIGNERS: &[Role] = schema::staff::CUSTOMER_ASSIGNERS;
/// Customer-service leads: the knowledge base.
pub const KB_EDITORS: &[Role] = schema::staff::KB_EDITORS;
/// Customer service: claims.
pub const CLAIM_HANDLERS: &[Role] = schema::staff::CLAIM_HANDLERS;

/// Allows or refuses a call: 401 without a caller on a non-public route, 403 for the wrong realm
/// or role.
pub fn authorize(access: Access, caller: Option<&Caller>) -> Result<(), ErrorCode> {
    match access {
        // Integration keys and portal sessions are verified by the dispatcher before this.
        Access::Public | Access::Integration | Access::Portal => Ok(()),
        Access::Staff(roles) => {
            let c = caller.ok_or(ErrorCode::Unauthenticated)?;
            if c.realm != Realm::Staff {
                return Err(ErrorCode::Forbidden);
            }
            if roles.is_empty() || roles.contains(&c.role) { Ok(()) } else { Err(ErrorCode::Forbidden) }
        }
    }
}

/// Orgs and staff: admin all, supervisors and managers their org subtree, others their own org
/// (the role's [`Reach`]).
pub fn org_scope(caller: &Caller) -> Scope {
    match caller.role.reach() {
        Reach::All => Scope::All,
        Reach::Subtree => Scope::Subtree(caller.org_path.clone()),
        Reach::OwnOrg => Scope::Org(caller.org_id),
    }
}

/// Which customers a caller may see and change.
pub fn customer_scope(caller: &Caller) -> CustomerScope {
    match caller.role {
        Role::Admin | Role::CsAgent | Role::CsSupervisor | Role::CsManager => CustomerScope::All,
        Role::SalesManager => CustomerScope::Subtree(caller.org_path.clone()),
        Role::SalesRep | Role::Courier | Role::HubOps => CustomerScope::OwnOrShared(caller.id),
    }
}

/// Sales staff see the shipments of their customers; operations and service see all (`None`).
pub fn shipment_scope(caller: &Caller) -> Option<CustomerScope> {
    match caller.role {
        Role::SalesRep | Role::SalesManager => Some(customer_scope(caller)),
        _ => None,
    }
}

/// Customer service and admins work on every request; everyone else on those held by their org
/// or an org below it, and on those assigned to them.
pub fn request_scope(caller: &Caller) -> RequestScope {
    match caller.role {
        Role::Admin | Role::CsAgent | Role::CsSupervisor | Role::CsManager => RequestScope::All,
        _ => RequestScope::Orgs { path: caller.org_path.clone(), staff_id: caller.id },
    }
}

/// Dispatchers see every pickup; couriers the ones assigned to them.
pub fn pickup_scope(caller: &Caller) -> PickupScope {
    if DISPATCHERS.contains(&caller.role) { PickupScope::All } else { PickupScope::Courier(caller.id) }
}

/// What `kind`'s rule lets each of `roles` see, in words, grouped by what they see: the OpenAPI
/// document's `x-waypost-scope`, written by running the rule functions themselves.
#[cfg(not(target_arch = "wasm32"))]
pub fn describe(kind: ScopeKind, roles: &[Role]) -> Vec<(&'static str, Vec<Role>)> {
    let mut groups: Vec<(&'static str, Vec<Role>)> = Vec::new();
    for &role in roles {
        let c = Caller {
            realm: Realm::Staff,
            id: 1,
            name: String::new(),
            role,
            org_id: 1,
            org_path: "/1/".into(),
            session_id: String::new(),
            expires_at: 0,
        };
        let text = words(kind, &DataScope::for_staff(&[kind], &c));
        match groups.iter_mut().find(|(t, _)| *t == text) {
            Some((_, rs)) => rs.push(role),
            None => groups.push((text, vec![role])),
        }
    }
    groups
}

/// What `kind` covers for a portal user, in words.
#[cfg(not(target_arch = "wasm32"))]
pub fn describe_portal(kind: ScopeKind) -> &'static str {
    words(kind, &DataScope::for_portal(&[kind], 1))
}

#[cfg(not(target_arch = "wasm32"))]
fn words(kind: ScopeKind, s: &DataScope) -> &'static str {
    match kind {
        ScopeKind::Orgs => match s.orgs {
            Some(Scope::All) => "every org",
            Some(Scope::Subtree(_)) => "their org and the orgs below it",
            Some(Scope::Org(_)) => "their own org",
            None => "nothing",
        },
        ScopeKind::Customers => customer_words(s.customers.as_ref()),
        ScopeKind::Shipments => match &s.shipments {
            Some(None) => "every shipment",
            Some(Some(CustomerScope::Only(_))) => "their customer's shipments",
            Some(Some(CustomerScope::Subtree(_))) => {
                "the shipments of customers owned within their org subtree"
            }
            Some(Some(CustomerScope::OwnOrShared(_))) => {
                "the shipments of customers they own or that are shared with them"
            }
            Some(Some(CustomerScope::All)) => "the shipments of every customer",
            None => "nothing",
        },
        ScopeKind::Requests => match s.requests {
            Some(RequestScope::All) => "every request",
            Some(RequestScope::Orgs { .. }) => {
                "requests held by their org or an org below it, and those assigned to them"
            }
            Some(RequestScope::Customer(_)) => "their customer's requests",
            None => "nothing",
        },
        ScopeKind::Pickups => match s.pickups {
            Some(PickupScope::All) => "every pickup",
            Some(PickupScope::Courier(_)) => "the pickups assigned to them",
            Some(PickupScope::Customer(_)) => "their customer's pickups",
            None => "nothing",
        },
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn customer_words(s: Option<&CustomerScope>) -> &'static str {
    match s {
        Some(CustomerScope::All) => "every customer",
        Some(CustomerScope::Subtree(_)) => "customers owned within their org subtree",
        Some(CustomerScope::OwnOrShared(_)) => "customers they own or that are shared with them",
        Some(CustomerScope::Only(_)) => "their own customer",
        None => "nothing",
    }
}

/// Whether a caller sees licence and ID numbers in full (一证一照): admins, managers, and the
/// customer's owner. Everyone else gets them masked.
pub fn sees_identity_numbers(caller: &Caller, owner_id: Option<i64>) -> bool {
    matches!(caller.role, Role::Admin | Role::CsManager | Role::SalesManager) || owner_id == Some(caller.id)
}

/// Whether a caller may give a customer to someone else (assign / hand over).
pub fn may_assign(caller: &Caller) -> bool {
    CUSTOMER_ASSIGNERS.contains(&caller.role)
}

/// Whether a caller may book for a blacklisted customer, with a reason (audited): the same
/// managers who may assign customers.
pub fn may_override_blacklist(caller: &Caller) -> bool {
    CUSTOMER_ASSIGNERS.contains(&caller.role)
}

/// Whether `access` lets `role` in (for docs and the route-by-role tests).
pub fn role_allowed(access: Access, role: Role) -> bool {
    match access {
        Access::Public => true,
        Access::Staff(roles) => roles.is_empty() || roles.contains(&role),
        Access::Integration | Access::Portal => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: Role) -> Caller {
        Caller {
            realm: Realm::Staff,
            id: 1,
            name: "x".into(),
            role,
            org_id: 3,
            org_path: "/1/3/".into(),
            session_id: "s".into(),
            expires_at: 0,
        }
    }

    #[test]
    fn decisions() {
        assert_eq!(authorize(Access::Public, None), Ok(()));
        assert_eq!(authorize(Access::Staff(ANY_STAFF), None), Err(ErrorCode::Unauthenticated));
        assert_eq!(authorize(Access::Staff(ANY_STAFF), Some(&caller(Role::Courier))), Ok(()));
        assert_eq!(
            authorize(Access::Staff(ADMIN), Some(&caller(Role::CsManager))),
            Err(ErrorCode::Forbidden)
        );
        assert_eq!(authorize(Access::Staff(PEOPLE_LEADS), Some(&caller(Role::CsSupervisor))), Ok(()));
        assert_eq!(
            authorize(Access::Staff(PEOPLE_LEADS), Some(&caller(Role::SalesRep))),
            Err(ErrorCode::Forbidden)
        );
        let mut portal = caller(Role::Admin);
        portal.realm = Realm::Customer;
        assert_eq!(authorize(Access::Staff(ANY_STAFF), Some(&portal)), Err(ErrorCode::Forbidden));
    }

    #[test]
    fn customer_scopes_and_masking() {
        assert_eq!(customer_scope(&caller(Role::CsAgent)), CustomerScope::All);
        assert_eq!(customer_scope(&caller(Role::SalesManager)), CustomerScope::Subtree("/1/3/".into()));
        assert_eq!(customer_scope(&caller(Role::SalesRep)), CustomerScope::OwnOrShared(1));
        assert!(!sees_identity_numbers(&caller(Role::CsAgent), Some(9)));
        assert!(sees_identity_numbers(&caller(Role::SalesRep), Some(1)), "the owner");
        assert!(sees_identity_numbers(&caller(Role::CsManager), None));
        assert!(!may_assign(&caller(Role::SalesRep)));
    }

    #[test]
    fn scopes() {
        assert_eq!(org_scope(&caller(Role::Admin)), Scope::All);
        assert_eq!(org_scope(&caller(Role::CsManager)), Scope::Subtree("/1/3/".into()));
        assert_eq!(org_scope(&caller(Role::CsAgent)), Scope::Org(3));
        assert_eq!(request_scope(&caller(Role::CsAgent)), RequestScope::All);
        assert_eq!(
            request_scope(&caller(Role::Courier)),
            RequestScope::Orgs { path: "/1/3/".into(), staff_id: 1 }
        );
        assert_eq!(shipment_scope(&caller(Role::HubOps)), None);
        assert_eq!(shipment_scope(&caller(Role::SalesRep)), Some(CustomerScope::OwnOrShared(1)));
        assert_eq!(pickup_scope(&caller(Role::HubOps)), PickupScope::All);
        assert_eq!(pickup_scope(&caller(Role::Courier)), PickupScope::Courier(1));
    }

    #[test]
    fn a_data_scope_holds_only_the_declared_kinds() {
        let s = DataScope::for_staff(&[ScopeKind::Requests], &caller(Role::Courier));
        assert!(s.requests().is_ok());
        assert!(matches!(s.customers(), Err(AppError::Internal(_))), "not declared");
        assert!(s.orgs().is_err() && s.shipments().is_err() && s.pickups().is_err());
        let p = DataScope::for_portal(&[ScopeKind::Shipments, ScopeKind::Orgs, ScopeKind::Pickups], 9);
        assert_eq!(p.shipments().ok().flatten(), Some(&CustomerScope::Only(9)));
        assert_eq!(p.pickups().ok(), Some(&PickupScope::Customer(9)));
        assert!(p.orgs().is_err(), "a portal user has no org");
    }

    #[test]
    fn the_documented_scope_is_the_rule() {
        let groups = describe(ScopeKind::Requests, &Role::ALL);
        let all = groups.iter().find(|(t, _)| *t == "every request").map(|(_, r)| r.clone());
        assert_eq!(all, Some(vec![Role::Admin, Role::CsAgent, Role::CsSupervisor, Role::CsManager]));
        assert_eq!(groups.len(), 2);
        assert_eq!(describe_portal(ScopeKind::Pickups), "their customer's pickups");
    }
}
