//! Complaints: the firm's cause list (replaced as a whole by admins), a complaint's
//! classification (version-checked; a move to severe alerts by trigger, migration 0024), and
//! the counts by cause over time.

use schema::complaint::{CauseCount, Classification, ComplaintCause};

use super::db::{Db, DbError, Sql, guard_changed};
use super::requests::{Author, RequestScope};
use super::{Actor, now};
use crate::store::db::sql;

/// The causes in their order.
pub async fn causes(db: &impl Db) -> Result<Vec<ComplaintCause>, DbError> {
    db.all(sql!("SELECT code, label_zh, label_en, active FROM complaint_causes ORDER BY position, code"))
        .await
}

/// Replaces the cause list (one batch, audited). Complaints keep the codes they were given.
pub async fn replace_causes(db: &impl Db, actor: &Actor, rows: &[ComplaintCause]) -> Result<(), DbError> {
    let insert = "INSERT INTO complaint_causes (code, label_zh, label_en, active, position)
         SELECT value ->> 'code', value ->> 'label_zh', value ->> 'label_en', value ->> 'active', key
         FROM json_each(?)";
    super::lists::replace(db, actor, "complaint_causes", insert, rows).await
}

/// Classifies a complaint (version-checked; only complaints, only active causes).
pub async fn classify(db: &impl Db, id: i64, c: &Classification, by: &Author) -> Result<(), DbError> {
    db.batch(vec![
        sql!(
            "UPDATE service_requests SET complaint_target = ?1, complaint_cause = ?2, severity = ?3, changed_by = ?4,
                 change_note = '', version = version + 1, updated_at = ?5
             WHERE id = ?6 AND version = ?7 AND kind = 'complaint'
               AND EXISTS (SELECT 1 FROM complaint_causes WHERE code = ?2 AND active = 1)",
            c.target.as_str(),
            c.cause.as_str(),
            c.severity.as_str(),
            by.name(),
            now(),
            id,
            c.version
        ),
        guard_changed(),
    ])
    .await
    .map(|_| ())
}

/// Complaints opened since `since` (UTC instant) per period (Beijing month `2026-11` or week
/// `2026-W47`) and cause, within the scope; oldest period first.
pub async fn cause_counts(
    db: &impl Db,
    scope: &RequestScope,
    since: &str,
    weekly: bool,
) -> Result<Vec<CauseCount>, DbError> {
    let (cond, mut args) = scope.clause();
    let period = if weekly {
        "strftime('%Y-W%W', r.created_at, '+8 hours')"
    } else {
        "strftime('%Y-%m', r.created_at, '+8 hours')"
    };
    args.push(since.into());
    db.all(Sql {
        text: format!(
            "SELECT {period} AS period, r.complaint_cause AS cause, count(*) AS n FROM service_requests r
             WHERE r.kind = 'complaint' AND {cond} AND r.created_at >= ? GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"
        )
        .into(),
        args,
    })
    .await
}
