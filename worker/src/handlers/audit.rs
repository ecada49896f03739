//! `GET /api/v1/audit`.

use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::audit::{self, AuditFilter};

/// Browse the log with filters, newest first.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let filter = AuditFilter {
        entity: ctx.query("entity"),
        entity_id: ctx.query_i64("entity_id")?,
        actor_id: ctx.query_i64("actor_id")?,
        action: ctx.query("action"),
        since: time_bound(ctx.query("since"), false)?,
        until: time_bound(ctx.query("until"), true)?,
    };
    let page = audit::list(&ctx.db()?, &filter, ctx.page()?).await?;
    ctx.ok(&page)
}

/// A filter bound as stored text. A bare date means that whole day in UTC: `until=2026-11-25`
/// includes the 25th (the bound becomes the 26th, exclusive). Anything unparseable is a 400.
fn time_bound(raw: Option<String>, upper: bool) -> Result<Option<String>> {
    let Some(raw) = raw.filter(|s| !s.is_empty()) else { return Ok(None) };
    let bad = || AppError::Code(schema::ErrorCode::InvalidQuery);
    if let Ok(day) = chrono::NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
        let day = if upper { day.succ_opt().ok_or_else(bad)? } else { day };
        return Ok(Some(format!("{day}T00:00:00.000Z")));
    }
    let t = chrono::DateTime::parse_from_rfc3339(&raw).map_err(|_| bad())?;
    Ok(Some(t.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert_eq!(
            time_bound(Some("2026-11-25".into()), false).ok().flatten().as_deref(),
            Some("2026-11-25T00:00:00.000Z")
        );
        assert_eq!(
            time_bound(Some("2026-11-25".into()), true).ok().flatten().as_deref(),
            Some("2026-11-26T00:00:00.000Z")
        );
        assert_eq!(
            time_bound(Some("2026-11-25T08:00:00+08:00".into()), false).ok().flatten().as_deref(),
            Some("2026-11-25T00:00:00.000Z")
        );
        assert!(time_bound(Some("yesterday".into()), false).is_err());
        assert!(time_bound(None, false).ok().flatten().is_none());
    }
}
