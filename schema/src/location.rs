//! Shipping and pickup locations (发货地点) of a customer: where couriers collect parcels. One is the
//! default, which pickup booking offers first.

use serde::{Deserialize, Serialize};

use crate::validate::{Phone, optional_text, required_text};
use crate::{FieldErrors, FieldIssue};

crate::derive::openapi_derive! {
/// A stored location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub id: i64,
    pub customer_id: i64,
    /// What the customer calls it: 「仓库」「总部前台」.
    pub label: String,
    pub contact_name: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub address: String,
    pub postcode: String,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub is_default: bool,
    pub notes: String,
    pub version: i64,
}

/// A new or replaced location (`version` required on `PATCH`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LocationInput {
    #[serde(default, skip_serializing)]
    pub id: crate::de::ReadOnly<i64>,
    #[serde(default, skip_serializing)]
    pub customer_id: crate::de::ReadOnly<i64>,
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub district: String,
    pub address: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub notes: String,
}
}

/// A location's fields after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidLocation {
    pub label: String,
    pub contact_name: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub address: String,
    pub postcode: String,
    pub is_default: bool,
    pub notes: String,
}

/// A mainland postcode: six digits (empty allowed).
pub fn postcode(raw: &str) -> Result<String, FieldIssue> {
    let t = raw.trim();
    if t.is_empty() || (t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit())) {
        Ok(t.to_string())
    } else {
        Err(FieldIssue::InvalidPostcode)
    }
}

impl LocationInput {
    /// Checks every field, collecting all problems.
    pub fn validate(&self) -> Result<ValidLocation, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut take = |field: &'static str, r: Result<String, FieldIssue>| {
            r.map_err(|e| errors.insert(field, e)).unwrap_or_default()
        };
        let label = take("label", optional_text(&self.label, 30));
        let contact_name = take("contact_name", optional_text(&self.contact_name, 40));
        let phone = if self.phone.trim().is_empty() {
            String::new()
        } else {
            take("phone", Phone::parse(&self.phone).map(String::from))
        };
        let province = take("province", optional_text(&self.province, 20));
        let city = take("city", optional_text(&self.city, 20));
        let district = take("district", optional_text(&self.district, 20));
        let address = take("address", required_text(&self.address, 200));
        let postcode = take("postcode", postcode(&self.postcode));
        let notes = take("notes", optional_text(&self.notes, 500));
        if errors.is_empty() {
            Ok(ValidLocation {
                label,
                contact_name,
                phone,
                province,
                city,
                district,
                address,
                postcode,
                is_default: self.is_default,
                notes,
            })
        } else {
            Err(errors)
        }
    }
}

/// One line for lists and pickers: 「仓库 · 上海市闵行区… 」.
pub fn one_line(l: &Location) -> String {
    let place: String = [&l.province, &l.city, &l.district, &l.address]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .concat();
    if l.label.is_empty() { place } else { format!("{} · {place}", l.label) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_is_required_and_postcode_checked() {
        let e = LocationInput { postcode: "12345".into(), ..Default::default() }
            .validate()
            .err()
            .unwrap_or_default();
        assert_eq!(e.get("address"), Some(&FieldIssue::Required));
        assert_eq!(e.get("postcode"), Some(&FieldIssue::InvalidPostcode));
        let ok = LocationInput {
            address: " 沪闵路 100 号 ".into(),
            postcode: "200233".into(),
            phone: "138 0013 8000".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok.address, "沪闵路 100 号");
        assert_eq!(ok.phone, "13800138000");
    }

    #[test]
    fn bad_phone_is_a_field_error() {
        let e = LocationInput { address: "x".into(), phone: "123".into(), ..Default::default() }
            .validate()
            .err()
            .unwrap_or_default();
        assert_eq!(e.get("phone"), Some(&FieldIssue::InvalidPhone));
    }
}
