//! Routing rules (工单流转规则): which org's queue a new request lands in. Rules are tried in order;
//! the first whose conditions all hold (kind; region — the customer's province and city or the
//! waybill's destination; the waybill's current location, e.g. a hub) picks the org. Without a
//! match the request goes to the intake queue (the first service center).

use serde::{Deserialize, Serialize};

use crate::request::RequestKind;
use crate::validate::optional_text;
use crate::{FieldErrors, FieldIssue};

crate::derive::openapi_derive! {
/// One rule; empty conditions match anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingRule {
    #[serde(default)]
    pub kind: Option<RequestKind>,
    /// Text found in the customer's province and city or the waybill's destination (`广东`, `杭州`).
    #[serde(default)]
    pub region: String,
    /// Text found in the waybill's current location (`虹桥转运中心`).
    #[serde(default)]
    pub location: String,
    /// The org whose queue takes the request.
    pub org_id: i64,
    /// Filled in answers.
    #[serde(default)]
    pub org_name: Option<String>,
}
}

/// Most rules kept.
pub const MAX_RULES: usize = 100;

/// Checks the whole list: conditions ≤ 40 characters, an org on every rule.
pub fn validate_rules(rows: &[RoutingRule]) -> Result<Vec<RoutingRule>, FieldErrors> {
    let mut errors = FieldErrors::new();
    if rows.len() > MAX_RULES {
        errors.insert("rows", FieldIssue::TooMany { max: MAX_RULES });
    }
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let region = optional_text(&r.region, 40).map_err(|e| errors.entry("region").or_insert(e).clone());
        let location =
            optional_text(&r.location, 40).map_err(|e| errors.entry("location").or_insert(e).clone());
        if r.org_id <= 0 {
            errors.entry("org_id").or_insert(FieldIssue::Required);
        }
        if let (Ok(region), Ok(location)) = (region, location) {
            out.push(RoutingRule { kind: r.kind, region, location, org_id: r.org_id, org_name: None });
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_checked_as_a_whole() {
        let ok = RoutingRule {
            kind: None,
            region: " 广东 ".into(),
            location: String::new(),
            org_id: 3,
            org_name: Some("x".into()),
        };
        let v = validate_rules(std::slice::from_ref(&ok)).unwrap_or_default();
        assert_eq!((v[0].region.as_str(), v[0].org_name.clone()), ("广东", None));
        let bad = RoutingRule { org_id: 0, location: "x".repeat(41), ..ok };
        let e = validate_rules(&[bad]).err().unwrap_or_default();
        assert_eq!(e.get("org_id"), Some(&FieldIssue::Required));
        assert_eq!(e.get("location"), Some(&FieldIssue::TooLong { max: 40 }));
    }
}
