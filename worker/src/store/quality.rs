//! Data-quality lists of the customer archive: records missing key fields, suspected duplicates
//! (the same normalised name or phone), and customers nobody has contacted for N days — each a
//! keyset-paged list within the caller's scope.

use schema::customer::CustomerSummary;
use schema::page::{Page, PageRequest, page_from};
use schema::quality::{Missing, QualityItem};
use serde::Deserialize;

use super::customers::CustomerScope;
use super::db::{Arg, Db, DbError, Sql};

/// Which list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// No phone anywhere, no contact, no city, or a company without its licence number.
    Missing,
    /// Shares its normalised name or phone with another customer.
    Duplicates,
    /// No done interaction since this instant (or never).
    Stale { since: String },
}

#[derive(Deserialize)]
struct Row {
    #[serde(flatten)]
    customer: CustomerSummary,
    #[serde(deserialize_with = "schema::de::bool_or_int")]
    no_phone: bool,
    #[serde(deserialize_with = "schema::de::bool_or_int")]
    no_contact: bool,
    #[serde(deserialize_with = "schema::de::bool_or_int")]
    no_city: bool,
    #[serde(deserialize_with = "schema::de::bool_or_int")]
    no_licence: bool,
}

const FLAGS: &str = "
    (c.phone = '' AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.customer_id = c.id AND x.phone != '')) AS no_phone,
    NOT EXISTS (SELECT 1 FROM contacts x WHERE x.customer_id = c.id) AS no_contact,
    c.city = '' AS no_city,
    (c.kind = 'company' AND c.licence_no IS NULL) AS no_licence";

/// The SQL of one check (separate so tests can check its plan). It walks customers by id from
/// the cursor and stops once the page is full: with the subtree's `org_path` index the planner
/// would instead collect and sort the whole subtree first (75 ms for a manager at 100k customers,
/// measured), so that index is switched off here (`+c.org_path`). The flags are result columns
/// that the WHERE clause reuses by name (SQLite allows it).
pub fn check_sql(scope: &CustomerScope, check: &Check, page: PageRequest) -> Sql {
    let (cond, mut args) = scope.clause();
    let cond = cond.replace("c.org_path", "+c.org_path");
    let summary = super::customers::SUMMARY;
    let mut text = format!(
        "SELECT {summary}, {FLAGS} FROM customers c LEFT JOIN staff s ON s.id = c.owner_id
         WHERE {cond} AND c.id > ?"
    );
    args.push(page.after.unwrap_or(0).into());
    match check {
        Check::Missing => text.push_str(" AND (no_phone OR no_contact OR no_city OR no_licence)"),
        Check::Duplicates => text.push_str(
            " AND (c.name_key IN (SELECT name_key FROM customers GROUP BY name_key HAVING count(*) > 1)
               OR c.phone IN (SELECT phone FROM customers WHERE phone != '' GROUP BY phone HAVING count(*) > 1))",
        ),
        Check::Stale { since } => {
            text.push_str(" AND (c.last_contact_at IS NULL OR c.last_contact_at < ?)");
            args.push(since.as_str().into());
        }
    }
    text.push_str(" ORDER BY c.id LIMIT ?");
    args.push(Arg::Int(i64::from(page.limit) + 1));
    Sql { text: text.into(), args }
}

/// One page of a check's list.
pub async fn list(
    db: &impl Db,
    scope: &CustomerScope,
    check: &Check,
    page: PageRequest,
) -> Result<Page<QualityItem>, DbError> {
    let rows: Vec<Row> = db.all(check_sql(scope, check, page)).await?;
    let items: Vec<QualityItem> = rows
        .into_iter()
        .map(|r| {
            let mut missing = Vec::new();
            for (flag, m) in [
                (r.no_phone, Missing::Phone),
                (r.no_contact, Missing::Contact),
                (r.no_city, Missing::City),
                (r.no_licence, Missing::Licence),
            ] {
                if flag {
                    missing.push(m);
                }
            }
            let last_contact_at = r.customer.last_contact_at.clone();
            QualityItem { customer: r.customer, missing, last_contact_at }
        })
        .collect();
    Ok(page_from(items, page.limit, |i| i.customer.id))
}
