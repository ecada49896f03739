//! Portal users and their one-time codes. Codes are kept only as an HMAC (keyed with the
//! deployment's secret, so a copy of the database does not give them away to a 10^6 guess), die
//! after a few wrong tries, and are consumed in the same batch as the change they authorise.

use schema::portal::{CodePurpose, PortalStatus, PortalUser};
use serde::Deserialize;
use serde_json::json;

use super::audit::{self, EntityRef};
use super::db::{Db, DbError, Sql, guard_changed, names};
use super::outbox::{self, NewMessage};
use super::{Actor, now};
use crate::store::db::sql;

const SELECT: &str = "SELECT u.id, u.customer_id, c.name AS customer_name, u.name, u.login, u.status,
    u.notify_portal, u.notify_message, u.locale, u.last_login_at, u.version, u.created_at
    FROM portal_users u JOIN customers c ON c.id = u.customer_id";

/// A portal user with the password hash, for sign-in.
#[derive(Debug, Clone, Deserialize)]
pub struct Credentials {
    #[serde(flatten)]
    pub user: PortalUser,
    pub password_hash: String,
}

pub async fn by_login(db: &impl Db, login: &str) -> Result<Option<Credentials>, DbError> {
    db.first(sql!(SELECT.replacen("u.id,", "u.id, u.password_hash,", 1) + " WHERE u.login = ?", login)).await
}

pub async fn by_id(db: &impl Db, id: i64) -> Result<Option<PortalUser>, DbError> {
    db.first(sql!(format!("{SELECT} WHERE u.id = ?"), id)).await
}

/// A customer's portal users.
pub async fn of_customer(db: &impl Db, customer_id: i64) -> Result<Vec<PortalUser>, DbError> {
    db.all(sql!(format!("{SELECT} WHERE u.customer_id = ? ORDER BY u.id"), customer_id)).await
}

/// The statement that stores a code (replacing an earlier one for the same login and purpose).
fn put_code(login: &str, purpose: &str, hash: &str, expires_at: &str, at: &str) -> Sql {
    sql!(
        "INSERT OR REPLACE INTO portal_codes (login, purpose, code_hash, expires_at, attempts, created_at)
         VALUES (?, ?, ?, ?, 0, ?)",
        login,
        purpose,
        hash,
        expires_at,
        at
    )
}

/// Stores a code and enqueues the message that carries it — one batch.
pub async fn issue_code(
    db: &impl Db,
    purpose: CodePurpose,
    login: &str,
    hash: &str,
    expires_at: &str,
    message: &NewMessage<'_>,
) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![put_code(login, purpose.as_str(), hash, expires_at, &at), outbox::enqueue(message, &at)])
        .await
        .map(|_| ())
}

/// Whether `hash` is the live code for (login, purpose). A wrong guess counts against the code.
pub async fn check_code(db: &impl Db, login: &str, purpose: &str, hash: &str) -> Result<bool, DbError> {
    #[derive(Deserialize)]
    struct C {
        code_hash: String,
    }
    let at = now();
    let row: Option<C> = db
        .first(sql!(
            "SELECT code_hash FROM portal_codes WHERE login = ? AND purpose = ? AND expires_at > ? AND attempts < ?",
            login,
            purpose,
            at.as_str(),
            schema::portal::CODE_ATTEMPTS
        ))
        .await?;
    let ok = row.is_some_and(|c| crate::auth::same(&c.code_hash, hash));
    if !ok {
        db.exec(sql!(
            "UPDATE portal_codes SET attempts = attempts + 1 WHERE login = ? AND purpose = ?",
            login,
            purpose
        ))
        .await?;
    }
    Ok(ok)
}

/// Consumes a checked code inside a batch: the batch aborts (as a version conflict) if the code
/// was used or replaced meanwhile.
fn consume(login: &str, purpose: &str, hash: &str) -> [Sql; 2] {
    [
        sql!(
            "DELETE FROM portal_codes WHERE login = ? AND purpose = ? AND code_hash = ?",
            login,
            purpose,
            hash
        ),
        guard_changed(),
    ]
}

/// Invites a person of a customer: an `invited` account, its code, the invitation message and the
/// audit entry — one batch. A login already used fails as `Unique("portal_users.login")`.
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    db: &impl Db,
    actor: &Actor,
    customer_id: i64,
    name: &str,
    login: &str,
    hash: &str,
    expires_at: &str,
    message: &NewMessage<'_>,
) -> Result<i64, DbError> {
    let at = now();
    let out = db
        .batch(vec![
            sql!(
                "INSERT INTO portal_users (customer_id, name, login, status, notify_portal, notify_message, created_by,
                                           created_at, updated_at)
                 VALUES (?, ?, ?, 'invited', 1, 1, ?, ?, ?)",
                customer_id,
                name,
                login,
                actor.id,
                at.as_str(),
                at.as_str()
            ),
            audit::entry(
                actor,
                &at,
                "invite",
                "portal_user",
                EntityRef::JustInserted,
                &json!({"customer_id": {"from": null, "to": customer_id}, "login": {"from": null, "to": login}}),
            ),
            put_code(login, "invite", hash, expires_at, &at),
            outbox::enqueue(message, &at),
        ])
        .await?;
    audit::inserted_id(&out, 1, "portal user")
}

