//! An enum's wire name comes from serde alone: `#[serde(rename_all = "snake_case")]` names each
//! variant for the API, the database and the front end, and [`name`] reads that name back (no
//! JSON written, nothing allocated). [`wire_names!`](crate::wire_names) gives an enum its
//! `as_str` from it, so no enum spells its names twice.

use serde::Serialize;
use serde::ser::{Error, Impossible, Serializer};

/// The name serde writes for a unit variant: `RequestKind::PickupProblem` → `"pickup_problem"`.
/// `None` for anything that is not a unit variant.
pub fn name<T: Serialize + ?Sized>(v: &T) -> Option<&'static str> {
    v.serialize(Name).ok()
}

/// Gives each listed enum (unit variants, serde-named) `as_str()`: its wire name, for SQL and
/// for query strings.
#[macro_export]
macro_rules! wire_names {
    ($($t:ty),* $(,)?) => {$(
        impl $t {
            /// The variant's wire name (serde's `rename_all`), as stored in the database.
            pub fn as_str(self) -> &'static str {
                // Unit variants always have a name; the tests of `wire` prove the reader.
                $crate::wire::name(&self).unwrap_or_default()
            }
        }
    )*};
}

/// Not a unit variant.
#[derive(Debug)]
pub struct NotUnit;

impl std::fmt::Display for NotUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a unit variant")
    }
}
impl std::error::Error for NotUnit {}
impl Error for NotUnit {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NotUnit
    }
}

/// A serializer that accepts only a unit variant and answers its name.
struct Name;

macro_rules! refuse {
    ($($f:ident($($t:ty),*)),* $(,)?) => {$(
        fn $f(self, $(_: $t),*) -> Result<&'static str, NotUnit> {
            Err(NotUnit)
        }
    )*};
}

impl Serializer for Name {
    type Ok = &'static str;
    type Error = NotUnit;
    type SerializeSeq = Impossible<&'static str, NotUnit>;
    type SerializeTuple = Impossible<&'static str, NotUnit>;
    type SerializeTupleStruct = Impossible<&'static str, NotUnit>;
    type SerializeTupleVariant = Impossible<&'static str, NotUnit>;
    type SerializeMap = Impossible<&'static str, NotUnit>;
    type SerializeStruct = Impossible<&'static str, NotUnit>;
    type SerializeStructVariant = Impossible<&'static str, NotUnit>;

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<&'static str, NotUnit> {
        Ok(variant)
    }

    refuse! {
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64), serialize_f32(f32),
        serialize_f64(f64), serialize_char(char), serialize_str(&str), serialize_bytes(&[u8]),
        serialize_none(), serialize_unit(), serialize_unit_struct(&'static str),
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<&'static str, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotUnit> {
        Err(NotUnit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{RequestKind, RequestStatus};

    #[test]
    fn names_are_serdes() {
        for k in RequestKind::ALL {
            let json = serde_json::to_value(k).unwrap_or_default();
            assert_eq!(Some(k.as_str()), json.as_str(), "{k:?}");
        }
        assert_eq!(RequestStatus::WaitingCustomer.as_str(), "waiting_customer");
        assert_eq!(name(&RequestKind::PickupProblem), Some("pickup_problem"));
        assert_eq!(name(&3_i64), None);
        assert_eq!(name(&Some(RequestKind::Claim)), None);
    }
}
