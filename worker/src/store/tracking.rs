//! Tracking-event ingest: a batch of events is matched to shipments and to already recorded
//! events in two queries, then written as one set-based batch — events inserted (a replayed event
//! collides on `(shipment_id, event_key)` and is ignored), each touched shipment's status moved to
//! its latest event by time (so events arriving out of order never move it backwards).

use std::collections::{HashMap, HashSet};

use schema::shipment::{ShipmentDetail, ValidEvent};
use serde::Deserialize;
use serde_json::{Value, json};

use super::db::{Db, DbError};
use super::now;
use crate::store::db::sql;

/// A shipment an event may attach to.
#[derive(Debug, Clone, Deserialize)]
pub struct Target {
    pub id: i64,
    pub waybill_no: String,
    pub created_at: String,
}

/// The shipments among `waybills`.
pub async fn targets(db: &impl Db, waybills: &[&str]) -> Result<Vec<Target>, DbError> {
    db.all(sql!(
        "SELECT id, waybill_no, created_at FROM shipments WHERE waybill_no IN (SELECT value FROM json_each(?))",
        json!(waybills).to_string()
    ))
    .await
}

/// Which of `(shipment id, event key)` are already recorded.
pub async fn known(db: &impl Db, pairs: &[(i64, &str)]) -> Result<HashSet<(i64, String)>, DbError> {
    #[derive(Deserialize)]
    struct K {
        shipment_id: i64,
        event_key: String,
    }
    let rows: Vec<K> = db
        .all(sql!(
            "SELECT shipment_id, event_key FROM tracking_events
             WHERE (shipment_id, event_key) IN
                   (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))",
            json!(pairs).to_string()
        ))
        .await?;
    Ok(rows.into_iter().map(|k| (k.shipment_id, k.event_key)).collect())
}

/// Writes the accepted events and moves the touched shipments' status — one batch.
pub async fn record(db: &impl Db, source: &str, events: &[(i64, &ValidEvent)]) -> Result<(), DbError> {
    if events.is_empty() {
        return Ok(());
    }
    let at = now();
    let rows: Vec<Value> = events
        .iter()
        .map(|(sid, e)| json!([sid, e.key, e.at, e.kind.as_str(), e.location, e.description, e.operator]))
        .collect();
    let touched: Vec<i64> = events.iter().map(|(sid, _)| *sid).collect::<HashSet<_>>().into_iter().collect();
    db.batch(vec![
        sql!(
            "INSERT OR IGNORE INTO tracking_events
                 (shipment_id, event_key, at, type, location, description, operator, source, created_at)
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
                    json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'),
                    json_extract(value, '$[6]'), ?2, ?3
             FROM json_each(?1)",
            Value::Array(rows).to_string(),
            source,
            at.as_str()
        ),
        latest_status("SELECT value FROM json_each(?1)", json!(touched).to_string().into(), &at),
    ])
    .await
    .map(|_| ())
}

/// Moves each shipment named by `targets` (a subquery over `?1`) to its latest event by time.
/// SQLite takes the bare columns of an aggregate from the row holding max(at).
pub fn latest_status(targets: &str, arg: super::db::Arg, at: &str) -> super::db::Sql {
    super::db::Sql {
        text: format!(
            "UPDATE shipments SET status = t.type, status_at = t.at, last_location = t.location,
                 delivered_at = CASE WHEN t.type = 'delivered' THEN t.at ELSE shipments.delivered_at END,
                 delay_eligible = CASE WHEN t.type = 'delivered' AND shipments.committed_at IS NOT NULL
                                       AND t.at > shipments.committed_at THEN 1 ELSE shipments.delay_eligible END,
                 overdue = CASE WHEN t.type IN ('delivered', 'returned') THEN 0 ELSE shipments.overdue END,
                 version = shipments.version + 1, updated_at = ?2
             FROM (SELECT shipment_id, type, location, max(at) AS at FROM tracking_events
                   WHERE shipment_id IN ({targets}) GROUP BY shipment_id) AS t
             WHERE shipments.id = t.shipment_id AND (shipments.status_at, shipments.status) != (t.at, t.type)"
        )
        .into(),
        args: vec![arg, at.into()],
    }
}

