//! Audit-log SQL. Entries are built as statements to go into the *same* batch as the change.

use schema::audit::AuditEntry;
use schema::page::{Page, PageRequest, page_from};
use serde::Deserialize;

use super::Actor;
use super::db::{Arg, Db, DbError, Sql};
use crate::store::db::sql;

/// Which record an entry is about: known, or the row the batch just inserted.
#[derive(Debug, Clone, Copy)]
pub enum EntityRef {
    Id(i64),
    /// `last_insert_rowid()` — valid when the entry directly follows the entity's INSERT (and any
    /// statements in between touched the same row only).
    JustInserted,
}

/// An INSERT for one entry. Returns `entity_id` so a create learns its new id from the batch.
pub fn entry(
    actor: &Actor,
    at: &str,
    action: &str,
    entity: &str,
    id: EntityRef,
    diff: &serde_json::Value,
) -> Sql {
    let diff = diff.to_string();
    match id {
        EntityRef::Id(id) => sql!(
            "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, diff)
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING entity_id",
            at,
            actor.id,
            actor.name.as_str(),
            action,
            entity,
            id,
            diff
        ),
        EntityRef::JustInserted => sql!(
            "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, diff)
             VALUES (?, ?, ?, ?, ?, last_insert_rowid(), ?) RETURNING entity_id",
            at,
            actor.id,
            actor.name.as_str(),
            action,
            entity,
            diff
        ),
    }
}

/// The id the audit entry at `index` of a batch recorded (its `RETURNING entity_id`): how a
/// create learns its new id in the same round trip.
pub fn inserted_id(out: &[super::db::BatchOut], index: usize, what: &str) -> Result<i64, DbError> {
    out.get(index)
        .and_then(|o| o.rows.first())
        .and_then(|r| r.get("entity_id"))
        .and_then(serde_json::Value::as_f64)
        .map(|f| f as i64)
        .ok_or_else(|| DbError::Other(format!("{what} insert returned no id")))
}

/// Filters for browsing the log.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub action: Option<String>,
    /// Inclusive lower bound on `at` (RFC 3339 or a date).
    pub since: Option<String>,
    /// Exclusive upper bound on `at`.
    pub until: Option<String>,
}

#[derive(Deserialize)]
struct Row {
    id: i64,
    at: String,
    actor_id: Option<i64>,
    actor_name: String,
    action: String,
    entity: String,
    entity_id: i64,
    diff: String,
}

/// Newest first, keyset on id.
pub async fn list(db: &impl Db, f: &AuditFilter, page: PageRequest) -> Result<Page<AuditEntry>, DbError> {
    let mut text = String::from(
        "SELECT id, at, actor_id, actor_name, action, entity, entity_id, diff FROM audit_log WHERE 1 = 1",
    );
    let mut args: Vec<Arg> = Vec::new();
    let mut add = |cond: &str, arg: Arg| {
        text.push_str(" AND ");
        text.push_str(cond);
        args.push(arg);
    };
    if let Some(e) = &f.entity {
        add("entity = ?", e.into());
    }
    if let Some(id) = f.entity_id {
        add("entity_id = ?", id.into());
    }
    if let Some(id) = f.actor_id {
        add("actor_id = ?", id.into());
    }
    if let Some(a) = &f.action {
        add("action = ?", a.into());
    }
    if let Some(s) = &f.since {
        add("at >= ?", s.into());
    }
    if let Some(u) = &f.until {
        add("at < ?", u.into());
    }
    if let Some(after) = page.after {
        add("id < ?", after.into());
    }
    text.push_str(" ORDER BY id DESC LIMIT ?");
    args.push(Arg::Int(i64::from(page.limit) + 1));
    let rows: Vec<Row> = db.all(Sql { text: text.into(), args }).await?;
    let items = rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at,
            actor_id: r.actor_id,
            actor_name: r.actor_name,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            diff: serde_json::from_str(&r.diff).unwrap_or(serde_json::Value::Null),
        })
        .collect();
    Ok(page_from(items, page.limit, |e| e.id))
}
