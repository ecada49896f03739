//! Customer rules more than one resource's handlers apply (the archive, its tools, imports,
//! the timeline): who may own a customer, how a customer is shown to a caller, and the
//! customer a path names.

use schema::customer::{CustomerDetail, mask_number};
use schema::ids::CustomerId;
use schema::{ErrorCode, FieldIssue};

use crate::auth::Caller;
use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::policy::{may_assign, org_scope, sees_identity_numbers};
use crate::store::customers::{self, CustomerRow, Owner};
use crate::store::d1::D1;
use crate::store::staff;

/// The owner a create or edit names: the caller by default; someone else only for those who may
/// assign, only an active account, and only within the assigner's reach (the orgs whose staff
/// they may list: a branch's sales manager cannot give a customer to another branch).
pub async fn owner_for(db: &D1, caller: &Caller, wanted: Option<i64>, current: Option<i64>) -> Result<Owner> {
    let id = wanted.or(current).unwrap_or(caller.id);
    let someone_else = Some(id) != current && id != caller.id;
    if someone_else && !may_assign(caller) {
        return Err(AppError::field("owner_id", FieldIssue::InvalidChoice));
    }
    let cred = staff::credentials_by_id(db, id).await?.filter(|c| c.staff.active);
    let cred = cred.ok_or(AppError::field("owner_id", FieldIssue::InvalidChoice))?;
    if someone_else && !org_scope(caller).holds(cred.staff.org_id, &cred.org_path) {
        return Err(AppError::field("owner_id", FieldIssue::InvalidChoice));
    }
    Ok(Owner { id: Some(id), org_id: cred.staff.org_id, org_path: cred.org_path })
}

/// A customer as the caller may see it: identity numbers masked unless the policy shows them,
/// with contacts, possible duplicates, shares and locations.
pub async fn detail(ctx: &Ctx, db: &D1, row: CustomerRow) -> Result<CustomerDetail> {
    let caller = ctx.caller()?;
    let mut customer = row.customer;
    if !sees_identity_numbers(caller, customer.owner_id) {
        customer.licence_no = customer.licence_no.as_deref().map(mask_number);
        customer.id_no = customer.id_no.as_deref().map(mask_number);
    }
    let contacts = customers::contacts(db, customer.id).await?;
    let duplicates = customers::duplicates(db, &row.name_key, &customer.phone, Some(customer.id)).await?;
    let shares = customers::shares(db, customer.id).await?;
    let locations = crate::store::locations::list(db, CustomerId(customer.id)).await?;
    Ok(CustomerDetail { customer, contacts, duplicates, shares, locations })
}

/// The customer of the path's `{id}`, if in the caller's scope (404 otherwise).
pub async fn load(ctx: &Ctx, db: &D1) -> Result<CustomerRow> {
    customers::get(db, ctx.scope.customers()?, ctx.id("id")?)
        .await?
        .ok_or(AppError::Code(ErrorCode::NotFound))
}
