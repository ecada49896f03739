//! Settings kept as whole lists (complaint causes, routing rules, canned replies, commitments, SLA
//! policies, business calendars): an admin edits the list and saves it at once, so a save
//! replaces every row — in one batch with its audit entry, so a failure leaves the old list.

use serde::Serialize;

use super::audit::{self, EntityRef};
use super::db::{Db, DbError, Sql, json};
use super::{Actor, now};

/// Replaces the rows of `table` with `rows`: all deleted, then `insert` (an `INSERT … SELECT …
/// FROM json_each(?)`, `key` being a row's position) run on the rows as JSON, and one audit
/// entry with the new count. A list that cannot be written as JSON is an error — never an empty
/// table.
pub async fn replace<T: Serialize>(
    db: &impl Db,
    actor: &Actor,
    table: &'static str,
    insert: &'static str,
    rows: &[T],
) -> Result<(), DbError> {
    let body = json(rows)?;
    db.batch(vec![
        Sql { text: format!("DELETE FROM {table}").into(), args: vec![] },
        Sql { text: insert.into(), args: vec![body.into()] },
        audit::entry(
            actor,
            &now(),
            "update",
            table,
            EntityRef::Id(0),
            &serde_json::json!({"rows": {"from": null, "to": rows.len()}}),
        ),
    ])
    .await
    .map(|_| ())
}
