//! Staff accounts and roles. A role says what someone may do; their org says over which part of
//! the tree.

use serde::{Deserialize, Serialize};

use crate::org::Department;
use crate::validate::{Email, Phone, required_text};
use crate::{FieldErrors, FieldIssue, password};

crate::derive::openapi_derive! {
/// The staff roles of the customer's documents (§6 of the digest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// IT services (电脑服务部): organisations, staff, configuration, audit.
    Admin,
    /// Customer-service agent (客服人员).
    CsAgent,
    /// Customer-service supervisor (客服主管).
    CsSupervisor,
    /// Customer-service manager (客服经理).
    CsManager,
    /// Sales representative (业务员 / 客户经理).
    SalesRep,
    /// Sales manager (销售经理).
    SalesManager,
    /// Courier at an outlet (收派员).
    Courier,
    /// Hub operations (口岸作业).
    HubOps,
}

/// A staff member as the API returns it. Never carries the password hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Staff {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub department: Department,
    pub role: Role,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub active: bool,
    pub version: i64,
    pub last_login_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Create a staff account (admin).
/// A phone number or an e-mail address (or both) is needed to sign in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schemars(extend("anyOf" = [
    {"required": ["phone"], "properties": {"phone": {"minLength": 1}}},
    {"required": ["email"], "properties": {"email": {"minLength": 1}}}
])))]
pub struct StaffInput {
    #[cfg_attr(feature = "openapi", schemars(with = "i64"))]
    pub org_id: Option<i64>,
    pub department: Option<Department>,
    #[cfg_attr(feature = "openapi", schemars(with = "Role"))]
    pub role: Option<Role>,
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::validate::doc::PHONE_OR_NONE), example = crate::validate::doc::PHONE_EXAMPLE))]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    /// At least 8 characters, not among the most common, not containing the login.
    #[cfg_attr(feature = "openapi", schemars(length(min = 8), example = crate::validate::doc::PASSWORD_EXAMPLE))]
    pub password: String,
}

/// Replace a staff member's editable fields (admin). Changing role, org or `active` ends their
/// sessions, so the new rights apply at once. A phone number or an e-mail address is needed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", schemars(extend("anyOf" = [
    {"required": ["phone"], "properties": {"phone": {"minLength": 1}}},
    {"required": ["email"], "properties": {"email": {"minLength": 1}}}
])))]
pub struct StaffUpdate {
    #[serde(default, skip_serializing)]
    pub id: crate::de::ReadOnly<i64>,
    #[serde(default, skip_serializing)]
    pub org_name: crate::de::ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub last_login_at: crate::de::ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub created_at: crate::de::ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub updated_at: crate::de::ReadOnly<String>,
    pub version: i64,
    pub org_id: i64,
    pub department: Department,
    pub role: Role,
    pub name: String,
    /// `null` (as read for someone without one) or empty: none.
    #[serde(default, deserialize_with = "crate::de::null_as_empty")]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<String>", pattern(crate::validate::doc::PHONE_OR_NONE), example = crate::validate::doc::PHONE_EXAMPLE))]
    pub phone: String,
    #[serde(default, deserialize_with = "crate::de::null_as_empty")]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<String>"))]
    pub email: String,
    pub active: bool,
}

/// An admin sets a new password for someone (e.g. who forgot theirs). Ends their sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    #[cfg_attr(feature = "openapi", schemars(length(min = 8), example = crate::validate::doc::PASSWORD_EXAMPLE))]
    pub new_password: String,
}

/// A signed-in person changes their own password. Ends their other sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    #[cfg_attr(feature = "openapi", schemars(length(min = 8), example = crate::validate::doc::PASSWORD_EXAMPLE))]
    pub new_password: String,
}
}

