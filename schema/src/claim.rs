//! Claims (索赔): a service request of kind `claim` carries one claim — its type (delay, damage,
//! loss, COD), the waybill, the amount claimed, evidence (the request's attachments) — and its
//! decision: review → approved (with the amount) or rejected (with the reason) → paid. Agents
//! decide up to the firm's approval limit; above it a CS manager (or an admin) must.

use serde::{Deserialize, Serialize};

use crate::validate::{optional_text, required_text};
use crate::{FieldErrors, FieldIssue};

crate::derive::openapi_derive! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimType {
    /// Delivered after the committed time (pre-filled from the waybill's breach).
    Delay,
    Damage,
    Loss,
    /// Cash on delivery not remitted.
    Cod,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    Review,
    Approved,
    Rejected,
    Paid,
}

/// A request's claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub claim_type: ClaimType,
    pub status: ClaimStatus,
    pub waybill_no: Option<String>,
    /// Fen (分).
    pub amount_claimed: i64,
    pub amount_approved: Option<i64>,
    /// Why it was rejected, or the approver's note.
    pub decision_note: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    /// The payment's reference (bank transfer, voucher …).
    pub paid_ref: Option<String>,
    pub paid_at: Option<String>,
    pub version: i64,
    pub created_at: String,
}

/// `PUT /api/v1/requests/{id}/claim`: file (or, while in review, correct) the claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ClaimInput {
    #[cfg_attr(feature = "openapi", schemars(with = "ClaimType"))]
    pub claim_type: Option<ClaimType>,
    /// Fen; more than zero.
    #[cfg_attr(feature = "openapi", schemars(with = "i64", range(min = 1, max = MAX_CLAIM)))]
    pub amount_claimed: Option<i64>,
    /// The claim's current version when correcting one (none when filing).
    #[serde(default)]
    pub version: Option<i64>,
}

/// What a delay (or COD) claim starts from: the waybill's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimPrefill {
    pub claim_type: ClaimType,
    pub waybill_no: String,
    /// The freight (delay) or the COD amount, in fen.
    pub amount_claimed: i64,
    pub committed_at: Option<String>,
    pub delivered_at: Option<String>,
    /// Delivered after the committed time.
    pub delay_eligible: bool,
}

/// `POST /api/v1/requests/{id}/claim/decide`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimDecision {
    pub version: i64,
    pub approve: bool,
    /// Fen; required when approving, at most the amount claimed.
    #[serde(default)]
    pub amount: Option<i64>,
    /// Required when rejecting.
    #[serde(default)]
    pub note: String,
}

/// `POST /api/v1/requests/{id}/claim/pay`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimPayment {
    pub version: i64,
    pub reference: String,
}

/// The approval limit (fen) up to which agents decide claims themselves.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimSettings {
    pub agent_limit: i64,
}
}

/// The most a claim may ask: one million yuan, in fen.
pub const MAX_CLAIM: i64 = 100_000_000;

impl ClaimType {
    pub const ALL: [ClaimType; 4] = [ClaimType::Delay, ClaimType::Damage, ClaimType::Loss, ClaimType::Cod];

    crate::labels! {
        Delay: "延误" | "Delay",
        Damage: "破损" | "Damage",
        Loss: "丢失" | "Loss",
        Cod: "代收货款" | "COD",
    }
}

impl ClaimStatus {
    crate::labels! {
        Review: "审核中" | "In review",
        Approved: "已批准" | "Approved",
        Rejected: "已驳回" | "Rejected",
        Paid: "已赔付" | "Paid",
    }
}

/// A checked filing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidClaim {
    pub claim_type: ClaimType,
    pub amount_claimed: i64,
}

impl ClaimInput {
    pub fn validate(&self) -> Result<ValidClaim, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.claim_type.is_none() {
            errors.insert("claim_type", FieldIssue::Required);
        }
        match self.amount_claimed {
            None => {
                errors.insert("amount_claimed", FieldIssue::Required);
            }
            Some(a) if a <= 0 || a > MAX_CLAIM => {
                errors.insert("amount_claimed", FieldIssue::InvalidNumber);
            }
            _ => {}
        }
        match (self.claim_type, self.amount_claimed) {
            (Some(claim_type), Some(amount_claimed)) if errors.is_empty() => {
                Ok(ValidClaim { claim_type, amount_claimed })
            }
            _ => Err(errors),
        }
    }
}

/// A checked decision: approve with an amount in (0, claimed], or reject with a reason.
#[derive(Debug, Clone, PartialEq)]
pub enum ValidDecision {
    Approve { amount: i64, note: String },
    Reject { note: String },
}

impl ClaimDecision {
    pub fn validate(&self, claimed: i64) -> Result<ValidDecision, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.approve {
            let note =
                optional_text(&self.note, 500).map_err(|e| errors.insert("note", e)).unwrap_or_default();
            match self.amount {
                Some(a) if a > 0 && a <= claimed && errors.is_empty() => {
                    Ok(ValidDecision::Approve { amount: a, note })
                }
                Some(_) => Err(FieldErrors::from([("amount", FieldIssue::InvalidNumber)])),
                None => Err(FieldErrors::from([("amount", FieldIssue::Required)])),
            }
        } else {
            required_text(&self.note, 500)
                .map(|note| ValidDecision::Reject { note })
                .map_err(|e| FieldErrors::from([("note", e)]))
        }
    }
}

impl ClaimPayment {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        required_text(&self.reference, 100).map_err(|e| FieldErrors::from([("reference", e)]))
    }
}

/// Who may approve `amount`: anyone allowed to decide claims up to `agent_limit`; above it only a
/// CS manager or an admin.
pub fn may_approve(role: crate::staff::Role, amount: i64, agent_limit: i64) -> bool {
    use crate::staff::Role::*;
    amount <= agent_limit || matches!(role, CsManager | Admin)
}

crate::wire_names!(ClaimType, ClaimStatus);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::Role;

    #[test]
    fn filings_and_decisions_are_checked() {
        let e =
            ClaimInput { amount_claimed: Some(0), ..Default::default() }.validate().err().unwrap_or_default();
        assert_eq!(e.get("claim_type"), Some(&FieldIssue::Required));
        assert_eq!(e.get("amount_claimed"), Some(&FieldIssue::InvalidNumber));
        let ok =
            ClaimInput { claim_type: Some(ClaimType::Damage), amount_claimed: Some(35_000), version: None };
        assert_eq!(ok.validate().map(|v| v.amount_claimed), Ok(35_000));
        let d =
            |approve, amount, note: &str| ClaimDecision { version: 1, approve, amount, note: note.into() };
        assert_eq!(
            d(true, Some(35_001), "").validate(35_000).err().and_then(|e| e.get("amount").cloned()),
            Some(FieldIssue::InvalidNumber)
        );
        assert_eq!(
            d(true, Some(30_000), "").validate(35_000),
            Ok(ValidDecision::Approve { amount: 30_000, note: String::new() })
        );
        assert_eq!(
            d(false, None, " ").validate(35_000).err().and_then(|e| e.get("note").cloned()),
            Some(FieldIssue::Required)
        );
    }

    #[test]
    fn above_the_limit_only_a_cs_manager_or_an_admin_approves() {
        assert!(may_approve(Role::CsAgent, 50_000, 50_000));
        assert!(!may_approve(Role::CsAgent, 50_001, 50_000));
        assert!(!may_approve(Role::CsSupervisor, 50_001, 50_000));
        assert!(
            may_approve(Role::CsManager, 5_000_000, 50_000) && may_approve(Role::Admin, 5_000_000, 50_000)
        );
    }
}
