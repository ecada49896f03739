//! The credit policy: what bookings do about customers who owe money (admins set it).

use schema::credit::CreditSettings;
use worker::Response;

use crate::ctx::Ctx;
use crate::error::Result;
use crate::store::credit;

/// `GET /api/v1/settings/credit`.
pub async fn get(ctx: Ctx) -> Result<Response> {
    ctx.ok(&CreditSettings { policy: credit::policy(&ctx.db()?).await? })
}

/// `PUT /api/v1/settings/credit` (admins).
pub async fn set(mut ctx: Ctx) -> Result<Response> {
    let input: CreditSettings = ctx.json().await?;
    let db = ctx.db()?;
    let before = credit::policy(&db).await?;
    credit::set_policy(&db, &ctx.actor()?, before, input.policy).await?;
    ctx.ok(&CreditSettings { policy: credit::policy(&db).await? })
}
