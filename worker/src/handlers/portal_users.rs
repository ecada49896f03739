//! Staff side of the portal: a customer's portal users, invitations, switching accounts off; the
//! outbox for admins; per-org attention counts for shipments.

use schema::portal::{INVITE_DAYS, InviteRequest, PortalStatus, PortalUserUpdate};
use schema::{ErrorCode, FieldIssue};
use serde_json::json;
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::outbox::{self, OutboxFilter};
use crate::store::{Versioned, customers, portal};
use crate::{portal_codes, session};

/// The customer (in the caller's scope) named by `{id}`.
async fn customer(ctx: &Ctx) -> Result<crate::store::customers::CustomerRow> {
    let db = ctx.db()?;
    let row = customers::get(&db, ctx.scope.customers()?, ctx.id("id")?).await?;
    row.ok_or(AppError::Code(ErrorCode::NotFound))
}

/// `GET /api/v1/customers/{id}/portal-users`.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let c = customer(&ctx).await?;
    ctx.ok(&portal::of_customer(&ctx.db()?, c.customer.id).await?)
}

/// `POST /api/v1/customers/{id}/portal-users`: invites a person; the code goes to their login.
pub async fn invite(mut ctx: Ctx) -> Result<Response> {
    let body: InviteRequest = ctx.json().await?;
    let (name, login) = body.validate().map_err(AppError::Validation)?;
    let c = customer(&ctx).await?;
    let db = ctx.db()?;
    if portal::by_login(&db, &login).await?.is_some() {
        return Err(AppError::field("login", FieldIssue::Taken));
    }
    let (code, hash, expires) =
        portal_codes::issue(&ctx.env, "invite", &login, chrono::Duration::days(INVITE_DAYS))?;
    let params = json!({"code": code, "customer": c.customer.name});
    let msg = portal_codes::message(&login, "invite", params, Some(c.customer.id), ctx.locale.tag());
    let id = portal::invite(&db, &ctx.actor()?, c.customer.id, &name, &login, &hash, &expires, &msg).await?;
    crate::notify::deliver_after(&ctx).await;
    ctx.created(&portal::by_id(&db, id).await?.ok_or(ErrorCode::NotFound)?)
}

/// `PATCH /api/v1/portal-users/{id}`: switch an account off or on. Its sessions end at once.
pub async fn update(mut ctx: Ctx) -> Result<Response> {
    let body: PortalUserUpdate = ctx.json().await?;
    let db = ctx.db()?;
    let id = ctx.id("id")?;
    let user = portal::by_id(&db, id).await?.ok_or(ErrorCode::NotFound)?;
    // Only staff who may see the customer may touch its users.
    if customers::get(&db, ctx.scope.customers()?, user.customer_id).await?.is_none() {
        return Err(ErrorCode::NotFound.into());
    }
    if body.status == PortalStatus::Invited || user.status == PortalStatus::Invited {
        return Err(ErrorCode::WrongState.into());
    }
    Versioned::PortalUser
        .write(&db, id, portal::set_status(&db, &ctx.actor()?, id, body.version, body.status))
        .await?;
    if body.status == PortalStatus::Disabled {
        session::end_all(&db, &ctx.kv()?, schema::auth::Realm::Customer, id, None).await?;
    }
    ctx.ok(&portal::by_id(&db, id).await?.ok_or(ErrorCode::NotFound)?)
}

/// `GET /api/v1/outbox?status=&channel=&recipient=` (admins): what was sent, to whom, how.
pub async fn outbox_list(ctx: Ctx) -> Result<Response> {
    let f = OutboxFilter {
        status: ctx.query_enum("status")?,
        channel: ctx.query_enum("channel")?,
        recipient: ctx.query("recipient"),
    };
    ctx.ok(&outbox::list(&ctx.db()?, &f, ctx.page()?).await?)
}

/// `POST /api/v1/outbox/deliver` (admins): runs delivery now instead of waiting for the sweep.
pub async fn deliver_now(ctx: Ctx) -> Result<Response> {
    let n = crate::notify::deliver(&ctx.env, &ctx.db()?).await?;
    ctx.ok(&json!({"settled": n}))
}
