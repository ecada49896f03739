//! Public tracking over HTTP: the JSON lookup and the problem report. The rules (masking,
//! throttling, the KV snapshot) are [`crate::service::tracking`]'s, shared with the HTML page.

use schema::shipment::ProblemReport;
use schema::validate::waybill_no;
use schema::{ErrorCode, FieldIssue};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::service::tracking::{Unmasked, Visitor};

fn visitor(ctx: &Ctx) -> Visitor<'_> {
    Visitor { env: &ctx.env, ip: ctx.client_ip() }
}

fn waybill_param(ctx: &Ctx) -> Result<String> {
    waybill_no(&ctx.param("waybill_no").unwrap_or_default()).map_err(|e| AppError::field("waybill_no", e))
}

/// `GET /api/v1/public/track/{waybill_no}?last4=1234`.
pub async fn track(ctx: Ctx) -> Result<Response> {
    let waybill = waybill_param(&ctx)?;
    let v = visitor(&ctx);
    match ctx.query("last4") {
        None => {
            // The stored text as it is (measured: streaming the KV value into the response instead
            // was slower under workerd, docs/BENCH.md).
            let json = v.masked_json(&waybill).await?.ok_or(ErrorCode::NotFound)?;
            let mut resp = Response::ok(json)?;
            resp.headers_mut().set("Content-Type", "application/json; charset=utf-8")?;
            Ok(resp)
        }
        Some(digits) => match v.unmasked(&waybill, &digits).await? {
            Unmasked::Shown(t) => ctx.ok(&*t),
            Unmasked::WrongDigits => Err(AppError::field("last4", FieldIssue::InvalidChoice)),
            Unmasked::Unknown => Err(ErrorCode::NotFound.into()),
        },
    }
}

/// `POST /api/v1/public/track/{waybill_no}/report`.
pub async fn report(mut ctx: Ctx) -> Result<Response> {
    let input: ProblemReport = ctx.json().await?;
    let waybill = waybill_param(&ctx)?;
    visitor(&ctx).report(&waybill, &input, ctx.locale).await?.ok_or(ErrorCode::NotFound)?;
    Ok(Response::empty()?.with_status(204))
}
