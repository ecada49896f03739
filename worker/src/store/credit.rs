//! The credit policy's row (`credit_settings`): what bookings do about a customer's debts.

use schema::credit::CreditPolicy;
use serde::Deserialize;

use super::audit::{self, EntityRef};
use super::db::{Db, DbError};
use super::{Actor, now};
use crate::store::db::sql;

/// The policy; the default when the row is missing.
pub async fn policy(db: &impl Db) -> Result<CreditPolicy, DbError> {
    #[derive(Deserialize)]
    struct P {
        policy: CreditPolicy,
    }
    let p: Option<P> = db.first(sql!("SELECT policy FROM credit_settings WHERE id = 1")).await?;
    Ok(p.map(|p| p.policy).unwrap_or_default())
}

/// Sets the policy, with its audit entry.
pub async fn set_policy(
    db: &impl Db,
    actor: &Actor,
    from: CreditPolicy,
    to: CreditPolicy,
) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![
        sql!("INSERT OR REPLACE INTO credit_settings (id, policy) VALUES (1, ?)", to.as_str()),
        audit::entry(
            actor,
            &at,
            "update",
            "credit_settings",
            EntityRef::Id(1),
            &serde_json::json!({"policy": {"from": from, "to": to}}),
        ),
    ])
    .await
    .map(|_| ())
}
