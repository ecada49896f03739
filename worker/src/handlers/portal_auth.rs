//! Portal sign-up, sign-in and password reset. Codes travel through the outbox (SMS or e-mail by
//! the kind of login). Answers never tell whether a login has an account: asking for a code
//! always answers 202, and a wrong code or password gives the same error for every login.

use chrono::Utc;
use schema::auth::Realm;
use schema::customer::{ContactInput, CustomerInput, CustomerKind, LifecycleStatus};
use schema::portal::{
    CODE_MINUTES, CodeConfirm, CodePurpose, CodeRequest, PortalMe, PortalPrefs, PortalStatus, PortalUser,
    ValidConfirm, is_email,
};
use schema::{ErrorCode, FieldIssue, password};
use serde_json::json;
use worker::Response;

use crate::auth::{self, PortalCaller, token};
use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::portal_codes;
use crate::session::{self, rfc3339};
use crate::store::customers::Owner;
use crate::store::d1::D1;
use crate::store::{Actor, customers, portal, sessions, throttle};

/// Codes asked for per login, and per address, in a window.
const CODE_LIMIT: i64 = 5;
const CODE_IP_LIMIT: i64 = 30;
/// Failed sign-ins per login and per address in a window.
const LOGIN_LIMIT: i64 = 5;
const LOGIN_IP_LIMIT: i64 = 50;
const WINDOW_SECS: i64 = 15 * 60;

/// Counts one request against `keys`, refusing with 429 once any is over its limit.
async fn throttled(db: &D1, keys: &[(&str, i64)]) -> Result<()> {
    let now = Utc::now().timestamp();
    for (key, limit) in keys {
        if throttle::failures(db, key, now - WINDOW_SECS).await? >= *limit {
            return Err(AppError::TooMany { retry_after: WINDOW_SECS });
        }
    }
    let names: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
    throttle::record_failure(db, &names, now, WINDOW_SECS).await?;
    Ok(())
}

/// `POST /api/v1/portal/auth/code`: sends a sign-up or reset code. Always 202.
pub async fn request_code(mut ctx: Ctx) -> Result<Response> {
    let body: CodeRequest = ctx.json().await?;
    let login = schema::portal::login(&body.login).map_err(|e| AppError::field("login", e))?;
    let db = ctx.db()?;
    let ip = ctx.client_ip();
    throttled(&db, &[(&format!("code:{login}"), CODE_LIMIT), (&format!("codeip:{ip}"), CODE_IP_LIMIT)])
        .await?;
    let existing = portal::by_login(&db, &login).await?;
    // Sign-up for a login that has an account, or a reset for one that has none: nothing is sent,
    // and the answer is the same.
    let wanted = match body.purpose {
        CodePurpose::Register => existing.is_none(),
        CodePurpose::Reset => existing.as_ref().is_some_and(|c| c.user.status == PortalStatus::Active),
    };
    if wanted {
        let purpose = body.purpose.as_str();
        let (code, hash, expires) =
            portal_codes::issue(&ctx.env, purpose, &login, chrono::Duration::minutes(CODE_MINUTES))?;
        let kind = if body.purpose == CodePurpose::Register { "code_register" } else { "code_reset" };
        let customer = existing.as_ref().map(|c| c.user.customer_id);
        let msg = portal_codes::message(&login, kind, json!({"code": code}), customer, ctx.locale.tag());
        portal::issue_code(&db, body.purpose, &login, &hash, &expires, &msg).await?;
        crate::notify::deliver_after(&ctx).await;
    }
    Ok(Response::empty()?.with_status(202))
}

/// Checks the password rules and the code (a wrong code is counted against it).
async fn confirm(
    ctx: &Ctx,
    db: &D1,
    body: &CodeConfirm,
    purpose: &str,
    needs_name: bool,
) -> Result<(ValidConfirm, String)> {
    let v = body.validate(needs_name).map_err(AppError::Validation)?;
    password::check(&body.password, &[v.login.as_str()]).map_err(|e| AppError::field("password", e))?;
    let hash = portal_codes::hash(&ctx.env, purpose, &v.login, &v.code)?;
    if !portal::check_code(db, &v.login, purpose, &hash).await? {
        return Err(AppError::field("code", FieldIssue::WrongCode));
    }
    Ok((v, hash))
}

