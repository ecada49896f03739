//! Custom field definitions: everyone who works with customers reads them (forms need them);
//! admins add and change them. Fields are never deleted — deactivating keeps stored values.

use schema::custom::{CustomFieldInput, MAX_FIELDS};
use schema::{ErrorCode, FieldIssue};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::db::DbError;
use crate::store::{Versioned, custom_fields};

/// `GET /api/v1/custom-fields`.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let all = custom_fields::all(&ctx.db()?).await?;
    ctx.ok(&all)
}

/// `POST /api/v1/custom-fields`.
pub async fn create(mut ctx: Ctx) -> Result<Response> {
    let input: CustomFieldInput = ctx.json().await?;
    let valid = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    if custom_fields::all(&db).await?.len() >= MAX_FIELDS {
        return Err(AppError::field("key", FieldIssue::TooMany { max: MAX_FIELDS }));
    }
    let id = match custom_fields::create(&db, &ctx.actor()?, &valid).await {
        Err(DbError::Unique(_)) => return Err(AppError::field("key", FieldIssue::Taken)),
        r => r?,
    };
    let created = custom_fields::all(&db).await?.into_iter().find(|f| f.id == id);
    ctx.created(&created.ok_or(AppError::Internal("custom field vanished".into()))?)
}

/// `PATCH /api/v1/custom-fields/{id}` (version-checked; key and kind are fixed).
pub async fn update(mut ctx: Ctx) -> Result<Response> {
    let input: CustomFieldInput = ctx.json().await?;
    let db = ctx.db()?;
    let id = ctx.id("id")?;
    let before =
        custom_fields::all(&db).await?.into_iter().find(|f| f.id == id).ok_or(ErrorCode::NotFound)?;
    let version = input.version.ok_or(AppError::field("version", FieldIssue::Required))?;
    let valid = input.validate().map_err(AppError::Validation)?;
    if valid.key != before.key {
        return Err(AppError::field("key", FieldIssue::InvalidChoice));
    }
    if valid.kind != before.kind {
        return Err(AppError::field("kind", FieldIssue::InvalidChoice));
    }
    AppError::check_version(version, before.version)?;
    Versioned::CustomField
        .write(&db, id, custom_fields::update(&db, &ctx.actor()?, &before, &valid, version))
        .await?;
    let after = custom_fields::all(&db).await?.into_iter().find(|f| f.id == id);
    ctx.ok(&after.ok_or(ErrorCode::NotFound)?)
}
