//! Integration API keys, as admins see and create them.

use serde::{Deserialize, Serialize};

crate::derive::openapi_derive! {
/// A key (its secret is never shown again after creation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiKey {
    pub id: i64,
    pub name: String,
    /// The public part of the key (`wpk_<prefix>_…`), to tell keys apart.
    pub prefix: String,
    pub created_by_name: Option<String>,
    pub created_at: String,
    pub revoked_at: Option<String>,
    pub last_used_at: Option<String>,
}

/// Create a key (`POST /api/v1/api-keys`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyInput {
    /// What uses it: 「TMS 生产」.
    pub name: String,
}

/// The new key, shown once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewApiKey {
    pub id: i64,
    /// `wpk_<prefix>_<secret>`: send it as `Authorization: Bearer …`.
    pub key: String,
}
}
