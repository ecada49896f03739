//! Sessions: the key tokens are signed with, revocation marks in KV, ending sessions, and who is
//! behind a session cookie (staff or portal), renewed once half a token's life has passed. The
//! dispatcher authenticates through here; the sign-in, sign-out and account handlers issue and end
//! sessions through here — so handlers never reach up into the dispatcher for a key.

use chrono::{TimeZone, Utc};
use schema::auth::Realm;
use worker::{Env, KvStore, Request};

use crate::auth::{self, Caller, PortalCaller, token};
use crate::error::{AppError, Result};
use crate::store::d1::D1;
use crate::store::{sessions, staff};

/// The `JWT_SECRET` secret: it signs tokens and keys the stored one-time codes.
pub fn secret(env: &Env) -> Result<String> {
    env.secret("JWT_SECRET")
        .map(|s| s.to_string())
        .map_err(|_| AppError::Internal("JWT_SECRET is not set".into()))
}

/// The HS256 key from the `JWT_SECRET` secret.
pub fn signing_key(env: &Env) -> Result<jwt_simple::prelude::HS256Key> {
    token::key(&secret(env)?).map_err(AppError::Internal)
}

/// KV key marking a session as revoked.
fn revocation_key(session_id: &str) -> String {
    format!("rev:{session_id}")
}

/// Whether a session was revoked (the KV mark; D1 is consulted at renewal).
async fn is_revoked(kv: &KvStore, session_id: &str) -> Result<bool> {
    Ok(kv.get(&revocation_key(session_id)).text().await?.is_some())
}

/// Writes revocation marks to KV (TTL: a token's lifetime plus a margin; KV's minimum is 60 s).
pub async fn mark_revoked(kv: &KvStore, session_ids: &[String]) -> Result<()> {
    for sid in session_ids {
        kv.put(&revocation_key(sid), "1")?.expiration_ttl(token::TOKEN_SECS + 120).execute().await?;
    }
    Ok(())
}

/// Ends one session (sign-out), in D1 and KV.
pub async fn end(db: &D1, kv: &KvStore, session_id: &str) -> Result<()> {
    sessions::revoke(db, session_id).await?;
    mark_revoked(kv, &[session_id.to_string()]).await
}

/// Ends every session of a staff member or portal user (except `keep`), in D1 and KV: after a
/// password change or reset, a role or org change, or an account switched off.
pub async fn end_all(db: &D1, kv: &KvStore, realm: Realm, user_id: i64, keep: Option<&str>) -> Result<()> {
    let ids = sessions::revoke_all(db, realm, user_id, keep).await?;
    mark_revoked(kv, &ids).await
}

/// A Unix time as RFC 3339 (how session expiries are stored and answered).
pub fn rfc3339(secs: i64) -> String {
    Utc.timestamp_opt(secs, 0).single().map(|t| t.to_rfc3339()).unwrap_or_default()
}

/// The caller behind the session cookie, if the token verifies and the session is not revoked.
/// Renews the token when more than half its life has passed, re-reading role and org from D1.
pub async fn authenticate(req: &Request, env: &Env, renewed: &mut Option<String>) -> Result<Option<Caller>> {
    let cookie = req.headers().get("Cookie").ok().flatten();
    let Some(tok) = auth::read_cookie(cookie.as_deref()) else { return Ok(None) };
    let key = signing_key(env)?;
    let Some(caller) = token::verify(&key, &tok, Realm::Staff, None) else { return Ok(None) };
    if is_revoked(&env.kv("KV")?, &caller.session_id).await? {
        return Ok(None);
    }
    let now = Utc::now().timestamp();
    if !token::needs_renewal(&caller, now) {
        return Ok(Some(caller));
    }
    let db = D1(env.d1("DB")?);
    if !sessions::is_live(&db, &caller.session_id).await? {
        return Ok(None);
    }
    let Some(cred) = staff::credentials_by_id(&db, caller.id).await?.filter(|c| c.staff.active) else {
        return Ok(None);
    };
    let fresh = Caller {
        name: cred.staff.name,
        role: cred.staff.role,
        org_id: cred.staff.org_id,
        org_path: cred.org_path,
        ..caller
    };
    let (tok, exp) = token::issue(&key, &fresh).map_err(AppError::Internal)?;
    *renewed = Some(auth::session_cookie(&tok, token::TOKEN_SECS as i64));
    Ok(Some(Caller { expires_at: exp, ..fresh }))
}

/// The portal user behind the `wp_portal` cookie, renewed like a staff session (re-reading the
/// account, so a disabled user is out at the next renewal at the latest).
pub async fn authenticate_portal(
    req: &Request,
    env: &Env,
    renewed: &mut Option<String>,
) -> Result<Option<PortalCaller>> {
    let cookie = req.headers().get("Cookie").ok().flatten();
    let Some(tok) = auth::read_named_cookie(cookie.as_deref(), auth::PORTAL_COOKIE) else { return Ok(None) };
    let key = signing_key(env)?;
    let Some(caller) = token::verify_portal(&key, &tok, None) else { return Ok(None) };
    if is_revoked(&env.kv("KV")?, &caller.session_id).await? {
        return Ok(None);
    }
    let now = Utc::now().timestamp();
    if caller.expires_at - now >= (token::TOKEN_SECS / 2) as i64 {
        return Ok(Some(caller));
    }
    let db = D1(env.d1("DB")?);
    if !sessions::is_live(&db, &caller.session_id).await? {
        return Ok(None);
    }
    let Some(user) = crate::store::portal::by_id(&db, caller.id)
        .await?
        .filter(|u| u.status == schema::portal::PortalStatus::Active)
    else {
        return Ok(None);
    };
    let fresh = PortalCaller { name: user.name, customer_id: user.customer_id, ..caller };
    let (tok, exp) = token::issue_portal(&key, &fresh).map_err(AppError::Internal)?;
    *renewed = Some(auth::named_cookie(auth::PORTAL_COOKIE, &tok, token::TOKEN_SECS as i64));
    Ok(Some(PortalCaller { expires_at: exp, ..fresh }))
}
