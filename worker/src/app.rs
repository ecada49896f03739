//! Request dispatch: match the route table, check CSRF, authenticate, authorize, compute the
//! route's data scope, run the handler, and turn any error into its response — in that order, for every API request.

use schema::{ErrorCode, Locale};
use worker::{Env, Method, Request, Response};

use crate::auth;
use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::idempotent;
use crate::policy::{Access, DataScope, authorize};
use crate::routes::{Matched, find};
use crate::session::{authenticate, authenticate_portal};
use crate::store::d1::D1;

/// Handles one request; never fails (errors become responses here). The Worker-rendered pages
/// go to [`crate::site`], everything else is the API.
pub async fn handle(req: Request, env: Env, exec: Option<worker::Context>) -> Response {
    if crate::site::serves(&req.path()) {
        return crate::site::handle(req, env).await;
    }
    let locale = Locale::from_accept_language(req.headers().get("Accept-Language").ok().flatten().as_deref());
    let mut resp = match dispatch(req, env, exec, locale).await {
        Ok(r) => r,
        Err(e) => e.into_response(locale),
    };
    let h = resp.headers_mut();
    let _ = h.set("Cache-Control", "no-store");
    let _ = h.set("X-Content-Type-Options", "nosniff");
    let _ = h.set("Content-Language", locale.tag());
    resp
}

async fn dispatch(req: Request, env: Env, exec: Option<worker::Context>, locale: Locale) -> Result<Response> {
    let method = req.method();
    let (route, params) = match find(&method, &req.path()) {
        Matched::Route(r, p) => (r, p),
        Matched::WrongMethod(allow) => {
            let mut resp = AppError::from(ErrorCode::MethodNotAllowed).into_response(locale);
            resp.headers_mut().set("Allow", &allow)?;
            return Ok(resp);
        }
        Matched::NotFound => return Err(ErrorCode::NotFound.into()),
    };
    if route.access == Access::Integration {
        // Verified here, before any handler, like a session: a missing, unknown or revoked key is a 401.
        let bearer = req.headers().get("Authorization").ok().flatten();
        let presented = bearer.as_deref().and_then(|h| h.strip_prefix("Bearer ")).map(str::trim);
        let db = D1(env.d1("DB")?);
        let key = match presented {
            Some(k) => crate::store::api_keys::verify(&db, k).await?,
            None => None,
        };
        let Some(key) = key else { return Err(ErrorCode::Unauthenticated.into()) };
        let ctx = Ctx {
            req,
            env,
            exec,
            params,
            caller: None,
            portal: None,
            scope: DataScope::default(),
            integration: Some(key),
            locale,
            set_cookie: None,
        };
        return (route.handler)(ctx).await;
    }
    let unsafe_method = !matches!(method, Method::Get | Method::Head | Method::Options);
    let own_origin = req.url()?.origin().ascii_serialization();
    let header = |name: &str| req.headers().get(name).ok().flatten();
    if !auth::csrf_ok(
        unsafe_method,
        header("Origin").as_deref(),
        &own_origin,
        header(auth::CSRF_HEADER).as_deref(),
    ) {
        return Err(ErrorCode::CsrfRejected.into());
    }
    let mut renewed = None;
    let (caller, portal) = match route.access {
        Access::Public => (None, None),
        Access::Portal => {
            let p = authenticate_portal(&req, &env, &mut renewed).await?;
            (None, Some(p.ok_or(ErrorCode::Unauthenticated)?))
        }
        _ => (authenticate(&req, &env, &mut renewed).await?, None),
    };
    authorize(route.access, caller.as_ref())?;
    // The data scope, once, from the route's declaration: what this caller may see of each kind.
    let scope = match (&caller, &portal) {
        (Some(c), _) => DataScope::for_staff(route.scope, c),
        (None, Some(p)) => DataScope::for_portal(route.scope, p.customer_id),
        (None, None) => DataScope::default(),
    };
    // A staff write may carry an Idempotency-Key: a repeat gets the first answer ([`idempotent`]).
    let keyed = match (&caller, unsafe_method) {
        (Some(c), true) => match idempotent::key(&req)? {
            Some(key) => Some((D1(env.d1("DB")?), c.id, key, req.path())),
            None => None,
        },
        _ => None,
    };
    if let Some((db, staff, key, path)) = &keyed
        && let Some(first) = idempotent::replay(db, *staff, key, &method, path).await?
    {
        return Ok(first);
    }
    let ctx =
        Ctx { req, env, exec, params, caller, portal, scope, integration: None, locale, set_cookie: None };
    let mut resp = (route.handler)(ctx).await?;
    if let Some((db, staff, key, path)) = &keyed {
        resp = idempotent::keep(db, *staff, key, &method, path, resp).await?;
    }
    if let Some(cookie) = renewed
        && resp.headers().get("Set-Cookie").ok().flatten().is_none()
    {
        resp.headers_mut().set("Set-Cookie", &cookie)?;
    }
    Ok(resp)
}

/// The scheduled sweeps: overdue shipments flagged (opening requests for VIP and contracted
/// customers); the SLA escalation ladder walked; import chunk records and idempotency answers
/// older than a week forgotten (their replays are long over); the outbox delivered; day-old
/// throttle counters dropped; customers measured and their tier and lifecycle moved by the value
/// rules (`store::value::sweep`).
pub async fn sweep(env: &Env) -> Result<()> {
    let db = D1(env.d1("DB")?);
    let now = crate::store::now();
    let flagged = crate::store::shipments::sweep_overdue(&db, &now).await?;
    // Overdue flags may have opened requests (by trigger): their clocks start before the ladder.
    crate::store::sla::start_pending(&db).await?;
    let escalated = crate::store::sla::sweep(&db, &now).await?;
    let week_ago =
        (chrono::Utc::now() - chrono::Duration::days(7)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    crate::store::imports::forget_chunks(&db, &week_ago).await?;
    crate::store::idempotency::forget_before(&db, &week_ago).await?;
    crate::store::tracking::forget_snapshots(&db, &now).await?;
    // Outbox: what is due (new messages, retries whose time has come), in bounded runs.
    let mut sent = 0;
    for _ in 0..4 {
        let n = crate::notify::deliver(env, &db).await?;
        sent += n;
        if n == 0 {
            break;
        }
    }
    // Customer value: the customers whose shipments changed, then the nightly pass, in steps.
    let pass_every = env
        .var("VALUE_PASS_EVERY_S")
        .ok()
        .and_then(|v| v.to_string().parse::<i64>().ok())
        .unwrap_or(crate::store::value::PASS_EVERY_S);
    let value =
        crate::store::value::sweep(&db, &crate::store::now(), crate::store::value::STEPS, pass_every).await?;
    crate::store::throttle::forget(&db, chrono::Utc::now().timestamp() - 86_400).await?;
    let half_year = (chrono::Utc::now() - chrono::Duration::days(183))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    crate::store::outbox::forget(&db, &half_year).await?;
    worker::console_log!(
        "sweep: {flagged} shipments flagged overdue, {escalated} requests up the SLA ladder, {sent} messages settled, \
         {} customers measured after a shipment, {} by the pass{}",
        value.dirty,
        value.pass,
        if value.finished { " (pass finished)" } else { "" }
    );
    Ok(())
}