/// Administrators only.
pub const ADMIN_ONLY: &[Role] = &[Role::Admin];
/// Those who look after people and may browse staff: admins, supervisors and managers.
pub const PEOPLE_LEADS: &[Role] = &[Role::Admin, Role::CsSupervisor, Role::CsManager, Role::SalesManager];
/// Who reads the reports (value pyramid, 80/20, service and logistics figures) of their reach.
pub const REPORT_ROLES: &[Role] = PEOPLE_LEADS;

/// Who works with the customer archive: admins, customer service (firm-wide, they answer every
/// caller), and sales. Couriers and hub staff meet customers through pickups and shipments instead.
pub const CUSTOMER_ROLES: &[Role] =
    &[Role::Admin, Role::CsAgent, Role::CsSupervisor, Role::CsManager, Role::SalesRep, Role::SalesManager];

/// Who may record a tracking event by hand: hubs, couriers, customer service, admins.
pub const EVENT_RECORDERS: &[Role] =
    &[Role::Admin, Role::HubOps, Role::Courier, Role::CsAgent, Role::CsSupervisor, Role::CsManager];

/// Who may give customers to someone else (assign, bulk hand-over).
/// Who dispatches pickups to outlets and couriers, and sees every pickup.
pub const DISPATCHERS: &[Role] =
    &[Role::Admin, Role::CsAgent, Role::CsSupervisor, Role::CsManager, Role::HubOps];
/// Who works with pickups at all: dispatchers, and couriers (their own).
pub const PICKUP_ROLES: &[Role] =
    &[Role::Admin, Role::CsAgent, Role::CsSupervisor, Role::CsManager, Role::HubOps, Role::Courier];
/// Who may book a pickup for a customer on the phone: customer service and sales.
pub const PICKUP_BOOKERS: &[Role] =
    &[Role::Admin, Role::CsAgent, Role::CsSupervisor, Role::CsManager, Role::SalesRep, Role::SalesManager];
pub const CUSTOMER_ASSIGNERS: &[Role] = &[Role::Admin, Role::CsManager, Role::SalesManager];
/// Who writes the knowledge base: customer-service leads.
pub const KB_EDITORS: &[Role] = &[Role::Admin, Role::CsSupervisor, Role::CsManager];
/// Who files, decides (within the approval limit) and pays claims: customer service.
pub const CLAIM_HANDLERS: &[Role] = &[Role::Admin, Role::CsAgent, Role::CsSupervisor, Role::CsManager];

/// How far a role's view of org-scoped data reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The whole firm.
    All,
    /// The staff member's org and everything below it.
    Subtree,
    /// Only their own org (and, for personal records, only their own).
    OwnOrg,
}

impl Role {
    /// All roles, for pickers and the route-by-role tests.
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::CsAgent,
        Role::CsSupervisor,
        Role::CsManager,
        Role::SalesRep,
        Role::SalesManager,
        Role::Courier,
        Role::HubOps,
    ];

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Supervisors and managers look after a part of the tree; front-line roles their own org.
    pub fn reach(self) -> Reach {
        match self {
            Role::Admin => Reach::All,
            Role::CsSupervisor | Role::CsManager | Role::SalesManager => Reach::Subtree,
            Role::CsAgent | Role::SalesRep | Role::Courier | Role::HubOps => Reach::OwnOrg,
        }
    }

    /// The department a new account of this role usually belongs to.
    pub fn default_department(self) -> Department {
        match self {
            Role::Admin => Department::ItServices,
            Role::CsAgent | Role::CsSupervisor | Role::CsManager => Department::CustomerService,
            Role::SalesRep | Role::SalesManager => Department::SalesMarketing,
            Role::Courier => Department::ExpressServiceCenter,
            Role::HubOps => Department::HubOperations,
        }
    }

    crate::labels! {
        Admin: "系统管理员" | "Administrator",
        CsAgent: "客服人员" | "CS agent",
        CsSupervisor: "客服主管" | "CS supervisor",
        CsManager: "客服经理" | "CS manager",
        SalesRep: "业务员" | "Sales rep",
        SalesManager: "销售经理" | "Sales manager",
        Courier: "收派员" | "Courier",
        HubOps: "口岸作业员" | "Hub operations",
    }
}

