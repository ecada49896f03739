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

/// A text field that reads `null` as empty: what `GET` answers as "none" (`licence_no: null`)
/// is accepted back by an input whose field is plain text.
pub fn null_as_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// A field an input accepts only so that what a `GET` answered can be sent back as it is (`id`,
/// `created_at`, …): any value, ignored, never written out. The API document shows it as the
/// read shape's `T`, nullable, marked `readOnly`.
pub struct ReadOnly<T>(std::marker::PhantomData<T>);

impl<T> Default for ReadOnly<T> {
    fn default() -> Self {
        ReadOnly(std::marker::PhantomData)
    }
}

impl<T> Clone for ReadOnly<T> {
    fn clone(&self) -> Self {
        ReadOnly::default()
    }
}

impl<T> std::fmt::Debug for ReadOnly<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReadOnly")
    }
}

/// Every `ReadOnly` is like every other: the value it was given is not kept.
impl<T> PartialEq for ReadOnly<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<'de, T> Deserialize<'de> for ReadOnly<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ReadOnly<T>, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| ReadOnly::default())
    }
}

#[cfg(feature = "openapi")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for ReadOnly<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("ReadOnly_{}", T::schema_name()).into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = g.subschema_for::<Option<T>>();
        schema.insert("readOnly".into(), true.into());
        schema
    }
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