/// A stale code (used by a parallel request) reads as a wrong one.
fn code_conflict(e: crate::store::db::DbError) -> AppError {
    match e {
        crate::store::db::DbError::VersionConflict => AppError::field("code", FieldIssue::WrongCode),
        other => other.into(),
    }
}

/// Starts a portal session: the session row, the token cookie, and the user as the answer.
async fn sign_in(ctx: &Ctx, db: &D1, user: PortalUser, status: u16) -> Result<Response> {
    let sid = auth::random_id().map_err(AppError::Internal)?;
    let ua = ctx.req.headers().get("User-Agent").ok().flatten().unwrap_or_default();
    let now = Utc::now().timestamp();
    sessions::create(
        db,
        &sid,
        Realm::Customer,
        user.id,
        &rfc3339(now + token::SESSION_SECS),
        &ctx.client_ip(),
        &ua,
    )
    .await?;
    portal::touch_login(db, user.id).await?;
    let caller = PortalCaller {
        id: user.id,
        customer_id: user.customer_id,
        name: user.name.clone(),
        session_id: sid,
        expires_at: 0,
    };
    let (tok, exp) =
        token::issue_portal(&session::signing_key(&ctx.env)?, &caller).map_err(AppError::Internal)?;
    let mut resp = Response::from_json(&PortalMe { user, expires_at: rfc3339(exp) })?.with_status(status);
    resp.headers_mut()
        .set("Set-Cookie", &auth::named_cookie(auth::PORTAL_COOKIE, &tok, token::TOKEN_SECS as i64))?;
    Ok(resp)
}

/// The customer a new sign-up belongs to: the one whose records carry the login, or a new one.
async fn customer_for(db: &D1, v: &ValidConfirm) -> Result<i64> {
    if let Some(id) = portal::customer_for_login(db, &v.login).await? {
        return Ok(id);
    }
    let (org_id, org_path) = portal::root_org(db).await?.ok_or(AppError::Internal("no root org".into()))?;
    let (phone, email) =
        if is_email(&v.login) { (String::new(), v.login.clone()) } else { (v.login.clone(), String::new()) };
    let company = !v.company.is_empty();
    let input = CustomerInput {
        kind: Some(if company { CustomerKind::Company } else { CustomerKind::Person }),
        name: if company { v.company.clone() } else { v.name.clone() },
        source: "portal".into(),
        status: Some(LifecycleStatus::Registered),
        phone: phone.clone(),
        email: email.clone(),
        contacts: vec![ContactInput {
            name: v.name.clone(),
            phone,
            email,
            is_primary: true,
            ..Default::default()
        }],
        ..Default::default()
    };
    let (valid, contacts) = input.validate().map_err(AppError::Validation)?;
    let actor = Actor { id: None, name: format!("portal: {}", v.name) };
    let owner = Owner { id: None, org_id, org_path };
    Ok(customers::create(db, &actor, &valid, &contacts, &owner, &[]).await?)
}

/// `POST /api/v1/portal/auth/register`: a new account with a sign-up code; signs in.
pub async fn register(mut ctx: Ctx) -> Result<Response> {
    let body: CodeConfirm = ctx.json().await?;
    let db = ctx.db()?;
    let (v, hash) = confirm(&ctx, &db, &body, "register", true).await?;
    let customer_id = customer_for(&db, &v).await?;
    let pw = auth::password::hash(&body.password).map_err(AppError::Internal)?;
    let id =
        portal::register(&db, customer_id, &v.name, &v.login, &hash, &pw).await.map_err(code_conflict)?;
    let user = portal::by_id(&db, id).await?.ok_or(ErrorCode::NotFound)?;
    sign_in(&ctx, &db, user, 201).await
}

