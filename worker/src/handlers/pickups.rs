//! Pickup booking and dispatch for staff: book on the phone, dispatch to an outlet and a
//! courier, the courier's day on a phone (collect or fail), and the lists. Bookings, the
//! portal's too, go through [`crate::service::pickups::book`].

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use schema::pickup::{AssignRequest, CollectRequest, PickupInput, PickupStatus, ReasonRequest};
use schema::shipment::ShipmentInput;
use schema::staff::Role;
use schema::{ErrorCode, FieldErrors, FieldIssue};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::policy::may_override_blacklist;
use crate::service::{pickups::book, tracking as track};
use crate::store::d1::D1;
use crate::store::pickups::{self, Booker, Collected, PickupFilter, PickupScope};
use crate::store::{Scope, Versioned, customers, orgs, shipments, staff};

/// Local days are Beijing days (UTC+8, no daylight saving).
const LOCAL_OFFSET_HOURS: i64 = 8;

/// `[from, to)` in UTC for a local `YYYY-MM-DD` (today when absent); 400 when malformed.
pub fn local_day(day: Option<&str>) -> Result<(String, String)> {
    let date = match day.filter(|d| !d.is_empty()) {
        Some(d) => {
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| AppError::Code(ErrorCode::InvalidQuery))?
        }
        None => (Utc::now() + Duration::hours(LOCAL_OFFSET_HOURS)).date_naive(),
    };
    let start =
        date.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t) - Duration::hours(LOCAL_OFFSET_HOURS));
    let start = start.ok_or(AppError::Code(ErrorCode::InvalidQuery))?;
    let fmt = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    Ok((fmt(start), fmt(start + Duration::days(1))))
}

/// Refuses a move the pickup's status does not allow (409 `wrong_state`).
fn allowed(from: PickupStatus, to: PickupStatus) -> Result<()> {
    if from.can_become(to) { Ok(()) } else { Err(ErrorCode::WrongState.into()) }
}

/// `POST /api/v1/pickups`: customer service books for a customer they may see.
pub async fn create(mut ctx: Ctx) -> Result<Response> {
    let input: PickupInput = ctx.json().await?;
    let db = ctx.db()?;
    let customer_id = input.customer_id.ok_or(AppError::field("customer_id", FieldIssue::Required))?;
    let row = customers::get(&db, ctx.scope.customers()?, customer_id).await?;
    let row = row.ok_or(AppError::field("customer_id", FieldIssue::InvalidChoice))?;
    let may_override = may_override_blacklist(ctx.caller()?);
    let d = book(&db, &row, input, Booker::Staff(ctx.actor()?), may_override).await?;
    ctx.created(&d)
}

/// `GET /api/v1/pickups?status=&day=&org_id=&courier_id=&customer_id=`.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let window = match ctx.query("day") {
        Some(d) => Some(local_day(Some(&d))?),
        None => None,
    };
    let f = PickupFilter {
        status: ctx.query_enum("status")?,
        window,
        org_id: ctx.query_i64("org_id")?,
        courier_id: ctx.query_i64("courier_id")?,
        customer_id: ctx.query_i64("customer_id")?,
    };
    let db = ctx.db()?;
    ctx.ok(&pickups::list(&db, ctx.scope.pickups()?, &f, ctx.page()?).await?)
}

/// `GET /api/v1/pickups/today?day=`: the caller's (courier's) pickups of a local day, in window
/// order.
pub async fn today(ctx: Ctx) -> Result<Response> {
    let (from, to) = local_day(ctx.query("day").as_deref())?;
    let db = ctx.db()?;
    ctx.ok(&pickups::courier_day(&db, ctx.caller()?.id, &from, &to).await?)
}

/// `GET /api/v1/pickups/{id}`.
pub async fn get(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let p = pickups::get(&db, ctx.scope.pickups()?, ctx.id("id")?).await?.ok_or(ErrorCode::NotFound)?;
    ctx.ok(&pickups::detail(&db, p).await?)
}

async fn answer(ctx: &Ctx, db: &D1, id: i64) -> Result<Response> {
    let p = pickups::get(db, &PickupScope::All, id).await?.ok_or(ErrorCode::NotFound)?;
    crate::notify::deliver_after(ctx).await;
    ctx.ok(&pickups::detail(db, p).await?)
}

/// `POST /api/v1/pickups/{id}/assign`: an active outlet (or any org) and an active courier of
/// that org's subtree.
pub async fn assign(mut ctx: Ctx) -> Result<Response> {
    let body: AssignRequest = ctx.json().await?;
    let db = ctx.db()?;
    let id = ctx.id("id")?;
    let p = pickups::get(&db, &PickupScope::All, id).await?.ok_or(ErrorCode::NotFound)?;
    allowed(p.status, PickupStatus::Assigned)?;
    let org = orgs::get(&db, &Scope::All, body.org_id).await?.filter(|o| o.org.active);
    let org = org.ok_or(AppError::field("org_id", FieldIssue::InvalidChoice))?;
    let courier = staff::credentials_by_id(&db, body.courier_id).await?;
    let fits = courier.as_ref().is_some_and(|c| {
        c.staff.active && c.staff.role == Role::Courier && c.org_path.starts_with(&org.path)
    });
    if !fits {
        return Err(AppError::field("courier_id", FieldIssue::InvalidChoice));
    }
    Versioned::Pickup
        .write(&db, id, pickups::assign(&db, &ctx.actor()?, id, body.version, body.org_id, body.courier_id))
        .await?;
    answer(&ctx, &db, id).await
}

