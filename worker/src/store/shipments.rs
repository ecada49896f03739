//! Shipment SQL: create, read, staff search, events, and the hand-entered event.

use schema::page::{Page, PageRequest, page_from};
use schema::shipment::{Shipment, ShipmentDetail, ShipmentStatus, TrackingEvent, ValidShipment};
use serde_json::json;

use super::audit::{self, EntityRef};
use super::customers::CustomerScope;
use super::db::{Arg, Db, DbError, Sql, names};
use super::{Actor, now};
use crate::store::db::sql;

pub(super) const SELECT: &str = "SELECT s.id, s.waybill_no, s.customer_id, c.name AS customer_name, s.shipper_name,
    s.shipper_phone, s.consignee_name, s.consignee_phone, s.consignee_address, s.origin_region, s.origin_postcode,
    s.dest_region, s.dest_postcode, s.service_code, s.pieces, s.weight_g, s.declared_value, s.fee, s.cod_amount,
    s.order_no, s.invoice_no, s.status, s.status_at, s.last_location, s.committed_at, s.delivered_at, s.overdue,
    s.delay_eligible, s.version, s.created_at FROM shipments s LEFT JOIN customers c ON c.id = s.customer_id";

/// Whether a service code is in the catalogue and active.
pub async fn service_exists(db: &impl Db, code: &str) -> Result<bool, DbError> {
    #[derive(serde::Deserialize)]
    struct R {
        #[allow(dead_code)]
        code: String,
    }
    let r: Option<R> =
        db.first(sql!("SELECT code FROM service_types WHERE code = ? AND active = 1", code)).await?;
    Ok(r.is_some())
}

/// The committed delivery time for a shipment accepted `at`: the most specific row of the
/// commitment table for its service and zones, in days. `None` without a matching row.
pub async fn committed_time(
    db: &impl Db,
    service: &str,
    origin: &str,
    dest: &str,
    at: &str,
) -> Result<Option<String>, DbError> {
    #[derive(serde::Deserialize)]
    struct D {
        days: i64,
    }
    let d: Option<D> = db
        .first(sql!(
            "SELECT days FROM commitments WHERE service_code = ?1 AND origin_zone IN (?2, '*') AND dest_zone IN (?3, '*')
             ORDER BY (origin_zone = '*') + (dest_zone = '*') LIMIT 1",
            service,
            origin,
            dest
        ))
        .await?;
    let Some(d) = d else { return Ok(None) };
    let Ok(start) = chrono::DateTime::parse_from_rfc3339(at) else { return Ok(None) };
    let due = start.with_timezone(&chrono::Utc) + chrono::Duration::days(d.days);
    Ok(Some(due.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)))
}

/// The scheduled sweep: flags open shipments past their commitment. Returns how many were flagged.
pub async fn sweep_overdue(db: &impl Db, now: &str) -> Result<u64, DbError> {
    db.exec(sql!(
        format!(
            "UPDATE shipments SET overdue = 1, version = version + 1, updated_at = ?1
             WHERE overdue = 0 AND status NOT IN ({}) AND committed_at IS NOT NULL AND committed_at < ?1",
            names([ShipmentStatus::Delivered, ShipmentStatus::Returned])
        ),
        now
    ))
    .await
}

/// Creates a shipment (status `created`) with its audit entry. Returns its id; a waybill number
/// already used fails as `Unique("shipments.waybill_no")`. `org_id`: the org that took it.
pub async fn create(
    db: &impl Db,
    actor: &Actor,
    v: &ValidShipment,
    org_id: Option<i64>,
) -> Result<i64, DbError> {
    let s = &v.0;
    let at = now();
    let committed = match &s.committed_at {
        Some(c) => Some(c.clone()),
        None => committed_time(db, &s.service_code, &s.origin_region, &s.dest_region, &at).await?,
    };
    let out = db.batch(insert(actor, v, committed, org_id, &at).to_vec()).await?;
    audit::inserted_id(&out, 1, "shipment")
}

