//! Lenient deserializers for values that SQLite stores differently from JSON.

use serde::{Deserialize, Deserializer};

/// SQLite (and so D1) has no boolean type: rows carry 0/1. Accepts `true`/`false` or a number.
pub fn bool_or_int<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bool(bool),
        Int(i64),
        Float(f64),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Bool(b) => b,
        Raw::Int(i) => i != 0,
        Raw::Float(f) => f != 0.0,
    })
}

/// A list of strings given either as a JSON array or as a string holding one — SQLite keeps lists
/// (customer tags) as JSON text, the API sends arrays.
pub fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        List(Vec<String>),
        Json(String),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::List(l) => l,
        Raw::Json(s) => serde_json::from_str(&s).unwrap_or_default(),
    })
}

/// A JSON object given as an object or as a string holding one (custom field values kept as JSON
/// text). Anything else reads as empty.
pub fn json_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, serde_json::Value>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Object(m) => m.into_iter().collect(),
        serde_json::Value::String(s) => serde_json::from_str(&s).unwrap_or_default(),
        _ => Default::default(),
    })
}

/// An optional value given as an object, as a string holding one (SQLite's `json_object`
/// arrives as text), or null.
pub fn json_text_opt<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned>(
    d: D,
) -> Result<Option<T>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => serde_json::from_str(&s).ok(),
        v => serde_json::from_value(v).ok(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        #[serde(deserialize_with = "string_list")]
        tags: Vec<String>,
    }

    #[test]
    fn lists_from_arrays_or_json_text() {
        let a: Option<T> = serde_json::from_str(r#"{"tags": ["电商", "VIP"]}"#).ok();
        let b: Option<T> = serde_json::from_str(r#"{"tags": "[\"电商\",\"VIP\"]"}"#).ok();
        assert_eq!(a.map(|t| t.tags), Some(vec!["电商".to_string(), "VIP".to_string()]));
        assert_eq!(b.map(|t| t.tags), Some(vec!["电商".to_string(), "VIP".to_string()]));
    }
}
