//! Interactions and the customer timeline they make up with lifecycle changes and the recorded
//! changes (edits, hand-overs, shares, merges) of the audit log.

use schema::ids::{CustomerId, StaffId};
use schema::interaction::{
    Interaction, InteractionStatus, RecordChange, ShipmentEntry, StatusChange, TimelineItem, TimelinePage,
    ValidInteraction,
};
use serde_json::json;

use super::audit::{self, EntityRef};
use super::db::{Db, DbError, Sql, guard_changed, names};
use super::{Actor, now};
use crate::store::db::sql;

const SELECT: &str = "SELECT i.id, i.customer_id, c.name AS customer_name, i.contact_id, ct.name AS contact_name,
    i.kind, i.status, i.summary, i.due_at, i.done_at, i.staff_id, s.name AS staff_name, i.comment, i.comment_by,
    i.comment_at, i.version, i.created_at
    FROM interactions i JOIN customers c ON c.id = i.customer_id JOIN staff s ON s.id = i.staff_id
    LEFT JOIN contacts ct ON ct.id = i.contact_id";

/// One interaction of a customer.
pub async fn get(db: &impl Db, customer_id: CustomerId, id: i64) -> Result<Option<Interaction>, DbError> {
    db.first(sql!(format!("{SELECT} WHERE i.id = ? AND i.customer_id = ?"), id, customer_id)).await
}

/// Where the timeline continues: entries strictly older than `(at, source, id)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Before {
    pub at: String,
    /// `a` recorded change, `i` interaction, `r` service request, `s` status change, `w` shipment
    /// (waybill).
    pub src: char,
    pub id: i64,
}

impl Before {
    /// Parses the `before` query value (`next_before` of the previous page).
    pub fn parse(raw: &str) -> Option<Before> {
        let mut p = raw.split('|');
        let at = schema::validate::instant(p.next()?).ok()?;
        let src = p.next().filter(|s| matches!(*s, "a" | "i" | "r" | "s" | "w"))?.chars().next()?;
        let id = p.next()?.parse().ok()?;
        p.next().is_none().then_some(Before { at, src, id })
    }

    fn encode(&self) -> String {
        format!("{}|{}|{}", self.at, self.src, self.id)
    }
}

fn item_key(item: &TimelineItem) -> Before {
    match item {
        TimelineItem::Interaction(i) => Before {
            at: i.done_at.clone().or_else(|| i.due_at.clone()).unwrap_or_else(|| i.created_at.clone()),
            src: 'i',
            id: i.id,
        },
        TimelineItem::Status(s) => Before { at: s.at.clone(), src: 's', id: s.id },
        TimelineItem::Change(c) => Before { at: c.at.clone(), src: 'a', id: c.id },
        TimelineItem::Shipment(s) => Before { at: s.at.clone(), src: 'w', id: s.id },
        TimelineItem::Request(r) => Before { at: r.at.clone(), src: 'r', id: r.id },
    }
}

/// A page of a customer's timeline, newest first: interactions (by when they happened or are
/// due) and lifecycle changes, merged. Each source is one index range.
pub async fn timeline(
    db: &impl Db,
    customer_id: CustomerId,
    before: Option<&Before>,
    limit: u32,
) -> Result<TimelinePage, DbError> {
    let top = Before { at: "\u{10FFFF}".into(), src: 'z', id: i64::MAX };
    let b = before.unwrap_or(&top);
    let take = i64::from(limit) + 1;
    // One source's rows of this customer strictly before the cursor, newest first: `head` ends
    // in `WHERE customer_id = ?`, `p` is the source's column prefix, `src` its letter.
    let before = |head: &str, p: &str, src: char| {
        sql!(
            format!("{head} AND ({p}at, '{src}', {p}id) < (?, ?, ?) ORDER BY {p}at DESC, {p}id DESC LIMIT ?"),
            customer_id,
            b.at.as_str(),
            b.src.to_string(),
            b.id,
            take
        )
    };
    let interactions: Vec<Interaction> =
        db.all(before(&format!("{SELECT} WHERE i.customer_id = ?"), "i.", 'i')).await?;
    let changes: Vec<StatusChange> = db
        .all(before(
            "SELECT id, from_status, to_status, at, actor_name FROM customer_status_history WHERE customer_id = ?",
            "",
            's',
        ))
        .await?;
    #[derive(serde::Deserialize)]
    struct Audit {
        id: i64,
        at: String,
        actor_name: String,
        action: String,
        diff: String,
    }
    // The customer's recorded changes, except its creation (the lifecycle start shows that).
    let audits: Vec<Audit> = db
        .all(before(
            "SELECT id, at, actor_name, action, diff FROM audit_log
             WHERE action NOT IN ('create', 'import') AND entity = 'customer' AND entity_id = ?",
            "",
            'a',
        ))
        .await?;
    // The customer's shipments (a derived table, flattened onto the (customer_id, created_at) index).
    let sent: Vec<ShipmentEntry> = db
        .all(before(
            "SELECT * FROM (SELECT id, waybill_no, status, dest_region, created_at AS at FROM shipments
             WHERE customer_id = ?) WHERE 1",
            "",
            'w',
        ))
        .await?;
    // The customer's service requests, by when they were opened.
    let asked: Vec<schema::interaction::RequestMark> = db
        .all(before(
            "SELECT * FROM (SELECT id, number, kind, status, subject, created_at AS at,
                 (SELECT overall FROM request_surveys WHERE request_id = service_requests.id) AS rating
             FROM service_requests WHERE customer_id = ?) WHERE 1",
            "",
            'r',
        ))
        .await?;
    let recorded = audits.into_iter().map(|a| {
        let fields = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&a.diff)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        TimelineItem::Change(RecordChange {
            id: a.id,
            at: a.at,
            actor_name: a.actor_name,
            action: a.action,
            fields,
        })
    });
    let mut items: Vec<TimelineItem> = interactions
        .into_iter()
        .map(|i| TimelineItem::Interaction(Box::new(i)))
        .chain(changes.into_iter().map(TimelineItem::Status))
        .chain(recorded)
        .chain(sent.into_iter().map(TimelineItem::Shipment))
        .chain(asked.into_iter().map(TimelineItem::Request))
        .collect();
    items.sort_by(|a, b| {
        let (a, b) = (item_key(a), item_key(b));
        (b.at, b.src, b.id).cmp(&(a.at, a.src, a.id))
    });
    let more = items.len() > limit as usize;
    items.truncate(limit as usize);
    let next_before = if more { items.last().map(|i| item_key(i).encode()) } else { None };
    Ok(TimelinePage { items, next_before })
}

