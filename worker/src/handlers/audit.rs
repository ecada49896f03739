//! `GET /api/v1/audit`.

use worker::Response;

use crate::ctx::Ctx;
use crate::error::Result;
use crate::store::audit::{self, AuditFilter};

/// Browse the log with filters, newest first.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let filter = AuditFilter {
        entity: ctx.query("entity").filter(|s| !s.is_empty()),
        entity_id: ctx.query_i64("entity_id")?,
        actor_id: ctx.query_i64("actor_id")?,
        action: ctx.query("action").filter(|s| !s.is_empty()),
        since: ctx.query("since").filter(|s| !s.is_empty()),
        until: ctx.query("until").filter(|s| !s.is_empty()),
    };
    let page = audit::list(&ctx.db()?, &filter, ctx.page()?).await?;
    ctx.ok(&page)
}
