//! Claims on claim requests: filed and corrected by customer service (a delay or COD claim can
//! start from the waybill's record), decided — an agent up to the approval limit, a CS manager or
//! admin above it (403 `over_approval_limit` otherwise) — and paid. Every step is version-checked.

use schema::ErrorCode;
use schema::claim::{
    ClaimDecision, ClaimInput, ClaimPayment, ClaimPrefill, ClaimSettings, ClaimType, may_approve,
};
use schema::request::{RequestKind, ServiceRequest};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::claims;
use crate::store::d1::D1;
use crate::store::db::DbError;
use crate::store::{Versioned, requests, shipments};

/// The claim request in the caller's reach (404 otherwise; 409 for a request of another kind).
async fn claim_request(ctx: &Ctx, db: &D1) -> Result<ServiceRequest> {
    let r = requests::get(db, ctx.scope.requests()?, ctx.id("id")?).await?.ok_or(ErrorCode::NotFound)?;
    if r.kind != RequestKind::Claim {
        return Err(ErrorCode::WrongState.into());
    }
    Ok(r)
}

/// `PUT /api/v1/requests/{id}/claim`: files the claim, or (with `version`) corrects it in review.
pub async fn file(mut ctx: Ctx) -> Result<Response> {
    let input: ClaimInput = ctx.json().await?;
    let v = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let r = claim_request(&ctx, &db).await?;
    let actor = ctx.actor()?;
    match input.version {
        None => match claims::file(&db, r.id, r.waybill_no.as_deref(), &v, &actor).await {
            Err(DbError::Unique(_)) => return Err(ErrorCode::AlreadyExists.into()),
            r => r?,
        },
        Some(version) => {
            Versioned::Claim.write(&db, r.id, claims::amend(&db, r.id, version, &v, &actor)).await?
        }
    }
    ctx.ok(&requests::detail(&db, ctx.scope.requests()?, r.id, false).await?.ok_or(ErrorCode::NotFound)?)
}

/// `GET /api/v1/requests/{id}/claim/prefill?type=delay|cod`: what the waybill says — the freight
/// for a late delivery, the amount for uncollected COD.
pub async fn prefill(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let r = claim_request(&ctx, &db).await?;
    let claim_type: ClaimType = ctx.query_enum("type")?.unwrap_or(ClaimType::Delay);
    let waybill =
        r.waybill_no.as_deref().ok_or(AppError::field("waybill_no", schema::FieldIssue::Required))?;
    let s = shipments::get(&db, None, None, Some(waybill))
        .await?
        .ok_or(AppError::field("waybill_no", schema::FieldIssue::UnknownWaybill))?;
    let amount_claimed = if claim_type == ClaimType::Cod { s.cod_amount } else { s.fee };
    ctx.ok(&ClaimPrefill {
        claim_type,
        waybill_no: s.waybill_no,
        amount_claimed,
        committed_at: s.committed_at,
        delivered_at: s.delivered_at,
        delay_eligible: s.delay_eligible,
    })
}

/// `POST /api/v1/requests/{id}/claim/decide`.
pub async fn decide(mut ctx: Ctx) -> Result<Response> {
    let body: ClaimDecision = ctx.json().await?;
    let db = ctx.db()?;
    let r = claim_request(&ctx, &db).await?;
    let claim = claims::get(&db, r.id).await?.ok_or(ErrorCode::WrongState)?;
    let d = body.validate(claim.amount_claimed).map_err(AppError::Validation)?;
    if let schema::claim::ValidDecision::Approve { amount, .. } = d
        && !may_approve(ctx.caller()?.role, amount, claims::agent_limit(&db).await?)
    {
        return Err(ErrorCode::OverApprovalLimit.into());
    }
    if claim.status != schema::claim::ClaimStatus::Review {
        return Err(ErrorCode::WrongState.into());
    }
    Versioned::Claim.write(&db, r.id, claims::decide(&db, r.id, body.version, &d, &ctx.actor()?)).await?;
    crate::notify::deliver_after(&ctx).await;
    ctx.ok(&requests::detail(&db, ctx.scope.requests()?, r.id, false).await?.ok_or(ErrorCode::NotFound)?)
}

/// `POST /api/v1/requests/{id}/claim/pay`: an approved claim was paid (the reference says how).
pub async fn pay(mut ctx: Ctx) -> Result<Response> {
    let body: ClaimPayment = ctx.json().await?;
    let reference = body.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let r = claim_request(&ctx, &db).await?;
    let claim = claims::get(&db, r.id).await?.ok_or(ErrorCode::WrongState)?;
    if claim.status != schema::claim::ClaimStatus::Approved {
        return Err(ErrorCode::WrongState.into());
    }
    Versioned::Claim
        .write(&db, r.id, claims::pay(&db, r.id, body.version, &reference, &ctx.actor()?))
        .await?;
    crate::notify::deliver_after(&ctx).await;
    ctx.ok(&requests::detail(&db, ctx.scope.requests()?, r.id, false).await?.ok_or(ErrorCode::NotFound)?)
}

/// `GET /api/v1/claim-settings`.
pub async fn settings(ctx: Ctx) -> Result<Response> {
    ctx.ok(&ClaimSettings { agent_limit: claims::agent_limit(&ctx.db()?).await? })
}

/// `PUT /api/v1/claim-settings` (admins).
pub async fn set_settings(mut ctx: Ctx) -> Result<Response> {
    let body: ClaimSettings = ctx.json().await?;
    if !(0..=schema::claim::MAX_CLAIM).contains(&body.agent_limit) {
        return Err(AppError::field("agent_limit", schema::FieldIssue::InvalidNumber));
    }
    let db = ctx.db()?;
    claims::set_agent_limit(&db, body.agent_limit, &ctx.actor()?).await?;
    ctx.ok(&ClaimSettings { agent_limit: claims::agent_limit(&db).await? })
}
