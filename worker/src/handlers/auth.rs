//! Staff sign-in, sign-out, "who am I", and password change.

use chrono::Utc;
use schema::auth::{LoginRequest, Me, Realm};
use schema::staff::{PasswordChange, login_parts};
use schema::validate::{Email, Phone};
use schema::{ErrorCode, password};
use worker::Response;

use crate::auth::{self, Caller, token};
use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::session::{self, rfc3339, signing_key};
use crate::store::{sessions, staff, throttle};

/// Failed attempts allowed per account in a window before it is locked for the rest of it.
pub const ACCOUNT_LIMIT: i64 = 5;
/// Failed attempts allowed per client IP in a window (an office shares one address).
pub const IP_LIMIT: i64 = 50;
/// Throttle window.
pub const WINDOW_SECS: i64 = 15 * 60;

/// The normalised login (phone or e-mail) or `None` if it is neither.
fn normalise_login(raw: &str) -> Option<String> {
    if raw.contains('@') {
        Email::parse(raw).ok().map(String::from)
    } else {
        Phone::parse(raw).ok().map(String::from)
    }
}

/// `POST /api/v1/auth/login`.
pub async fn login(mut ctx: Ctx) -> Result<Response> {
    let body: LoginRequest = ctx.json().await?;
    let db = ctx.db()?;
    let ip = ctx.client_ip();
    let login = normalise_login(&body.login).unwrap_or_else(|| body.login.trim().to_lowercase());
    let (acct_key, ip_key) = (format!("acct:{login}"), format!("ip:{ip}"));
    let now = Utc::now().timestamp();
    let since = now - WINDOW_SECS;
    if throttle::failures(&db, &acct_key, since).await? >= ACCOUNT_LIMIT
        || throttle::failures(&db, &ip_key, since).await? >= IP_LIMIT
    {
        return Err(AppError::TooMany { retry_after: WINDOW_SECS });
    }
    let cred = staff::credentials_by_login(&db, &login).await?;
    // Always run argon2 once, so a wrong login and a wrong password take the same time.
    let hash = cred.as_ref().map_or(auth::password::DUMMY_HASH, |c| c.password_hash.as_str());
    let password_ok = auth::password::verify(&body.password, hash);
    let Some(cred) = cred.filter(|c| password_ok && c.staff.active) else {
        throttle::record_failure(&db, &[&acct_key, &ip_key], now, WINDOW_SECS).await?;
        return Err(ErrorCode::LoginFailed.into());
    };
    throttle::clear(&db, &acct_key).await?;

    let sid = auth::random_id().map_err(AppError::Internal)?;
    let ua = ctx.req.headers().get("User-Agent").ok().flatten().unwrap_or_default();
    sessions::create(&db, &sid, Realm::Staff, cred.staff.id, &rfc3339(now + token::SESSION_SECS), &ip, &ua)
        .await?;
    staff::touch_login(&db, cred.staff.id).await?;
    let caller = Caller {
        realm: Realm::Staff,
        id: cred.staff.id,
        name: cred.staff.name.clone(),
        role: cred.staff.role,
        org_id: cred.staff.org_id,
        org_path: cred.org_path,
        session_id: sid,
        expires_at: 0,
    };
    let (tok, exp) = token::issue(&signing_key(&ctx.env)?, &caller).map_err(AppError::Internal)?;
    let mut resp = ctx.ok(&Me { realm: Realm::Staff, staff: cred.staff, expires_at: rfc3339(exp) })?;
    resp.headers_mut().set("Set-Cookie", &auth::session_cookie(&tok, token::TOKEN_SECS as i64))?;
    Ok(resp)
}

/// `POST /api/v1/auth/logout`.
pub async fn logout(ctx: Ctx) -> Result<Response> {
    let sid = ctx.caller()?.session_id.clone();
    session::end(&ctx.db()?, &ctx.kv()?, &sid).await?;
    let mut resp = Response::empty()?.with_status(204);
    resp.headers_mut().set("Set-Cookie", &auth::clear_cookie())?;
    Ok(resp)
}

/// `GET /api/v1/auth/me`.
pub async fn me(ctx: Ctx) -> Result<Response> {
    let c = ctx.caller()?;
    let cred = staff::credentials_by_id(&ctx.db()?, c.id).await?.ok_or(ErrorCode::Unauthenticated)?;
    ctx.ok(&Me { realm: c.realm, staff: cred.staff, expires_at: rfc3339(c.expires_at) })
}

/// `POST /api/v1/auth/password`: checks the current password, applies the rules, and ends the
/// caller's other sessions (a stolen session does not survive a password change).
pub async fn change_password(mut ctx: Ctx) -> Result<Response> {
    let body: PasswordChange = ctx.json().await?;
    let (id, sid) = {
        let c = ctx.caller()?;
        (c.id, c.session_id.clone())
    };
    let db = ctx.db()?;
    let cred = staff::credentials_by_id(&db, id).await?.ok_or(ErrorCode::Unauthenticated)?;
    if !auth::password::verify(&body.current_password, &cred.password_hash) {
        return Err(ErrorCode::WrongPassword.into());
    }
    let phone = cred.staff.phone.as_deref().and_then(|p| Phone::parse(p).ok());
    let email = cred.staff.email.as_deref().and_then(|e| Email::parse(e).ok());
    password::check(&body.new_password, &login_parts(phone.as_ref(), email.as_ref()))
        .map_err(|e| AppError::field("new_password", e))?;
    let hash = auth::password::hash(&body.new_password).map_err(AppError::Internal)?;
    staff::set_password(&db, &ctx.actor()?, id, &hash, "password_change").await?;
    session::end_all(&db, &ctx.kv()?, Realm::Staff, id, Some(&sid)).await?;
    Ok(Response::empty()?.with_status(204))
}