/// A courier acts on their own pickups only; dispatchers on any.
async fn acting_on(ctx: &Ctx, db: &D1) -> Result<schema::pickup::Pickup> {
    let p = pickups::get(db, ctx.scope.pickups()?, ctx.id("id")?).await?;
    p.ok_or(AppError::Code(ErrorCode::NotFound))
}

/// `POST /api/v1/pickups/{id}/collect`: links the customer's shipment with this waybill, or
/// creates it from the booking (consignee completed from the body), and records `picked_up`.
pub async fn collect(mut ctx: Ctx) -> Result<Response> {
    let body: CollectRequest = ctx.json().await?;
    let db = ctx.db()?;
    let p = acting_on(&ctx, &db).await?;
    allowed(p.status, PickupStatus::Collected)?;
    let waybill = body.validate().map_err(AppError::Validation)?;
    let what = match shipments::get(&db, None, None, Some(&waybill)).await? {
        Some(s) if s.customer_id.is_none_or(|c| c == p.customer_id) => Collected::Link(waybill),
        Some(_) => return Err(AppError::field("waybill_no", FieldIssue::Taken)),
        None => {
            let pick = |given: &str, booked: &str| {
                if given.trim().is_empty() { booked.to_string() } else { given.to_string() }
            };
            let input = ShipmentInput {
                waybill_no: waybill,
                customer_id: Some(p.customer_id),
                shipper_name: p.contact_name.clone(),
                shipper_phone: p.contact_phone.clone(),
                consignee_name: pick(&body.consignee_name, &p.consignee_name),
                consignee_phone: pick(&body.consignee_phone, &p.consignee_phone),
                consignee_address: pick(&body.consignee_address, &p.consignee_address),
                origin_region: p.region.clone(),
                origin_postcode: p.postcode.clone(),
                dest_region: pick(&body.dest_region, &p.dest_region),
                dest_postcode: p.dest_postcode.clone(),
                service_code: p.service_code.clone(),
                pieces: p.pieces,
                weight_g: p.weight_g,
                ..Default::default()
            };
            let v = input.validate().map_err(|e| {
                // The consignee is what a booking may lack: name the fields the courier can fill.
                AppError::Validation(e.into_iter().collect::<FieldErrors>())
            })?;
            let at = crate::store::now();
            let committed =
                shipments::committed_time(&db, &v.0.service_code, &v.0.origin_region, &v.0.dest_region, &at)
                    .await?;
            Collected::Create(Box::new(v), committed)
        }
    };
    Versioned::Pickup
        .write(&db, p.id, pickups::collect(&db, &ctx.actor()?, p.id, body.version, p.org_id, &what))
        .await?;
    if let Some(sid) = pickups::get(&db, &PickupScope::All, p.id).await?.and_then(|p| p.shipment_id) {
        track::refresh(&ctx, &db, &[sid]).await;
    }
    answer(&ctx, &db, p.id).await
}

/// `GET /api/v1/couriers`: active couriers, for the dispatch form.
pub async fn couriers(ctx: Ctx) -> Result<Response> {
    ctx.ok(&staff::couriers(&ctx.db()?).await?)
}

/// `POST /api/v1/pickups/{id}/fail`: the courier could not collect (a reason is required).
pub async fn fail(mut ctx: Ctx) -> Result<Response> {
    let body: ReasonRequest = ctx.json().await?;
    let db = ctx.db()?;
    let p = acting_on(&ctx, &db).await?;
    allowed(p.status, PickupStatus::Failed)?;
    let reason = body.validate(true).map_err(AppError::Validation)?;
    let name = ctx.caller()?.name.clone();
    Versioned::Pickup
        .write(&db, p.id, pickups::close(&db, &name, p.id, body.version, PickupStatus::Failed, &reason))
        .await?;
    answer(&ctx, &db, p.id).await
}

/// `POST /api/v1/pickups/{id}/cancel` (dispatchers).
pub async fn cancel(mut ctx: Ctx) -> Result<Response> {
    let body: ReasonRequest = ctx.json().await?;
    let db = ctx.db()?;
    let p = pickups::get(&db, &PickupScope::All, ctx.id("id")?).await?.ok_or(ErrorCode::NotFound)?;
    allowed(p.status, PickupStatus::Cancelled)?;
    let reason = body.validate(false).map_err(AppError::Validation)?;
    let name = ctx.caller()?.name.clone();
    Versioned::Pickup
        .write(&db, p.id, pickups::close(&db, &name, p.id, body.version, PickupStatus::Cancelled, &reason))
        .await?;
    answer(&ctx, &db, p.id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_days_are_beijing_days() {
        let (from, to) = local_day(Some("2026-11-25")).unwrap_or_default();
        assert_eq!(from, "2026-11-24T16:00:00.000Z");
        assert_eq!(to, "2026-11-25T16:00:00.000Z");
        assert!(local_day(Some("2026-13-01")).is_err());
        assert!(local_day(None).is_ok());
    }
}
