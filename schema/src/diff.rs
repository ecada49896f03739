//! Field-level before/after diffs for the audit log.

use serde_json::{Map, Value, json};

/// Fields that change on every write and say nothing about what the person did.
const SKIP: [&str; 3] = ["version", "updated_at", "created_at"];
/// Fields whose values must never reach the log.
const SECRET: [&str; 3] = ["password", "password_hash", "new_password"];

/// `{field: {from, to}}` for every top-level field that differs. `before = Null` records a
/// creation (every field `from: null`).
pub fn diff(before: &Value, after: &Value) -> Value {
    let empty = Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut out = Map::new();
    let keys = b.keys().chain(a.keys().filter(|k| !b.contains_key(*k)));
    for key in keys {
        if SKIP.contains(&key.as_str()) {
            continue;
        }
        let (from, to) = (b.get(key).unwrap_or(&Value::Null), a.get(key).unwrap_or(&Value::Null));
        // Null and "" are both "no value": a creation does not list every blank optional field.
        let blank = |v: &Value| v.is_null() || v.as_str() == Some("");
        if from != to && !(blank(from) && blank(to)) {
            let (from, to) = if SECRET.contains(&key.as_str()) {
                (json!("***"), json!("***"))
            } else {
                (from.clone(), to.clone())
            };
            out.insert(key.clone(), json!({ "from": from, "to": to }));
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_fields() {
        let d = diff(
            &json!({"name": "a", "phone": "1", "version": 1}),
            &json!({"name": "b", "phone": "1", "version": 2}),
        );
        assert_eq!(d, json!({"name": {"from": "a", "to": "b"}}));
    }

    #[test]
    fn creation_and_secrets() {
        let d = diff(&Value::Null, &json!({"name": "a", "password_hash": "x", "address": ""}));
        assert!(d.get("address").is_none(), "blank fields are not changes");
        assert_eq!(d["name"], json!({"from": null, "to": "a"}));
        assert_eq!(d["password_hash"], json!({"from": "***", "to": "***"}));
    }
}
