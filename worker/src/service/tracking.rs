//! Public tracking's rules, no sign-in — one set for the JSON lookup (`handlers::track`,
//! `/api/v1/public/track/{waybill_no}`) and the HTML page the Worker renders (`/track/...`,
//! `site::track`) — and the KV snapshots every shipment change refreshes.
//!
//! The common case — a known waybill, no digits — is one KV read and no parsing: KV holds the
//! masked public view already serialised (`pt:{waybill}`, the committed time as metadata while
//! lateness is open), written through on every change to a shipment that has one, so the JSON
//! answer is the stored value itself. Names and phones are
//! masked until the visitor gives the last four digits of the consignee's or shipper's phone;
//! that path reads D1 (the unmasked data never goes to KV). Misses and wrong digits are throttled
//! per address, so waybill numbers and phone digits cannot be enumerated.

use schema::shipment::{
    ProblemReport, PublicEvent, PublicTracking, ShipmentDetail, last_four_match, mask_name, mask_phone,
};
use schema::{ErrorCode, Locale};
use serde::{Deserialize, Serialize};
use worker::Env;

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
    format!("pt:{waybill}")
}

/// KV metadata of a snapshot whose lateness is still open: its committed time. Kept beside the
/// value so the lookup can hand the stored JSON on untouched (streamed, never parsed) until then.
#[derive(Debug, Serialize, Deserialize)]
pub struct Due {
    pub due: String,
}

/// The KV value of a shipment — the masked [`PublicTracking`] as JSON, `late` as of `now` — and,
/// while it is not yet late nor delivered, its committed time (the KV metadata).
pub fn stored_snapshot(d: ShipmentDetail, now: &str) -> Result<(String, Option<Due>)> {
    let view = public_view(d, false, now);
    let due = match (&view.committed_at, &view.delivered_at, view.late) {
        (Some(c), None, false) => Some(Due { due: c.clone() }),
        _ => None,
    };
    let json = serde_json::to_string(&view).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((json, due))
}

/// Whether a stored snapshot still says the right thing about lateness.
fn current(due: Option<&Due>, now: &str) -> bool {
    due.is_none_or(|d| now <= d.due.as_str())
}

