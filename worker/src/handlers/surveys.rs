//! Satisfaction surveys: answered once, by the customer in the portal or by anyone holding the
//! link (its token is 128 random bits; a wrong one is 404, an answered one 409).

use schema::ErrorCode;
use schema::survey::SurveyInput;
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::service::surveys::{answer_link, answered, by_link};
use crate::store::{requests, surveys};

/// `GET /api/v1/public/survey/{token}`.
pub async fn show(ctx: Ctx) -> Result<Response> {
    ctx.ok(&by_link(&ctx.db()?, &ctx.param("token").unwrap_or_default()).await?)
}

/// `POST /api/v1/public/survey/{token}`.
pub async fn answer_by_link(mut ctx: Ctx) -> Result<Response> {
    let input: SurveyInput = ctx.json().await?;
    ctx.ok(&answer_link(&ctx.db()?, &ctx.param("token").unwrap_or_default(), &input).await?)
}

/// `POST /api/v1/portal/requests/{id}/survey`: one of my requests.
pub async fn answer_in_portal(mut ctx: Ctx) -> Result<Response> {
    let input: SurveyInput = ctx.json().await?;
    let v = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let scope = ctx.scope.requests()?.clone();
    let id = ctx.id("id")?;
    requests::get(&db, &scope, id).await?.ok_or(ErrorCode::NotFound)?;
    surveys::answer(&db, id, &v).await.map_err(answered)?;
    ctx.ok(&requests::detail(&db, &scope, id, true).await?.ok_or(ErrorCode::NotFound)?)
}
