//! [`Db`] over the D1 binding.

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::db::{Arg, BatchOut, Db, DbError, Sql};

/// The request's D1 handle.
pub struct D1(pub D1Database);

fn js(arg: &Arg) -> JsValue {
    match arg {
        Arg::Null => JsValue::null(),
        // D1 has no BigInt: integers travel as JS numbers (exact to 2^53, ample for ids and times).
        Arg::Int(i) => JsValue::from_f64(*i as f64),
        Arg::Real(f) => JsValue::from_f64(*f),
        Arg::Text(s) => JsValue::from_str(s),
    }
}

fn err(e: worker::Error) -> DbError {
    DbError::classify(&e.to_string())
}

impl D1 {
    fn prepare(&self, q: &Sql) -> Result<D1PreparedStatement, DbError> {
        let args: Vec<JsValue> = q.args.iter().map(js).collect();
        self.0.prepare(q.text.as_ref()).bind(&args).map_err(err)
    }
}

impl Db for D1 {
    async fn all<T: DeserializeOwned>(&self, q: Sql) -> Result<Vec<T>, DbError> {
        let result = self.prepare(&q)?.all().await.map_err(err)?;
        result.results::<T>().map_err(err)
    }

    async fn batch(&self, qs: Vec<Sql>) -> Result<Vec<BatchOut>, DbError> {
        let stmts = qs.iter().map(|q| self.prepare(q)).collect::<Result<Vec<_>, _>>()?;
        let results = self.0.batch(stmts).await.map_err(err)?;
        results
            .into_iter()
            .map(|r| {
                if let Some(e) = r.error() {
                    return Err(DbError::classify(&e));
                }
                let changes = r.meta().ok().flatten().and_then(|m| m.changes).unwrap_or(0) as u64;
                let rows = r.results::<serde_json::Value>().map_err(err)?;
                Ok(BatchOut { changes, rows })
            })
            .collect()
    }
}
