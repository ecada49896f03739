//! [`Db`] over an in-memory SQLite with the real migrations applied: the native test double for
//! D1. Same SQL, same constraints, same triggers.

use std::cell::RefCell;

use rusqlite::types::{Value as SqlValue, ValueRef};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::db::{Arg, BatchOut, Db, DbError, Sql};

/// An in-memory database with every migration in `schema/migrations` applied, in order.
pub struct Sqlite(RefCell<rusqlite::Connection>);

fn err(e: rusqlite::Error) -> DbError {
    DbError::classify(&e.to_string())
}

impl Sqlite {
    /// Opens a fresh database and applies the migrations.
    pub fn migrated() -> Sqlite {
        let conn = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("sqlite: {e}"));
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/migrations");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "sql"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{f:?}: {e}"));
            conn.execute_batch(&text).unwrap_or_else(|e| panic!("{f:?}: {e}"));
        }
        Sqlite(RefCell::new(conn))
    }

    fn run(conn: &rusqlite::Connection, q: &Sql) -> Result<(u64, Vec<Value>), DbError> {
        let mut stmt = conn.prepare(&q.text).map_err(err)?;
        let params: Vec<SqlValue> = q
            .args
            .iter()
            .map(|a| match a {
                Arg::Null => SqlValue::Null,
                Arg::Int(i) => SqlValue::Integer(*i),
                Arg::Real(f) => SqlValue::Real(*f),
                Arg::Text(s) => SqlValue::Text(s.clone()),
            })
            .collect();
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let mut rows = stmt.query(rusqlite::params_from_iter(params)).map_err(err)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(err)? {
            let mut obj = Map::new();
            for (i, name) in names.iter().enumerate() {
                let v = match row.get_ref(i).map_err(err)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::from(n),
                    ValueRef::Real(f) => Value::from(f),
                    ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Value::from(b.to_vec()),
                };
                obj.insert(name.clone(), v);
            }
            out.push(Value::Object(obj));
        }
        drop(rows);
        Ok((conn.changes(), out))
    }
}

impl Db for Sqlite {
    async fn all<T: DeserializeOwned>(&self, q: Sql) -> Result<Vec<T>, DbError> {
        let conn = self.0.borrow();
        let (_, rows) = Sqlite::run(&conn, &q)?;
        rows.into_iter()
            .map(|r| serde_json::from_value(r).map_err(|e| DbError::Other(e.to_string())))
            .collect()
    }

    async fn batch(&self, qs: Vec<Sql>) -> Result<Vec<BatchOut>, DbError> {
        let mut conn = self.0.borrow_mut();
        let tx = conn.transaction().map_err(err)?;
        let mut outs = Vec::new();
        for q in &qs {
            let before = tx.total_changes();
            let (_, rows) = Sqlite::run(&tx, q)?;
            // `changes()` keeps the last DML's count across SELECTs; total_changes tells if *this*
            // statement wrote, which is what D1's meta.changes reports.
            let changes = if tx.total_changes() > before { tx.changes() } else { 0 };
            outs.push(BatchOut { changes, rows });
        }
        tx.commit().map_err(err)?;
        Ok(outs)
    }
}
