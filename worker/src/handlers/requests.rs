//! Service requests for staff: create (phone, walk-in, e-mail), lists (mine, my org's queue,
//! all), detail, status changes (an illegal one is a 409 naming the allowed ones), claim,
//! assign, forward to another org, replies and internal notes.

use schema::request::{
    AssignRequest, ForwardRequest, MessageInput, RequestInput, RequestStatus, StatusChange,
};
use schema::{ErrorCode, FieldIssue};
use worker::Response;

use crate::auth::Caller;
use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::requests::{self, Author, Origin, RequestFilter, RequestScope, View};
use crate::store::{Scope, Versioned, customers, orgs, staff};

fn author(c: &Caller) -> Author {
    Author::Staff(c.name.clone())
}

/// `POST /api/v1/requests`.
pub async fn create(mut ctx: Ctx) -> Result<Response> {
    let input: RequestInput = ctx.json().await?;
    let v = input.validate(false).map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let caller = ctx.caller()?.clone();
    if let Some(c) = input.customer_id
        && customers::get(&db, ctx.scope.customers()?, c).await?.is_none()
    {
        return Err(AppError::field("customer_id", FieldIssue::InvalidChoice));
    }
    let from =
        Origin { customer_id: input.customer_id, portal_user_id: None, fallback_org: Some(caller.org_id) };
    let id = requests::create(&db, &v, &from, &author(&caller)).await?;
    ctx.created(&requests::detail(&db, &RequestScope::All, id, false).await?.ok_or(ErrorCode::NotFound)?)
}

/// `GET /api/v1/requests?view=mine|queue|all&status=&kind=&customer_id=&open=&q=`.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let caller = ctx.caller()?.clone();
    let view = match ctx.query("view").as_deref() {
        None | Some("") | Some("all") => View::All,
        Some("mine") => View::Mine(caller.id),
        Some("queue") => View::Queue(ctx.query_i64("org_id")?.unwrap_or(caller.org_id)),
        Some("breaching") => {
            let hours = ctx.query_i64("hours")?.unwrap_or(4);
            if !(1..=72).contains(&hours) {
                return Err(ErrorCode::InvalidQuery.into());
            }
            let until = chrono::Utc::now() + chrono::Duration::hours(hours);
            View::Breaching(until.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        }
        Some(_) => return Err(ErrorCode::InvalidQuery.into()),
    };
    let f = RequestFilter {
        view,
        status: ctx.query_enum("status")?,
        kind: ctx.query_enum("kind")?,
        customer_id: ctx.query_i64("customer_id")?,
        open: ctx.query_bool("open")?.unwrap_or(false),
        q: ctx.query("q"),
    };
    let db = ctx.db()?;
    ctx.ok(&requests::list(&db, ctx.scope.requests()?, &f, ctx.page()?).await?)
}

/// `GET /api/v1/requests/{id}`.
pub async fn get(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    ctx.ok(&requests::detail(&db, ctx.scope.requests()?, ctx.id("id")?, false)
        .await?
        .ok_or(ErrorCode::NotFound)?)
}

/// `POST /api/v1/requests/{id}/status`: resolving needs the resolution (the note).
pub async fn set_status(mut ctx: Ctx) -> Result<Response> {
    let body: StatusChange = ctx.json().await?;
    let db = ctx.db()?;
    let caller = ctx.caller()?.clone();
    let s = ctx.scope.requests()?.clone();
    let id = ctx.id("id")?;
    let current = requests::get(&db, &s, id).await?.ok_or(ErrorCode::NotFound)?;
    if !current.status.can_become(body.status) {
        return Err(AppError::illegal_move(current.status, ctx.locale));
    }
    let note = body.note.trim();
    if body.status == RequestStatus::Resolved && note.is_empty() {
        return Err(AppError::field("note", FieldIssue::Required));
    }
    if note.chars().count() > 2000 {
        return Err(AppError::field("note", FieldIssue::TooLong { max: 2000 }));
    }
    Versioned::Request
        .write(&db, id, requests::set_status(&db, id, body.version, body.status, note, &author(&caller)))
        .await?;
    crate::notify::deliver_after(&ctx).await;
    ctx.ok(&requests::detail(&db, &s, id, false).await?.ok_or(ErrorCode::NotFound)?)
}

/// `POST /api/v1/requests/{id}/claim`: the caller takes it from the queue.
pub async fn claim(mut ctx: Ctx) -> Result<Response> {
    let body: AssignRequest = ctx.json().await?;
    let caller = ctx.caller()?.clone();
    assign_to(&ctx, body.version, (caller.id, caller.name.clone())).await
}

/// `POST /api/v1/requests/{id}/assign`: to a colleague who can see it.
pub async fn assign(mut ctx: Ctx) -> Result<Response> {
    let body: AssignRequest = ctx.json().await?;
    let db = ctx.db()?;
    let to = body.assignee_id.ok_or(AppError::field("assignee_id", FieldIssue::Required))?;
    let cred = staff::credentials_by_id(&db, to).await?.filter(|c| c.staff.active);
    let cred = cred.ok_or(AppError::field("assignee_id", FieldIssue::InvalidChoice))?;
    assign_to(&ctx, body.version, (cred.staff.id, cred.staff.name)).await
}

