//! Public tracking (`/api/v1/public/track/{waybill_no}`), no sign-in: served from a KV snapshot
//! written through on every change to a shipment that has one (D1 only on a miss, which creates
//! it), names and phones masked until the visitor gives the last four digits of the consignee's
//! or shipper's phone. Misses and wrong digits are throttled per address, so waybill numbers and
//! phone digits cannot be enumerated.

use schema::shipment::{
    ProblemReport, PublicEvent, PublicTracking, ShipmentDetail, last_four_match, mask_name, mask_phone,
    waybill_no,
};
use schema::{ErrorCode, FieldIssue};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::d1::D1;
use crate::store::{shipments, throttle, tracking};

/// Snapshots live a day: a write-through that failed heals within it.
const SNAPSHOT_TTL: u64 = 86_400;
/// Failed lookups (unknown waybill, wrong digits) allowed per address per window.
const MISSES: i64 = 30;
const WINDOW: i64 = 15 * 60;

/// When a snapshot written now expires in KV.
fn mark_until() -> String {
    (chrono::Utc::now() + chrono::Duration::seconds(SNAPSHOT_TTL as i64))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn kv_key(waybill: &str) -> String {
    format!("trk:{waybill}")
}

/// Writes the snapshots of these shipments to KV. Failures are logged, never fatal: the D1 write
/// already happened and a miss reads D1.
pub async fn refresh(ctx: &Ctx, db: &D1, ids: &[i64]) {
    refresh_env(&ctx.env, db, ids).await;
}

/// [`refresh`] after the response has gone (`waitUntil`): an ingest batch touching a thousand
/// waybills answers as soon as D1 has the events, and the snapshots follow within moments.
/// Without an invocation context it refreshes before returning.
pub async fn refresh_after(ctx: &Ctx, ids: Vec<i64>) {
    let env = ctx.env.clone();
    match &ctx.exec {
        Some(exec) => exec.wait_until(async move {
            if let Ok(d1) = env.d1("DB") {
                refresh_env(&env, &D1(d1), &ids).await;
            }
        }),
        None => {
            if let Ok(db) = ctx.db() {
                refresh_env(&env, &db, &ids).await;
            }
        }
    }
}

async fn refresh_env(env: &worker::Env, db: &D1, ids: &[i64]) {
    if ids.is_empty() {
        return;
    }
    let result: Result<()> = async {
        // Only snapshots that exist can go stale; the rest are built on their first lookup.
        let ids = tracking::cached_among(db, ids, &crate::store::now()).await?;
        if ids.is_empty() {
            return Ok(());
        }
        let ids = ids.as_slice();
        // Each rewrite restarts the snapshot's lifetime, so its mark must live as long (or a
        // rewritten snapshot would outlive its mark and miss later events).
        tracking::extend_marks(db, ids, &mark_until()).await?;
        let kv = env.kv("KV")?;
        // All puts in flight together: a batch may touch hundreds of waybills.
        let mut puts = Vec::new();
        for snap in tracking::snapshots(db, ids).await? {
            let body = serde_json::to_string(&snap).map_err(|e| AppError::Internal(e.to_string()))?;
            puts.push(
                kv.put(&kv_key(&snap.shipment.waybill_no), body)?.expiration_ttl(SNAPSHOT_TTL).execute(),
            );
        }
        for r in futures::future::join_all(puts).await {
            r?;
        }
        Ok(())
    }
    .await;
    if let Err(e) = result {
        worker::console_error!("tracking snapshot refresh failed: {e:?}");
    }
}

/// Refuses an address over its failed-lookup budget.
async fn check_budget(ctx: &Ctx, db: &D1) -> Result<String> {
    let key = format!("trk:{}", ctx.client_ip());
    let since = chrono::Utc::now().timestamp() - WINDOW;
    if throttle::failures(db, &key, since).await? >= MISSES {
        return Err(ErrorCode::TooManyAttempts.into());
    }
    Ok(key)
}

async fn miss(db: &D1, key: &str) -> Result<()> {
    throttle::record_failure(db, &[key], chrono::Utc::now().timestamp(), WINDOW).await?;
    Ok(())
}

/// The snapshot: KV first, D1 on a miss (then cached).
async fn snapshot(ctx: &Ctx, db: Option<&D1>, waybill: &str) -> Result<Option<ShipmentDetail>> {
    let kv = ctx.kv()?;
    if let Some(text) = kv.get(&kv_key(waybill)).text().await?
        && let Ok(snap) = serde_json::from_str::<ShipmentDetail>(&text)
    {
        return Ok(Some(snap));
    }
    let owned;
    let db = match db {
        Some(d) => d,
        None => {
            owned = ctx.db()?;
            &owned
        }
    };
    let Some(s) = shipments::get(db, None, None, Some(waybill)).await? else { return Ok(None) };
    // Marked first: should the KV write fail, the mark only causes a rewrite later.
    tracking::mark_cached(db, s.id, &mark_until()).await?;
    refresh(ctx, db, &[s.id]).await;
    Ok(Some(shipments::detail(db, s).await?))
}

fn public_view(d: ShipmentDetail, unmasked: bool, now: &str) -> PublicTracking {
    let s = d.shipment;
    let late = match (&s.committed_at, &s.delivered_at) {
        (Some(c), Some(done)) => done > c,
        (Some(c), None) => now > c.as_str(),
        _ => false,
    };
    let (name, phone, shipper) = if unmasked {
        (s.consignee_name.clone(), s.consignee_phone.clone(), s.shipper_name.clone())
    } else {
        (mask_name(&s.consignee_name), mask_phone(&s.consignee_phone), mask_name(&s.shipper_name))
    };
    PublicTracking {
        waybill_no: s.waybill_no,
        status: s.status,
        status_at: s.status_at,
        origin_region: s.origin_region,
        dest_region: s.dest_region,
        service_code: s.service_code,
        pieces: s.pieces,
        committed_at: s.committed_at,
        delivered_at: s.delivered_at,
        late,
        consignee_name: name,
        consignee_phone: phone,
        shipper_name: shipper,
        unmasked,
        events: d
            .events
            .into_iter()
            .map(|e| PublicEvent { at: e.at, kind: e.kind, location: e.location, description: e.description })
            .collect(),
    }
}

/// `GET /api/v1/public/track/{waybill_no}?last4=1234`.
pub async fn track(ctx: Ctx) -> Result<Response> {
    let raw = ctx.params.iter().find(|(k, _)| *k == "waybill_no").map(|(_, v)| v.clone()).unwrap_or_default();
    let waybill = waybill_no(&raw).map_err(|e| AppError::field("waybill_no", e))?;
    let last4 = ctx.query("last4").filter(|d| !d.is_empty());
    // The common case — a known waybill, no digits — reads KV only.
    if last4.is_none()
        && let Some(snap) = snapshot(&ctx, None, &waybill).await?
    {
        return ctx.ok(&public_view(snap, false, &crate::store::now()));
    }
    let db = ctx.db()?;
    let budget = check_budget(&ctx, &db).await?;
    let Some(snap) = snapshot(&ctx, Some(&db), &waybill).await? else {
        miss(&db, &budget).await?;
        return Err(ErrorCode::NotFound.into());
    };
    let unmasked = match last4.as_deref() {
        None => false,
        Some(d) => {
            let ok = last_four_match(&snap.shipment.consignee_phone, d)
                || last_four_match(&snap.shipment.shipper_phone, d);
            if !ok {
                miss(&db, &budget).await?;
                return Err(AppError::field("last4", FieldIssue::InvalidChoice));
            }
            true
        }
    };
    ctx.ok(&public_view(snap, unmasked, &crate::store::now()))
}

/// `POST /api/v1/public/track/{waybill_no}/report`: recorded against the waybill and opened as a
/// service request (an inquiry from the tracking page) in the intake org's queue.
pub async fn report(mut ctx: Ctx) -> Result<Response> {
    let input: ProblemReport = ctx.json().await?;
    let raw = ctx.params.iter().find(|(k, _)| *k == "waybill_no").map(|(_, v)| v.clone()).unwrap_or_default();
    let waybill = waybill_no(&raw).map_err(|e| AppError::field("waybill_no", e))?;
    let description = schema::validate::required_text(&input.description, 500)
        .map_err(|e| AppError::field("description", e))?;
    let phone = if input.contact_phone.trim().is_empty() {
        String::new()
    } else {
        schema::validate::Phone::parse(&input.contact_phone)
            .map_err(|e| AppError::field("contact_phone", e))?
            .into()
    };
    let db = ctx.db()?;
    let budget = check_budget(&ctx, &db).await?;
    let Some(s) = shipments::get(&db, None, None, Some(&waybill)).await? else {
        miss(&db, &budget).await?;
        return Err(ErrorCode::NotFound.into());
    };
    // Each report counts against the address's budget too: it is a write anyone can make.
    miss(&db, &budget).await?;
    tracking::report(&db, s.id, &description, &phone, &ctx.client_ip()).await?;
    let subject = match ctx.locale {
        schema::Locale::ZhCn => format!("运单 {waybill} 问题反馈(查询页)"),
        schema::Locale::En => format!("Problem reported on waybill {waybill} (tracking page)"),
    };
    let v = schema::request::ValidRequest {
        kind: schema::request::RequestKind::Inquiry,
        channel: schema::request::RequestChannel::TrackingPage,
        priority: schema::request::Priority::Normal,
        contact_name: String::new(),
        contact_phone: phone,
        waybill_no: Some(waybill),
        subject,
        description,
    };
    if let Some(org) = crate::store::requests::intake_org(&db).await? {
        let placement = crate::store::requests::Placement {
            org_id: org,
            customer_id: s.customer_id,
            portal_user_id: None,
            shipment_id: Some(s.id),
        };
        let by = crate::store::requests::Author::Customer(String::new());
        crate::store::requests::create(&db, &v, &placement, &by).await?;
    }
    Ok(Response::empty()?.with_status(204))
}
