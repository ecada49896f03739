//! Satisfaction surveys: answered once, by the customer in the portal or by anyone holding the
//! link (its token is 128 random bits; a wrong one is 404, an answered one 409).

use schema::ErrorCode;
use schema::survey::{SurveyInput, SurveyView, is_token};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::handlers::requests::detail;
use crate::store::db::DbError;
use crate::store::requests;
use crate::store::surveys;

fn answered(e: DbError) -> AppError {
    match e {
        DbError::VersionConflict => ErrorCode::WrongState.into(),
        e => e.into(),
    }
}

/// The survey link's view of a request.
async fn view(db: &crate::store::d1::D1, t: &str) -> Result<(i64, SurveyView)> {
    let s = surveys::by_token(db, t).await?.ok_or(ErrorCode::NotFound)?;
    let survey = surveys::for_request(db, s.request_id).await?.ok_or(ErrorCode::NotFound)?;
    Ok((s.request_id, SurveyView { number: s.number, subject: s.subject, survey }))
}

/// The survey behind a link's token (404 for a token of the wrong shape or unknown) — shared
/// by the JSON route and the HTML page ([`crate::site::survey`]).
pub async fn by_link(db: &crate::store::d1::D1, raw_token: &str) -> Result<SurveyView> {
    let t = raw_token.to_ascii_lowercase();
    if !is_token(&t) {
        return Err(ErrorCode::NotFound.into());
    }
    Ok(view(db, &t).await?.1)
}

/// Answers the survey behind a link: 422 for bad scores, 409 once answered.
pub async fn answer_link(
    db: &crate::store::d1::D1,
    raw_token: &str,
    input: &SurveyInput,
) -> Result<SurveyView> {
    let v = input.validate().map_err(AppError::Validation)?;
    let t = raw_token.to_ascii_lowercase();
    if !is_token(&t) {
        return Err(ErrorCode::NotFound.into());
    }
    let (id, _) = view(db, &t).await?;
    surveys::answer(db, id, &v).await.map_err(answered)?;
    Ok(view(db, &t).await?.1)
}

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
    ctx.ok(&detail(&db, &scope, id, true).await?)
}
