//! A customer's locations and timeline: shipping/pickup locations, interactions (logged or
//! planned), managers' comments (批复), and the caller's own follow-ups.

use schema::ids::CustomerId;
use schema::interaction::{CommentInput, InteractionInput, InteractionStatus};
use schema::location::LocationInput;
use schema::{ErrorCode, FieldIssue};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::policy::may_assign;
use crate::service::customers::{detail, load};
use crate::store::{Versioned, interactions, locations, now};

/// `POST /api/v1/customers/{id}/locations`.
pub async fn add_location(mut ctx: Ctx) -> Result<Response> {
    let input: LocationInput = ctx.json().await?;
    let valid = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    locations::write(&db, &ctx.actor()?, &row, None, Some(&valid), None).await?;
    let body = detail(&ctx, &db, load(&ctx, &db).await?).await?;
    ctx.created(&body)
}

/// The location of the path, with its current version (404 if not this customer's).
async fn location_version(
    ctx: &Ctx,
    db: &crate::store::d1::D1,
    customer_id: CustomerId,
) -> Result<(i64, i64)> {
    let id = ctx.id("location_id")?;
    let all = locations::list(db, customer_id).await?;
    let l = all.iter().find(|l| l.id == id).ok_or(ErrorCode::NotFound)?;
    Ok((id, l.version))
}

/// `PATCH /api/v1/customers/{id}/locations/{location_id}` (version-checked).
pub async fn update_location(mut ctx: Ctx) -> Result<Response> {
    let input: LocationInput = ctx.json().await?;
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    let (id, current) = location_version(&ctx, &db, row.id()).await?;
    let version = input.version.ok_or(AppError::field("version", FieldIssue::Required))?;
    let valid = input.validate().map_err(AppError::Validation)?;
    AppError::check_version(version, current)?;
    Versioned::Location
        .write(&db, id, locations::write(&db, &ctx.actor()?, &row, Some(id), Some(&valid), Some(version)))
        .await?;
    let body = detail(&ctx, &db, load(&ctx, &db).await?).await?;
    ctx.ok(&body)
}

/// `DELETE /api/v1/customers/{id}/locations/{location_id}`.
pub async fn delete_location(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    let (id, _) = location_version(&ctx, &db, row.id()).await?;
    Versioned::Location
        .write(&db, id, locations::write(&db, &ctx.actor()?, &row, Some(id), None, None))
        .await?;
    Ok(Response::empty()?.with_status(204))
}

/// `GET /api/v1/customers/{id}/timeline?before=…&limit=…`: newest first.
pub async fn timeline(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    let before = match ctx.query("before") {
        None => None,
        Some(b) => Some(interactions::Before::parse(&b).ok_or(AppError::Code(ErrorCode::InvalidQuery))?),
    };
    let limit = ctx.page()?.limit;
    let page = interactions::timeline(&db, row.id(), before.as_ref(), limit).await?;
    ctx.ok(&page)
}

/// A contact named by an interaction must be this customer's.
async fn check_contact(db: &crate::store::d1::D1, customer_id: i64, contact: Option<i64>) -> Result<()> {
    let Some(id) = contact else { return Ok(()) };
    let contacts = crate::store::customers::contacts(db, customer_id).await?;
    if contacts.iter().any(|c| c.id == id) {
        Ok(())
    } else {
        Err(AppError::field("contact_id", FieldIssue::InvalidChoice))
    }
}

/// `POST /api/v1/customers/{id}/interactions`: log what happened, or plan a follow-up.
pub async fn add_interaction(mut ctx: Ctx) -> Result<Response> {
    let input: InteractionInput = ctx.json().await?;
    let valid = input.validate(&now()).map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    check_contact(&db, row.customer.id, valid.contact_id).await?;
    let caller = ctx.caller()?;
    let id = interactions::create(&db, &ctx.actor()?, row.id(), caller.staff_id(), &valid).await?;
    let created = interactions::get(&db, row.id(), id).await?;
    ctx.created(&created.ok_or(AppError::Internal("interaction vanished".into()))?)
}

/// The interaction of the path, if it belongs to the path's customer (in scope).
async fn load_interaction(ctx: &Ctx, db: &crate::store::d1::D1) -> Result<schema::interaction::Interaction> {
    let row = load(ctx, db).await?;
    let found = interactions::get(db, row.id(), ctx.id("interaction_id")?).await?;
    found.ok_or(AppError::Code(ErrorCode::NotFound))
}

/// `PATCH /api/v1/customers/{id}/interactions/{interaction_id}`: its author or a manager edits it —
/// typically to mark a planned follow-up done or cancelled.
pub async fn update_interaction(mut ctx: Ctx) -> Result<Response> {
    let input: InteractionInput = ctx.json().await?;
    let db = ctx.db()?;
    let before = load_interaction(&ctx, &db).await?;
    let caller = ctx.caller()?;
    if before.staff_id != caller.id && !may_assign(caller) {
        return Err(ErrorCode::Forbidden.into());
    }
    let version = input.version.ok_or(AppError::field("version", FieldIssue::Required))?;
    let mut valid = input.validate(&now()).map_err(AppError::Validation)?;
    // Marking done keeps an earlier recorded time unless a new one is given.
    if valid.status == InteractionStatus::Done && input.done_at.is_none() && before.done_at.is_some() {
        valid.done_at.clone_from(&before.done_at);
    }
    check_contact(&db, before.customer_id, valid.contact_id).await?;
    AppError::check_version(version, before.version)?;
    Versioned::Interaction
        .write(&db, before.id, interactions::update(&db, &ctx.actor()?, &before, &valid, version))
        .await?;
    let after = interactions::get(&db, CustomerId(before.customer_id), before.id).await?;
    ctx.ok(&after.ok_or(ErrorCode::NotFound)?)
}

/// `POST /api/v1/customers/{id}/interactions/{interaction_id}/comment`: a manager's 批复.
pub async fn comment(mut ctx: Ctx) -> Result<Response> {
    let input: CommentInput = ctx.json().await?;
    let db = ctx.db()?;
    let before = load_interaction(&ctx, &db).await?;
    let text = schema::interaction::comment(&input.comment).map_err(|e| AppError::field("comment", e))?;
    AppError::check_version(input.version, before.version)?;
    Versioned::Interaction
        .write(&db, before.id, interactions::comment(&db, &ctx.actor()?, &before, &text, input.version))
        .await?;
    let after = interactions::get(&db, CustomerId(before.customer_id), before.id).await?;
    ctx.ok(&after.ok_or(ErrorCode::NotFound)?)
}

/// `GET /api/v1/follow-ups`: the caller's planned interactions, overdue first.
pub async fn follow_ups(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let limit = ctx.page()?.limit;
    let list = interactions::planned_for(&db, ctx.caller()?.staff_id(), limit).await?;
    ctx.ok(&list)
}
