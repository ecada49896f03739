//! The data-quality page's shapes (see the worker's `store::quality`).

use serde::{Deserialize, Serialize};

use crate::Locale;
use crate::customer::CustomerSummary;

crate::openapi_derive! {
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
    /// Label for people.
    #[rustfmt::skip]
    pub fn label(self, locale: Locale) -> &'static str {
        let zh = locale == Locale::ZhCn;
        match self {
            Missing::Phone => if zh { "无电话" } else { "No phone" },
            Missing::Contact => if zh { "无联系人" } else { "No contact" },
            Missing::City => if zh { "无城市" } else { "No city" },
            Missing::Licence => if zh { "无信用代码" } else { "No licence no." },
        }
    }
}
