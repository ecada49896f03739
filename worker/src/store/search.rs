//! A customer's search entry (`customer_search`, FTS): what it holds — the customer's own
//! fields, its contacts' names, phones and e-mails, its locations' addresses — and the statements
//! that rewrite it. Every write that changes one of these (customers, contacts, locations,
//! imports, merges) rewrites the entry in the same batch, through here.

use schema::customer::{ValidCustomer, search_text};
use schema::location::Location;
use serde::Deserialize;

use super::db::{Db, DbError, Sql};
use crate::store::db::sql;

/// What a customer's search entry holds besides its own fields: its contacts' names, phones and
/// e-mails, and its locations' addresses.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    pub contacts: Vec<(String, String, String)>,
    pub places: Vec<String>,
}

/// The search body for a customer, its contacts and its locations.
pub fn search_body(v: &ValidCustomer, terms: &Terms) -> String {
    let mut parts: Vec<&str> =
        vec![&v.name, &v.short_name, &v.phone, &v.email, &v.province, &v.city, &v.district, &v.address];
    for (name, phone, email) in &terms.contacts {
        parts.extend([name.as_str(), phone.as_str(), email.as_str()]);
    }
    parts.extend(terms.places.iter().map(String::as_str));
    search_text(&parts)
}

/// The search terms of a customer's contacts and locations.
pub async fn terms(db: &impl Db, customer_id: i64) -> Result<Terms, DbError> {
    #[derive(Deserialize)]
    struct T {
        name: String,
        phone: String,
        email: String,
    }
    #[derive(Deserialize)]
    struct P {
        label: String,
        province: String,
        city: String,
        district: String,
        address: String,
        contact_name: String,
        phone: String,
    }
    let rows: Vec<T> =
        db.all(sql!("SELECT name, phone, email FROM contacts WHERE customer_id = ?", customer_id)).await?;
    let places: Vec<P> = db
        .all(sql!(
            "SELECT label, province, city, district, address, contact_name, phone FROM customer_locations
             WHERE customer_id = ? ORDER BY is_default DESC, id",
            customer_id
        ))
        .await?;
    Ok(Terms {
        contacts: rows.into_iter().map(|t| (t.name, t.phone, t.email)).collect(),
        places: places
            .iter()
            .map(|p| {
                place_of([&p.label, &p.province, &p.city, &p.district, &p.address, &p.contact_name, &p.phone])
            })
            .collect(),
    })
}

/// Rewrites customer `id`'s entry (delete and insert: an FTS table has no upsert).
pub fn reindex(id: i64, body: String) -> [Sql; 2] {
    [
        sql!("DELETE FROM customer_search WHERE rowid = ?", id),
        sql!("INSERT INTO customer_search (rowid, body) VALUES (?, ?)", id, body),
    ]
}

/// The text a location adds to its customer's search entry.
pub fn place(l: &Location) -> String {
    place_of([&l.label, &l.province, &l.city, &l.district, &l.address, &l.contact_name, &l.phone])
}

pub fn place_of([label, province, city, district, address, contact, phone]: [&str; 7]) -> String {
    format!("{label} {province}{city}{district}{address} {contact} {phone}")
}
