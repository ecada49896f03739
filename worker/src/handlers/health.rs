//! `GET /api/v1/health`.

use schema::health::Health;
use worker::Response;

use crate::ctx::Ctx;
use crate::error::Result;

/// Reports the version and probes D1 and KV; a failing binding is `false`, not a 500, so
/// monitoring can tell which part is down.
pub async fn get(ctx: Ctx) -> Result<Response> {
    let d1 = match ctx.db() {
        Ok(db) => crate::store::answers(&db).await,
        Err(_) => false,
    };
    let kv = match ctx.kv() {
        Ok(kv) => kv.get("health").text().await.is_ok(),
        Err(_) => false,
    };
    ctx.ok(&Health { version: env!("CARGO_PKG_VERSION").to_string(), d1, kv })
}
