//! The customer portal's data: my shipments, my address book (寄送清单), my pickup locations, my
//! pickups and my notices. Every query is limited to the caller's customer, so another
//! customer's record answers 404 exactly like one that does not exist.

use schema::ErrorCode;
use schema::ids::CustomerId;
use schema::notify::{Notice, link, render};
use schema::pickup::{AddressInput, PickupInput, PickupStatus, ReasonRequest};
use schema::{FieldIssue, Locale};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::service::pickups::book;
use crate::store::customers::{self, CustomerScope};
use crate::store::pickups::{self, Booker, PickupFilter};
use crate::store::shipments::{self, ShipmentFilter};
use crate::store::{Versioned, addresses, locations, outbox};

fn mine(ctx: &Ctx) -> Result<CustomerId> {
    Ok(ctx.portal()?.customer())
}

/// `GET /api/v1/portal/shipments?q=&status=`.
pub async fn shipments(ctx: Ctx) -> Result<Response> {
    let f = ShipmentFilter { q: ctx.query("q"), status: ctx.query_enum("status")?, ..Default::default() };
    let db = ctx.db()?;
    ctx.ok(&shipments::search(&db, ctx.scope.shipments()?, &f, ctx.page()?).await?)
}

/// `GET /api/v1/portal/shipments/{id}`.
pub async fn shipment(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let s = shipments::get(&db, ctx.scope.shipments()?, Some(ctx.id("id")?), None)
        .await?
        .ok_or(ErrorCode::NotFound)?;
    ctx.ok(&shipments::detail(&db, s).await?)
}

/// `GET /api/v1/portal/locations`: where couriers can collect (the customer's 发货地点).
pub async fn locations(ctx: Ctx) -> Result<Response> {
    ctx.ok(&locations::list(&ctx.db()?, mine(&ctx)?).await?)
}

/// `GET /api/v1/portal/addresses`.
pub async fn addresses(ctx: Ctx) -> Result<Response> {
    ctx.ok(&addresses::list(&ctx.db()?, mine(&ctx)?).await?)
}

/// `POST /api/v1/portal/addresses`.
pub async fn add_address(mut ctx: Ctx) -> Result<Response> {
    let body: AddressInput = ctx.json().await?;
    let v = body.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let customer = mine(&ctx)?;
    let id = addresses::create(&db, customer, &v)
        .await?
        .ok_or(AppError::field("name", FieldIssue::TooMany { max: addresses::MAX_ENTRIES as usize }))?;
    ctx.created(&addresses::get(&db, customer, id).await?.ok_or(ErrorCode::NotFound)?)
}

/// `PATCH /api/v1/portal/addresses/{id}` (version-checked).
pub async fn update_address(mut ctx: Ctx) -> Result<Response> {
    let body: AddressInput = ctx.json().await?;
    let db = ctx.db()?;
    let (customer, id) = (mine(&ctx)?, ctx.id("id")?);
    addresses::get(&db, customer, id).await?.ok_or(ErrorCode::NotFound)?;
    let version = body.version.ok_or(AppError::field("version", FieldIssue::Required))?;
    let v = body.validate().map_err(AppError::Validation)?;
    Versioned::Address.write(&db, id, addresses::update(&db, customer, id, version, &v)).await?;
    ctx.ok(&addresses::get(&db, customer, id).await?.ok_or(ErrorCode::NotFound)?)
}

/// `DELETE /api/v1/portal/addresses/{id}`.
pub async fn delete_address(ctx: Ctx) -> Result<Response> {
    if !addresses::delete(&ctx.db()?, mine(&ctx)?, ctx.id("id")?).await? {
        return Err(ErrorCode::NotFound.into());
    }
    Ok(Response::empty()?.with_status(204))
}

/// `GET /api/v1/portal/pickups?status=`.
pub async fn pickups(ctx: Ctx) -> Result<Response> {
    let f = PickupFilter { status: ctx.query_enum("status")?, ..Default::default() };
    let db = ctx.db()?;
    ctx.ok(&pickups::list(&db, ctx.scope.pickups()?, &f, ctx.page()?).await?)
}

/// `POST /api/v1/portal/pickups`: books for the caller's customer (`customer_id` is ignored).
pub async fn book_pickup(mut ctx: Ctx) -> Result<Response> {
    let mut input: PickupInput = ctx.json().await?;
    input.customer_id = None;
    let db = ctx.db()?;
    let p = ctx.portal()?.clone();
    let mine = customers::get(&db, &CustomerScope::All, p.customer_id).await?.ok_or(ErrorCode::NotFound)?;
    let d = book(&db, &mine, input, Booker::Portal { user_id: p.id, name: p.name }, false).await?;
    ctx.created(&d)
}

/// `GET /api/v1/portal/pickups/{id}`.
pub async fn pickup(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let p = pickups::get(&db, ctx.scope.pickups()?, ctx.id("id")?).await?;
    ctx.ok(&pickups::detail(&db, p.ok_or(ErrorCode::NotFound)?).await?)
}

/// `POST /api/v1/portal/pickups/{id}/cancel`: before collection only.
pub async fn cancel_pickup(mut ctx: Ctx) -> Result<Response> {
    let body: ReasonRequest = ctx.json().await?;
    let db = ctx.db()?;
    let scope = ctx.scope.pickups()?.clone();
    let p = pickups::get(&db, &scope, ctx.id("id")?).await?.ok_or(ErrorCode::NotFound)?;
    if !p.status.can_become(PickupStatus::Cancelled) {
        return Err(ErrorCode::WrongState.into());
    }
    let reason = body.validate(false).map_err(AppError::Validation)?;
    let name = ctx.portal()?.name.clone();
    Versioned::Pickup
        .write(&db, p.id, pickups::close(&db, &name, p.id, body.version, PickupStatus::Cancelled, &reason))
        .await?;
    let p = pickups::get(&db, &scope, p.id).await?.ok_or(ErrorCode::NotFound)?;
    ctx.ok(&pickups::detail(&db, p).await?)
}

/// `GET /api/v1/portal/notices`: the latest 50, in the reader's language.
pub async fn notices(ctx: Ctx) -> Result<Response> {
    let rows = outbox::notices(&ctx.db()?, ctx.portal()?.user_id(), 50).await?;
    let locale: Locale = ctx.locale;
    let out: Vec<Notice> = rows
        .into_iter()
        .map(|r| Notice {
            id: r.id,
            text: render(&r.kind, &r.params, locale),
            link: link(&r.kind, &r.params),
            kind: r.kind,
            created_at: r.created_at,
        })
        .collect();
    ctx.ok(&out)
}
