//! `GET /api/v1/health`.

use serde::{Deserialize, Serialize};

crate::derive::openapi_derive! {
/// Liveness and whether the bindings answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    /// Crate version of the worker.
    pub version: String,
    /// D1 answered `SELECT 1`.
    pub d1: bool,
    /// KV answered a read.
    pub kv: bool,
}
}
