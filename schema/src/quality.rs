//! The data-quality page's shapes (see the worker's `store::quality`).

use serde::{Deserialize, Serialize};

use crate::customer::CustomerSummary;

crate::derive::openapi_derive! {
/// A key field a customer lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// No phone on the customer or any contact.
    Phone,
    Contact,
    City,
    /// A company without its unified social credit code.
    Licence,
}

/// One customer on a data-quality list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityItem {
    pub customer: CustomerSummary,
    pub missing: Vec<Missing>,
    pub last_contact_at: Option<String>,
}
}

impl Missing {
    crate::labels! {
        Phone: "无电话" | "No phone",
        Contact: "无联系人" | "No contact",
        City: "无城市" | "No city",
        Licence: "无信用代码" | "No licence no.",
    }
}
