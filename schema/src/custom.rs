//! Custom fields on customers: admins define text, number, date, single- and multi-select fields;
//! values are checked here against the definitions (the same code in the form and the worker) and
//! stored on the customer as JSON, plus one index row per value so lists can filter on them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::validate::required_text;
use crate::{FieldErrors, FieldIssue, Locale};

/// Most fields a firm may define (also the number of static error keys below).
pub const MAX_FIELDS: usize = 20;

/// A customer's custom values: field key → value (string, number, or list of strings).
pub type CustomValues = BTreeMap<String, Value>;

crate::derive::openapi_derive! {
/// What a custom field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Number,
    /// `YYYY-MM-DD`.
    Date,
    Select,
    MultiSelect,
}

/// A field definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomField {
    pub id: i64,
    /// Stable machine name (`a-z`, digits, `_`): the key in values, filters and CSV headers.
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    pub kind: FieldKind,
    /// The choices of a select.
    #[serde(deserialize_with = "crate::de::string_list")]
    pub options: Vec<String>,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub required: bool,
    pub position: i64,
    /// Inactive fields keep their values but leave forms, lists and imports.
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub active: bool,
    pub version: i64,
}

/// Create (`POST`) or replace (`PATCH`, with `version`) a definition. The key cannot change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CustomFieldInput {
    #[serde(default, skip_serializing)]
    pub id: crate::de::ReadOnly<i64>,
    #[serde(default)]
    pub version: Option<i64>,
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::validate::doc::KEY), example = crate::validate::doc::KEY_EXAMPLE))]
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    /// Required when defining a field (its kind cannot change later).
    pub kind: Option<FieldKind>,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub position: i64,
    #[serde(default = "yes")]
    pub active: bool,
}
}

fn yes() -> bool {
    true
}

impl FieldKind {
    pub const ALL: [FieldKind; 5] =
        [FieldKind::Text, FieldKind::Number, FieldKind::Date, FieldKind::Select, FieldKind::MultiSelect];

    crate::labels! {
        Text: "文本" | "Text",
        Number: "数字" | "Number",
        Date: "日期" | "Date",
        Select: "单选" | "Single select",
        MultiSelect: "多选" | "Multi-select",
    }

    fn has_options(self) -> bool {
        matches!(self, FieldKind::Select | FieldKind::MultiSelect)
    }
}

impl CustomField {
    /// The label in a language.
    pub fn label(&self, locale: Locale) -> &str {
        if locale == Locale::ZhCn { &self.label_zh } else { &self.label_en }
    }
}

/// A definition after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidField {
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    pub kind: FieldKind,
    pub options: Vec<String>,
    pub required: bool,
    pub position: i64,
    pub active: bool,
}

impl CustomFieldInput {
    /// Checks a definition: a key of 2–30 `a-z0-9_` starting with a letter, both labels, and
    /// 1–50 distinct options for selects (none otherwise).
    pub fn validate(&self) -> Result<ValidField, FieldErrors> {
        let mut errors = FieldErrors::new();
        let key = self.key.trim();
        let key_ok = (2..=30).contains(&key.len())
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !key_ok {
            errors.insert("key", FieldIssue::InvalidKey);
        }
        let label_zh = required_text(&self.label_zh, 30).map_err(|e| errors.insert("label_zh", e)).ok();
        let label_en = required_text(&self.label_en, 30).map_err(|e| errors.insert("label_en", e)).ok();
        let kind = self.kind.ok_or(FieldIssue::Required).map_err(|e| errors.insert("kind", e)).ok();
        let mut options: Vec<String> = Vec::new();
        for o in &self.options {
            match required_text(o, 30) {
                Ok(o) if !options.contains(&o) => options.push(o),
                Ok(_) => {}
                Err(e) => {
                    errors.insert("options", e);
                }
            }
        }
        match kind {
            Some(k) if k.has_options() && options.is_empty() => {
                errors.insert("options", FieldIssue::Required);
            }
            Some(k) if !k.has_options() && !options.is_empty() => {
                errors.insert("options", FieldIssue::InvalidChoice);
            }
            _ if options.len() > 50 => {
                errors.insert("options", FieldIssue::TooMany { max: 50 });
            }
            _ => {}
        }
        match (label_zh, label_en, kind) {
            (Some(label_zh), Some(label_en), Some(kind)) if errors.is_empty() => Ok(ValidField {
                key: key.to_string(),
                label_zh,
                label_en,
                kind,
                options,
                required: self.required,
                position: self.position,
                active: self.active,
            }),
            _ => Err(errors),
        }
    }
}