/// The INSERT of a new shipment and its audit entry (for batches that do more, e.g. a pickup).
pub fn insert(
    actor: &Actor,
    v: &ValidShipment,
    committed: Option<String>,
    org_id: Option<i64>,
    at: &str,
) -> [Sql; 2] {
    let s = &v.0;
    [
        sql!(
            "INSERT INTO shipments (waybill_no, customer_id, shipper_name, shipper_phone, consignee_name,
             consignee_phone, consignee_address, origin_region, origin_postcode, dest_region, dest_postcode,
             service_code, pieces, weight_g, declared_value, fee, cod_amount, order_no, invoice_no, status_at,
             committed_at, created_at, updated_at, org_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            s.waybill_no.as_str(),
            s.customer_id,
            s.shipper_name.as_str(),
            s.shipper_phone.as_str(),
            s.consignee_name.as_str(),
            s.consignee_phone.as_str(),
            s.consignee_address.as_str(),
            s.origin_region.as_str(),
            s.origin_postcode.as_str(),
            s.dest_region.as_str(),
            s.dest_postcode.as_str(),
            s.service_code.as_str(),
            s.pieces,
            s.weight_g,
            s.declared_value,
            s.fee,
            s.cod_amount,
            s.order_no.as_str(),
            s.invoice_no.as_str(),
            at,
            committed,
            at,
            at,
            org_id
        ),
        audit::entry(
            actor,
            at,
            "create",
            "shipment",
            EntityRef::JustInserted,
            &json!({"waybill_no": {"from": null, "to": s.waybill_no}, "customer_id": {"from": null, "to": s.customer_id}}),
        ),
    ]
}

/// Which shipments a caller may see: sales roles those of customers in their scope, everyone
/// else (customer service, hubs, couriers, admins) all of them. `broad`: the scope holds so many
/// customers that walking shipments newest first and checking each one's customer (a primary-key
/// lookup) finds a page sooner than gathering every one of their shipments and sorting them.
fn scope_clause(scope: Option<&CustomerScope>, broad: bool) -> (String, Vec<Arg>) {
    match scope {
        None | Some(CustomerScope::All) => ("1 = 1".into(), vec![]),
        Some(CustomerScope::Only(id)) => ("s.customer_id = ?".into(), vec![(*id).into()]),
        Some(s) => {
            let (cond, args) = s.clause();
            if broad {
                (format!("EXISTS (SELECT 1 FROM customers c WHERE c.id = s.customer_id AND {cond})"), args)
            } else {
                (format!("s.customer_id IN (SELECT c.id FROM customers c WHERE {cond})"), args)
            }
        }
    }
}

/// Customers in a scope above which a scoped list walks shipments by id (see [`scope_clause`]).
pub const BROAD_SCOPE: i64 = 1000;

/// How many customers a sales scope holds (an index count).
async fn scope_size(db: &impl Db, scope: Option<&CustomerScope>) -> Result<i64, DbError> {
    #[derive(serde::Deserialize)]
    struct N {
        n: i64,
    }
    let Some(s @ (CustomerScope::Subtree(_) | CustomerScope::OwnOrShared(_))) = scope else { return Ok(0) };
    let (cond, args) = s.clause();
    let n: Option<N> = db
        .first(Sql { text: format!("SELECT count(*) AS n FROM customers c WHERE {cond}").into(), args })
        .await?;
    Ok(n.map_or(0, |n| n.n))
}

/// One shipment by id or waybill number, if in scope.
pub async fn get(
    db: &impl Db,
    scope: Option<&CustomerScope>,
    id: Option<i64>,
    waybill: Option<&str>,
) -> Result<Option<Shipment>, DbError> {
    let (cond, mut args) = scope_clause(scope, false);
    let text = match (id, waybill) {
        (Some(id), _) => {
            args.push(id.into());
            format!("{SELECT} WHERE {cond} AND s.id = ?")
        }
        (None, Some(w)) => {
            args.push(w.into());
            format!("{SELECT} WHERE {cond} AND s.waybill_no = ?")
        }
        (None, None) => return Ok(None),
    };
    db.first(Sql { text: text.into(), args }).await
}

/// A shipment's events, newest first.
pub async fn events(db: &impl Db, shipment_id: i64) -> Result<Vec<TrackingEvent>, DbError> {
    db.all(sql!(
        "SELECT id, at, type, location, description, operator FROM tracking_events WHERE shipment_id = ?
         ORDER BY at DESC, id DESC",
        shipment_id
    ))
    .await
}

