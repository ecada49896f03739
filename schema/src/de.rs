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
