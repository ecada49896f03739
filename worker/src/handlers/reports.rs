//! Reports: read from aggregates the sweeps keep (never a scan of shipments per request), for the
//! caller's reach or one org within it.

use schema::{ErrorCode, FieldIssue};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::d1::D1;
use crate::store::{Scope, orgs, value};

/// The orgs a report covers: the caller's reach, or the subtree of `?org_id=` within it. An org
/// that does not exist or lies outside the reach is the same 400, naming the field.
async fn reach(ctx: &Ctx, db: &D1) -> Result<Scope> {
    let scope = ctx.scope.orgs()?;
    let Some(id) = ctx.query_i64("org_id")? else { return Ok(scope.clone()) };
    let org = orgs::get(db, scope, id)
        .await?
        .ok_or(AppError::BadQuery { field: "org_id", issue: FieldIssue::InvalidChoice })?;
    Ok(Scope::Subtree(org.path))
}

/// `GET /api/v1/reports/pyramid?org_id=`.
pub async fn pyramid(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let scope = reach(&ctx, &db).await?;
    ctx.ok(&value::pyramid(&db, &scope).await?)
}

/// `GET /api/v1/reports/pyramid.csv?org_id=`: the same layers as a spreadsheet (money in yuan).
pub async fn pyramid_csv(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let scope = reach(&ctx, &db).await?;
    let p = value::pyramid(&db, &scope).await?;
    let l = ctx.locale;
    let header: [&str; 6] = if l == schema::Locale::ZhCn {
        ["客户等级", "客户数", "有发货客户数", "近365天运费(元)", "累计运费(元)", "欠款客户数"]
    } else {
        ["tier", "customers", "shipping", "freight 365 days (yuan)", "lifetime freight (yuan)", "in arrears"]
    };
    let mut out = String::from(crate::csv::BOM);
    out.push_str(&crate::csv::line(&header));
    let yuan = schema::customer::fen_to_yuan;
    for x in &p.layers {
        let cells = [
            x.tier.label(l).to_string(),
            x.customers.to_string(),
            x.shipping.to_string(),
            yuan(x.freight_365),
            yuan(x.lifetime_freight),
            x.in_arrears.to_string(),
        ];
        out.push_str(&crate::csv::line(&cells));
    }
    Ok(crate::csv::response(out, "pyramid")?)
}

/// `GET /api/v1/reports/at-risk?org_id=&owner_id=&limit=&cursor=`: the caller's at-risk
/// customers (a rep: their own), the most valuable first.
pub async fn at_risk(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let org_path = match ctx.query_i64("org_id")? {
        None => None,
        Some(_) => match reach(&ctx, &db).await? {
            Scope::Subtree(p) => Some(p),
            _ => None,
        },
    };
    let after = match ctx.query("cursor") {
        None => None,
        Some(c) => {
            let (key, id) = schema::page::decode_key_cursor(&c).ok_or(ErrorCode::InvalidQuery)?;
            Some((key.parse::<i64>().map_err(|_| ErrorCode::InvalidQuery)?, id))
        }
    };
    let page = schema::page::PageRequest::parse(ctx.query("limit").as_deref(), None)?;
    let owner = ctx.query_i64("owner_id")?;
    let list =
        value::at_risk(&db, ctx.scope.customers()?, org_path.as_deref(), owner, after, page.limit).await?;
    ctx.ok(&list)
}