/// A shipment with its events.
pub async fn detail(db: &impl Db, shipment: Shipment) -> Result<ShipmentDetail, DbError> {
    let events = events(db, shipment.id).await?;
    Ok(ShipmentDetail { shipment, events })
}

/// Staff search filters.
#[derive(Debug, Clone, Default)]
pub struct ShipmentFilter {
    /// A waybill number (or its start), or a phone of consignee or shipper.
    pub q: Option<String>,
    pub customer_id: Option<i64>,
    pub status: Option<ShipmentStatus>,
    /// Only open shipments past their commitment.
    pub overdue: bool,
    /// Only shipments taken by this org's subtree (its materialised path).
    pub org_path: Option<String>,
    /// Only shipments taken by this one org (a leaf: its list walks the index, no sort).
    pub org_id: Option<i64>,
    /// Waybill searches page by waybill number (see [`search_sql`]): the last one seen.
    pub after_waybill: Option<String>,
}

impl ShipmentFilter {
    /// A waybill number or its start — up to four letters, then digits; not a phone — listed by
    /// waybill number, newest first. Anything else is a phone or a customer's name.
    pub fn waybill_query(&self) -> Option<String> {
        let q = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())?;
        if schema::validate::Phone::parse(q).is_ok() {
            return None;
        }
        let w: String =
            q.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
        let letters = w.chars().take_while(|c| c.is_ascii_uppercase()).count();
        let looks = !w.is_empty() && letters <= 4 && w.chars().skip(letters).all(|c| c.is_ascii_digit());
        looks.then_some(w)
    }
}

/// The search query (separate so tests can check its plan): newest first.
pub fn search_sql(scope: Option<&CustomerScope>, f: &ShipmentFilter, page: PageRequest, broad: bool) -> Sql {
    let (cond, mut args) = scope_clause(scope, broad);
    let mut text = format!("{SELECT} WHERE {cond}");
    let waybill = f.waybill_query();
    if let Some(w) = &waybill {
        // A waybill number or its start: an index range, walked in waybill order (a short prefix
        // matches thousands; sorting them by id would cost more than the whole lookup).
        text.push_str(" AND s.waybill_no >= ? AND s.waybill_no < ?");
        let upper = match &f.after_waybill {
            Some(a) if a.as_str() < format!("{w}\u{10FFFF}").as_str() => a.clone(),
            _ => format!("{w}\u{10FFFF}"),
        };
        args.extend([w.clone().into(), upper.into()]);
    } else if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
        && let Ok(p) = schema::validate::Phone::parse(q)
    {
        // A phone: consignee's or shipper's, each an index lookup.
        text.push_str(
            " AND s.id IN (SELECT id FROM shipments WHERE consignee_phone = ?
                           UNION SELECT id FROM shipments WHERE shipper_phone != '' AND shipper_phone = ?)",
        );
        let p: String = p.into();
        args.extend([p.clone().into(), p.into()]);
    } else if let Some(m) = f.q.as_deref().and_then(schema::customer::match_query) {
        // A customer's name (any two characters of it, as in the customer list): their shipments.
        text.push_str(
            " AND s.customer_id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)",
        );
        args.push(m.into());
    }
    if let Some(c) = f.customer_id {
        text.push_str(" AND s.customer_id = ?");
        args.push(c.into());
    }
    if let Some(st) = f.status {
        text.push_str(" AND s.status = ?");
        args.push(st.as_str().into());
    }
    if f.overdue {
        text.push_str(" AND s.overdue = 1");
    }
    if let Some(o) = f.org_id {
        text.push_str(" AND s.org_id = ?");
        args.push(o.into());
    } else if let Some(p) = &f.org_path {
        text.push_str(" AND s.org_id IN (SELECT id FROM orgs WHERE path >= ? AND path < ?)");
        args.extend([p.into(), super::subtree_upper(p).into()]);
    }
    if waybill.is_some() {
        text.push_str(" ORDER BY s.waybill_no DESC LIMIT ?");
    } else {
        if let Some(after) = page.after {
            text.push_str(" AND s.id < ?");
            args.push(after.into());
        }
        text.push_str(" ORDER BY s.id DESC LIMIT ?");
    }
    args.push(Arg::Int(i64::from(page.limit) + 1));
    Sql { text: text.into(), args }
}

