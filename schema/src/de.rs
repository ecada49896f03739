//! Lenient deserializers for values that SQLite stores differently from JSON.

use serde::{Deserialize, Deserializer};

/// SQLite (and so D1) has no boolean type: rows carry 0/1. Accepts `true`/`false` or a number.
pub fn bool_or_int<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum B {
        B(bool),
        I(i64),
        F(f64),
    }
    Ok(match B::deserialize(d)? {
        B::B(b) => b,
        B::I(i) => i != 0,
        B::F(f) => f != 0.0,
    })
}
