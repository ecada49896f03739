//! Staff-account handlers.

use schema::staff::{PasswordReset, StaffInput, StaffUpdate, login_parts};
use schema::validate::{Email, Phone};
use schema::{ErrorCode, FieldIssue, password};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::session;
use crate::store::staff::{self, StaffFilter};
use crate::store::{Scope, Versioned, d1::D1, orgs};

/// `GET /api/v1/staff`.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let filter = StaffFilter {
        q: ctx.query("q"),
        role: ctx.query_enum("role")?,
        org_id: ctx.query_i64("org_id")?,
        active: ctx.query_bool("active")?,
    };
    let page = staff::list(&ctx.db()?, ctx.scope.orgs()?, &filter, ctx.page()?).await?;
    ctx.ok(&page)
}

/// `GET /api/v1/staff/{id}`.
pub async fn get(ctx: Ctx) -> Result<Response> {
    let s = staff::get(&ctx.db()?, ctx.scope.orgs()?, ctx.id("id")?).await?.ok_or(ErrorCode::NotFound)?;
    ctx.ok(&s)
}

async fn check_org(db: &D1, org_id: i64) -> Result<()> {
    match orgs::get(db, &Scope::All, org_id).await? {
        Some(o) if o.org.active => Ok(()),
        _ => Err(AppError::field("org_id", FieldIssue::InvalidChoice)),
    }
}

/// `POST /api/v1/staff`.
pub async fn create(mut ctx: Ctx) -> Result<Response> {
    let input: StaffInput = ctx.json().await?;
    let valid = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    check_org(&db, valid.org_id).await?;
    let hash = crate::auth::password::hash(&input.password).map_err(AppError::Internal)?;
    let id = staff::create(&db, &ctx.actor()?, &valid, &hash).await?;
    let s =
        staff::get(&db, &Scope::All, id).await?.ok_or(AppError::Internal("created staff vanished".into()))?;
    ctx.created(&s)
}

/// `PATCH /api/v1/staff/{id}`. A change of role, org or active state ends the person's sessions,
/// so the new rights hold from their next request.
pub async fn update(mut ctx: Ctx) -> Result<Response> {
    let id = ctx.id("id")?;
    let input: StaffUpdate = ctx.json().await?;
    let valid = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let before = staff::get(&db, &Scope::All, id).await?.ok_or(ErrorCode::NotFound)?;
    AppError::check_version(input.version, before.version)?;
    if valid.org_id != before.org_id {
        check_org(&db, valid.org_id).await?;
    }
    if ctx.caller()?.id == id && (!input.active || valid.role != before.role) {
        // An admin cannot lock themselves out (and the firm with them).
        return Err(AppError::field("role", FieldIssue::InvalidChoice));
    }
    Versioned::Staff
        .write(&db, id, staff::update(&db, &ctx.actor()?, &before, &valid, input.active, input.version))
        .await?;
    if valid.role != before.role || valid.org_id != before.org_id || (before.active && !input.active) {
        session::end_all(&db, &ctx.kv()?, schema::auth::Realm::Staff, id, None).await?;
    }
    let s = staff::get(&db, &Scope::All, id).await?.ok_or(ErrorCode::NotFound)?;
    ctx.ok(&s)
}

/// `POST /api/v1/staff/{id}/password`.
pub async fn reset_password(mut ctx: Ctx) -> Result<Response> {
    let id = ctx.id("id")?;
    let body: PasswordReset = ctx.json().await?;
    let db = ctx.db()?;
    let target = staff::get(&db, &Scope::All, id).await?.ok_or(ErrorCode::NotFound)?;
    let phone = target.phone.as_deref().and_then(|p| Phone::parse(p).ok());
    let email = target.email.as_deref().and_then(|e| Email::parse(e).ok());
    password::check(&body.new_password, &login_parts(phone.as_ref(), email.as_ref()))
        .map_err(|e| AppError::field("new_password", e))?;
    let hash = crate::auth::password::hash(&body.new_password).map_err(AppError::Internal)?;
    staff::set_password(&db, &ctx.actor()?, id, &hash, "password_reset").await?;
    session::end_all(&db, &ctx.kv()?, schema::auth::Realm::Staff, id, None).await?;
    Ok(Response::empty()?.with_status(204))
}