/// A stored snapshot whose committed time has passed: `late` turned on. `"late":false` occurs
/// once, as the field itself: a quote inside a JSON string is always escaped, so no value can
/// contain it.
pub fn turned_late(json: &str) -> String {
    json.replacen("\"late\":false", "\"late\":true", 1)
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

async fn refresh_env(env: &Env, db: &D1, ids: &[i64]) {
    if ids.is_empty() {
        return;
    }
    let result: Result<()> = async {
        // Only snapshots that exist can go stale; the rest are built on their first lookup.
        let now = crate::store::now();
        let ids = tracking::cached_among(db, ids, &now).await?;
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
            let key = kv_key(&snap.shipment.waybill_no);
            let (body, due) = stored_snapshot(snap, &now)?;
            let mut put = kv.put(&key, body)?.expiration_ttl(SNAPSHOT_TTL);
            if let Some(d) = due {
                put = put.metadata(d)?;
            }
            puts.push(put.execute());
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

/// Someone looking a waybill up without signing in: the bindings and the address their failed
/// attempts are counted against.
pub struct Visitor<'a> {
    pub env: &'a Env,
    pub ip: String,
}

/// What a lookup with the last four digits found.
pub enum Unmasked {
    Shown(Box<PublicTracking>),
    WrongDigits,
    Unknown,
}

impl Visitor<'_> {
    fn db(&self) -> Result<D1> {
        Ok(D1(self.env.d1("DB")?))
    }

    /// Refuses an address over its failed-lookup budget; the key its misses count under.
    async fn check_budget(&self, db: &D1) -> Result<String> {
        let key = format!("trk:{}", self.ip);
        let since = chrono::Utc::now().timestamp() - WINDOW;
        if throttle::failures(db, &key, since).await? >= MISSES {
            return Err(ErrorCode::TooManyAttempts.into());
        }
        Ok(key)
    }

    async fn miss(&self, db: &D1, key: &str) -> Result<()> {
        throttle::record_failure(db, &[key], chrono::Utc::now().timestamp(), WINDOW).await?;
        Ok(())
    }

    /// The snapshot of a waybill from D1 (then cached in KV). `None`: no such waybill (counted
    /// against the address).
    async fn read_d1(&self, waybill: &str) -> Result<Option<String>> {
        let db = self.db()?;
        let budget = self.check_budget(&db).await?;
        let Some(s) = shipments::get(&db, None, None, Some(waybill)).await? else {
            self.miss(&db, &budget).await?;
            return Ok(None);
        };
        // Marked first: should the KV write fail, the mark only causes a rewrite later.
        tracking::mark_cached(&db, s.id, &mark_until()).await?;
        let (json, due) = stored_snapshot(shipments::detail(&db, s).await?, &crate::store::now())?;
        let mut put = self.env.kv("KV")?.put(&kv_key(waybill), json.as_str())?.expiration_ttl(SNAPSHOT_TTL);
        if let Some(d) = due {
            put = put.metadata(d)?;
        }
        if let Err(e) = put.execute().await {
            worker::console_error!("tracking snapshot write failed: {e:?}");
        }
        Ok(Some(json))
    }

    /// The masked view as JSON text, `None` for an unknown waybill.
    pub async fn masked_json(&self, waybill: &str) -> Result<Option<String>> {
        let kv = self.env.kv("KV")?;
        match kv.get(&kv_key(waybill)).text_with_metadata::<Due>().await? {
            (Some(json), due) if current(due.as_ref(), &crate::store::now()) => Ok(Some(json)),
            (Some(json), _) => Ok(Some(turned_late(&json))),
            (None, _) => self.read_d1(waybill).await,
        }
    }

    /// The view with names and phones, if `digits` are the last four of the consignee's or the
    /// shipper's phone. Read from D1, never from the cache.
    pub async fn unmasked(&self, waybill: &str, digits: &str) -> Result<Unmasked> {
        let db = self.db()?;
        let budget = self.check_budget(&db).await?;
        let Some(s) = shipments::get(&db, None, None, Some(waybill)).await? else {
            self.miss(&db, &budget).await?;
            return Ok(Unmasked::Unknown);
        };
        if !(last_four_match(&s.consignee_phone, digits) || last_four_match(&s.shipper_phone, digits)) {
            self.miss(&db, &budget).await?;
            return Ok(Unmasked::WrongDigits);
        }
        let d = shipments::detail(&db, s).await?;
        Ok(Unmasked::Shown(Box::new(public_view(d, true, &crate::store::now()))))
    }

    /// A "report a problem": checked, recorded against the waybill and opened as a service
    /// request (an inquiry from the tracking page) in the intake org's queue. `None`: no such
    /// waybill.
    pub async fn report(&self, waybill: &str, input: &ProblemReport, locale: Locale) -> Result<Option<()>> {
        // Every field's issue at once, so a form can show them all.
        let mut errors = schema::FieldErrors::new();
        let description = schema::validate::required_text(&input.description, 500)
            .map_err(|e| errors.insert("description", e))
            .ok();
        let phone = if input.contact_phone.trim().is_empty() {
            Some(String::new())
        } else {
            schema::validate::Phone::parse(&input.contact_phone)
                .map(String::from)
                .map_err(|e| errors.insert("contact_phone", e))
                .ok()
        };
        let (Some(description), Some(phone)) = (description, phone) else {
            return Err(AppError::Validation(errors));
        };
        let db = self.db()?;
        let budget = self.check_budget(&db).await?;
        let Some(s) = shipments::get(&db, None, None, Some(waybill)).await? else {
            self.miss(&db, &budget).await?;
            return Ok(None);
        };
        // Each report counts against the address's budget too: it is a write anyone can make.
        self.miss(&db, &budget).await?;
        tracking::report(&db, s.id, &description, &phone, &self.ip).await?;
        let subject = match locale {
            Locale::ZhCn => format!("运单 {waybill} 问题反馈(查询页)"),
            Locale::En => format!("Problem reported on waybill {waybill} (tracking page)"),
        };
        let v = schema::request::ValidRequest {
            kind: schema::request::RequestKind::Inquiry,
            channel: schema::request::RequestChannel::TrackingPage,
            priority: schema::request::Priority::Normal,
            contact_name: String::new(),
            contact_phone: phone,
            waybill_no: Some(waybill.to_string()),
            subject,
            description,
        };
        // The waybill's shipper's request, where the store places it.
        let by = crate::store::requests::Author::Customer(String::new());
        crate::store::requests::create(&db, &v, &Default::default(), &by).await?;
        Ok(Some(()))
    }
}

/// The public view of a shipment: masked unless `unmasked`; `late` as of `now`.
pub fn public_view(d: ShipmentDetail, unmasked: bool, now: &str) -> PublicTracking {
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

#[cfg(test)]
mod tests {
    use super::*;
    use schema::shipment::{Shipment, ShipmentStatus};

    fn detail(committed: Option<&str>, delivered: Option<&str>) -> ShipmentDetail {
        let mut s: Shipment = serde_json::from_value(serde_json::json!({
            "id": 1, "waybill_no": "WP202611200002", "customer_id": null, "customer_name": null,
            "shipper_name": "顺达物流", "shipper_phone": "13912345678", "consignee_name": "李秀英",
            "consignee_phone": "13900000002", "consignee_address": "广州市天河区", "origin_region": "上海",
            "origin_postcode": "200000", "dest_region": "广州", "dest_postcode": "510000",
            "service_code": "STD", "pieces": 1, "weight_g": 1000, "declared_value": 0, "fee": 1200,
            "cod_amount": 0, "order_no": "", "invoice_no": "", "status": "in_transit",
            "status_at": "2026-11-20T08:00:00.000Z", "last_location": "上海", "committed_at": null,
            "delivered_at": null, "version": 1, "created_at": "2026-11-19T08:00:00.000Z",
        }))
        .unwrap_or_else(|e| panic!("fixture: {e}"));
        s.committed_at = committed.map(String::from);
        s.delivered_at = delivered.map(String::from);
        if delivered.is_some() {
            s.status = ShipmentStatus::Delivered;
        }
        ShipmentDetail { shipment: s, events: vec![] }
    }

    fn late_of(json: &str) -> bool {
        serde_json::from_str::<PublicTracking>(json).map(|t| t.late).unwrap_or_else(|e| panic!("{e}: {json}"))
    }

    /// The answer a lookup at `now` gives from what was stored.
    fn looked_up((json, due): &(String, Option<Due>), now: &str) -> String {
        if current(due.as_ref(), now) { json.clone() } else { turned_late(json) }
    }

    #[test]
    fn a_stored_snapshot_turns_late_when_the_committed_time_passes() {
        let c = "2026-11-22T10:00:00.000Z";
        let stored = stored_snapshot(detail(Some(c), None), "2026-11-21T00:00:00.000Z")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(stored.1.as_ref().map(|d| d.due.as_str()), Some(c), "the pending commitment as metadata");
        assert!(!late_of(&looked_up(&stored, "2026-11-22T09:59:59.999Z")));
        assert!(late_of(&looked_up(&stored, "2026-11-22T10:00:00.001Z")));
        // Masked in the cache: no phone, no full name.
        assert!(!stored.0.contains("13900000002") && !stored.0.contains("李秀英"), "{}", stored.0);
    }

    #[test]
    fn settled_lateness_is_stored_as_it_is() {
        let c = Some("2026-11-22T10:00:00.000Z");
        let on_time =
            stored_snapshot(detail(c, Some("2026-11-22T09:00:00.000Z")), "2026-12-01T00:00:00.000Z")
                .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(on_time.1.is_none());
        assert!(!late_of(&looked_up(&on_time, "2027-01-01T00:00:00.000Z")));
        let late = stored_snapshot(detail(c, Some("2026-11-23T09:00:00.000Z")), "2026-12-01T00:00:00.000Z")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(late_of(&looked_up(&late, "2026-12-01T00:00:00.000Z")));
        // Already late when stored (no delivery yet): stays late.
        let overdue =
            stored_snapshot(detail(c, None), "2026-12-01T00:00:00.000Z").unwrap_or_else(|e| panic!("{e:?}"));
        assert!(overdue.1.is_none() && late_of(&looked_up(&overdue, "2026-12-01T00:00:00.000Z")));
    }

    #[test]
    fn hostile_text_cannot_fake_the_late_field() {
        let mut d = detail(Some("2026-11-22T10:00:00.000Z"), None);
        d.shipment.origin_region = "\"late\":false,\"x".into();
        let stored = stored_snapshot(d, "2026-11-21T00:00:00.000Z").unwrap_or_else(|e| panic!("{e:?}"));
        let json = looked_up(&stored, "2026-11-23T00:00:00.000Z");
        let t: PublicTracking = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert!(t.late);
        assert_eq!(t.origin_region, "\"late\":false,\"x");
    }
}
