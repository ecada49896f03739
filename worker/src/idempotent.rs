//! `Idempotency-Key` on staff writes, decided by the dispatcher for every route: a retry that
//! carries the key of a write already answered gets that answer again (marked
//! `Idempotent-Replayed: true`) and writes nothing. This is what lets a courier's phone resend the
//! "collected" it queued in a lift without fear: the first answer may have been lost on the way
//! back, the write was not. Only successful answers are kept (a refusal is simply refused again);
//! the key belongs to the person, so two phones cannot collide.

use schema::ErrorCode;
use worker::{Headers, Method, Request, Response};

use crate::error::Result;
use crate::store::d1::D1;
use crate::store::idempotency::{self, Reply};

/// The header's value when present; malformed is a 400 (so a client bug cannot silently lose
/// its protection).
pub fn key(req: &Request) -> Result<Option<String>> {
    let Some(k) = req.headers().get("Idempotency-Key").ok().flatten() else { return Ok(None) };
    let ok = (8..=100).contains(&k.len())
        && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok { Ok(Some(k)) } else { Err(ErrorCode::InvalidIdempotencyKey.into()) }
}

/// The remembered answer to `key`, if this person used it before — for the same request.
pub async fn replay(
    db: &D1,
    staff_id: i64,
    key: &str,
    method: &Method,
    path: &str,
) -> Result<Option<Response>> {
    let Some(r) = idempotency::find(db, staff_id, key).await? else { return Ok(None) };
    if r.method != method.to_string() || r.path != path {
        return Err(ErrorCode::IdempotencyKeyReused.into());
    }
    let headers = Headers::new();
    headers.set("Content-Type", "application/json")?;
    headers.set("Idempotent-Replayed", "true")?;
    Ok(Some(Response::ok(r.body)?.with_status(r.status).with_headers(headers)))
}

/// Remembers a successful answer under `key` and hands it on unchanged.
pub async fn keep(
    db: &D1,
    staff_id: i64,
    key: &str,
    method: &Method,
    path: &str,
    mut resp: Response,
) -> Result<Response> {
    let status = resp.status_code();
    if !(200..300).contains(&status) {
        return Ok(resp);
    }
    let headers = resp.headers().clone();
    let body = resp.text().await?;
    let reply = Reply { method: method.to_string(), path: path.to_string(), status, body };
    // The write is done: failing to remember its answer must not turn it into a 500 (the client
    // would retry a write that happened). The retry then meets the write's own guards instead.
    if let Err(e) = idempotency::remember(db, staff_id, key, &reply, &crate::store::now()).await {
        worker::console_error!("idempotency answer not kept: {e:?}");
    }
    Ok(Response::ok(reply.body)?.with_status(status).with_headers(headers))
}