/// `POST /api/v1/portal/auth/activate`: accepts an invitation (sets the password); signs in.
pub async fn activate(mut ctx: Ctx) -> Result<Response> {
    let body: CodeConfirm = ctx.json().await?;
    let db = ctx.db()?;
    let (v, hash) = confirm(&ctx, &db, &body, "invite", false).await?;
    let pw = auth::password::hash(&body.password).map_err(AppError::Internal)?;
    portal::activate(&db, &v.login, &hash, &pw).await.map_err(code_conflict)?;
    let user = portal::by_login(&db, &v.login).await?.ok_or(ErrorCode::NotFound)?.user;
    sign_in(&ctx, &db, user, 200).await
}

/// `POST /api/v1/portal/auth/reset`: a new password with a reset code; ends every session.
pub async fn reset(mut ctx: Ctx) -> Result<Response> {
    let body: CodeConfirm = ctx.json().await?;
    let db = ctx.db()?;
    let (v, hash) = confirm(&ctx, &db, &body, "reset", false).await?;
    let pw = auth::password::hash(&body.password).map_err(AppError::Internal)?;
    portal::reset(&db, &v.login, &hash, &pw).await.map_err(code_conflict)?;
    if let Some(c) = portal::by_login(&db, &v.login).await? {
        session::end_all(&db, &ctx.kv()?, Realm::Customer, c.user.id, None).await?;
    }
    Ok(Response::empty()?.with_status(204))
}

/// `POST /api/v1/portal/auth/login`.
pub async fn login(mut ctx: Ctx) -> Result<Response> {
    let body: schema::auth::LoginRequest = ctx.json().await?;
    let db = ctx.db()?;
    let login = schema::portal::login(&body.login).unwrap_or_else(|_| body.login.trim().to_lowercase());
    let (acct, ip) = (format!("pacct:{login}"), format!("pip:{}", ctx.client_ip()));
    let now = Utc::now().timestamp();
    if throttle::failures(&db, &acct, now - WINDOW_SECS).await? >= LOGIN_LIMIT
        || throttle::failures(&db, &ip, now - WINDOW_SECS).await? >= LOGIN_IP_LIMIT
    {
        return Err(AppError::TooMany { retry_after: WINDOW_SECS });
    }
    let cred = portal::by_login(&db, &login).await?;
    let hash = cred
        .as_ref()
        .map(|c| c.password_hash.as_str())
        .filter(|h| !h.is_empty())
        .unwrap_or(auth::password::DUMMY_HASH);
    let ok = auth::password::verify(&body.password, hash);
    let Some(cred) = cred.filter(|c| ok && c.user.status == PortalStatus::Active) else {
        throttle::record_failure(&db, &[&acct, &ip], now, WINDOW_SECS).await?;
        return Err(ErrorCode::LoginFailed.into());
    };
    throttle::clear(&db, &acct).await?;
    sign_in(&ctx, &db, cred.user, 200).await
}

/// `POST /api/v1/portal/auth/logout`.
pub async fn logout(ctx: Ctx) -> Result<Response> {
    let sid = ctx.portal()?.session_id.clone();
    session::end(&ctx.db()?, &ctx.kv()?, &sid).await?;
    let mut resp = Response::empty()?.with_status(204);
    resp.headers_mut().set("Set-Cookie", &auth::named_cookie(auth::PORTAL_COOKIE, "", 0))?;
    Ok(resp)
}

/// `GET /api/v1/portal/me`.
pub async fn me(ctx: Ctx) -> Result<Response> {
    let p = ctx.portal()?;
    let user = portal::by_id(&ctx.db()?, p.id).await?.ok_or(ErrorCode::Unauthenticated)?;
    ctx.ok(&PortalMe { user, expires_at: rfc3339(p.expires_at) })
}

/// `PATCH /api/v1/portal/me`: notification opt-ins and language.
pub async fn prefs(mut ctx: Ctx) -> Result<Response> {
    let body: PortalPrefs = ctx.json().await?;
    body.validate().map_err(AppError::Validation)?;
    let db = ctx.db()?;
    let p = ctx.portal()?;
    portal::set_prefs(&db, p.id, &body).await?;
    let user = portal::by_id(&db, p.id).await?.ok_or(ErrorCode::Unauthenticated)?;
    ctx.ok(&PortalMe { user, expires_at: rfc3339(p.expires_at) })
}
