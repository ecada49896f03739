//! Integration API keys (the firm's TMS/WMS): `wpk_<prefix>_<secret>`. Only the prefix (to find
//! the row) and a SHA-256 of the secret are stored; the key itself is shown once, at creation.

use schema::integration::ApiKey;
use serde::Deserialize;
use serde_json::json;

use super::audit::{self, EntityRef};
use super::db::{Db, DbError, guard_changed};
use super::{Actor, now};
use crate::store::db::sql;

fn sha256_hex(s: &str) -> String {
    hmac_sha256::Hash::hash(s.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Every key, newest first (revoked ones too, for the record).
pub async fn list(db: &impl Db) -> Result<Vec<ApiKey>, DbError> {
    db.all(sql!(
        "SELECT k.id, k.name, k.prefix, s.name AS created_by_name, k.created_at, k.revoked_at, k.last_used_at
         FROM api_keys k LEFT JOIN staff s ON s.id = k.created_by ORDER BY k.id DESC"
    ))
    .await
}

/// Creates a key; returns its id and the full key (never stored, shown once).
pub async fn create(db: &impl Db, actor: &Actor, name: &str) -> Result<(i64, String), DbError> {
    let prefix: String = crate::auth::random_id().map_err(DbError::Other)?.chars().take(10).collect();
    let secret = crate::auth::random_id().map_err(DbError::Other)?;
    let at = now();
    let out = db
        .batch(vec![
            sql!(
                "INSERT INTO api_keys (name, prefix, secret_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                name,
                prefix.as_str(),
                sha256_hex(&secret),
                actor.id,
                at.as_str()
            ),
            audit::entry(actor, &at, "create", "api_key", EntityRef::JustInserted, &json!({"name": {"from": null, "to": name}})),
        ])
        .await?;
    let id = audit::inserted_id(&out, 1, "api key")?;
    Ok((id, format!("wpk_{prefix}_{secret}")))
}

/// Revokes a key (once); a revoked key stops working on its next request.
pub async fn revoke(db: &impl Db, actor: &Actor, id: i64) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![
        sql!("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at.as_str(), id),
        guard_changed(),
        audit::entry(
            actor,
            &at,
            "revoke",
            "api_key",
            EntityRef::Id(id),
            &json!({"revoked": {"from": false, "to": true}}),
        ),
    ])
    .await
    .map(|_| ())
}

/// The live key a presented `wpk_…` string names: (id, name). Compares the hashes in full.
pub async fn verify(db: &impl Db, presented: &str) -> Result<Option<(i64, String)>, DbError> {
    let Some((prefix, secret)) = presented.strip_prefix("wpk_").and_then(|r| r.split_once('_')) else {
        return Ok(None);
    };
    #[derive(Deserialize)]
    struct K {
        id: i64,
        name: String,
        secret_hash: String,
    }
    let k: Option<K> = db
        .first(sql!(
            "SELECT id, name, secret_hash FROM api_keys WHERE prefix = ? AND revoked_at IS NULL",
            prefix
        ))
        .await?;
    let Some(k) = k else { return Ok(None) };
    // Equal-length hex digests compared without an early exit.
    let given = sha256_hex(secret);
    let same = given.len() == k.secret_hash.len()
        && given.bytes().zip(k.secret_hash.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    if !same {
        return Ok(None);
    }
    db.exec(sql!("UPDATE api_keys SET last_used_at = ? WHERE id = ?", now(), k.id)).await?;
    Ok(Some((k.id, k.name)))
}
