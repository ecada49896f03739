//! Customer locations (发货地点): one default per customer, kept in the customer's search entry.

use schema::ids::CustomerId;
use schema::location::{Location, ValidLocation};
use serde_json::json;

use super::audit::{self, EntityRef};
use super::customers::{CustomerRow, as_valid};
use super::db::{Db, DbError, Sql, guard_changed};
use super::search::{place, place_of, reindex, search_body, terms};
use super::{Actor, now};
use crate::store::db::sql;

const COLUMNS: &str =
    "id, customer_id, label, contact_name, phone, province, city, district, address, postcode,
    is_default, notes, version";

/// A customer's locations, the default first.
pub async fn list(db: &impl Db, customer_id: CustomerId) -> Result<Vec<Location>, DbError> {
    db.all(sql!(
        format!(
            "SELECT {COLUMNS} FROM customer_locations WHERE customer_id = ? ORDER BY is_default DESC, id"
        ),
        customer_id
    ))
    .await
}

fn snapshot(l: &ValidLocation) -> serde_json::Value {
    json!({
        "label": l.label, "contact_name": l.contact_name, "phone": l.phone, "province": l.province,
        "city": l.city, "district": l.district, "address": l.address, "postcode": l.postcode,
        "is_default": l.is_default,
    })
}

/// Adds (`id = None`), replaces, or removes (`l = None`) a location — keeping exactly one default
/// while any exist (the first location becomes it; removing it promotes the oldest), the search
/// entry and the audit entry, in one batch. A stale `version` aborts the batch.
pub async fn write(
    db: &impl Db,
    actor: &Actor,
    customer: &CustomerRow,
    id: Option<i64>,
    l: Option<&ValidLocation>,
    version: Option<i64>,
) -> Result<(), DbError> {
    let at = now();
    let cid = customer.customer.id;
    let existing = list(db, customer.id()).await?;
    let mut t = terms(db, cid).await?;
    t.places = existing.iter().filter(|e| Some(e.id) != id).map(place).collect();
    let others_default = existing.iter().any(|e| e.is_default && Some(e.id) != id);
    let mut batch = Vec::new();
    match (id, l) {
        (id, Some(l)) => {
            let default = l.is_default || !others_default;
            if default && others_default {
                batch.push(sql!(
                    "UPDATE customer_locations SET is_default = 0 WHERE customer_id = ? AND is_default = 1",
                    cid
                ));
            }
            t.places.push(place_of([
                &l.label,
                &l.province,
                &l.city,
                &l.district,
                &l.address,
                &l.contact_name,
                &l.phone,
            ]));
            let args = [
                l.label.as_str().into(),
                l.contact_name.as_str().into(),
                l.phone.as_str().into(),
                l.province.as_str().into(),
                l.city.as_str().into(),
                l.district.as_str().into(),
                l.address.as_str().into(),
                l.postcode.as_str().into(),
                default.into(),
                l.notes.as_str().into(),
                at.as_str().into(),
            ];
            match id {
                None => {
                    let mut all = vec![cid.into()];
                    all.extend(args);
                    all.push(at.as_str().into());
                    batch.push(Sql {
                        text: "INSERT INTO customer_locations (customer_id, label, contact_name, phone, province, city,
                               district, address, postcode, is_default, notes, created_at, updated_at)
                               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            .into(),
                        args: all,
                    });
                    let diff = schema::diff::diff(&serde_json::Value::Null, &snapshot(l));
                    batch.push(audit::entry(
                        actor,
                        &at,
                        "create",
                        "location",
                        EntityRef::JustInserted,
                        &diff,
                    ));
                }
                Some(id) => {
                    let mut all: Vec<_> = args.into();
                    all.extend([id.into(), cid.into(), version.unwrap_or(0).into()]);
                    batch.push(Sql {
                        text: "UPDATE customer_locations SET label = ?, contact_name = ?, phone = ?, province = ?,
                               city = ?, district = ?, address = ?, postcode = ?, is_default = ?, notes = ?,
                               updated_at = ?, version = version + 1
                               WHERE id = ? AND customer_id = ? AND version = ?"
                            .into(),
                        args: all,
                    });
                    batch.push(guard_changed());
                    batch.push(audit::entry(
                        actor,
                        &at,
                        "update",
                        "location",
                        EntityRef::Id(id),
                        &snapshot(l),
                    ));
                }
            }
        }
        (Some(id), None) => {
            batch.push(sql!("DELETE FROM customer_locations WHERE id = ? AND customer_id = ?", id, cid));
            batch.push(guard_changed());
            batch.push(audit::entry(actor, &at, "delete", "location", EntityRef::Id(id), &json!({})));
            // Removing the default promotes the oldest remaining location.
            batch.push(sql!(
                "UPDATE customer_locations SET is_default = 1
                 WHERE id = (SELECT min(id) FROM customer_locations WHERE customer_id = ?1)
                 AND NOT EXISTS (SELECT 1 FROM customer_locations WHERE customer_id = ?1 AND is_default = 1)",
                cid
            ));
        }
        (None, None) => return Ok(()),
    }
    batch.extend(reindex(cid, search_body(&as_valid(customer), &t)));
    batch.push(sql!("UPDATE customers SET updated_at = ? WHERE id = ?", at.as_str(), cid));
    db.batch(batch).await.map(|_| ())
}
