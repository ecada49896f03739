//! The customer's address book (寄送清单): consignees they send to often.

use schema::ids::CustomerId;
use schema::pickup::{AddressEntry, ValidAddress};

use super::db::{Db, DbError, guard_changed};
use super::now;
use crate::store::db::sql;

const SELECT: &str =
    "SELECT id, customer_id, label, name, phone, region, address, postcode, version FROM address_book";

/// Most entries a customer keeps (a picker, not a CRM of their own).
pub const MAX_ENTRIES: i64 = 500;

pub async fn list(db: &impl Db, customer_id: CustomerId) -> Result<Vec<AddressEntry>, DbError> {
    db.all(sql!(format!("{SELECT} WHERE customer_id = ? ORDER BY label, name, id"), customer_id)).await
}

/// One entry of this customer (others' entries do not exist for the caller).
pub async fn get(db: &impl Db, customer_id: CustomerId, id: i64) -> Result<Option<AddressEntry>, DbError> {
    db.first(sql!(format!("{SELECT} WHERE customer_id = ? AND id = ?"), customer_id, id)).await
}

/// Adds an entry unless the book is full; returns the new id (None when full).
pub async fn create(db: &impl Db, customer_id: CustomerId, v: &ValidAddress) -> Result<Option<i64>, DbError> {
    #[derive(serde::Deserialize)]
    struct Id {
        id: i64,
    }
    let at = now();
    let out = db
        .batch(vec![sql!(
            "INSERT INTO address_book (customer_id, label, name, phone, region, address, postcode, created_at, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8
             WHERE (SELECT count(*) FROM address_book WHERE customer_id = ?1) < ?9 RETURNING id",
            customer_id,
            v.label.as_str(),
            v.name.as_str(),
            v.phone.as_str(),
            v.region.as_str(),
            v.address.as_str(),
            v.postcode.as_str(),
            at.as_str(),
            MAX_ENTRIES
        )])
        .await?;
    Ok(out.into_iter().flat_map(|o| o.rows).find_map(|r| serde_json::from_value::<Id>(r).ok()).map(|i| i.id))
}

/// Replaces an entry (version-checked: a stale version is a conflict).
pub async fn update(
    db: &impl Db,
    customer_id: CustomerId,
    id: i64,
    version: i64,
    v: &ValidAddress,
) -> Result<(), DbError> {
    db.batch(vec![
        sql!(
            "UPDATE address_book SET label = ?, name = ?, phone = ?, region = ?, address = ?, postcode = ?,
                 version = version + 1, updated_at = ?
             WHERE customer_id = ? AND id = ? AND version = ?",
            v.label.as_str(),
            v.name.as_str(),
            v.phone.as_str(),
            v.region.as_str(),
            v.address.as_str(),
            v.postcode.as_str(),
            now(),
            customer_id,
            id,
            version
        ),
        guard_changed(),
    ])
    .await
    .map(|_| ())
}

/// Removes an entry; returns whether it existed.
pub async fn delete(db: &impl Db, customer_id: CustomerId, id: i64) -> Result<bool, DbError> {
    Ok(db.exec(sql!("DELETE FROM address_book WHERE customer_id = ? AND id = ?", customer_id, id)).await? > 0)
}