/// A person's planned interactions (follow-ups), soonest first — overdue ones lead.
pub async fn planned_for(db: &impl Db, staff_id: StaffId, limit: u32) -> Result<Vec<Interaction>, DbError> {
    db.all(sql!(
        format!(
            "{SELECT} WHERE i.staff_id = ? AND i.status = {} ORDER BY i.due_at, i.id LIMIT ?",
            names([InteractionStatus::Planned])
        ),
        staff_id,
        i64::from(limit)
    ))
    .await
}

fn snapshot(v: &ValidInteraction) -> serde_json::Value {
    json!({
        "kind": v.kind, "status": v.status, "summary": v.summary, "contact_id": v.contact_id,
        "due_at": v.due_at, "done_at": v.done_at,
    })
}

/// Keeps the customer's "last contacted" time current when an interaction is done.
fn touch_customer(customer_id: CustomerId, v: &ValidInteraction) -> Option<Sql> {
    let done = v.done_at.as_deref().filter(|_| v.status == InteractionStatus::Done)?;
    Some(sql!(
        "UPDATE customers SET last_contact_at = max(coalesce(last_contact_at, ''), ?) WHERE id = ?",
        done,
        customer_id
    ))
}

/// Records a new interaction by `staff_id`, with the audit entry, in one batch. Returns its id.
pub async fn create(
    db: &impl Db,
    actor: &Actor,
    customer_id: CustomerId,
    staff_id: StaffId,
    v: &ValidInteraction,
) -> Result<i64, DbError> {
    let at = now();
    let mut batch = vec![
        sql!(
            "INSERT INTO interactions (customer_id, contact_id, kind, status, summary, due_at, done_at, staff_id,
             created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            customer_id, v.contact_id, v.kind.as_str(), v.status.as_str(), v.summary.as_str(), v.due_at.clone(),
            v.done_at.clone(), staff_id, at.as_str(), at.as_str()
        ),
        audit::entry(actor, &at, "create", "interaction", EntityRef::JustInserted, &snapshot(v)),
    ];
    batch.extend(touch_customer(customer_id, v));
    let out = db.batch(batch).await?;
    audit::inserted_id(&out, 1, "interaction")
}

/// Replaces an interaction's fields if `version` matches, with the audit entry, in one batch.
pub async fn update(
    db: &impl Db,
    actor: &Actor,
    before: &Interaction,
    v: &ValidInteraction,
    version: i64,
) -> Result<(), DbError> {
    let at = now();
    let mut batch = vec![
        sql!(
            "UPDATE interactions SET contact_id = ?, kind = ?, status = ?, summary = ?, due_at = ?, done_at = ?,
             version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
            v.contact_id, v.kind.as_str(), v.status.as_str(), v.summary.as_str(), v.due_at.clone(),
            v.done_at.clone(), at.as_str(), before.id, version
        ),
        guard_changed(),
    ];
    let old = json!({
        "kind": before.kind, "status": before.status, "summary": before.summary, "contact_id": before.contact_id,
        "due_at": before.due_at, "done_at": before.done_at,
    });
    let diff = schema::diff::diff(&old, &snapshot(v));
    batch.push(audit::entry(actor, &at, "update", "interaction", EntityRef::Id(before.id), &diff));
    batch.extend(touch_customer(CustomerId(before.customer_id), v));
    db.batch(batch).await.map(|_| ())
}

/// Sets a manager's comment (批复) if `version` matches, with the audit entry.
pub async fn comment(
    db: &impl Db,
    actor: &Actor,
    before: &Interaction,
    text: &str,
    version: i64,
) -> Result<(), DbError> {
    let at = now();
    let diff = schema::diff::diff(&json!({"comment": before.comment}), &json!({"comment": text}));
    db.batch(vec![
        sql!(
            "UPDATE interactions SET comment = ?, comment_by = ?, comment_at = ?, version = version + 1,
             updated_at = ? WHERE id = ? AND version = ?",
            text,
            actor.name.as_str(),
            at.as_str(),
            at.as_str(),
            before.id,
            version
        ),
        guard_changed(),
        audit::entry(actor, &at, "comment", "interaction", EntityRef::Id(before.id), &diff),
    ])
    .await
    .map(|_| ())
}
