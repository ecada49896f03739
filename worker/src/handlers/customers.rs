//! Customer-archive handlers: list and search, create (with contacts), detail (with duplicate
//! warnings), versioned edit, and contacts.

use schema::custom::{CustomField, CustomValues, display, index_rows, validate_values};
use schema::customer::{
    ContactInput, CustomerInput, HandoverRequest, HandoverResult, ValidContact, ValidCustomer, name_key,
};
use schema::{ErrorCode, FieldIssue};
use worker::Response;

use crate::auth::Caller;
use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::policy::may_assign;
use crate::service::customers::{detail, load, owner_for};
use crate::store::customers::{self, CustomerFilter, CustomerRow, Sort};
use crate::store::{Versioned, custom_fields, staff};

/// The list filters from the query string (shared by the list and the export). `cf.<key>=value`
/// filters on a custom field: the value is checked and normalised like a stored one.
fn filter(ctx: &Ctx, defs: &[CustomField]) -> Result<CustomerFilter> {
    let mut custom = Vec::new();
    for (key, value) in ctx.query_prefixed("cf.").into_iter().filter(|(_, v)| !v.is_empty()) {
        let def = defs.iter().find(|d| d.key == key).ok_or(ErrorCode::InvalidQuery)?;
        let one = std::slice::from_ref(def);
        let raw = CustomValues::from([(key, serde_json::Value::String(value))]);
        let valid = validate_values(one, &raw).map_err(|_| ErrorCode::InvalidQuery)?;
        custom.extend(index_rows(one, &valid));
    }
    let text = |name: &str| ctx.query(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let sort = match ctx.query("sort").as_deref() {
        None | Some("") | Some("id") => Sort::Id,
        Some("updated") => Sort::Updated,
        Some("last_contact") => Sort::LastContact,
        Some(_) => return Err(ErrorCode::InvalidQuery.into()),
    };
    // A sorted list's cursor carries its sort key (`ctx.page()` reads only id cursors).
    let after_key = match (sort, ctx.query("cursor")) {
        (Sort::Id, _) | (_, None) => None,
        (_, Some(c)) => Some(schema::page::decode_key_cursor(&c).ok_or(ErrorCode::InvalidQuery)?),
    };
    Ok(CustomerFilter {
        q: ctx.query("q"),
        status: ctx.query_enum("status")?,
        tier: ctx.query_enum("tier")?,
        owner_id: ctx.query_i64("owner_id")?,
        blacklisted: ctx.query_bool("blacklisted")?,
        custom,
        province: text("province"),
        city: text("city"),
        tag: text("tag"),
        sort,
        after_key,
    })
}

/// A customer input checked in full: the form's rules and the custom fields' together.
fn checked(
    validated: std::result::Result<(ValidCustomer, Vec<ValidContact>), schema::FieldErrors>,
    input: &CustomerInput,
    defs: &[CustomField],
) -> Result<(ValidCustomer, Vec<ValidContact>)> {
    match (validated, validate_values(defs, &input.custom)) {
        (Ok((mut v, c)), Ok(custom)) => {
            v.custom = custom;
            Ok((v, c))
        }
        (a, b) => {
            let mut all = a.err().unwrap_or_default();
            all.extend(b.err().unwrap_or_default());
            Err(AppError::Validation(all))
        }
    }
}

/// `GET /api/v1/customers`.
pub async fn list(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    // The definitions only when a custom filter asks for them: one query fewer on every list.
    let defs = if ctx.query_prefixed("cf.").is_empty() { vec![] } else { custom_fields::all(&db).await? };
    let filter = filter(&ctx, &defs)?;
    let page = if filter.sort == Sort::Id {
        ctx.page()?
    } else {
        schema::page::PageRequest::parse(ctx.query("limit").as_deref(), None)?
    };
    let page = customers::list(&db, ctx.scope.customers()?, &filter, page).await?;
    ctx.ok(&page)
}

/// Most rows one export returns (a D1 invocation allows 1,000 queries; this takes 20).
const EXPORT_MAX: usize = 10_000;

/// `GET /api/v1/customers/export.csv`: the filtered list as CSV (UTF-8 with BOM, so Excel opens it),
/// headers in the caller's language, at most 10,000 rows.
pub async fn export(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let defs: Vec<CustomField> = custom_fields::all(&db).await?.into_iter().filter(|d| d.active).collect();
    // Exports walk the list by id (their own cursor), whatever order the screen shows.
    let filter = CustomerFilter { sort: Sort::Id, after_key: None, ..filter(&ctx, &defs)? };
    let scope = ctx.scope.customers()?;
    let l = ctx.locale;
    let zh = l == schema::Locale::ZhCn;
    let header: [&str; 10] = if zh {
        ["编号", "客户名称", "简称", "类型", "状态", "等级", "城市", "电话", "负责人", "黑名单"]
    } else {
        ["id", "name", "short name", "type", "status", "tier", "city", "phone", "owner", "blacklisted"]
    };
    let mut out = String::from(crate::csv::BOM);
    let mut header: Vec<&str> = header.to_vec();
    header.extend(defs.iter().map(|d| d.label(l)));
    out.push_str(&crate::csv::line(&header));
    let mut after = None;
    let mut rows = 0;
    loop {
        let page =
            customers::list(&db, scope, &filter, schema::page::PageRequest { limit: 500, after }).await?;
        for c in &page.items {
            let flag = if c.blacklisted { if zh { "是" } else { "yes" } } else { "" };
            let id = c.id.to_string();
            let custom: Vec<String> =
                defs.iter().map(|d| c.custom.get(&d.key).map(display).unwrap_or_default()).collect();
            let mut cells: Vec<&str> = vec![
                &id,
                &c.name,
                &c.short_name,
                c.kind.label(l),
                c.status.label(l),
                c.tier.label(l),
                &c.city,
                &c.phone,
                c.owner_name.as_deref().unwrap_or(""),
                flag,
            ];
            cells.extend(custom.iter().map(String::as_str));
            out.push_str(&crate::csv::line(&cells));
        }
        rows += page.items.len();
        after = page.next_cursor.as_deref().and_then(schema::page::decode_cursor);
        if after.is_none() || rows >= EXPORT_MAX {
            break;
        }
    }
    Ok(crate::csv::response(out, "customers")?)
}

/// `GET /api/v1/customers/duplicates?name=…&phone=…`: warnings for a form being filled in.
pub async fn duplicates(ctx: Ctx) -> Result<Response> {
    let name = ctx.query("name").unwrap_or_default();
    let phone =
        ctx.query("phone").map(|p| schema::validate::Phone::parse(&p).map(String::from).unwrap_or_default());
    let exclude = ctx.query_i64("exclude")?;
    let key = name_key(&name);
    if key.is_empty() && phone.as_deref().unwrap_or("").is_empty() {
        return ctx.ok(&Vec::<schema::customer::CustomerSummary>::new());
    }
    let found = customers::duplicates(&ctx.db()?, &key, phone.as_deref().unwrap_or(""), exclude).await?;
    ctx.ok(&found)
}

/// `POST /api/v1/customers`.
pub async fn create(mut ctx: Ctx) -> Result<Response> {
    let input: CustomerInput = ctx.json().await?;
    let db = ctx.db()?;
    let defs = custom_fields::all(&db).await?;
    let (valid, contacts) = checked(input.validate(), &input, &defs)?;
    let owner = owner_for(&db, ctx.caller()?, valid.owner_id, None).await?;
    let id = customers::create(&db, &ctx.actor()?, &valid, &contacts, &owner, &defs).await?;
    let row = customers::get(&db, &customers::CustomerScope::All, id).await?;
    let row = row.ok_or(AppError::Internal("created customer vanished".into()))?;
    let body = detail(&ctx, &db, row).await?;
    ctx.created(&body)
}

/// `GET /api/v1/customers/{id}`.
pub async fn get(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    let body = detail(&ctx, &db, row).await?;
    ctx.ok(&body)
}

/// `PATCH /api/v1/customers/{id}`.
pub async fn update(mut ctx: Ctx) -> Result<Response> {
    let input: CustomerInput = ctx.json().await?;
    let version = input.version.ok_or(AppError::field("version", FieldIssue::Required))?;
    let db = ctx.db()?;
    let defs = custom_fields::all(&db).await?;
    let before = load(&ctx, &db).await?;
    let c = &before.customer;
    // Checked against what is stored: numbers sent back masked keep it.
    let (mut valid, _) = checked(input.validate_edit(c), &input, &defs)?;
    AppError::check_version(version, c.version)?;
    let owner = owner_for(&db, ctx.caller()?, valid.owner_id, c.owner_id).await?;
    valid.owner_id = owner.id;
    Versioned::Customer
        .write(&db, c.id, customers::update(&db, &ctx.actor()?, &before, &valid, version, &owner, &defs))
        .await?;
    let row = load(&ctx, &db).await?;
    let body = detail(&ctx, &db, row).await?;
    ctx.ok(&body)
}

/// `POST /api/v1/customers/{id}/contacts`.
pub async fn add_contact(mut ctx: Ctx) -> Result<Response> {
    let input: ContactInput = ctx.json().await?;
    let valid = input.validate().map_err(|list| AppError::Validation(list.into_iter().collect()))?;
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    customers::write_contact(&db, &ctx.actor()?, &row, None, Some(&valid), None).await?;
    let body = detail(&ctx, &db, load(&ctx, &db).await?).await?;
    ctx.created(&body)
}

/// `PATCH /api/v1/customers/{id}/contacts/{contact_id}`.
pub async fn update_contact(mut ctx: Ctx) -> Result<Response> {
    let input: ContactInput = ctx.json().await?;
    let version = input.version.ok_or(AppError::field("version", FieldIssue::Required))?;
    let valid = input.validate().map_err(|list| AppError::Validation(list.into_iter().collect()))?;
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    let contact_id = ctx.id("contact_id")?;
    let existing = customers::contacts(&db, row.customer.id).await?;
    let current = existing.iter().find(|c| c.id == contact_id).ok_or(ErrorCode::NotFound)?;
    AppError::check_version(version, current.version)?;
    let actor = ctx.actor()?;
    let write = customers::write_contact(&db, &actor, &row, Some(contact_id), Some(&valid), Some(version));
    Versioned::Contact.write(&db, contact_id, write).await?;
    let body = detail(&ctx, &db, load(&ctx, &db).await?).await?;
    ctx.ok(&body)
}

/// `DELETE /api/v1/customers/{id}/contacts/{contact_id}`.
pub async fn delete_contact(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    let contact_id = ctx.id("contact_id")?;
    if !customers::contacts(&db, row.customer.id).await?.iter().any(|c| c.id == contact_id) {
        return Err(ErrorCode::NotFound.into());
    }
    customers::write_contact(&db, &ctx.actor()?, &row, Some(contact_id), None, None).await?;
    Ok(Response::empty()?.with_status(204))
}

/// `POST /api/v1/customers/handover`: everything one staff member owns goes to a successor —
/// e.g. when a sales rep leaves («销售人员忽然辞职»), so no customer leaves with them. Both people
/// must be within the caller's reach; the successor must be active.
pub async fn handover(mut ctx: Ctx) -> Result<Response> {
    let body: HandoverRequest = ctx.json().await?;
    let db = ctx.db()?;
    let caller = ctx.caller()?;
    if !may_assign(caller) {
        return Err(ErrorCode::Forbidden.into());
    }
    let reason =
        schema::validate::optional_text(&body.reason, 200).map_err(|e| AppError::field("reason", e))?;
    let reach = ctx.scope.orgs()?;
    let from = staff::get(&db, reach, body.from_staff_id).await?;
    let from = from.ok_or(AppError::field("from_staff_id", FieldIssue::InvalidChoice))?;
    let to = staff::get(&db, reach, body.to_staff_id).await?.filter(|s| s.active && s.id != from.id);
    let to = to.ok_or(AppError::field("to_staff_id", FieldIssue::InvalidChoice))?;
    let owner = owner_for(&db, caller, Some(to.id), None).await?;
    let (moved, follow_ups) = customers::handover(&db, &ctx.actor()?, from.id, &owner, &reason).await?;
    ctx.ok(&HandoverResult { moved, follow_ups })
}

/// Whether the caller may share this customer: its owner, or someone who may assign.
fn may_share(caller: &Caller, row: &CustomerRow) -> Result<()> {
    if row.customer.owner_id == Some(caller.id) || may_assign(caller) {
        Ok(())
    } else {
        Err(ErrorCode::Forbidden.into())
    }
}

/// `POST /api/v1/customers/{id}/shares`: share with a colleague named by phone or e-mail.
pub async fn share(mut ctx: Ctx) -> Result<Response> {
    let body: schema::customer::ShareRequest = ctx.json().await?;
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    may_share(ctx.caller()?, &row)?;
    let login = if body.login.contains('@') {
        schema::validate::Email::parse(&body.login).map(String::from)
    } else {
        schema::validate::Phone::parse(&body.login).map(String::from)
    };
    let login = login.map_err(|e| AppError::field("login", e))?;
    let colleague = staff::credentials_by_login(&db, &login).await?.map(|c| c.staff).filter(|s| {
        s.active && schema::staff::CUSTOMER_ROLES.contains(&s.role) && Some(s.id) != row.customer.owner_id
    });
    let colleague = colleague.ok_or(AppError::field("login", FieldIssue::InvalidChoice))?;
    customers::set_share(&db, &ctx.actor()?, row.customer.id, colleague.id, true).await?;
    let body = detail(&ctx, &db, load(&ctx, &db).await?).await?;
    ctx.created(&body)
}

/// `DELETE /api/v1/customers/{id}/shares/{staff_id}`.
pub async fn unshare(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let row = load(&ctx, &db).await?;
    let staff_id = ctx.id("staff_id")?;
    // The shares are visible on the detail anyway, so "no such share" may come before "not yours".
    if !customers::shares(&db, row.customer.id).await?.iter().any(|s| s.staff_id == staff_id) {
        return Err(ErrorCode::NotFound.into());
    }
    may_share(ctx.caller()?, &row)?;
    if !customers::set_share(&db, &ctx.actor()?, row.customer.id, staff_id, false).await? {
        return Err(ErrorCode::NotFound.into());
    }
    Ok(Response::empty()?.with_status(204))
}
