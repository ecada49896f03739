//! Claims: filed on a claim request, corrected while in review, decided (approve with the amount
//! or reject with the reason) and paid — each a version-checked batch with its audit entry; the
//! customer's notice comes from a trigger (migration 0022). Also the approval limit.

use schema::claim::{Claim, ClaimStatus, ValidClaim, ValidDecision};

use super::db::{Db, DbError, guard_changed};
use super::{Actor, audit, now};
use crate::store::db::sql;

const COLUMNS: &str =
    "claim_type, status, waybill_no, amount_claimed, amount_approved, decision_note, decided_by,
    decided_at, paid_ref, paid_at, version, created_at";

/// The claim of a request, if one was filed.
pub async fn get(db: &impl Db, request_id: i64) -> Result<Option<Claim>, DbError> {
    db.first(sql!(format!("SELECT {COLUMNS} FROM claims WHERE request_id = ?"), request_id)).await
}

fn audited(actor: &Actor, at: &str, request_id: i64, what: serde_json::Value) -> super::db::Sql {
    audit::entry(actor, at, "update", "claim", audit::EntityRef::Id(request_id), &what)
}

/// Files the claim (a second filing is `Unique`: correct it instead).
pub async fn file(
    db: &impl Db,
    request_id: i64,
    waybill_no: Option<&str>,
    v: &ValidClaim,
    actor: &Actor,
) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![
        sql!(
            "INSERT INTO claims (request_id, claim_type, waybill_no, amount_claimed, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            request_id,
            v.claim_type.as_str(),
            waybill_no,
            v.amount_claimed,
            at.as_str()
        ),
        audit::entry(
            actor,
            &at,
            "create",
            "claim",
            audit::EntityRef::Id(request_id),
            &serde_json::json!({"claim_type": {"from": null, "to": v.claim_type.as_str()},
                                "amount_claimed": {"from": null, "to": v.amount_claimed}}),
        ),
    ])
    .await
    .map(|_| ())
}

/// Corrects type and amount while the claim is in review (version-checked).
pub async fn amend(
    db: &impl Db,
    request_id: i64,
    version: i64,
    v: &ValidClaim,
    actor: &Actor,
) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![
        sql!(
            "UPDATE claims SET claim_type = ?, amount_claimed = ?, version = version + 1, updated_at = ?
             WHERE request_id = ? AND version = ? AND status = 'review'",
            v.claim_type.as_str(),
            v.amount_claimed,
            at.as_str(),
            request_id,
            version
        ),
        guard_changed(),
        audited(
            actor,
            &at,
            request_id,
            serde_json::json!({"amount_claimed": {"from": null, "to": v.amount_claimed}}),
        ),
    ])
    .await
    .map(|_| ())
}

/// Approves (with the amount) or rejects (with the reason) a claim in review.
pub async fn decide(
    db: &impl Db,
    request_id: i64,
    version: i64,
    d: &ValidDecision,
    actor: &Actor,
) -> Result<(), DbError> {
    let at = now();
    let (status, amount, note) = match d {
        ValidDecision::Approve { amount, note } => (ClaimStatus::Approved, Some(*amount), note.as_str()),
        ValidDecision::Reject { note } => (ClaimStatus::Rejected, None, note.as_str()),
    };
    db.batch(vec![
        sql!(
            "UPDATE claims SET status = ?, amount_approved = ?, decision_note = ?, decided_by = ?, decided_at = ?,
                 version = version + 1, updated_at = ?
             WHERE request_id = ? AND version = ? AND status = 'review'",
            status.as_str(),
            amount,
            note,
            actor.name.as_str(),
            at.as_str(),
            at.as_str(),
            request_id,
            version
        ),
        guard_changed(),
        audited(
            actor,
            &at,
            request_id,
            serde_json::json!({"status": {"from": "review", "to": status.as_str()}, "amount_approved": {"from": null, "to": amount}}),
        ),
    ])
    .await
    .map(|_| ())
}

/// Records the payment of an approved claim.
pub async fn pay(
    db: &impl Db,
    request_id: i64,
    version: i64,
    reference: &str,
    actor: &Actor,
) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![
        sql!(
            "UPDATE claims SET status = 'paid', paid_ref = ?, paid_at = ?, version = version + 1, updated_at = ?
             WHERE request_id = ? AND version = ? AND status = 'approved'",
            reference,
            at.as_str(),
            at.as_str(),
            request_id,
            version
        ),
        guard_changed(),
        audited(actor, &at, request_id, serde_json::json!({"status": {"from": "approved", "to": "paid"}})),
    ])
    .await
    .map(|_| ())
}

/// The approval limit, in fen.
pub async fn agent_limit(db: &impl Db) -> Result<i64, DbError> {
    #[derive(serde::Deserialize)]
    struct L {
        agent_limit: i64,
    }
    let l: Option<L> = db.first(sql!("SELECT agent_limit FROM claim_settings WHERE id = 1")).await?;
    Ok(l.map_or(0, |l| l.agent_limit))
}

pub async fn set_agent_limit(db: &impl Db, limit: i64, actor: &Actor) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![
        sql!("UPDATE claim_settings SET agent_limit = ? WHERE id = 1", limit),
        audit::entry(
            actor,
            &at,
            "update",
            "claim_settings",
            audit::EntityRef::Id(1),
            &serde_json::json!({"agent_limit": {"from": null, "to": limit}}),
        ),
    ])
    .await
    .map(|_| ())
}
