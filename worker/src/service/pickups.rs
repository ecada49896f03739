//! Booking a pickup: the one set of checks for the portal and for staff on the phone.

use schema::ErrorCode;
use schema::FieldIssue;
use schema::pickup::{PickupDetail, PickupInput, ValidPickup, blacklist_gate};

use crate::error::{AppError, Result};
use crate::store::customers::CustomerRow;
use crate::store::d1::D1;
use crate::store::pickups::{self, Booker, PickupScope};
use crate::store::{addresses, credit, locations, shipments};

/// Books a pickup for `customer` (portal or staff; the caller has read it, in its scope):
/// location and address-book entries are the customer's own or a field error; a blacklisted
/// customer books nothing unless a manager (`may_override`, staff only) gives a reason, which is
/// audited with the booking; one in arrears or over its credit limit books nothing when the
/// admin's credit policy says so (`schema::credit::gate`, every path alike).
pub async fn book(
    db: &D1,
    customer: &CustomerRow,
    mut input: PickupInput,
    by: Booker,
    may_override: bool,
) -> Result<PickupDetail> {
    if matches!(by, Booker::Portal { .. }) {
        input.blacklist_override.clear();
    }
    let customer_id = customer.id();
    let location = match input.location_id {
        Some(id) => Some(
            locations::list(db, customer_id)
                .await?
                .into_iter()
                .find(|l| l.id == id)
                .ok_or(AppError::field("location_id", FieldIssue::InvalidChoice))?,
        ),
        None => None,
    };
    let entry = match input.address_id {
        Some(id) => Some(
            addresses::get(db, customer_id, id)
                .await?
                .ok_or(AppError::field("address_id", FieldIssue::InvalidChoice))?,
        ),
        None => None,
    };
    input.fill_from(location.as_ref(), entry.as_ref());
    let v = input.validate(&crate::store::now()).map_err(AppError::Validation)?;
    let overridden =
        blacklist_gate(customer.customer.blacklisted, v.blacklist_override.as_deref(), may_override)?;
    let v = ValidPickup { blacklist_override: v.blacklist_override.filter(|_| overridden), ..v };
    let c = &customer.customer;
    schema::credit::gate(schema::credit::standing(c.arrears, c.credit_limit), credit::policy(db).await?)?;
    if !shipments::service_exists(db, &v.service_code).await? {
        return Err(AppError::field("service_code", FieldIssue::InvalidChoice));
    }
    let id = pickups::create(db, customer_id, &by, &v).await?;
    let p = pickups::get(db, &PickupScope::All, id).await?.ok_or(ErrorCode::NotFound)?;
    Ok(pickups::detail(db, p).await?)
}
