//! The one seam between SQL and the database engine. Storage modules build [`Sql`] values and run
//! them through a [`Db`]; in the Worker that is D1, in `cargo test` it is SQLite with the same
//! migrations — so every SQL string in `store/` is exercised natively.

use std::borrow::Cow;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A bound parameter. D1 passes numbers through JavaScript, so integers are exact up to 2^53.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Arg::Int(i64::from(v))
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}
/// Ids whose mix-up the types prevent (`schema::ids`) bind as the integers they are.
macro_rules! id_args {
    ($($name:ident),*) => {$(
        impl From<schema::ids::$name> for Arg {
            fn from(v: schema::ids::$name) -> Self {
                Arg::Int(v.0)
            }
        }
    )*};
}
id_args!(CustomerId, StaffId, RequestId, PortalUserId);

impl<T: Into<Arg>> From<Option<T>> for Arg {
    fn from(v: Option<T>) -> Self {
        v.map_or(Arg::Null, Into::into)
    }
}

/// A value as JSON text for a column (tags, custom values, list bodies). A value that cannot be
/// written is an error, never a silent `[]` that would store an empty list.
pub fn json<T: Serialize + ?Sized>(v: &T) -> Result<String, DbError> {
    serde_json::to_string(v).map_err(|e| DbError::Other(format!("as JSON: {e}")))
}

/// Enum values as an SQL list for `IN (…)`, by their wire names (serde's, through
/// [`schema::wire::name`]): `names(RequestStatus::DONE)` is `'resolved', 'closed'`. Inlined rather
/// than bound, so that SQLite can match a partial index's `WHERE`; the names are the schema's own
/// identifiers, never input. An empty list is `''`, which matches no stored value.
pub fn names<T: Serialize>(values: impl IntoIterator<Item = T>) -> String {
    let quoted: Vec<String> =
        values.into_iter().filter_map(|v| schema::wire::name(&v)).map(|n| format!("'{n}'")).collect();
    if quoted.is_empty() { "''".into() } else { quoted.join(", ") }
}

/// One statement and its arguments (`?1`, `?2`, … in the text).
#[derive(Debug, Clone, PartialEq)]
pub struct Sql {
    pub text: Cow<'static, str>,
    pub args: Vec<Arg>,
}

/// Builds a [`Sql`]: `sql!("SELECT … WHERE id = ?1", id)`.
macro_rules! sql {
    ($text:expr $(, $arg:expr)* $(,)?) => {
        $crate::store::db::Sql { text: ::std::borrow::Cow::from($text), args: vec![$($crate::store::db::Arg::from($arg)),*] }
    };
}
pub(crate) use sql;

/// What one statement of a batch did.
#[derive(Debug, Clone, Default)]
pub struct BatchOut {
    /// Rows changed (INSERT/UPDATE/DELETE).
    pub changes: u64,
    /// Rows returned (`RETURNING …`), as JSON objects.
    pub rows: Vec<serde_json::Value>,
}

pub use crate::error::DbError;

/// A SQL database: D1 in the Worker, SQLite in native tests.
#[allow(async_fn_in_trait)]
pub trait Db {
    /// All rows of a query, deserialized.
    async fn all<T: DeserializeOwned>(&self, q: Sql) -> Result<Vec<T>, DbError>;

    /// Runs statements in order as one transaction: all take effect or none.
    async fn batch(&self, qs: Vec<Sql>) -> Result<Vec<BatchOut>, DbError>;

    /// The first row, if any.
    async fn first<T: DeserializeOwned>(&self, q: Sql) -> Result<Option<T>, DbError> {
        Ok(self.all(q).await?.into_iter().next())
    }

    /// One write statement; returns rows changed.
    async fn exec(&self, q: Sql) -> Result<u64, DbError> {
        Ok(self.batch(vec![q]).await?.first().map_or(0, |o| o.changes))
    }
}

/// `INSERT INTO guard …`: aborts the batch if the previous statement changed no row.
pub fn guard_changed() -> Sql {
    sql!("INSERT INTO guard(ok) VALUES (changes() > 0)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_engine_errors() {
        assert_eq!(
            DbError::classify("D1_ERROR: UNIQUE constraint failed: staff.phone: SQLITE_CONSTRAINT"),
            DbError::Unique("staff.phone".into())
        );
        assert_eq!(
            DbError::classify("UNIQUE constraint failed: orgs.code"),
            DbError::Unique("orgs.code".into())
        );
        assert_eq!(
            DbError::classify("D1_ERROR: version_conflict: SQLITE_CONSTRAINT"),
            DbError::VersionConflict
        );
        assert!(matches!(DbError::classify("no such table: x"), DbError::Other(_)));
    }
}
