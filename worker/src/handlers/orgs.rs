//! Organisation handlers.

use schema::org::{OrgInput, OrgKind, OrgUpdate};
use schema::{ErrorCode, FieldIssue};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::orgs::{self, OrgFilter, OrgRow};
use crate::store::{Scope, Versioned, d1::D1};

/// `GET /api/v1/orgs`.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let filter =
        OrgFilter { q: ctx.query("q"), kind: ctx.query_enum("kind")?, active: ctx.query_bool("active")? };
    let page = orgs::list(&ctx.db()?, ctx.scope.orgs()?, &filter, ctx.page()?).await?;
    ctx.ok(&page)
}

/// `GET /api/v1/orgs/{id}`.
pub async fn get(ctx: Ctx) -> Result<Response> {
    let row = orgs::get(&ctx.db()?, ctx.scope.orgs()?, ctx.id("id")?).await?.ok_or(ErrorCode::NotFound)?;
    ctx.ok(&row.org)
}

/// The parent an org is to sit under, checked against the tree rules.
async fn checked_parent(db: &D1, kind: OrgKind, parent_id: Option<i64>) -> Result<Option<OrgRow>> {
    let parent = match parent_id {
        Some(pid) => Some(
            orgs::get(db, &Scope::All, pid)
                .await?
                .ok_or(AppError::field("parent_id", FieldIssue::InvalidParent))?,
        ),
        None => None,
    };
    if !kind.may_have_parent(parent.as_ref().map(|p| p.org.kind)) {
        return Err(AppError::field("parent_id", FieldIssue::InvalidParent));
    }
    Ok(parent)
}

/// `POST /api/v1/orgs`.
pub async fn create(mut ctx: Ctx) -> Result<Response> {
    let input: OrgInput = ctx.json().await?;
    let (kind, valid) = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    checked_parent(&db, kind, valid.parent_id).await?;
    if kind == OrgKind::Hq {
        let hqs = orgs::list(
            &db,
            &Scope::All,
            &OrgFilter { kind: Some(OrgKind::Hq), ..Default::default() },
            schema::page::PageRequest { limit: 1, after: None },
        )
        .await?;
        if !hqs.items.is_empty() {
            return Err(AppError::field("kind", FieldIssue::InvalidChoice));
        }
    }
    let id = orgs::create(&db, &ctx.actor()?, kind, &valid).await?;
    let row =
        orgs::get(&db, &Scope::All, id).await?.ok_or(AppError::Internal("created org vanished".into()))?;
    ctx.created(&row.org)
}

/// `PATCH /api/v1/orgs/{id}`.
pub async fn update(mut ctx: Ctx) -> Result<Response> {
    let id = ctx.id("id")?;
    let input: OrgUpdate = ctx.json().await?;
    let valid = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let before = orgs::get(&db, &Scope::All, id).await?.ok_or(ErrorCode::NotFound)?;
    AppError::check_version(input.version, before.org.version)?;
    let parent = checked_parent(&db, before.org.kind, valid.parent_id).await?;
    // No cycles: an org cannot move under itself or its own descendants.
    if parent.as_ref().is_some_and(|p| p.path.starts_with(&before.path)) {
        return Err(AppError::field("parent_id", FieldIssue::InvalidParent));
    }
    if before.org.active && !input.active && orgs::in_use(&db, id).await? {
        return Err(ErrorCode::OrgInUse.into());
    }
    let new_parent_path = parent.as_ref().map(|p| p.path.as_str());
    let actor = ctx.actor()?;
    let write = orgs::update(&db, &actor, &before, &valid, input.active, input.version, new_parent_path);
    Versioned::Org.write(&db, id, write).await?;
    let row = orgs::get(&db, &Scope::All, id).await?.ok_or(ErrorCode::NotFound)?;
    ctx.ok(&row.org)
}
