//! Every SQL string of the worker lives under this module, one file per resource. Functions take
//! any [`db::Db`], so the same SQL runs on D1 in the Worker and on SQLite in `cargo test`.

pub mod addresses;
pub mod api_keys;
pub mod attachments;
pub mod audit;
pub mod bulk;
pub mod claims;
pub mod complaints;
pub mod credit;
pub mod custom_fields;
pub mod customers;
pub mod d1;
pub mod db;
pub mod idempotency;
pub mod imports;
pub mod interactions;
pub mod kb;
pub mod lists;
pub mod locations;
pub mod lookup;
pub mod merges;
pub mod orgs;
pub mod outbox;
pub mod pickups;
pub mod portal;
pub mod quality;
pub mod requests;
pub mod search;
pub mod sessions;
pub mod shipments;
pub mod sla;
#[cfg(test)]
pub mod sqlite;
pub mod staff;
pub mod surveys;
pub mod throttle;
pub mod tracking;
pub mod value;

use db::{Arg, Db, DbError};

use schema::ErrorCode;

use crate::error::AppError;
use crate::store::db::sql;

/// Which orgs a query may touch, computed by the policy from the caller's role and org.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole firm.
    All,
    /// An org and its descendants, by materialised path (`/1/3/`).
    Subtree(String),
    /// One org only.
    Org(i64),
}

/// Whether the database answers (the health route's probe).
pub async fn answers(db: &impl Db) -> bool {
    db.all::<serde_json::Value>(sql!("SELECT 1 AS ok")).await.is_ok()
}

/// The exclusive upper bound of "paths starting with `prefix`" (`/1/3/` → `/1/30`): '0' is the
/// character after '/', so `[prefix, upper)` is an index range with no LIKE and nothing to escape.
pub fn subtree_upper(prefix: &str) -> String {
    format!("{}0", prefix.trim_end_matches('/'))
}

impl Scope {
    /// A WHERE fragment (with its args) restricting `path_col`/`id_col` of an orgs row.
    pub fn clause(&self, path_col: &str, id_col: &str) -> (String, Vec<Arg>) {
        match self {
            Scope::All => ("1 = 1".into(), vec![]),
            Scope::Subtree(p) => (
                format!("{path_col} >= ? AND {path_col} < ?"),
                vec![Arg::from(p.as_str()), Arg::from(subtree_upper(p))],
            ),
            Scope::Org(id) => (format!("{id_col} = ?"), vec![Arg::Int(*id)]),
        }
    }

    /// Whether an org (its id and path) is within the scope: [`Scope::clause`] for one row at hand
    /// (a path range `[p, p without '/' + '0')` is the paths that start with `p`).
    pub fn holds(&self, org_id: i64, org_path: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Subtree(p) => org_path.starts_with(p.as_str()),
            Scope::Org(id) => *id == org_id,
        }
    }
}

/// The person a change is recorded against in the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: Option<i64>,
    pub name: String,
}

/// The records whose writes are version-checked: the version a 409 answers with is read from
/// their table by [`version`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versioned {
    Address,
    /// Keyed by its request's id.
    Claim,
    Contact,
    CustomField,
    Customer,
    Interaction,
    Kb,
    Location,
    Org,
    Pickup,
    PortalUser,
    Request,
    Staff,
}

impl Versioned {
    /// Its table, and the column that names one record.
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Versioned::Address => ("address_book", "id"),
            Versioned::Claim => ("claims", "request_id"),
            Versioned::Contact => ("contacts", "id"),
            Versioned::CustomField => ("custom_fields", "id"),
            Versioned::Customer => ("customers", "id"),
            Versioned::Interaction => ("interactions", "id"),
            Versioned::Kb => ("kb_articles", "id"),
            Versioned::Location => ("customer_locations", "id"),
            Versioned::Org => ("orgs", "id"),
            Versioned::Pickup => ("pickups", "id"),
            Versioned::PortalUser => ("portal_users", "id"),
            Versioned::Request => ("service_requests", "id"),
            Versioned::Staff => ("staff", "id"),
        }
    }

    /// The one answer to a version-checked write of record `id`: the batch guard fired (someone
    /// saved first, or the record's state no longer allows the change) — 409 with the version
    /// stored now (read only then), or 404 if the record is gone; any other failure maps as usual.
    pub async fn write<T>(
        self,
        db: &impl Db,
        id: i64,
        write: impl std::future::Future<Output = Result<T, DbError>>,
    ) -> Result<T, AppError> {
        match write.await {
            Ok(t) => Ok(t),
            Err(DbError::VersionConflict) => match version(db, self, id).await? {
                Some(v) => Err(AppError::Conflict { current_version: Some(v) }),
                None => Err(ErrorCode::NotFound.into()),
            },
            Err(e) => Err(e.into()),
        }
    }
}

/// The version stored now for a record (`None`: it is gone): what a lost race answers with.
pub async fn version(db: &impl Db, of: Versioned, id: i64) -> Result<Option<i64>, DbError> {
    #[derive(serde::Deserialize)]
    struct V {
        version: i64,
    }
    let (table, key) = of.table();
    Ok(db
        .first::<V>(sql!(format!("SELECT version FROM {table} WHERE {key} = ?"), id))
        .await?
        .map(|v| v.version))
}

/// Now, as stored: UTC RFC 3339 with milliseconds (sorts as text).
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod archive_tests;
#[cfg(test)]
mod claim_tests;
#[cfg(test)]
mod custom_tests;
#[cfg(test)]
mod customer_tests;
#[cfg(test)]
mod import_tests;
#[cfg(test)]
mod kb_tests;
#[cfg(test)]
mod portal_tests;
#[cfg(test)]
mod request_tests;
#[cfg(test)]
mod shipment_tests;
#[cfg(test)]
mod sla_tests;
#[cfg(test)]
mod survey_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod timeline_tests;
#[cfg(test)]
mod value_tests;
