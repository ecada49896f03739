//! Failed-login counters in fixed windows, per key (`acct:<login>`, `ip:<address>`).

use serde::Deserialize;

use super::db::{Db, DbError};
use crate::store::db::sql;

/// Failures recorded for `key` in the window that started at or after `window_start`.
pub async fn failures(db: &impl Db, key: &str, window_start: i64) -> Result<i64, DbError> {
    #[derive(Deserialize)]
    struct F {
        failures: i64,
    }
    let row: Option<F> = db
        .first(sql!(
            "SELECT failures FROM login_throttle WHERE key = ? AND window_start >= ?",
            key,
            window_start
        ))
        .await?;
    Ok(row.map_or(0, |f| f.failures))
}

/// Counts one failure against each key; a key whose window has passed starts a new one at `now`.
pub async fn record_failure(db: &impl Db, keys: &[&str], now: i64, window_secs: i64) -> Result<(), DbError> {
    let stmts = keys
        .iter()
        .map(|k| {
            sql!(
                "INSERT INTO login_throttle (key, window_start, failures) VALUES (?, ?, 1)
                 ON CONFLICT(key) DO UPDATE SET
                   failures = CASE WHEN window_start <= ? - ? THEN 1 ELSE failures + 1 END,
                   window_start = CASE WHEN window_start <= ? - ? THEN excluded.window_start ELSE window_start END",
                *k, now, now, window_secs, now, window_secs
            )
        })
        .collect();
    db.batch(stmts).await.map(|_| ())
}

/// Forgets an account's failures after a successful sign-in.
pub async fn clear(db: &impl Db, key: &str) -> Result<(), DbError> {
    db.exec(sql!("DELETE FROM login_throttle WHERE key = ?", key)).await.map(|_| ())
}

/// Drops counters whose window started before `before` (the sweep): code requests count here
/// too, one row per login asked for, so the table must not grow forever.
pub async fn forget(db: &impl Db, before: i64) -> Result<u64, DbError> {
    db.exec(sql!("DELETE FROM login_throttle WHERE window_start < ?", before)).await
}
