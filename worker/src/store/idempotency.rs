//! Replies to writes a client marked with an `Idempotency-Key` (a courier's phone sending what it
//! queued in a lift): the same key from the same staff member gets the first answer again instead
//! of writing a second time — or, for a guarded update, a version conflict with itself. Kept a
//! week; the sweep forgets older ones.

use serde::Deserialize;

use super::db::{Db, DbError};
use crate::store::db::sql;

/// A remembered answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Reply {
    pub method: String,
    pub path: String,
    pub status: u16,
    pub body: String,
}

/// The answer given to `key` from `staff_id`, if there was one.
pub async fn find(db: &impl Db, staff_id: i64, key: &str) -> Result<Option<Reply>, DbError> {
    db.first(sql!(
        "SELECT method, path, status, body FROM idempotency_keys WHERE staff_id = ? AND key = ?",
        staff_id,
        key
    ))
    .await
}

/// Remembers the answer to `key`; a key already remembered keeps its first answer.
pub async fn remember(
    db: &impl Db,
    staff_id: i64,
    key: &str,
    reply: &Reply,
    at: &str,
) -> Result<(), DbError> {
    db.exec(sql!(
        "INSERT OR IGNORE INTO idempotency_keys (staff_id, key, method, path, status, body, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        staff_id,
        key,
        reply.method.as_str(),
        reply.path.as_str(),
        i64::from(reply.status),
        reply.body.as_str(),
        at
    ))
    .await
    .map(|_| ())
}

/// Forgets answers older than `before`.
pub async fn forget_before(db: &impl Db, before: &str) -> Result<u64, DbError> {
    db.exec(sql!("DELETE FROM idempotency_keys WHERE created_at < ?", before)).await
}

#[cfg(test)]
mod tests {
    use futures::executor::block_on;

    use super::*;
    use crate::store::customer_tests::setup;

    #[test]
    fn first_answer_sticks_per_person_and_old_ones_go() {
        let db = setup();
        block_on(async {
            assert_eq!(find(&db, 1, "k1").await.unwrap_or_else(|e| panic!("{e:?}")), None);
            let first = Reply {
                method: "POST".into(),
                path: "/api/v1/pickups/1/collect".into(),
                status: 200,
                body: "{\"a\":1}".into(),
            };
            remember(&db, 1, "k1", &first, "2026-12-01T00:00:00.000Z")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let second = Reply { status: 409, body: "{}".into(), ..first.clone() };
            remember(&db, 1, "k1", &second, "2026-12-01T00:00:01.000Z")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(find(&db, 1, "k1").await.unwrap_or_else(|e| panic!("{e:?}")), Some(first));
            // The same text from someone else is their own key.
            assert_eq!(find(&db, 2, "k1").await.unwrap_or_else(|e| panic!("{e:?}")), None);
            assert_eq!(
                forget_before(&db, "2026-12-02T00:00:00.000Z").await.unwrap_or_else(|e| panic!("{e:?}")),
                1
            );
            assert_eq!(find(&db, 1, "k1").await.unwrap_or_else(|e| panic!("{e:?}")), None);
        });
    }
}
