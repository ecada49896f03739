//! The customer's service requests in the portal: open one, follow it (public entries only),
//! answer, and reopen a resolved one within [`REOPEN_DAYS`].

use schema::ErrorCode;
use schema::request::{AssignRequest, MessageInput, RequestInput, RequestStatus};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::Versioned;
use crate::store::requests::{self, Author, Origin, RequestFilter};

/// How long after resolution a customer may reopen a request.
pub const REOPEN_DAYS: i64 = 7;

/// `GET /api/v1/portal/requests`.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let f = RequestFilter { status: ctx.query_enum("status")?, ..Default::default() };
    let db = ctx.db()?;
    ctx.ok(&requests::list(&db, ctx.scope.requests()?, &f, ctx.page()?).await?)
}

/// `POST /api/v1/portal/requests`: lands where the store's `place` puts it (a routing rule's
/// org, else the intake org's queue).
pub async fn create(mut ctx: Ctx) -> Result<Response> {
    let input: RequestInput = ctx.json().await?;
    let v = input.validate(true).map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let p = ctx.portal()?.clone();
    let from = Origin { customer_id: Some(p.customer_id), portal_user_id: Some(p.id), fallback_org: None };
    let id = requests::create(&db, &v, &from, &Author::Customer(p.name)).await?;
    ctx.created(&requests::detail(&db, ctx.scope.requests()?, id, true).await?.ok_or(ErrorCode::NotFound)?)
}

/// `GET /api/v1/portal/requests/{id}`.
pub async fn get(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    ctx.ok(&requests::detail(&db, ctx.scope.requests()?, ctx.id("id")?, true)
        .await?
        .ok_or(ErrorCode::NotFound)?)
}

/// `POST /api/v1/portal/requests/{id}/messages`: the customer's answer (always public).
pub async fn message(mut ctx: Ctx) -> Result<Response> {
    let body: MessageInput = ctx.json().await?;
    let text = body.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let scope = ctx.scope.requests()?.clone();
    let id = ctx.id("id")?;
    let r = requests::get(&db, &scope, id).await?.ok_or(ErrorCode::NotFound)?;
    if r.status == RequestStatus::Closed {
        return Err(AppError::illegal_move(r.status, ctx.locale));
    }
    requests::message(&db, id, &text, true, &Author::Customer(ctx.portal()?.name.clone())).await?;
    ctx.created(&requests::detail(&db, &scope, id, true).await?.ok_or(ErrorCode::NotFound)?)
}

/// `POST /api/v1/portal/requests/{id}/reopen` (`{version}`): within a week of resolution.
pub async fn reopen(mut ctx: Ctx) -> Result<Response> {
    let body: AssignRequest = ctx.json().await?;
    let db = ctx.db()?;
    let scope = ctx.scope.requests()?.clone();
    let id = ctx.id("id")?;
    let r = requests::get(&db, &scope, id).await?.ok_or(ErrorCode::NotFound)?;
    let recent = r.resolved_at.as_deref().is_some_and(|t| {
        chrono::DateTime::parse_from_rfc3339(t).is_ok_and(|t| {
            chrono::Utc::now() - t.with_timezone(&chrono::Utc) <= chrono::Duration::days(REOPEN_DAYS)
        })
    });
    if !r.status.can_become(RequestStatus::Reopened) || !recent {
        return Err(ErrorCode::WrongState.into());
    }
    let by = Author::Customer(ctx.portal()?.name.clone());
    Versioned::Request
        .write(&db, id, requests::set_status(&db, id, body.version, RequestStatus::Reopened, "", &by))
        .await?;
    ctx.ok(&requests::detail(&db, &scope, id, true).await?.ok_or(ErrorCode::NotFound)?)
}
