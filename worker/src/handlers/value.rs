//! Customer value: a customer's measures, scores and histories (its profile's value tab), a
//! person's choice of tier, and the rules admins set (applied by the value sweep).

use schema::value::{TierOverride, ValueRules};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::service::customers::load;
use crate::store::{Versioned, value};

/// `GET /api/v1/customers/{id}/value`.
pub async fn get(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    let v = value::of(&db, row.id()).await?.ok_or(AppError::Code(schema::ErrorCode::NotFound))?;
    ctx.ok(&v)
}

/// `PUT /api/v1/customers/{id}/tier` (managers): a tier that sticks, or none to follow the rules.
pub async fn set_tier(mut ctx: Ctx) -> Result<Response> {
    let input: TierOverride = ctx.json().await?;
    let reason = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    let current = value::of(&db, row.id()).await?.ok_or(AppError::Code(schema::ErrorCode::NotFound))?;
    AppError::check_version(input.version, current.version)?;
    let actor = ctx.actor()?;
    let write = value::set_tier(&db, &actor, &current, input.tier, &reason, input.version);
    Versioned::Customer.write(&db, current.customer_id, write).await?;
    let v = value::of(&db, row.id()).await?.ok_or(AppError::Code(schema::ErrorCode::NotFound))?;
    ctx.ok(&v)
}

/// `GET /api/v1/settings/value-rules`.
pub async fn rules(ctx: Ctx) -> Result<Response> {
    ctx.ok(&value::rules(&ctx.db()?).await?)
}

/// `PUT /api/v1/settings/value-rules` (admins): checked as a whole; the next pass applies them.
pub async fn save_rules(mut ctx: Ctx) -> Result<Response> {
    let input: ValueRules = ctx.json().await?;
    let version = input.version;
    let rules = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    match value::save_rules(&db, &ctx.actor()?, &rules, version).await {
        Ok(()) => ctx.ok(&value::rules(&db).await?),
        Err(crate::store::db::DbError::VersionConflict) => {
            let now = value::rules(&db).await?.version;
            Err(AppError::Conflict { current_version: Some(now) })
        }
        Err(e) => Err(e.into()),
    }
}
