//! Answering a satisfaction survey by its link: the rules the JSON route
//! (`handlers::surveys`) and the HTML page (`site::survey`) share. The token
//! is 128 random bits; a wrong one is 404, an answered survey 409.

use schema::ErrorCode;
use schema::survey::{SurveyInput, SurveyView, is_token};

use crate::error::{AppError, Result};
use crate::store::d1::D1;
use crate::store::db::DbError;
use crate::store::surveys;

/// An answered survey cannot be answered again: 409 `wrong_state`.
pub fn answered(e: DbError) -> AppError {
    match e {
        DbError::VersionConflict => ErrorCode::WrongState.into(),
        e => e.into(),
    }
}

/// The survey link's view of a request.
async fn view(db: &D1, t: &str) -> Result<(i64, SurveyView)> {
    let s = surveys::by_token(db, t).await?.ok_or(ErrorCode::NotFound)?;
    let survey = surveys::for_request(db, s.request_id).await?.ok_or(ErrorCode::NotFound)?;
    Ok((s.request_id, SurveyView { number: s.number, subject: s.subject, survey }))
}

/// The survey behind a link's token (404 for a token of the wrong shape or unknown) — shared
/// by the JSON route and the HTML page (`site::survey`).
pub async fn by_link(db: &D1, raw_token: &str) -> Result<SurveyView> {
    let t = raw_token.to_ascii_lowercase();
    if !is_token(&t) {
        return Err(ErrorCode::NotFound.into());
    }
    Ok(view(db, &t).await?.1)
}

/// Answers the survey behind a link: 422 for bad scores, 409 once answered.
pub async fn answer_link(db: &D1, raw_token: &str, input: &SurveyInput) -> Result<SurveyView> {
    let v = input.validate().map_err(AppError::Validation)?;
    let t = raw_token.to_ascii_lowercase();
    if !is_token(&t) {
        return Err(ErrorCode::NotFound.into());
    }
    let (id, _) = view(db, &t).await?;
    surveys::answer(db, id, &v).await.map_err(answered)?;
    Ok(view(db, &t).await?.1)
}
