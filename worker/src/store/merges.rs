//! Merging two customers: everything of the one merged away moves to the one kept, in one batch
//! with version checks on both, and a record of where it went.

use schema::customer::ValidCustomer;
use serde_json::json;

use super::audit::{self, EntityRef};
use super::customers::{CustomerRow, as_valid};
use super::db::{Db, DbError, guard_changed};
use super::search::{Terms, reindex, search_body, terms};
use super::{Actor, now};
use crate::store::db::sql;

/// Merges `from` into `into` (whose fields become `merged`): contacts, locations, interactions,
/// lifecycle history and shares move; `from`'s owner keeps access through a share; `from` is
/// deleted and recorded in `customer_merges`; both get audit entries. A stale version of either
/// aborts the whole batch.
pub async fn merge(
    db: &impl Db,
    actor: &Actor,
    into: &CustomerRow,
    from: &CustomerRow,
    merged: &ValidCustomer,
    defs: &[schema::custom::CustomField],
) -> Result<(), DbError> {
    let at = now();
    let (i, f) = (into.customer.id, from.customer.id);
    let mut t: Terms = terms(db, i).await?;
    let other = terms(db, f).await?;
    t.contacts.extend(other.contacts);
    t.places.extend(other.places);
    let tags = super::db::json(&merged.tags)?;
    let snapshot = serde_json::to_value(&from.customer).unwrap_or_default();
    let v = merged;
    let mut batch = vec![
        sql!(
            "UPDATE customers SET short_name = ?, industry = ?, province = ?, city = ?, district = ?, address = ?,
             source = ?, licence_no = ?, id_no = ?, phone = ?, email = ?, tags = ?, notes = ?, custom = ?,
             last_contact_at = max(coalesce(last_contact_at, ''), coalesce(?, '')),
             version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
            v.short_name.as_str(), v.industry.as_str(), v.province.as_str(), v.city.as_str(), v.district.as_str(),
            v.address.as_str(), v.source.as_str(), v.licence_no.clone(), v.id_no.clone(), v.phone.as_str(),
            v.email.as_str(), tags, v.notes.as_str(), super::db::json(&v.custom)?,
            from.customer.last_contact_at.clone(), at.as_str(), i,
            into.customer.version
        ),
        guard_changed(),
        // The kept customer's primary contact and default location stay the primary and default.
        sql!("UPDATE contacts SET customer_id = ?, is_primary = 0 WHERE customer_id = ?", i, f),
        sql!("UPDATE customer_locations SET customer_id = ?, is_default = 0 WHERE customer_id = ?", i, f),
        sql!(
            "UPDATE customer_locations SET is_default = 1
             WHERE id = (SELECT min(id) FROM customer_locations WHERE customer_id = ?1)
             AND NOT EXISTS (SELECT 1 FROM customer_locations WHERE customer_id = ?1 AND is_default = 1)",
            i
        ),
        sql!("UPDATE interactions SET customer_id = ? WHERE customer_id = ?", i, f),
        sql!("UPDATE shipments SET customer_id = ? WHERE customer_id = ?", i, f),
        // The merged customer's portal users, bookings, address book and notices follow it.
        sql!("UPDATE portal_users SET customer_id = ? WHERE customer_id = ?", i, f),
        sql!("UPDATE pickups SET customer_id = ? WHERE customer_id = ?", i, f),
        sql!("UPDATE address_book SET customer_id = ? WHERE customer_id = ?", i, f),
        sql!("UPDATE outbox SET customer_id = ? WHERE customer_id = ?", i, f),
        sql!("UPDATE customer_status_history SET customer_id = ? WHERE customer_id = ?", i, f),
        sql!("UPDATE customer_tier_history SET customer_id = ? WHERE customer_id = ?", i, f),
        // Its shipments are the kept one's now (marked for measuring by trigger); its measures go.
        sql!("DELETE FROM customer_values WHERE customer_id = ?", f),
        sql!(
            "INSERT OR IGNORE INTO customer_shares (customer_id, staff_id)
             SELECT ?1, staff_id FROM customer_shares WHERE customer_id = ?2
             UNION SELECT ?1, owner_id FROM customers WHERE id = ?2 AND owner_id IS NOT NULL
             EXCEPT SELECT ?1, owner_id FROM customers WHERE id = ?1",
            i,
            f
        ),
        sql!("DELETE FROM customer_shares WHERE customer_id = ?", f),
        sql!("DELETE FROM customer_search WHERE rowid = ?", f),
        sql!("DELETE FROM customer_field_values WHERE customer_id = ?", f),
        sql!("DELETE FROM customers WHERE id = ? AND version = ?", f, from.customer.version),
        guard_changed(),
        sql!(
            "INSERT INTO customer_merges (from_id, into_id, snapshot, at, actor_id, actor_name)
             VALUES (?, ?, ?, ?, ?, ?)",
            f,
            i,
            snapshot.to_string(),
            at.as_str(),
            actor.id,
            actor.name.as_str()
        ),
    ];
    batch.extend(reindex(i, search_body(merged, &t)));
    batch.extend(super::custom_fields::reindex_values(("?", Some(i)), defs, &merged.custom));
    let diff = schema::diff::diff(&json!({"merged_from": null}), &json!({"merged_from": f}));
    batch.push(audit::entry(actor, &at, "merge", "customer", EntityRef::Id(i), &diff));
    let gone = schema::diff::diff(
        &json!({"merged_into": null, "name": from.customer.name}),
        &json!({"merged_into": i, "name": null}),
    );
    batch.push(audit::entry(actor, &at, "merged_into", "customer", EntityRef::Id(f), &gone));
    db.batch(batch).await.map(|_| ())
}

/// Where a merged-away customer went, if it was merged.
pub async fn merged_into(db: &impl Db, from_id: i64) -> Result<Option<i64>, DbError> {
    #[derive(serde::Deserialize)]
    struct M {
        into_id: i64,
    }
    let m: Option<M> = db
        .first(sql!(
            "SELECT into_id FROM customer_merges WHERE from_id = ? ORDER BY id DESC LIMIT 1",
            from_id
        ))
        .await?;
    Ok(m.map(|m| m.into_id))
}

/// The fields after a merge: the kept customer's, with blanks filled from the other (the same
/// rule as an import's merge).
pub fn merged_fields(into: &CustomerRow, from: &CustomerRow) -> ValidCustomer {
    schema::import::merge_fill(&as_valid(into), &as_valid(from))
}
