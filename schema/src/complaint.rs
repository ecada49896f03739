//! Complaints (投诉): what a complaint is about (a shipment or the service, a staff member, a
//! product), its cause from the firm's list (hub delay, carrier, damage, loss, staff attitude,
//! late notice … admin-configurable) and its severity. A severe complaint, an urgent one, or a
//! customer's third within 30 days alerts the supervisors and managers at once (migration 0019,
//! 0024). Counts by cause over time show where complaints come from.

use serde::{Deserialize, Serialize};

use crate::validate::required_text;
use crate::{FieldErrors, FieldIssue};

crate::derive::openapi_derive! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintTarget {
    /// A shipment or the delivery service.
    Shipment,
    /// A staff member (attitude, conduct).
    Staff,
    /// A product or service offer (pricing, packaging …).
    Product,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Minor,
    Major,
    /// Alerts supervisors and managers at once.
    Severe,
}

/// A cause code of the firm's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ComplaintCause {
    /// `hub_delay`, `damage` …: 2–30 lower-case letters, digits or `_`.
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    #[serde(default = "yes", deserialize_with = "crate::de::bool_or_int")]
    pub active: bool,
}

/// A complaint's classification (`PUT /api/v1/requests/{id}/complaint`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    pub version: i64,
    pub target: ComplaintTarget,
    pub cause: String,
    pub severity: Severity,
}

/// Complaints opened in one period with one cause (`None`: not classified yet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CauseCount {
    /// `2026-11` (month) or `2026-W48` (ISO week).
    pub period: String,
    pub cause: Option<String>,
    pub n: i64,
}
}

fn yes() -> bool {
    true
}

impl ComplaintTarget {
    pub const ALL: [ComplaintTarget; 3] =
        [ComplaintTarget::Shipment, ComplaintTarget::Staff, ComplaintTarget::Product];

    crate::labels! {
        Shipment: "快件/服务" | "Shipment / service",
        Staff: "员工" | "Staff member",
        Product: "产品" | "Product",
    }
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Minor, Severity::Major, Severity::Severe];

    crate::labels! {
        Minor: "一般" | "Minor",
        Major: "较重" | "Major",
        Severe: "严重" | "Severe",
    }
}

impl ComplaintCause {
    /// The label in `locale` (the Chinese one when no English was given).
    pub fn label(&self, locale: crate::Locale) -> &str {
        if locale == crate::Locale::En && !self.label_en.is_empty() { &self.label_en } else { &self.label_zh }
    }
}

/// Most causes kept.
pub const MAX_CAUSES: usize = 50;

/// Checks the whole list (admins replace it as a whole): codes well-formed and unique, labels.
pub fn validate_causes(rows: &[ComplaintCause]) -> Result<Vec<ComplaintCause>, FieldErrors> {
    let mut errors = FieldErrors::new();
    if rows.len() > MAX_CAUSES {
        errors.insert("rows", FieldIssue::TooMany { max: MAX_CAUSES });
    }
    let mut out = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let code = r.code.trim().to_string();
        let ok_code = (2..=30).contains(&code.len())
            && code.starts_with(|c: char| c.is_ascii_lowercase())
            && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok_code {
            errors.entry("code").or_insert(FieldIssue::InvalidKey);
        } else if rows[..i].iter().any(|p| p.code.trim() == code) {
            errors.entry("code").or_insert(FieldIssue::Taken);
        }
        let zh = required_text(&r.label_zh, 20).map_err(|e| errors.entry("label_zh").or_insert(e).clone());
        let en = crate::validate::optional_text(&r.label_en, 40)
            .map_err(|e| errors.entry("label_en").or_insert(e).clone());
        if let (Ok(label_zh), Ok(label_en)) = (zh, en) {
            out.push(ComplaintCause { code, label_zh, label_en, active: r.active });
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

crate::wire_names!(ComplaintTarget, Severity);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cause_lists_are_checked_as_a_whole() {
        let ok = ComplaintCause {
            code: "hub_delay".into(),
            label_zh: "中转延误".into(),
            label_en: String::new(),
            active: true,
        };
        assert_eq!(validate_causes(std::slice::from_ref(&ok)).map(|v| v.len()), Ok(1));
        assert_eq!(ok.label(crate::Locale::En), "中转延误", "falls back to Chinese");
        let dup = vec![ok.clone(), ok.clone()];
        assert_eq!(validate_causes(&dup).err().and_then(|e| e.get("code").cloned()), Some(FieldIssue::Taken));
        let bad = ComplaintCause { code: "Hub Delay".into(), label_zh: " ".into(), ..Default::default() };
        let e = validate_causes(&[bad]).err().unwrap_or_default();
        assert_eq!(
            (e.get("code"), e.get("label_zh")),
            (Some(&FieldIssue::InvalidKey), Some(&FieldIssue::Required))
        );
        assert!(Severity::Severe > Severity::Major);
    }
}
