//! Complaints: the cause list (admins edit it), a complaint's classification (target, cause,
//! severity; severe alerts supervisors and managers), and the counts by cause over time for the
//! caller's reach.

use schema::complaint::{Classification, ComplaintCause, validate_causes};
use schema::request::RequestKind;
use schema::{ErrorCode, FieldIssue};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::requests::{self, Author};
use crate::store::{Versioned, complaints};

/// `GET /api/v1/complaint-causes`.
pub async fn causes(ctx: Ctx) -> Result<Response> {
    ctx.ok(&complaints::causes(&ctx.db()?).await?)
}

/// `PUT /api/v1/complaint-causes` (admins): the whole list.
pub async fn replace_causes(mut ctx: Ctx) -> Result<Response> {
    let rows: Vec<ComplaintCause> = ctx.json().await?;
    let rows = validate_causes(&rows).map_err(AppError::Validation)?;
    let db = ctx.db()?;
    complaints::replace_causes(&db, &ctx.actor()?, &rows).await?;
    ctx.ok(&complaints::causes(&db).await?)
}

/// `PUT /api/v1/requests/{id}/complaint`: target, cause, severity of a complaint in reach.
pub async fn classify(mut ctx: Ctx) -> Result<Response> {
    let body: Classification = ctx.json().await?;
    let db = ctx.db()?;
    let caller = ctx.caller()?.clone();
    let s = ctx.scope.requests()?.clone();
    let r = requests::get(&db, &s, ctx.id("id")?).await?.ok_or(ErrorCode::NotFound)?;
    if r.kind != RequestKind::Complaint {
        return Err(ErrorCode::WrongState.into());
    }
    let known = complaints::causes(&db).await?.into_iter().any(|c| c.active && c.code == body.cause);
    if !known {
        return Err(AppError::field("cause", FieldIssue::InvalidChoice));
    }
    Versioned::Request
        .write(&db, r.id, complaints::classify(&db, r.id, &body, &Author::Staff(caller.name.clone())))
        .await?;
    ctx.ok(&requests::detail(&db, &s, r.id, false).await?.ok_or(ErrorCode::NotFound)?)
}

/// `GET /api/v1/complaints/stats?bucket=month|week&since=YYYY-MM-DD`: complaints per period and
/// cause in reach (default: the last 180 days by month).
pub async fn stats(ctx: Ctx) -> Result<Response> {
    let weekly = match ctx.query("bucket").as_deref() {
        None | Some("") | Some("month") => false,
        Some("week") => true,
        Some(_) => return Err(ErrorCode::InvalidQuery.into()),
    };
    let since = match ctx.query("since") {
        Some(d) if !d.is_empty() => {
            schema::sla::calendar::parse_date(&d).ok_or(ErrorCode::InvalidQuery)?;
            format!("{d}T00:00:00.000Z")
        }
        _ => (chrono::Utc::now() - chrono::Duration::days(180))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    };
    let db = ctx.db()?;
    ctx.ok(&complaints::cause_counts(&db, ctx.scope.requests()?, &since, weekly).await?)
}