/// The error key of the `i`-th definition's value (`custom.3`): keys are static strings, so they
/// are taken by position among the definitions (at most [`MAX_FIELDS`]).
pub fn error_key(i: usize) -> &'static str {
    const KEYS: [&str; MAX_FIELDS] = [
        "custom.0",
        "custom.1",
        "custom.2",
        "custom.3",
        "custom.4",
        "custom.5",
        "custom.6",
        "custom.7",
        "custom.8",
        "custom.9",
        "custom.10",
        "custom.11",
        "custom.12",
        "custom.13",
        "custom.14",
        "custom.15",
        "custom.16",
        "custom.17",
        "custom.18",
        "custom.19",
    ];
    KEYS[i.min(MAX_FIELDS - 1)]
}

/// A number as typed or sent (JSON number or text); at most 15 significant digits.
fn number(v: &Value) -> Option<f64> {
    let n = match v {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().replace([',', '，'], "").parse::<f64>().ok()?,
        _ => return None,
    };
    n.is_finite().then_some(n)
}

/// The text form of a value, as shown, exported and indexed (numbers without a trailing `.0`).
pub fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Value::Array(a) => a.iter().map(display).collect::<Vec<_>>().join("、"),
        Value::Bool(b) => b.to_string(),
        Value::Null | Value::Object(_) => String::new(),
    }
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Checks values against the definitions: each value of its kind (selects among their options),
/// required ones present. Values of inactive fields pass through unchanged (they are not
/// edited); keys that name no field are refused. Blank values are dropped.
pub fn validate_values(defs: &[CustomField], input: &CustomValues) -> Result<CustomValues, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut out = CustomValues::new();
    for key in input.keys() {
        if !defs.iter().any(|d| &d.key == key) {
            errors.insert("custom", FieldIssue::InvalidChoice);
        }
    }
    for (i, d) in defs.iter().enumerate() {
        let raw = input.get(&d.key).filter(|v| !is_blank(v));
        let Some(raw) = raw else {
            if d.required && d.active {
                errors.insert(error_key(i), FieldIssue::Required);
            }
            continue;
        };
        if !d.active {
            out.insert(d.key.clone(), raw.clone());
            continue;
        }
        let checked = match d.kind {
            FieldKind::Text => match raw {
                Value::String(s) => required_text(s, 200).map(Value::String),
                Value::Number(_) => Ok(Value::String(display(raw))),
                _ => Err(FieldIssue::InvalidChoice),
            },
            FieldKind::Number => number(raw)
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or(FieldIssue::InvalidNumber),
            FieldKind::Date => match raw {
                Value::String(s) => crate::validate::date(s).map(Value::String),
                _ => Err(FieldIssue::InvalidDate),
            },
            FieldKind::Select => match raw {
                Value::String(s) if d.options.iter().any(|o| o == s.trim()) => {
                    Ok(Value::String(s.trim().into()))
                }
                _ => Err(FieldIssue::InvalidChoice),
            },
            FieldKind::MultiSelect => {
                let items: Vec<String> = match raw {
                    Value::Array(a) => a.iter().map(display).collect(),
                    Value::String(s) => {
                        s.split([',', '，', '、', ';', '；', '|']).map(String::from).collect()
                    }
                    _ => vec!["\u{0}".into()],
                };
                let mut picked: Vec<String> = Vec::new();
                let mut bad = false;
                for it in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
                    if !d.options.iter().any(|o| o == it) {
                        bad = true;
                    } else if !picked.iter().any(|p| p == it) {
                        picked.push(it.to_string());
                    }
                }
                if bad { Err(FieldIssue::InvalidChoice) } else { Ok(Value::from(picked)) }
            }
        };
        match checked {
            Ok(v) => {
                out.insert(d.key.clone(), v);
            }
            Err(e) => {
                errors.insert(error_key(i), e);
            }
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// The index rows of some values: (field id, value text) — one per option of a multi-select.
pub fn index_rows(defs: &[CustomField], values: &CustomValues) -> Vec<(i64, String)> {
    let mut rows = Vec::new();
    for d in defs {
        match values.get(&d.key) {
            Some(Value::Array(a)) => rows.extend(a.iter().map(|v| (d.id, display(v)))),
            Some(v) if !is_blank(v) => rows.push((d.id, display(v))),
            _ => {}
        }
    }
    rows
}

crate::wire_names!(FieldKind);

#[cfg(test)]
mod tests {
    use super::*;

    fn def(id: i64, key: &str, kind: FieldKind, options: &[&str], required: bool) -> CustomField {
        CustomField {
            id,
            key: key.into(),
            label_zh: key.into(),
            label_en: key.into(),
            kind,
            options: options.iter().map(|s| (*s).into()).collect(),
            required,
            position: id,
            active: true,
            version: 1,
        }
    }

    fn defs() -> Vec<CustomField> {
        vec![
            def(1, "monthly_volume", FieldKind::Number, &[], false),
            def(2, "contract_end", FieldKind::Date, &[], false),
            def(3, "channel", FieldKind::Select, &["电商", "门店"], true),
            def(4, "services", FieldKind::MultiSelect, &["冷链", "大件", "国际"], false),
            def(5, "remark", FieldKind::Text, &[], false),
        ]
    }

    fn vals(v: Value) -> CustomValues {
        serde_json::from_value(v).unwrap_or_default()
    }

    #[test]
    fn values_are_checked_and_normalised() {
        let ok = validate_values(
            &defs(),
            &vals(
                serde_json::json!({"monthly_volume": "1,200", "contract_end": "2027-03-31", "channel": "电商",
                                     "services": "冷链、国际、冷链", "remark": " 夜间取件 "}),
            ),
        );
        let ok = ok.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok["monthly_volume"], serde_json::json!(1200.0));
        assert_eq!(ok["services"], serde_json::json!(["冷链", "国际"]));
        assert_eq!(ok["remark"], "夜间取件");
        assert_eq!(display(&ok["monthly_volume"]), "1200");
        let rows = index_rows(&defs(), &ok);
        assert!(rows.contains(&(4, "国际".into())) && rows.contains(&(1, "1200".into())));
    }

    #[test]
    fn bad_values_name_their_field() {
        let e = validate_values(
            &defs(),
            &vals(serde_json::json!({"monthly_volume": "很多", "contract_end": "2027-02-30", "services": ["海运"],
                                     "nope": 1})),
        )
        .err()
        .unwrap_or_default();
        assert_eq!(e.get("custom.0"), Some(&FieldIssue::InvalidNumber));
        assert_eq!(e.get("custom.1"), Some(&FieldIssue::InvalidDate));
        assert_eq!(e.get("custom.2"), Some(&FieldIssue::Required), "the required select is missing");
        assert_eq!(e.get("custom.3"), Some(&FieldIssue::InvalidChoice));
        assert_eq!(e.get("custom"), Some(&FieldIssue::InvalidChoice), "unknown key");
    }

    #[test]
    fn definitions_are_checked() {
        let e = CustomFieldInput { key: "1bad".into(), kind: Some(FieldKind::Select), ..Default::default() }
            .validate()
            .err()
            .unwrap_or_default();
        assert_eq!(e.get("key"), Some(&FieldIssue::InvalidKey));
        assert_eq!(e.get("options"), Some(&FieldIssue::Required));
        assert_eq!(e.get("label_zh"), Some(&FieldIssue::Required));
        let ok = CustomFieldInput {
            key: "channel".into(),
            label_zh: "渠道".into(),
            label_en: "Channel".into(),
            kind: Some(FieldKind::Select),
            options: vec!["电商".into(), "电商".into(), "门店".into()],
            ..Default::default()
        }
        .validate();
        assert_eq!(ok.map(|v| v.options), Ok(vec!["电商".to_string(), "门店".to_string()]));
    }
}