/// Staff shipment search.
pub async fn search(
    db: &impl Db,
    scope: Option<&CustomerScope>,
    f: &ShipmentFilter,
    page: PageRequest,
) -> Result<Page<Shipment>, DbError> {
    let broad = scope_size(db, scope).await? > BROAD_SCOPE;
    let mut rows: Vec<Shipment> = db.all(search_sql(scope, f, page, broad)).await?;
    if f.waybill_query().is_none() {
        return Ok(page_from(rows, page.limit, |s| s.id));
    }
    // Waybill order: the cursor carries the last waybill number.
    let more = rows.len() > page.limit as usize;
    rows.truncate(page.limit as usize);
    let next_cursor =
        if more { rows.last().map(|s| schema::page::encode_key_cursor(&s.waybill_no, s.id)) } else { None };
    Ok(Page { items: rows, next_cursor })
}

/// The committed-time table, in a stable order.
pub async fn commitments(db: &impl Db) -> Result<Vec<schema::shipment::Commitment>, DbError> {
    db.all(sql!(
        "SELECT service_code, origin_zone, dest_zone, days FROM commitments ORDER BY service_code, origin_zone, dest_zone"
    ))
    .await
}

/// Replaces the whole table (one batch, with the audit entry). An unknown service code fails on
/// its foreign key and changes nothing.
pub async fn replace_commitments(
    db: &impl Db,
    actor: &Actor,
    rows: &[schema::shipment::Commitment],
) -> Result<(), DbError> {
    let insert = "INSERT INTO commitments (service_code, origin_zone, dest_zone, days)
         SELECT json_extract(value, '$.service_code'), json_extract(value, '$.origin_zone'),
                json_extract(value, '$.dest_zone'), json_extract(value, '$.days') FROM json_each(?)";
    super::lists::replace(db, actor, "commitments", insert, rows).await
}

/// Overdue and exception counts per org within `scope` (shipments no org took count under
/// `None`, for callers who see the whole firm). Each count reads only its partial index.
pub async fn attention(
    db: &impl Db,
    scope: &super::Scope,
) -> Result<Vec<schema::shipment::OrgAttention>, DbError> {
    #[derive(serde::Deserialize)]
    struct Count {
        org_id: Option<i64>,
        n: i64,
    }
    let (cond, args) = scope.clause("path", "id");
    let orgs = if *scope == super::Scope::All {
        String::new()
    } else {
        format!(" AND org_id IN (SELECT id FROM orgs WHERE {cond})")
    };
    let count = |flag: &str| Sql {
        text: format!("SELECT org_id, count(*) AS n FROM shipments WHERE {flag}{orgs} GROUP BY org_id")
            .into(),
        args: args.clone(),
    };
    let overdue: Vec<Count> = db.all(count("overdue = 1")).await?;
    let exception: Vec<Count> =
        db.all(count(&format!("status = {}", names([ShipmentStatus::Exception])))).await?;
    #[derive(serde::Deserialize)]
    struct Name {
        id: i64,
        name: String,
    }
    let names: Vec<Name> = db.all(sql!("SELECT id, name FROM orgs")).await?;
    let mut out: Vec<schema::shipment::OrgAttention> = Vec::new();
    for (c, is_overdue) in overdue.iter().map(|c| (c, true)).chain(exception.iter().map(|c| (c, false))) {
        let i = match out.iter().position(|a| a.org_id == c.org_id) {
            Some(i) => i,
            None => {
                let org_name =
                    c.org_id.and_then(|id| names.iter().find(|n| n.id == id)).map(|n| n.name.clone());
                out.push(schema::shipment::OrgAttention {
                    org_id: c.org_id,
                    org_name,
                    overdue: 0,
                    exception: 0,
                });
                out.len() - 1
            }
        };
        if is_overdue {
            out[i].overdue = c.n;
        } else {
            out[i].exception = c.n;
        }
    }
    out.sort_by_key(|a| (std::cmp::Reverse(a.overdue + a.exception), a.org_id));
    Ok(out)
}

