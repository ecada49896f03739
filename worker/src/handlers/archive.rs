//! Archive upkeep: merging two customers, bulk actions on a selection, and the data-quality
//! lists (missing key fields, suspected duplicates, not contacted for N days).

use schema::bulk::{BulkAction, BulkRequest, BulkResult};
use schema::customer::MergeRequest;
use schema::{ErrorCode, FieldIssue};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::policy::may_assign;
use crate::service::customers::{detail, load, owner_for};
use crate::store::quality::Check;
use crate::store::{Versioned, bulk, customers, merges, quality};

/// `POST /api/v1/customers/{id}/merge`: `from_id` is merged into the path's customer.
pub async fn merge(mut ctx: Ctx) -> Result<Response> {
    let body: MergeRequest = ctx.json().await?;
    let db = ctx.db()?;
    let into = load(&ctx, &db).await?;
    let from = customers::get(&db, ctx.scope.customers()?, body.from_id)
        .await?
        .filter(|f| f.customer.id != into.customer.id);
    let from = from.ok_or(AppError::field("from_id", FieldIssue::InvalidChoice))?;
    AppError::check_version(body.version, into.customer.version)?;
    AppError::check_version(body.from_version, from.customer.version)?;
    let merged = merges::merged_fields(&into, &from);
    let defs = crate::store::custom_fields::all(&db).await?;
    Versioned::Customer
        .write(&db, into.customer.id, merges::merge(&db, &ctx.actor()?, &into, &from, &merged, &defs))
        .await?;
    let body = detail(&ctx, &db, load(&ctx, &db).await?).await?;
    ctx.ok(&body)
}

/// `POST /api/v1/customers/bulk`: one action on up to 100 selected customers in scope.
pub async fn bulk_action(mut ctx: Ctx) -> Result<Response> {
    let body: BulkRequest = ctx.json().await?;
    let (ids, action) = body.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let caller = ctx.caller()?;
    let owner = match &action {
        BulkAction::Assign { owner_id } => {
            if !may_assign(caller) {
                return Err(ErrorCode::Forbidden.into());
            }
            Some(owner_for(&db, caller, Some(*owner_id), None).await?)
        }
        _ => None,
    };
    let reach = bulk::reachable(&db, ctx.scope.customers()?, &ids).await?;
    let skipped: Vec<i64> = ids.iter().copied().filter(|id| !reach.contains(id)).collect();
    let changed = if reach.is_empty() {
        0
    } else {
        bulk::apply(&db, &ctx.actor()?, &reach, &action, owner.as_ref()).await?
    };
    ctx.ok(&BulkResult { changed, skipped })
}

/// `GET /api/v1/customers/quality?check=missing|duplicates|stale&days=N`.
pub async fn quality(ctx: Ctx) -> Result<Response> {
    let check = match ctx.query("check").as_deref() {
        None | Some("missing") => Check::Missing,
        Some("duplicates") => Check::Duplicates,
        Some("stale") => {
            let days = ctx.query_i64("days")?.unwrap_or(30);
            if !(1..=3650).contains(&days) {
                return Err(ErrorCode::InvalidQuery.into());
            }
            let since = chrono::Utc::now() - chrono::Duration::days(days);
            Check::Stale { since: since.to_rfc3339_opts(chrono::SecondsFormat::Millis, true) }
        }
        Some(_) => return Err(ErrorCode::InvalidQuery.into()),
    };
    let db = ctx.db()?;
    let page = quality::list(&db, ctx.scope.customers()?, &check, ctx.page()?).await?;
    ctx.ok(&page)
}
