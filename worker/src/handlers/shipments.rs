//! Shipments for staff: create, search (waybill, phone, customer), detail with events, events
//! entered by hand — and the ingest API the firm's TMS/WMS calls with an integration key. Every
//! write refreshes the public-tracking snapshots of the shipments it touched.

use std::collections::{HashMap, HashSet};

use schema::shipment::{
    EventInput, IngestItem, IngestOutcome, IngestReport, IngestRequest, MAX_EVENTS, MAX_SHIPMENTS,
    ShipmentBatch, ShipmentInput, ValidEvent,
};
use schema::{ErrorCode, FieldIssue, Locale};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::service::tracking as track;
use crate::store::d1::D1;
use crate::store::shipments::{self, ShipmentFilter};
use crate::store::tracking;

/// `POST /api/v1/shipments`.
pub async fn create(mut ctx: Ctx) -> Result<Response> {
    let input: ShipmentInput = ctx.json().await?;
    let valid = input.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    if !shipments::service_exists(&db, &valid.0.service_code).await? {
        return Err(AppError::field("service_code", FieldIssue::InvalidChoice));
    }
    if let Some(c) = valid.0.customer_id
        && crate::store::customers::get(&db, ctx.scope.customers()?, c).await?.is_none()
    {
        return Err(AppError::field("customer_id", FieldIssue::InvalidChoice));
    }
    let id = shipments::create(&db, &ctx.actor()?, &valid, Some(ctx.caller()?.org_id)).await?;
    track::refresh(&ctx, &db, &[id]).await;
    let s = shipments::get(&db, None, Some(id), None).await?.ok_or(ErrorCode::NotFound)?;
    ctx.created(&shipments::detail(&db, s).await?)
}

/// `GET /api/v1/shipments?q=&customer_id=&status=&overdue=&org_id=`.
pub async fn search(ctx: Ctx) -> Result<Response> {
    let mut f = ShipmentFilter {
        q: ctx.query("q"),
        customer_id: ctx.query_i64("customer_id")?,
        status: ctx.query_enum("status")?,
        overdue: ctx.query_bool("overdue")?.unwrap_or(false),
        ..Default::default()
    };
    // Waybill searches page by waybill number (`k…` cursors); the rest by id.
    let cursor = ctx.query("cursor");
    let page = if f.waybill_query().is_some() {
        if let Some(c) = cursor {
            let (w, _) = schema::page::decode_key_cursor(&c).ok_or(ErrorCode::InvalidQuery)?;
            f.after_waybill = Some(w);
        }
        schema::page::PageRequest::parse(ctx.query("limit").as_deref(), None)?
    } else {
        ctx.page()?
    };
    let db = ctx.db()?;
    if let Some(id) = ctx.query_i64("org_id")? {
        // Another org's subtree than one may see reads as an empty list, not an error; a leaf
        // org is matched exactly, so its list walks the index in order.
        match crate::store::orgs::get(&db, ctx.scope.orgs()?, id).await? {
            Some(o) if !shipments::has_children(&db, &o.path).await? => f.org_id = Some(id),
            Some(o) => f.org_path = Some(o.path),
            None => f.org_path = Some("/none/".into()),
        }
    }
    let page = shipments::search(&db, ctx.scope.shipments()?, &f, page).await?;
    ctx.ok(&page)
}

/// `GET /api/v1/shipments/{id}`.
pub async fn get(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let s = shipments::get(&db, ctx.scope.shipments()?, Some(ctx.id("id")?), None).await?;
    let s = s.ok_or(ErrorCode::NotFound)?;
    ctx.ok(&shipments::detail(&db, s).await?)
}