/// Completes an invitation: the code is consumed and the account becomes active with a password.
pub async fn activate(
    db: &impl Db,
    login: &str,
    code_hash: &str,
    password_hash: &str,
) -> Result<(), DbError> {
    let at = now();
    let mut batch = consume(login, "invite", code_hash).to_vec();
    batch.push(sql!(
        format!(
            "UPDATE portal_users SET status = {}, password_hash = ?, version = version + 1, updated_at = ?
             WHERE login = ? AND status = {}",
            names([PortalStatus::Active]),
            names([PortalStatus::Invited])
        ),
        password_hash,
        at.as_str(),
        login
    ));
    batch.push(guard_changed());
    db.batch(batch).await.map(|_| ())
}

/// Completes a self-registration for `customer_id`: the code is consumed and an active account
/// created. A login already used fails as `Unique("portal_users.login")`.
pub async fn register(
    db: &impl Db,
    customer_id: i64,
    name: &str,
    login: &str,
    code_hash: &str,
    password_hash: &str,
) -> Result<i64, DbError> {
    let at = now();
    let mut batch = consume(login, "register", code_hash).to_vec();
    batch.push(sql!(
        format!(
            "INSERT INTO portal_users (customer_id, name, login, password_hash, status, notify_portal,
                                       notify_message, created_at, updated_at)
             VALUES (?, ?, ?, ?, {}, 1, 1, ?, ?) RETURNING id",
            names([PortalStatus::Active])
        ),
        customer_id,
        name,
        login,
        password_hash,
        at.as_str(),
        at.as_str()
    ));
    let out = db.batch(batch).await?;
    out.get(2)
        .and_then(|o| o.rows.first())
        .and_then(|r| r.get("id"))
        .and_then(serde_json::Value::as_i64)
        .ok_or_else(|| DbError::Other("registration returned no id".into()))
}

/// Completes a password reset: the code is consumed and the password replaced (active accounts).
pub async fn reset(db: &impl Db, login: &str, code_hash: &str, password_hash: &str) -> Result<(), DbError> {
    let at = now();
    let mut batch = consume(login, "reset", code_hash).to_vec();
    batch.push(sql!(
        format!(
            "UPDATE portal_users SET password_hash = ?, version = version + 1, updated_at = ?
             WHERE login = ? AND status = {}",
            names([PortalStatus::Active])
        ),
        password_hash,
        at.as_str(),
        login
    ));
    batch.push(guard_changed());
    db.batch(batch).await.map(|_| ())
}

/// The customer whose records name this login: a contact's or the customer's own phone/e-mail.
/// Several matches (a shared switchboard number) pick the oldest customer.
pub async fn customer_for_login(db: &impl Db, login: &str) -> Result<Option<i64>, DbError> {
    #[derive(Deserialize)]
    struct C {
        id: i64,
    }
    let row: Option<C> = db
        .first(sql!(
            "SELECT min(id) AS id FROM (
                 SELECT customer_id AS id FROM contacts WHERE phone = ?1
                 UNION ALL SELECT customer_id FROM contacts WHERE email != '' AND email = ?1
                 UNION ALL SELECT id FROM customers WHERE phone = ?1
                 UNION ALL SELECT id FROM customers WHERE email != '' AND email = ?1)
             HAVING count(*) > 0",
            login
        ))
        .await?;
    Ok(row.map(|c| c.id))
}

/// Records a successful sign-in.
pub async fn touch_login(db: &impl Db, id: i64) -> Result<(), DbError> {
    db.exec(sql!("UPDATE portal_users SET last_login_at = ? WHERE id = ?", now(), id)).await.map(|_| ())
}

/// Notification opt-ins and language (the user's own; no version: last write wins on one's prefs).
pub async fn set_prefs(db: &impl Db, id: i64, p: &schema::portal::PortalPrefs) -> Result<(), DbError> {
    db.exec(sql!(
        "UPDATE portal_users SET notify_portal = ?, notify_message = ?, locale = ?, version = version + 1,
             updated_at = ? WHERE id = ?",
        p.notify_portal,
        p.notify_message,
        p.locale.as_str(),
        now(),
        id
    ))
    .await
    .map(|_| ())
}

/// Staff switch an account off or on (version-checked, audited).
pub async fn set_status(
    db: &impl Db,
    actor: &Actor,
    id: i64,
    version: i64,
    status: PortalStatus,
) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![
        sql!(
            "UPDATE portal_users SET status = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?
             AND status != 'invited'",
            status.as_str(),
            at.as_str(),
            id,
            version
        ),
        guard_changed(),
        audit::entry(actor, &at, "update", "portal_user", EntityRef::Id(id), &json!({"status": {"from": null, "to": status.as_str()}})),
    ])
    .await
    .map(|_| ())
}

/// The top of the org tree: where customers that signed themselves up belong.
pub async fn root_org(db: &impl Db) -> Result<Option<(i64, String)>, DbError> {
    #[derive(Deserialize)]
    struct O {
        id: i64,
        path: String,
    }
    let o: Option<O> =
        db.first(sql!("SELECT id, path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1")).await?;
    Ok(o.map(|o| (o.id, o.path)))
}
