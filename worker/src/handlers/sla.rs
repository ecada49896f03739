//! SLA settings (policies per kind × tier, business calendars; admins replace each as a whole)
//! and staff notices (the escalation ladder's warnings, breaches and escalations).

use schema::sla::{CalendarSpec, NoticesRead, SlaPolicy, UnreadCount};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::sla;

/// `GET /api/v1/sla/policies`.
pub async fn policies(ctx: Ctx) -> Result<Response> {
    ctx.ok(&sla::policies(&ctx.db()?).await?)
}

/// `PUT /api/v1/sla/policies` (admins): new requests start with these targets.
pub async fn replace_policies(mut ctx: Ctx) -> Result<Response> {
    let rows: Vec<SlaPolicy> = ctx.json().await?;
    let rows = schema::sla::validate_policies(&rows).map_err(AppError::Validation)?;
    let db = ctx.db()?;
    sla::replace_policies(&db, &ctx.actor()?, &rows).await?;
    ctx.ok(&sla::policies(&db).await?)
}

/// `GET /api/v1/sla/calendars`.
pub async fn calendars(ctx: Ctx) -> Result<Response> {
    ctx.ok(&sla::calendars(&ctx.db()?).await?)
}

/// `PUT /api/v1/sla/calendars` (admins): the firm's default and orgs' own; every org named must exist.
pub async fn replace_calendars(mut ctx: Ctx) -> Result<Response> {
    let rows: Vec<CalendarSpec> = ctx.json().await?;
    let rows = schema::sla::validate_calendars(&rows).map_err(AppError::Validation)?;
    let db = ctx.db()?;
    for r in &rows {
        if let Some(org) = r.org_id
            && crate::store::orgs::get(&db, &crate::store::Scope::All, org).await?.is_none()
        {
            return Err(AppError::field("org_id", schema::FieldIssue::InvalidChoice));
        }
    }
    sla::replace_calendars(&db, &ctx.actor()?, &rows).await?;
    ctx.ok(&sla::calendars(&db).await?)
}

/// `GET /api/v1/notices`: the caller's, newest first.
pub async fn notices(ctx: Ctx) -> Result<Response> {
    let me = ctx.caller()?.staff_id();
    ctx.ok(&sla::notices(&ctx.db()?, me, ctx.page()?).await?)
}

/// `GET /api/v1/notices/unread`.
pub async fn unread(ctx: Ctx) -> Result<Response> {
    let me = ctx.caller()?.staff_id();
    ctx.ok(&UnreadCount { n: sla::unread(&ctx.db()?, me).await? })
}

/// `POST /api/v1/notices/read`: these of mine, or all of mine.
pub async fn mark_read(mut ctx: Ctx) -> Result<Response> {
    let body: NoticesRead = ctx.json().await?;
    if body.ids.len() > 100 {
        return Err(AppError::field("ids", schema::FieldIssue::TooMany { max: 100 }));
    }
    let me = ctx.caller()?.staff_id();
    let db = ctx.db()?;
    sla::mark_read(&db, me, &body.ids).await?;
    ctx.ok(&UnreadCount { n: sla::unread(&db, me).await? })
}
