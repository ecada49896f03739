//! Custom field definitions, and the statements that keep a customer's value index in step.

use schema::custom::{CustomField, CustomValues, ValidField, index_rows};
use serde_json::json;

use super::audit::{self, EntityRef};
use super::db::{Arg, Db, DbError, Sql, guard_changed};
use super::{Actor, now};
use crate::store::db::sql;

const COLUMNS: &str = "id, key, label_zh, label_en, kind, options, required, position, active, version";

/// Every definition, in form order (inactive ones too: their stored values still display).
pub async fn all(db: &impl Db) -> Result<Vec<CustomField>, DbError> {
    db.all(sql!(format!("SELECT {COLUMNS} FROM custom_fields ORDER BY position, id"))).await
}

fn snapshot(f: &ValidField) -> serde_json::Value {
    json!({"key": f.key, "label_zh": f.label_zh, "label_en": f.label_en, "kind": f.kind, "options": f.options,
           "required": f.required, "position": f.position, "active": f.active})
}

/// Creates a definition (the key must be new: a UNIQUE error otherwise). Returns its id.
pub async fn create(db: &impl Db, actor: &Actor, f: &ValidField) -> Result<i64, DbError> {
    let at = now();
    let out = db
        .batch(vec![
            sql!(
                "INSERT INTO custom_fields (key, label_zh, label_en, kind, options, required, position, active,
                 created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                f.key.as_str(),
                f.label_zh.as_str(),
                f.label_en.as_str(),
                f.kind.as_str(),
                json!(f.options).to_string(),
                f.required,
                f.position,
                f.active,
                at.as_str(),
                at.as_str()
            ),
            audit::entry(
                actor,
                &at,
                "create",
                "custom_field",
                EntityRef::JustInserted,
                &schema::diff::diff(&serde_json::Value::Null, &snapshot(f)),
            ),
        ])
        .await?;
    audit::inserted_id(&out, 1, "custom field")
}

/// Replaces a definition's labels, options, flags and position if `version` matches (its key and
/// kind stay: stored values depend on them).
pub async fn update(
    db: &impl Db,
    actor: &Actor,
    before: &CustomField,
    f: &ValidField,
    version: i64,
) -> Result<(), DbError> {
    let at = now();
    let old = ValidField {
        key: before.key.clone(),
        label_zh: before.label_zh.clone(),
        label_en: before.label_en.clone(),
        kind: before.kind,
        options: before.options.clone(),
        required: before.required,
        position: before.position,
        active: before.active,
    };
    db.batch(vec![
        sql!(
            "UPDATE custom_fields SET label_zh = ?, label_en = ?, options = ?, required = ?, position = ?, active = ?,
             version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
            f.label_zh.as_str(),
            f.label_en.as_str(),
            json!(f.options).to_string(),
            f.required,
            f.position,
            f.active,
            at.as_str(),
            before.id,
            version
        ),
        guard_changed(),
        audit::entry(actor, &at, "update", "custom_field", EntityRef::Id(before.id), &schema::diff::diff(&snapshot(&old), &snapshot(f))),
    ])
    .await
    .map(|_| ())
}

/// Statements replacing a customer's value index: `customer` is an id expression (a bound id,
/// or `(SELECT max(id) FROM customers)` inside a create batch).
pub fn reindex_values(
    customer: (&str, Option<i64>),
    defs: &[CustomField],
    values: &CustomValues,
) -> Vec<Sql> {
    let rows: Vec<serde_json::Value> =
        index_rows(defs, values).into_iter().map(|(f, v)| json!([f, v])).collect();
    let (expr, id) = customer;
    let bind = |mut args: Vec<Arg>| {
        if let Some(id) = id {
            args.insert(0, id.into());
        }
        args
    };
    let mut out = vec![Sql {
        text: format!("DELETE FROM customer_field_values WHERE customer_id = {expr}").into(),
        args: bind(vec![]),
    }];
    if !rows.is_empty() {
        out.push(Sql {
            text: format!(
                "INSERT OR IGNORE INTO customer_field_values (customer_id, field_id, value)
                 SELECT {expr}, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)"
            )
            .into(),
            args: bind(vec![serde_json::Value::Array(rows).to_string().into()]),
        });
    }
    out
}