/// The latest time an event may carry: now plus ten minutes of clock skew.
fn latest_allowed() -> String {
    (chrono::Utc::now() + chrono::Duration::minutes(10)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Validates, matches and records events; the report says what became of each.
async fn ingest_events(
    ctx: &Ctx,
    db: &D1,
    raw: &[serde_json::Value],
    source: &str,
    snapshots_now: bool,
) -> Result<IngestReport> {
    let l = ctx.locale;
    let latest = latest_allowed();
    let reject = |index: usize, field: &str, issue: FieldIssue, l: Locale| IngestItem {
        index,
        outcome: IngestOutcome::Rejected,
        field: Some(field.to_string()),
        message: Some(issue.message(l)),
    };
    let mut report = IngestReport::default();
    let mut valid: Vec<(usize, ValidEvent)> = Vec::new();
    for (i, v) in raw.iter().enumerate() {
        let parsed: std::result::Result<EventInput, _> = serde_json::from_value(v.clone());
        match parsed.map_err(|_| ("event", FieldIssue::InvalidChoice)).and_then(|e| e.validate(&latest)) {
            Ok(e) => valid.push((i, e)),
            Err((field, issue)) => report.items.push(reject(i, field, issue, l)),
        }
    }
    let waybills: Vec<&str> = valid.iter().map(|(_, e)| e.waybill_no.as_str()).collect();
    let targets: HashMap<String, tracking::Target> =
        tracking::targets(db, &waybills).await?.into_iter().map(|t| (t.waybill_no.clone(), t)).collect();
    let mut matched: Vec<(usize, i64, &ValidEvent)> = Vec::new();
    for (i, e) in &valid {
        match targets.get(&e.waybill_no) {
            None => report.items.push(reject(*i, "waybill_no", FieldIssue::UnknownWaybill, l)),
            Some(t) if e.at < t.created_at => report.items.push(reject(*i, "at", FieldIssue::TooEarly, l)),
            Some(t) => matched.push((*i, t.id, e)),
        }
    }
    let pairs: Vec<(i64, &str)> = matched.iter().map(|(_, s, e)| (*s, e.key.as_str())).collect();
    let known = tracking::known(db, &pairs).await?;
    let mut seen: HashSet<(i64, &str)> = HashSet::new();
    let mut accepted: Vec<(i64, &ValidEvent)> = Vec::new();
    for (i, sid, e) in matched {
        if known.contains(&(sid, e.key.clone())) || !seen.insert((sid, e.key.as_str())) {
            report.items.push(IngestItem {
                index: i,
                outcome: IngestOutcome::Duplicate,
                field: None,
                message: None,
            });
        } else {
            accepted.push((sid, e));
        }
    }
    tracking::record(db, source, &accepted).await?;
    // An exception may have opened a request (by trigger): its SLA clock starts now.
    crate::store::sla::start_pending(db).await?;
    let touched: Vec<i64> = accepted.iter().map(|(s, _)| *s).collect::<HashSet<_>>().into_iter().collect();
    if snapshots_now {
        track::refresh(ctx, db, &touched).await;
    } else {
        track::refresh_after(ctx, touched).await;
    }
    report.items.sort_by_key(|it| it.index);
    report.accepted = accepted.len();
    report.duplicates = report.items.iter().filter(|it| it.outcome == IngestOutcome::Duplicate).count();
    report.rejected = report.items.iter().filter(|it| it.outcome == IngestOutcome::Rejected).count();
    Ok(report)
}

/// `POST /api/v1/ingest/events`: up to 1,000 events from the firm's systems. Idempotent (a replay
/// adds nothing), out-of-order safe (status follows the latest event by time); unknown waybills
/// and bad items are reported per item and never block the good ones.
pub async fn ingest(mut ctx: Ctx) -> Result<Response> {
    let body: IngestRequest = ctx.json().await?;
    if body.events.is_empty() {
        return Err(AppError::field("events", FieldIssue::Required));
    }
    if body.events.len() > MAX_EVENTS {
        return Err(AppError::field("events", FieldIssue::TooMany { max: MAX_EVENTS }));
    }
    let (key_id, _) = ctx.integration.clone().ok_or(ErrorCode::Unauthenticated)?;
    let db = ctx.db()?;
    // The integration's batches answer once D1 has them; snapshots follow (waitUntil).
    let report = ingest_events(&ctx, &db, &body.events, &format!("key:{key_id}"), false).await?;
    // Status notices the events enqueued (by trigger) go out after the answer.
    crate::notify::deliver_after(&ctx).await;
    ctx.ok(&report)
}

/// `POST /api/v1/ingest/shipments`: up to 500 new shipments from the firm's systems. Each is
/// checked like a staff-entered one (plus: its customer and service exist); a waybill already on
/// file is a duplicate (replaying a batch adds nothing); bad items are reported per item and
/// never block the good ones, which are written in one transaction.
pub async fn ingest_shipments(mut ctx: Ctx) -> Result<Response> {
    let body: ShipmentBatch = ctx.json().await?;
    if body.shipments.is_empty() {
        return Err(AppError::field("shipments", FieldIssue::Required));
    }
    if body.shipments.len() > MAX_SHIPMENTS {
        return Err(AppError::field("shipments", FieldIssue::TooMany { max: MAX_SHIPMENTS }));
    }
    let (key_id, key_name) = ctx.integration.clone().ok_or(ErrorCode::Unauthenticated)?;
    let db = ctx.db()?;
    let l = ctx.locale;
    let reject = |index: usize, field: &str, issue: &FieldIssue| IngestItem {
        index,
        outcome: IngestOutcome::Rejected,
        field: Some(field.to_string()),
        message: Some(issue.message(l)),
    };
    let mut report = IngestReport::default();
    let mut valid: Vec<(usize, schema::shipment::ValidShipment)> = Vec::new();
    for (i, raw) in body.shipments.iter().enumerate() {
        match serde_json::from_value::<ShipmentInput>(raw.clone()) {
            Err(_) => report.items.push(reject(i, "shipment", &FieldIssue::InvalidChoice)),
            Ok(input) => match input.validate() {
                Ok(v) => valid.push((i, v)),
                Err(errors) => {
                    let (field, issue) = errors
                        .iter()
                        .next()
                        .map_or(("shipment", FieldIssue::InvalidChoice), |(f, e)| (*f, e.clone()));
                    report.items.push(reject(i, field, &issue));
                }
            },
        }
    }
    // Foreign keys would fail the whole batch: check customers and services first.
    let customer_ids: Vec<i64> = valid.iter().filter_map(|(_, v)| v.0.customer_id).collect();
    let customers: HashSet<i64> =
        shipments::existing_customers(&db, &customer_ids).await?.into_iter().collect();
    let services: HashSet<String> = shipments::service_codes(&db).await?.into_iter().collect();
    let waybills: Vec<&str> = valid.iter().map(|(_, v)| v.0.waybill_no.as_str()).collect();
    let on_file: HashSet<String> =
        tracking::targets(&db, &waybills).await?.into_iter().map(|t| t.waybill_no).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut accepted: Vec<&schema::shipment::ValidShipment> = Vec::new();
    for (i, v) in &valid {
        let s = &v.0;
        if s.customer_id.is_some_and(|c| !customers.contains(&c)) {
            report.items.push(reject(*i, "customer_id", &FieldIssue::InvalidChoice));
        } else if !services.contains(&s.service_code) {
            report.items.push(reject(*i, "service_code", &FieldIssue::InvalidChoice));
        } else if on_file.contains(&s.waybill_no) || !seen.insert(s.waybill_no.as_str()) {
            report.items.push(IngestItem {
                index: *i,
                outcome: IngestOutcome::Duplicate,
                field: None,
                message: None,
            });
        } else {
            accepted.push(v);
        }
    }
    let actor = crate::store::Actor { id: None, name: format!("key:{key_id} {key_name}") };
    let created = shipments::ingest(&db, &actor, &accepted).await?;
    report.accepted = created.len();
    // A waybill that another batch created between the check and the write is a duplicate too.
    let created: HashSet<&str> = created.iter().map(String::as_str).collect();
    for (i, v) in &valid {
        if accepted.iter().any(|a| std::ptr::eq(*a, v)) && !created.contains(v.0.waybill_no.as_str()) {
            report.items.push(IngestItem {
                index: *i,
                outcome: IngestOutcome::Duplicate,
                field: None,
                message: None,
            });
        }
    }
    report.items.sort_by_key(|it| it.index);
    report.duplicates = report.items.iter().filter(|it| it.outcome == IngestOutcome::Duplicate).count();
    report.rejected = report.items.iter().filter(|it| it.outcome == IngestOutcome::Rejected).count();
    ctx.ok(&report)
}

/// `POST /api/v1/shipments/{id}/events`: a hub or courier records an event by hand (field errors
/// as for any form; a repeat of an existing event changes nothing).
pub async fn add_event(mut ctx: Ctx) -> Result<Response> {
    let mut input: EventInput = ctx.json().await?;
    let db = ctx.db()?;
    let caller = ctx.caller()?.clone();
    let s = shipments::get(&db, ctx.scope.shipments()?, Some(ctx.id("id")?), None).await?;
    let s = s.ok_or(ErrorCode::NotFound)?;
    input.waybill_no.clone_from(&s.waybill_no);
    if input.operator.trim().is_empty() {
        input.operator.clone_from(&caller.name);
    }
    let valid = input.validate(&latest_allowed()).map_err(|(field, issue)| AppError::field(field, issue))?;
    if valid.at < s.created_at {
        return Err(AppError::field("at", FieldIssue::TooEarly));
    }
    let value = serde_json::to_value(&input).map_err(|e| AppError::Internal(e.to_string()))?;
    ingest_events(&ctx, &db, &[value], &format!("staff:{}", caller.id), true).await?;
    crate::notify::deliver_after(&ctx).await;
    let s = shipments::get(&db, None, Some(s.id), None).await?.ok_or(ErrorCode::NotFound)?;
    ctx.created(&shipments::detail(&db, s).await?)
}

/// `GET /api/v1/commitments`: the committed-time table.
pub async fn commitments(ctx: Ctx) -> Result<Response> {
    let rows = shipments::commitments(&ctx.db()?).await?;
    ctx.ok(&rows)
}

/// `PUT /api/v1/commitments`: replaces the whole table (admins). New shipments use it at once;
/// existing ones keep the committed time they were given.
pub async fn replace_commitments(mut ctx: Ctx) -> Result<Response> {
    let rows: Vec<schema::shipment::Commitment> = ctx.json().await?;
    let rows = schema::shipment::validate_commitments(&rows).map_err(AppError::Validation)?;
    let db = ctx.db()?;
    for r in &rows {
        if !shipments::service_exists(&db, &r.service_code).await? {
            return Err(AppError::field("service_code", FieldIssue::InvalidChoice));
        }
    }
    shipments::replace_commitments(&db, &ctx.actor()?, &rows).await?;
    ctx.ok(&shipments::commitments(&db).await?)
}

/// `GET /api/v1/shipments/attention`: overdue and exception counts per org in the caller's reach.
/// A dashboard figure: cached in KV for a minute per scope (at a million shipments with tens of
/// thousands flagged, counting costs ~50 ms; a minute's staleness costs nobody anything).
pub async fn attention(ctx: Ctx) -> Result<Response> {
    let scope = ctx.scope.orgs()?;
    let key = match scope {
        crate::store::Scope::All => "att:all".to_string(),
        crate::store::Scope::Subtree(p) => format!("att:t{p}"),
        crate::store::Scope::Org(id) => format!("att:o{id}"),
    };
    let kv = ctx.kv()?;
    if let Some(cached) = kv.get(&key).text().await? {
        let mut resp = Response::ok(cached)?;
        resp.headers_mut().set("Content-Type", "application/json")?;
        return Ok(resp);
    }
    let counts = shipments::attention(&ctx.db()?, scope).await?;
    let body = serde_json::to_string(&counts).map_err(|e| AppError::Internal(e.to_string()))?;
    if let Err(e) = kv.put(&key, body.as_str())?.expiration_ttl(60).execute().await {
        worker::console_warn!("attention cache: {e}");
    }
    ctx.ok(&counts)
}
