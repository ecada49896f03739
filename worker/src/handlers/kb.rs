//! The knowledge base: every staff member reads and searches it (suggestions on a request by its
//! kind); customer-service leads write and edit it (version-checked, audited).

use schema::ErrorCode;
use schema::kb::ArticleInput;
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::Versioned;
use crate::store::kb::{self, ArticleFilter};

/// `GET /api/v1/kb?q=&category=&kind=&all=`.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let f = ArticleFilter {
        q: ctx.query("q"),
        category: ctx.query("category"),
        kind: ctx.query_enum("kind")?,
        all: ctx.query_bool("all")?.unwrap_or(false),
    };
    ctx.ok(&kb::list(&ctx.db()?, &f, ctx.page()?).await?)
}

/// `GET /api/v1/kb/categories`.
pub async fn categories(ctx: Ctx) -> Result<Response> {
    ctx.ok(&kb::categories(&ctx.db()?).await?)
}

/// `GET /api/v1/kb/{id}`.
pub async fn get(ctx: Ctx) -> Result<Response> {
    ctx.ok(&kb::get(&ctx.db()?, ctx.id("id")?).await?.ok_or(ErrorCode::NotFound)?)
}

/// `POST /api/v1/kb`.
pub async fn create(mut ctx: Ctx) -> Result<Response> {
    let input: ArticleInput = ctx.json().await?;
    let v = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let id = kb::create(&db, &ctx.actor()?, &v).await?;
    ctx.created(&kb::get(&db, id).await?.ok_or(ErrorCode::NotFound)?)
}

/// `PATCH /api/v1/kb/{id}` (with `version`).
pub async fn update(mut ctx: Ctx) -> Result<Response> {
    let input: ArticleInput = ctx.json().await?;
    let v = input.validate().map_err(AppError::Validation)?;
    let version = input.version.ok_or(AppError::field("version", schema::FieldIssue::Required))?;
    let db = ctx.db()?;
    let id = ctx.id("id")?;
    kb::get(&db, id).await?.ok_or(ErrorCode::NotFound)?;
    Versioned::Kb.write(&db, id, kb::update(&db, &ctx.actor()?, id, version, &v)).await?;
    ctx.ok(&kb::get(&db, id).await?.ok_or(ErrorCode::NotFound)?)
}
