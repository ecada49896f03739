//! The audit log: who changed what, when, and how (a before/after diff per field).

use serde::{Deserialize, Serialize};

crate::derive::openapi_derive! {
/// One recorded change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// When (UTC, RFC 3339).
    pub at: String,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    /// `create`, `update`, `password_reset`, `password_change`, …
    pub action: String,
    /// `org`, `staff`, …
    pub entity: String,
    pub entity_id: i64,
    /// `{ "field": { "from": …, "to": … } }`; secrets appear as `"***"`.
    pub diff: serde_json::Value,
}
}