/// Which of `ids` are customers on file.
pub async fn existing_customers(db: &impl Db, ids: &[i64]) -> Result<Vec<i64>, DbError> {
    #[derive(serde::Deserialize)]
    struct C {
        id: i64,
    }
    let rows: Vec<C> = db
        .all(sql!(
            "SELECT id FROM customers WHERE id IN (SELECT value FROM json_each(?))",
            json!(ids).to_string()
        ))
        .await?;
    Ok(rows.into_iter().map(|c| c.id).collect())
}

/// Active service codes.
pub async fn service_codes(db: &impl Db) -> Result<Vec<String>, DbError> {
    #[derive(serde::Deserialize)]
    struct S {
        code: String,
    }
    let rows: Vec<S> = db.all(sql!("SELECT code FROM service_types WHERE active = 1")).await?;
    Ok(rows.into_iter().map(|s| s.code).collect())
}

/// Creates checked shipments from an integration in one batch: set-based INSERTs of ≤ 100 rows
/// each (D1's statement size), committed times from the commitment table in the same statement,
/// a waybill already on file ignored (a replay, or a race with another batch), one audit entry.
/// Returns the waybill numbers created.
pub async fn ingest(db: &impl Db, actor: &Actor, rows: &[&ValidShipment]) -> Result<Vec<String>, DbError> {
    #[derive(serde::Deserialize)]
    struct W {
        waybill_no: String,
    }
    if rows.is_empty() {
        return Ok(vec![]);
    }
    let at = now();
    let mut batch: Vec<Sql> = rows
        .chunks(100)
        .map(|chunk| {
            let items: Vec<serde_json::Value> = chunk.iter().map(|v| json!(v.0)).collect();
            sql!(
                "INSERT OR IGNORE INTO shipments (waybill_no, customer_id, shipper_name, shipper_phone, consignee_name,
                     consignee_phone, consignee_address, origin_region, origin_postcode, dest_region, dest_postcode,
                     service_code, pieces, weight_g, declared_value, fee, cod_amount, order_no, invoice_no, status_at,
                     committed_at, created_at, updated_at)
                 SELECT j.value ->> 'waybill_no', j.value ->> 'customer_id', j.value ->> 'shipper_name',
                     j.value ->> 'shipper_phone', j.value ->> 'consignee_name', j.value ->> 'consignee_phone',
                     j.value ->> 'consignee_address', j.value ->> 'origin_region', j.value ->> 'origin_postcode',
                     j.value ->> 'dest_region', j.value ->> 'dest_postcode', j.value ->> 'service_code',
                     j.value ->> 'pieces', j.value ->> 'weight_g', j.value ->> 'declared_value', j.value ->> 'fee',
                     j.value ->> 'cod_amount', j.value ->> 'order_no', j.value ->> 'invoice_no', ?2,
                     coalesce(j.value ->> 'committed_at',
                         (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ?2, '+' || c.days || ' days') FROM commitments c
                          WHERE c.service_code = j.value ->> 'service_code'
                            AND c.origin_zone IN (j.value ->> 'origin_region', '*')
                            AND c.dest_zone IN (j.value ->> 'dest_region', '*')
                          ORDER BY (c.origin_zone = '*') + (c.dest_zone = '*') LIMIT 1)),
                     ?2, ?2
                 FROM json_each(?1) AS j
                 RETURNING waybill_no",
                serde_json::Value::Array(items).to_string(),
                at.as_str()
            )
        })
        .collect();
    let n = batch.len();
    batch.push(audit::entry(
        actor,
        &at,
        "ingest",
        "shipment",
        EntityRef::Id(0),
        &json!({"shipments": {"from": null, "to": rows.len()}}),
    ));
    let out = db.batch(batch).await?;
    Ok(out
        .into_iter()
        .take(n)
        .flat_map(|o| o.rows)
        .filter_map(|r| serde_json::from_value::<W>(r).ok().map(|w| w.waybill_no))
        .collect())
}

/// Whether an org (by path) has orgs below it.
pub async fn has_children(db: &impl Db, path: &str) -> Result<bool, DbError> {
    #[derive(serde::Deserialize)]
    struct N {
        n: i64,
    }
    let n: Option<N> = db
        .first(sql!(
            "SELECT count(*) AS n FROM orgs WHERE path > ? AND path < ?",
            path,
            super::subtree_upper(path)
        ))
        .await?;
    Ok(n.is_some_and(|n| n.n > 0))
}
