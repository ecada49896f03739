//! Sign-in DTOs and the realms a caller can belong to.

use serde::{Deserialize, Serialize};

use crate::staff::Staff;

crate::derive::openapi_derive! {
/// Who is calling. Tokens name their realm so the customer portal and integrations can share the
/// same machinery without ever being mistaken for staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Realm {
    /// Firm employees (this issue).
    Staff,
    /// Portal users linked to one customer (later).
    Customer,
    /// The firm's TMS/WMS, by API key (later).
    Integration,
}

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Phone number or e-mail address.
    pub login: String,
    pub password: String,
}

/// The signed-in caller (`GET /api/v1/auth/me`, and the login response).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub realm: Realm,
    pub staff: Staff,
    /// When the current token expires (it is renewed while in use).
    pub expires_at: String,
}
}