/// A staff record's fields after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidStaff {
    pub org_id: i64,
    pub department: Department,
    pub role: Role,
    pub name: String,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
}

fn contact(phone: &str, email: &str, errors: &mut FieldErrors) -> (Option<Phone>, Option<Email>) {
    let phone = if phone.trim().is_empty() {
        None
    } else {
        Phone::parse(phone).map_err(|e| errors.insert("phone", e)).ok()
    };
    let email = if email.trim().is_empty() {
        None
    } else {
        Email::parse(email).map_err(|e| errors.insert("email", e)).ok()
    };
    if phone.is_none() && email.is_none() && !errors.contains_key("phone") && !errors.contains_key("email") {
        errors.insert("phone", FieldIssue::LoginNeeded);
    }
    (phone, email)
}

/// The parts of a login a password must not contain.
pub fn login_parts<'a>(phone: Option<&'a Phone>, email: Option<&'a Email>) -> Vec<&'a str> {
    let mut parts = Vec::new();
    if let Some(p) = phone {
        parts.push(p.as_str());
    }
    if let Some(local) = email.and_then(|e| e.as_str().split('@').next()) {
        parts.push(local);
    }
    parts
}

impl StaffInput {
    /// Checks every field, the password included.
    pub fn validate(&self) -> Result<ValidStaff, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.org_id.is_none() {
            errors.insert("org_id", FieldIssue::Required);
        }
        if self.role.is_none() {
            errors.insert("role", FieldIssue::Required);
        }
        let name = required_text(&self.name, 40).map_err(|e| errors.insert("name", e)).ok();
        let (phone, email) = contact(&self.phone, &self.email, &mut errors);
        if let Err(e) = password::check(&self.password, &login_parts(phone.as_ref(), email.as_ref())) {
            errors.insert("password", e);
        }
        match (self.org_id, self.role, name) {
            (Some(org_id), Some(role), Some(name)) if errors.is_empty() => Ok(ValidStaff {
                org_id,
                department: self.department.unwrap_or(role.default_department()),
                role,
                name,
                phone,
                email,
            }),
            _ => Err(errors),
        }
    }
}

impl StaffUpdate {
    /// Checks every field.
    pub fn validate(&self) -> Result<ValidStaff, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = required_text(&self.name, 40).map_err(|e| errors.insert("name", e)).ok();
        let (phone, email) = contact(&self.phone, &self.email, &mut errors);
        match name {
            Some(name) if errors.is_empty() => Ok(ValidStaff {
                org_id: self.org_id,
                department: self.department,
                role: self.role,
                name,
                phone,
                email,
            }),
            _ => Err(errors),
        }
    }
}

crate::wire_names!(Role);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            let json = serde_json::to_string(&r).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
        }
    }

    #[test]
    fn reach() {
        assert_eq!(Role::Admin.reach(), Reach::All);
        assert_eq!(Role::CsManager.reach(), Reach::Subtree);
        assert_eq!(Role::CsAgent.reach(), Reach::OwnOrg);
    }

    #[test]
    fn staff_needs_a_login_and_a_good_password() {
        let input = StaffInput {
            org_id: Some(1),
            role: Some(Role::CsAgent),
            name: "王芳".into(),
            password: "12345678".into(),
            ..Default::default()
        };
        let e = input.validate().err().unwrap_or_default();
        assert_eq!(e.get("phone"), Some(&FieldIssue::LoginNeeded));
        assert_eq!(e.get("password"), Some(&FieldIssue::WeakPassword));

        let ok =
            StaffInput { phone: "13900001111".into(), password: "快递 准时 送达 2026".into(), ..input };
        let v = ok.validate().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(v.department, Department::CustomerService);
    }
}
