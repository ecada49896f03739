//! Authorization, decided in one place from (realm, role, org scope). Every route in
//! [`crate::routes`] declares an [`Access`] and a [`ScopeRule`]; the dispatcher calls
//! [`authorize`] before any handler runs, and handlers get their data scope from [`scope_for`].

use schema::ErrorCode;
use schema::auth::Realm;
use schema::staff::{Reach, Role};

use crate::store::Scope;
use crate::store::customers::CustomerScope;

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

/// How the caller's org limits the data a route touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeRule {
    /// Not org-scoped (health, sign-in, one's own account).
    None,
    /// Limited by the caller's role reach: admin all, supervisors/managers their subtree,
    /// front-line roles their own org. Records outside answer 404.
    Reach,
    /// Customers: admins and customer service all, sales managers their org subtree, sales reps
    /// the customers they own or that are shared with them. Records outside answer 404.
    Customers,
}

/// Any signed-in staff member.
pub const ANY_STAFF: &[Role] = &[];
/// Administrators only (shared with the front end's navigation).
pub const ADMIN: &[Role] = schema::staff::ADMIN_ONLY;
/// Admins, supervisors and managers (shared with the front end's navigation).
pub const PEOPLE_LEADS: &[Role] = schema::staff::PEOPLE_LEADS;
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

/// The verified caller, from the session token.
#[derive(Debug, Clone, PartialEq)]
pub struct Caller {
    pub realm: Realm,
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub org_id: i64,
    pub org_path: String,
    pub session_id: String,
    /// Token expiry, seconds since the epoch.
    pub expires_at: i64,
}

/// A verified portal user, from the portal token.
#[derive(Debug, Clone, PartialEq)]
pub struct PortalCaller {
    /// The portal user.
    pub id: i64,
    /// The customer they act for: every portal query is limited to it.
    pub customer_id: i64,
    pub name: String,
    pub session_id: String,
    pub expires_at: i64,
}

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

/// The org scope a caller's data is limited to.
pub fn scope_for(caller: &Caller) -> Scope {
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

/// Whether a caller sees licence and ID numbers in full (一证一照): admins, managers, and the
/// customer's owner. Everyone else gets them masked.
pub fn sees_identity_numbers(caller: &Caller, owner_id: Option<i64>) -> bool {
    matches!(caller.role, Role::Admin | Role::CsManager | Role::SalesManager) || owner_id == Some(caller.id)
}

/// Whether a caller may give a customer to someone else (assign / hand over).
pub fn may_assign(caller: &Caller) -> bool {
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
        assert_eq!(scope_for(&caller(Role::Admin)), Scope::All);
        assert_eq!(scope_for(&caller(Role::CsManager)), Scope::Subtree("/1/3/".into()));
        assert_eq!(scope_for(&caller(Role::CsAgent)), Scope::Org(3));
    }
}
