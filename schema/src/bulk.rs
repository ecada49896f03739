//! Bulk actions on a selection of customers (`POST /api/v1/customers/bulk`).

use serde::{Deserialize, Serialize};

use crate::customer::{LifecycleStatus, Tier};
use crate::validate::required_text;
use crate::{FieldErrors, FieldIssue};

/// Most customers one bulk action takes (a page of the list).
pub const MAX_IDS: usize = 100;

crate::derive::openapi_derive! {
/// What to do with the selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BulkAction {
    /// Give them a new owner (managers only).
    Assign { owner_id: i64 },
    SetTier { tier: Tier },
    SetStatus { status: LifecycleStatus },
    AddTag { tag: String },
    RemoveTag { tag: String },
}

/// A bulk action request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulkRequest {
    #[cfg_attr(feature = "openapi", schemars(length(min = 1, max = 100)))]
    pub ids: Vec<i64>,
    pub action: BulkAction,
}

/// What a bulk action did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulkResult {
    /// Customers that changed (those already in the wanted state are left alone).
    pub changed: u64,
    /// Ids not found or outside the caller's scope: untouched.
    pub skipped: Vec<i64>,
}
}

impl BulkRequest {
    /// Checks the selection and the action's value; returns the ids without repeats and the
    /// action with its tag trimmed.
    pub fn validate(&self) -> Result<(Vec<i64>, BulkAction), FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut ids = self.ids.clone();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            errors.insert("ids", FieldIssue::Required);
        } else if ids.len() > MAX_IDS {
            errors.insert("ids", FieldIssue::TooMany { max: MAX_IDS });
        }
        let mut action = self.action.clone();
        if let BulkAction::AddTag { tag } | BulkAction::RemoveTag { tag } = &mut action {
            match required_text(tag, 20) {
                Ok(t) => *tag = t,
                Err(e) => {
                    errors.insert("tag", e);
                }
            }
        }
        if errors.is_empty() { Ok((ids, action)) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selections_are_checked() {
        let r = BulkRequest { ids: vec![3, 1, 3], action: BulkAction::SetTier { tier: Tier::Vip } };
        assert_eq!(r.validate().map(|v| v.0), Ok(vec![1, 3]));
        let r = BulkRequest { ids: (0..101).collect(), action: BulkAction::AddTag { tag: " ".into() } };
        let e = r.validate().err().unwrap_or_default();
        assert_eq!(e.get("ids"), Some(&FieldIssue::TooMany { max: MAX_IDS }));
        assert_eq!(e.get("tag"), Some(&FieldIssue::Required));
        let wire: BulkAction = serde_json::from_str(r#"{"type":"add_tag","tag":"月结"}"#)
            .unwrap_or(BulkAction::Assign { owner_id: 0 });
        assert_eq!(wire, BulkAction::AddTag { tag: "月结".into() });
    }
}