async fn assign_to(ctx: &Ctx, version: i64, to: (i64, String)) -> Result<Response> {
    let db = ctx.db()?;
    let caller = ctx.caller()?.clone();
    let s = ctx.scope.requests()?.clone();
    let id = ctx.id("id")?;
    let current = requests::get(&db, &s, id).await?.ok_or(ErrorCode::NotFound)?;
    if !current.status.is_open() {
        return Err(AppError::illegal_move(current.status, ctx.locale));
    }
    Versioned::Request
        .write(&db, id, requests::assign(&db, id, version, (to.0, &to.1), &author(&caller)))
        .await?;
    ctx.ok(&requests::detail(&db, &s, id, false).await?.ok_or(ErrorCode::NotFound)?)
}

/// `POST /api/v1/requests/{id}/forward`: to another org's queue, with a reason.
pub async fn forward(mut ctx: Ctx) -> Result<Response> {
    let body: ForwardRequest = ctx.json().await?;
    let db = ctx.db()?;
    let caller = ctx.caller()?.clone();
    let id = ctx.id("id")?;
    let current = requests::get(&db, ctx.scope.requests()?, id).await?.ok_or(ErrorCode::NotFound)?;
    if !current.status.is_open() {
        return Err(AppError::illegal_move(current.status, ctx.locale));
    }
    let reason =
        schema::validate::required_text(&body.reason, 500).map_err(|e| AppError::field("reason", e))?;
    let org = orgs::get(&db, &Scope::All, body.org_id).await?.filter(|o| o.org.active);
    if org.is_none() || body.org_id == current.org_id {
        return Err(AppError::field("org_id", FieldIssue::InvalidChoice));
    }
    Versioned::Request
        .write(&db, id, requests::forward(&db, id, body.version, body.org_id, &reason, &author(&caller)))
        .await?;
    // The forwarder may no longer see it (another org's queue): answer from the whole firm.
    ctx.ok(&requests::detail(&db, &RequestScope::All, id, false).await?.ok_or(ErrorCode::NotFound)?)
}

/// `POST /api/v1/requests/{id}/messages`: a public reply (the customer is notified) or a note.
pub async fn message(mut ctx: Ctx) -> Result<Response> {
    let body: MessageInput = ctx.json().await?;
    let text = body.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let caller = ctx.caller()?.clone();
    let s = ctx.scope.requests()?.clone();
    let id = ctx.id("id")?;
    requests::get(&db, &s, id).await?.ok_or(ErrorCode::NotFound)?;
    requests::message(&db, id, &text, body.public, &author(&caller)).await?;
    if body.public {
        crate::notify::deliver_after(&ctx).await;
    }
    ctx.created(&requests::detail(&db, &s, id, false).await?.ok_or(ErrorCode::NotFound)?)
}

/// `GET /api/v1/canned-replies`: the agents' replies and phone scripts.
pub async fn canned(ctx: Ctx) -> Result<Response> {
    ctx.ok(&requests::canned(&ctx.db()?).await?)
}

/// `PUT /api/v1/canned-replies` (admins): replaces the whole list.
pub async fn replace_canned(mut ctx: Ctx) -> Result<Response> {
    let rows: Vec<schema::request::CannedReply> = ctx.json().await?;
    let rows = schema::request::validate_canned(&rows).map_err(AppError::Validation)?;
    let db = ctx.db()?;
    requests::replace_canned(&db, &ctx.actor()?, &rows).await?;
    ctx.ok(&requests::canned(&db).await?)
}

/// `GET /api/v1/requests/counts`: open requests in reach per kind and status.
pub async fn counts(ctx: Ctx) -> Result<Response> {
    ctx.ok(&requests::counts(&ctx.db()?, ctx.scope.requests()?).await?)
}

/// `GET /api/v1/auto-requests`: which shipment events open inquiries by themselves.
pub async fn auto_settings(ctx: Ctx) -> Result<Response> {
    ctx.ok(&requests::auto_settings(&ctx.db()?).await?)
}

/// `PUT /api/v1/auto-requests` (admins).
pub async fn set_auto_settings(mut ctx: Ctx) -> Result<Response> {
    let body: schema::request::AutoRequestSettings = ctx.json().await?;
    let db = ctx.db()?;
    requests::set_auto_settings(&db, &ctx.actor()?, body).await?;
    ctx.ok(&requests::auto_settings(&db).await?)
}

/// `GET /api/v1/routing-rules`.
pub async fn routing_rules(ctx: Ctx) -> Result<Response> {
    ctx.ok(&requests::routing_rules(&ctx.db()?).await?)
}

/// `PUT /api/v1/routing-rules` (admins): the whole list, in order; every org must exist and be active.
pub async fn replace_routing_rules(mut ctx: Ctx) -> Result<Response> {
    let rows: Vec<schema::routing::RoutingRule> = ctx.json().await?;
    let rows = schema::routing::validate_rules(&rows).map_err(AppError::Validation)?;
    let db = ctx.db()?;
    for r in &rows {
        if orgs::get(&db, &Scope::All, r.org_id).await?.filter(|o| o.org.active).is_none() {
            return Err(AppError::field("org_id", FieldIssue::InvalidChoice));
        }
    }
    requests::replace_routing_rules(&db, &ctx.actor()?, &rows).await?;
    ctx.ok(&requests::routing_rules(&db).await?)
}
