//! Caller lookup: customers by their own or a contact's phone (both indexed), within the caller's
//! customer scope.

use schema::customer::CustomerSummary;

use super::customers::{CustomerScope, SUMMARY};
use super::db::{Db, DbError, Sql};

/// At most this many customers per number (a shared switchboard can name several).
pub const MAX_CUSTOMERS: i64 = 5;

pub async fn customers_by_phone(
    db: &impl Db,
    scope: &CustomerScope,
    phone: &str,
) -> Result<Vec<CustomerSummary>, DbError> {
    let (cond, mut args) = scope.clause();
    args.extend([phone.into(), phone.into(), MAX_CUSTOMERS.into()]);
    db.all(Sql {
        text: format!(
            "SELECT {SUMMARY} FROM customers c LEFT JOIN staff s ON s.id = c.owner_id
             WHERE {cond} AND c.id IN (SELECT id FROM customers WHERE phone = ? UNION
                                       SELECT customer_id FROM contacts WHERE phone = ?)
             ORDER BY c.id LIMIT ?"
        )
        .into(),
        args,
    })
    .await
}