/// Full snapshots (shipment and events) of some shipments, for the public-tracking cache.
pub async fn snapshots(db: &impl Db, ids: &[i64]) -> Result<Vec<ShipmentDetail>, DbError> {
    let mut out = Vec::new();
    let list = json!(ids).to_string();
    let shipments: Vec<schema::shipment::Shipment> = db
        .all(sql!(
            format!("{} WHERE s.id IN (SELECT value FROM json_each(?))", super::shipments::SELECT),
            list.as_str()
        ))
        .await?;
    #[derive(Deserialize)]
    struct E {
        shipment_id: i64,
        #[serde(flatten)]
        event: schema::shipment::TrackingEvent,
    }
    let events: Vec<E> = db
        .all(sql!(
            "SELECT shipment_id, id, at, type, location, description, operator FROM tracking_events
             WHERE shipment_id IN (SELECT value FROM json_each(?)) ORDER BY at DESC, id DESC",
            list.as_str()
        ))
        .await?;
    let mut by: HashMap<i64, Vec<schema::shipment::TrackingEvent>> = HashMap::new();
    for e in events {
        by.entry(e.shipment_id).or_default().push(e.event);
    }
    for s in shipments {
        let events = by.remove(&s.id).unwrap_or_default();
        out.push(ShipmentDetail { shipment: s, events });
    }
    Ok(out)
}

/// Records a visitor's "report a problem" against a shipment.
pub async fn report(
    db: &impl Db,
    shipment_id: i64,
    description: &str,
    phone: &str,
    ip: &str,
) -> Result<(), DbError> {
    db.exec(sql!(
        "INSERT INTO tracking_reports (shipment_id, description, contact_phone, client_ip, created_at)
         VALUES (?, ?, ?, ?, ?)",
        shipment_id,
        description,
        phone,
        ip,
        now()
    ))
    .await
    .map(|_| ())
}

/// Which of `ids` have a live snapshot in KV (see `tracked_snapshots`).
pub async fn cached_among(db: &impl Db, ids: &[i64], now: &str) -> Result<Vec<i64>, DbError> {
    #[derive(Deserialize)]
    struct C {
        shipment_id: i64,
    }
    let rows: Vec<C> = db
        .all(sql!(
            "SELECT shipment_id FROM tracked_snapshots
             WHERE shipment_id IN (SELECT value FROM json_each(?)) AND until > ?",
            json!(ids).to_string(),
            now
        ))
        .await?;
    Ok(rows.into_iter().map(|c| c.shipment_id).collect())
}

/// Records that a shipment's snapshot is (about to be) in KV until `until`.
pub async fn mark_cached(db: &impl Db, id: i64, until: &str) -> Result<(), DbError> {
    db.exec(sql!("INSERT OR REPLACE INTO tracked_snapshots (shipment_id, until) VALUES (?, ?)", id, until))
        .await
        .map(|_| ())
}

/// Moves the marks of rewritten snapshots to their new expiry.
pub async fn extend_marks(db: &impl Db, ids: &[i64], until: &str) -> Result<(), DbError> {
    db.exec(sql!(
        "UPDATE tracked_snapshots SET until = ? WHERE shipment_id IN (SELECT value FROM json_each(?))",
        until,
        json!(ids).to_string()
    ))
    .await
    .map(|_| ())
}

/// Forgets expired snapshot records (the scheduled sweep).
pub async fn forget_snapshots(db: &impl Db, now: &str) -> Result<u64, DbError> {
    db.exec(sql!("DELETE FROM tracked_snapshots WHERE until <= ?", now)).await
}
