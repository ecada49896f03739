//! Integration API keys (admins): list, create (the key is shown once), revoke.

use schema::integration::{ApiKeyInput, NewApiKey};
use schema::{ErrorCode, FieldIssue};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::api_keys;
use crate::store::db::DbError;

/// `GET /api/v1/api-keys`.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let keys = api_keys::list(&ctx.db()?).await?;
    ctx.ok(&keys)
}

/// `POST /api/v1/api-keys`.
pub async fn create(mut ctx: Ctx) -> Result<Response> {
    let input: ApiKeyInput = ctx.json().await?;
    let name = schema::validate::required_text(&input.name, 40).map_err(|e| AppError::field("name", e))?;
    let (id, key) = api_keys::create(&ctx.db()?, &ctx.actor()?, &name).await?;
    ctx.created(&NewApiKey { id, key })
}

/// `POST /api/v1/api-keys/{id}/revoke`.
pub async fn revoke(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let id = ctx.id("id")?;
    let keys = api_keys::list(&db).await?;
    let key = keys.iter().find(|k| k.id == id).ok_or(ErrorCode::NotFound)?;
    if key.revoked_at.is_some() {
        return Err(AppError::field("id", FieldIssue::InvalidChoice));
    }
    match api_keys::revoke(&db, &ctx.actor()?, id).await {
        Err(DbError::VersionConflict) => Err(AppError::field("id", FieldIssue::InvalidChoice)),
        r => {
            r?;
            Ok(Response::empty()?.with_status(204))
        }
    }
}
