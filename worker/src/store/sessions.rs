//! Session rows: the durable record behind each token, and the list to revoke on password change
//! or deactivation.

use schema::auth::Realm;
use serde::Deserialize;

use super::db::{Db, DbError};
use super::now;
use crate::store::db::sql;

fn realm_str(r: Realm) -> &'static str {
    match r {
        Realm::Staff => "staff",
        Realm::Customer => "customer",
        Realm::Integration => "integration",
    }
}

/// Records a new session.
pub async fn create(
    db: &impl Db,
    id: &str,
    realm: Realm,
    subject: i64,
    expires_at: &str,
    ip: &str,
    user_agent: &str,
) -> Result<(), DbError> {
    let ua: String = user_agent.chars().take(200).collect();
    db.exec(sql!(
        "INSERT INTO sessions (id, realm, subject_id, created_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
        id, realm_str(realm), subject, now(), expires_at, ip, ua
    ))
    .await
    .map(|_| ())
}

/// Whether a session may still be renewed: not revoked and not past its absolute expiry.
pub async fn is_live(db: &impl Db, id: &str) -> Result<bool, DbError> {
    #[derive(Deserialize)]
    struct One {
        #[allow(dead_code)]
        id: String,
    }
    let row: Option<One> = db
        .first(sql!(
            "SELECT id FROM sessions WHERE id = ? AND revoked_at IS NULL AND expires_at > ?",
            id,
            now()
        ))
        .await?;
    Ok(row.is_some())
}

/// Revokes one session.
pub async fn revoke(db: &impl Db, id: &str) -> Result<(), DbError> {
    db.exec(sql!("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now(), id))
        .await
        .map(|_| ())
}

/// Revokes every live session of a subject except `keep`; returns the ids revoked (to mark in KV).
pub async fn revoke_all(
    db: &impl Db,
    realm: Realm,
    subject: i64,
    keep: Option<&str>,
) -> Result<Vec<String>, DbError> {
    #[derive(Deserialize)]
    struct Id {
        id: String,
    }
    let at = now();
    let out = db
        .batch(vec![sql!(
            "UPDATE sessions SET revoked_at = ? WHERE realm = ? AND subject_id = ? AND revoked_at IS NULL
             AND expires_at > ? AND id != ? RETURNING id",
            at.as_str(),
            realm_str(realm),
            subject,
            at.as_str(),
            keep.unwrap_or("")
        )])
        .await?;
    Ok(out
        .into_iter()
        .flat_map(|o| o.rows)
        .filter_map(|r| serde_json::from_value::<Id>(r).ok().map(|i| i.id))
        .collect())
}
