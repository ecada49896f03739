//! CSV import of customers: the CSV reader (RFC 4180, as Excel writes it), the column names a
//! header may use in Chinese or English, one row's conversion into a [`CustomerInput`], and the
//! request and report shapes. The browser decodes the file (UTF-8, or GBK/GB18030 — what Excel
//! writes in China), maps the columns and sends rows in chunks; the worker validates each row
//! with the same rules as the form and commits each chunk in one batch.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::customer::{ContactInput, CustomerInput, CustomerKind, LifecycleStatus, Tier, parse_yuan};
use crate::{FieldErrors, FieldIssue, Locale};

/// Most rows one import request carries (a chunk): one D1 batch of a handful of set-based
/// statements, well within the per-invocation limits.
pub const CHUNK_ROWS: usize = 200;

/// Most rows one file may hold.
pub const MAX_ROWS: usize = 50_000;

/// Reads CSV text into rows of fields: quoted fields may hold commas, quotes (`""`) and line
/// breaks; CRLF or LF line ends; a leading BOM is dropped; blank lines are skipped. Each row keeps
/// the 1-based line it started on (what the report cites).
pub fn parse_csv(text: &str) -> Vec<(u32, Vec<String>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1u32;
    let mut start = 1u32;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' => {}
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                if row.iter().any(|f| !f.trim().is_empty()) {
                    rows.push((start, std::mem::take(&mut row)));
                }
                row.clear();
                line += 1;
                start = line;
            }
            c => field.push(c),
        }
    }
    row.push(field);
    if row.iter().any(|f| !f.trim().is_empty()) {
        rows.push((start, row));
    }
    rows
}

/// The data rows of a parsed file (header first) as import rows: `mapping[i]` is the field of
/// column `i` (empty: not imported).
pub fn mapped_rows(table: &[(u32, Vec<String>)], mapping: &[String]) -> Vec<ImportRow> {
    table
        .iter()
        .skip(1)
        .map(|(line, cells)| ImportRow {
            line: *line,
            fields: mapping
                .iter()
                .zip(cells)
                .filter(|(f, _)| !f.is_empty())
                .map(|(f, v)| (f.clone(), v.clone()))
                .collect(),
        })
        .collect()
}

/// The fields a column can map to: (wire name, zh label, en label, header aliases).
pub const FIELDS: &[(&str, &str, &str, &[&str])] = &[
    (
        "name",
        "客户名称",
        "Name",
        &["客户名称", "名称", "客户", "公司名称", "单位名称", "姓名", "name", "customer", "company"],
    ),
    ("kind", "客户类型", "Type", &["客户类型", "类型", "type", "kind"]),
    ("short_name", "简称", "Short name", &["简称", "short name", "short_name"]),
    ("industry", "行业", "Industry", &["行业", "industry"]),
    ("province", "省份", "Province", &["省份", "省", "province"]),
    ("city", "城市", "City", &["城市", "市", "city"]),
    ("district", "区县", "District", &["区县", "区", "district"]),
    ("address", "地址", "Address", &["地址", "详细地址", "address"]),
    ("source", "来源", "Source", &["来源", "客户来源", "source"]),
    ("status", "客户状态", "Status", &["客户状态", "状态", "status", "lifecycle"]),
    ("tier", "客户等级", "Tier", &["客户等级", "等级", "tier", "level"]),
    (
        "licence_no",
        "统一社会信用代码",
        "Licence no.",
        &["统一社会信用代码", "信用代码", "营业执照", "licence", "licence_no", "license"],
    ),
    ("id_no", "身份证号", "ID no.", &["身份证号", "身份证", "证件号码", "id_no", "id number"]),
    ("phone", "电话", "Phone", &["电话", "客户电话", "联系电话", "座机", "phone", "tel"]),
    ("email", "邮箱", "E-mail", &["邮箱", "电子邮箱", "email", "e-mail"]),
    ("tags", "标签", "Tags", &["标签", "tags"]),
    ("notes", "备注", "Notes", &["备注", "notes", "remark"]),
    (
        "credit_limit",
        "信用额度(元)",
        "Credit limit (yuan)",
        &["信用额度", "信用额度(元)", "credit limit", "credit_limit"],
    ),
    ("contact_name", "联系人", "Contact", &["联系人", "联系人姓名", "contact", "contact name"]),
    ("contact_title", "联系人职务", "Contact title", &["联系人职务", "职务", "title", "contact title"]),
    (
        "contact_phone",
        "联系人手机",
        "Contact phone",
        &["联系人手机", "联系人电话", "手机", "手机号", "mobile", "contact phone"],
    ),
    ("contact_email", "联系人邮箱", "Contact e-mail", &["联系人邮箱", "contact email"]),
];

/// The field a header names, if any (case, spaces and full-width brackets ignored).
pub fn guess_field(header: &str) -> Option<&'static str> {
    let norm = |s: &str| -> String {
        s.trim()
            .chars()
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                c => c.to_ascii_lowercase(),
            })
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let h = norm(header);
    FIELDS.iter().find(|(_, _, _, aliases)| aliases.iter().any(|a| norm(a) == h)).map(|f| f.0)
}

/// The label of a field for people.
pub fn field_label(field: &str, locale: Locale) -> &'static str {
    FIELDS.iter().find(|f| f.0 == field).map(|f| if locale == Locale::ZhCn { f.1 } else { f.2 }).unwrap_or("")
}

crate::derive::openapi_derive! {
/// What to do with a row that looks like an existing customer (same normalised name or phone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateMode {
    /// Leave the existing customer alone; report the row.
    #[default]
    Skip,
    /// Fill the existing customer's empty fields and add the row's contact.
    Merge,
    /// Create a new customer anyway.
    Create,
}

/// One chunk of an import (`POST /api/v1/customers/import`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    /// Chosen by the client for the whole file (8–64 letters, digits or `-`); with `chunk` it makes
    /// a retried request harmless: the stored report is returned, nothing is written twice.
    pub import_id: String,
    pub chunk: u32,
    #[serde(default)]
    pub mode: DuplicateMode,
    /// Check only: report what would happen, write nothing.
    #[serde(default)]
    pub dry_run: bool,
    pub rows: Vec<ImportRow>,
}

/// One data row after column mapping: field → text as in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRow {
    /// The file line it came from (for the report).
    pub line: u32,
    pub fields: BTreeMap<String, String>,
}

/// What happened to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    Created,
    Merged,
    Skipped,
    Invalid,
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowReport {
    pub line: u32,
    pub outcome: RowOutcome,
    /// The customer created or merged into.
    pub customer_id: Option<i64>,
    /// The existing customer (or earlier row's customer) it duplicates.
    pub duplicate_of: Option<i64>,
    /// Field → message, for invalid rows.
    #[serde(default)]
    pub errors: BTreeMap<String, String>,
}

/// The report of one chunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ImportReport {
    pub rows: Vec<RowReport>,
    pub created: u32,
    pub merged: u32,
    pub skipped: u32,
    pub invalid: u32,
}
}

impl ImportReport {
    /// Adds a row and counts it.
    pub fn push(&mut self, r: RowReport) {
        match r.outcome {
            RowOutcome::Created => self.created += 1,
            RowOutcome::Merged => self.merged += 1,
            RowOutcome::Skipped => self.skipped += 1,
            RowOutcome::Invalid => self.invalid += 1,
        }
        self.rows.push(r);
    }
}

/// Checks an import id.
pub fn import_id(raw: &str) -> Result<String, FieldIssue> {
    let ok = (8..=64).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok { Ok(raw.to_string()) } else { Err(FieldIssue::InvalidCode) }
}

/// Matches a cell against an enum's wire names and both languages' labels.
fn choice<T: Copy>(
    raw: &str,
    all: &[T],
    names: impl Fn(T) -> [&'static str; 3],
) -> Result<Option<T>, FieldIssue> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let lower = t.to_lowercase();
    all.iter()
        .copied()
        .find(|v| names(*v).iter().any(|n| n.to_lowercase() == lower))
        .map(Some)
        .ok_or(FieldIssue::InvalidChoice)
}

impl ImportRow {
    fn get(&self, f: &str) -> String {
        self.fields.get(f).map(|s| s.trim().to_string()).unwrap_or_default()
    }

    /// The row's custom field columns (`cf.<key>`) as raw values, to check against the
    /// definitions with `schema::custom::validate_values`.
    pub fn custom_raw(&self) -> crate::custom::CustomValues {
        self.fields
            .iter()
            .filter_map(|(k, v)| {
                Some((k.strip_prefix("cf.")?.to_string(), serde_json::Value::String(v.trim().into())))
            })
            .filter(|(_, v)| v.as_str().is_some_and(|s| !s.is_empty()))
            .collect()
    }

    /// The row as a create request: labels (「企业」「签约客户」「VIP」) or wire names for the
    /// choices, yuan for money, tags split on `,`/`、`/`;`. The type defaults to company, or to
    /// person when only an ID number is given.
    pub fn to_input(&self) -> Result<CustomerInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = choice(&self.get("kind"), &[CustomerKind::Company, CustomerKind::Person], |k| {
            let extra = if k == CustomerKind::Company { "企业" } else { "个人客户" };
            [k.as_str(), k.label(Locale::ZhCn), extra]
        });
        let kind = match kind {
            Ok(Some(k)) => Some(k),
            Ok(None) if self.get("licence_no").is_empty() && !self.get("id_no").is_empty() => {
                Some(CustomerKind::Person)
            }
            Ok(None) => Some(CustomerKind::Company),
            Err(e) => {
                errors.insert("kind", e);
                None
            }
        };
        let status = choice(&self.get("status"), &LifecycleStatus::ALL, |s| {
            [s.as_str(), s.label(Locale::ZhCn), s.label(Locale::En)]
        })
        .map_err(|e| errors.insert("status", e))
        .ok()
        .flatten();
        let tier = choice(&self.get("tier"), &[Tier::Vip, Tier::Key, Tier::Regular, Tier::Potential], |t| {
            [t.as_str(), t.label(Locale::ZhCn), t.label(Locale::En)]
        })
        .map_err(|e| errors.insert("tier", e))
        .ok()
        .flatten();
        let credit = self.get("credit_limit");
        let credit_limit = if credit.is_empty() {
            0
        } else {
            parse_yuan(&credit).unwrap_or_else(|| {
                errors.insert("credit_limit", FieldIssue::InvalidNumber);
                0
            })
        };
        let tags: Vec<String> = self
            .get("tags")
            .split([',', '，', '、', ';', '；', '|'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect();
        let contact = ContactInput {
            name: self.get("contact_name"),
            title: self.get("contact_title"),
            phone: self.get("contact_phone"),
            email: self.get("contact_email"),
            is_primary: true,
            ..Default::default()
        };
        let has_contact = !(contact.name.is_empty() && contact.phone.is_empty() && contact.email.is_empty());
        if has_contact && contact.name.is_empty() {
            errors.insert("contact_name", FieldIssue::Required);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CustomerInput {
            kind,
            name: self.get("name"),
            short_name: self.get("short_name"),
            industry: self.get("industry"),
            province: self.get("province"),
            city: self.get("city"),
            district: self.get("district"),
            address: self.get("address"),
            source: self.get("source"),
            status,
            tier,
            licence_no: self.get("licence_no"),
            id_no: self.get("id_no"),
            phone: self.get("phone"),
            email: self.get("email"),
            tags,
            notes: self.get("notes"),
            credit_limit,
            contacts: if has_contact { vec![contact] } else { vec![] },
            ..Default::default()
        })
    }

    /// Validates the row completely: the import's own conversions, then the form's rules. Error
    /// keys are import field names (`contacts.0.phone` → `contact_phone`).
    pub fn validate(
        &self,
    ) -> Result<(crate::customer::ValidCustomer, Vec<crate::customer::ValidContact>), FieldErrors> {
        self.to_input()?.validate().map_err(|e| {
            e.into_iter()
                .map(|(k, v)| {
                    let k = match k.strip_prefix("contacts.0.") {
                        Some("name") => "contact_name",
                        Some("title") => "contact_title",
                        Some("phone") => "contact_phone",
                        Some("email") => "contact_email",
                        _ => k,
                    };
                    (k, v)
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pairs: &[(&str, &str)]) -> ImportRow {
        ImportRow { line: 2, fields: pairs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect() }
    }

    #[test]
    fn csv_as_excel_writes_it() {
        let text = "\u{feff}名称,电话,备注\r\n\"顺达物流, 上海\",021-62345678,\"说\"\"快\"\"\r\n第二行\"\r\n\r\n华联,,\r\n";
        let rows = parse_csv(text);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], (1, vec!["名称".into(), "电话".into(), "备注".into()]));
        assert_eq!(rows[1].0, 2);
        assert_eq!(rows[1].1, vec!["顺达物流, 上海", "021-62345678", "说\"快\"\n第二行"]);
        assert_eq!(
            rows[2],
            (5, vec!["华联".into(), String::new(), String::new()]),
            "line numbers count breaks"
        );
        assert_eq!(parse_csv("a,b"), vec![(1, vec!["a".into(), "b".into()])], "no final newline");
    }

    #[test]
    fn headers_in_either_language_map_to_fields() {
        assert_eq!(guess_field(" 客户名称 "), Some("name"));
        assert_eq!(guess_field("信用额度（元）"), Some("credit_limit"));
        assert_eq!(guess_field("Contact Phone"), Some("contact_phone"));
        assert_eq!(guess_field("随便"), None);
    }

    #[test]
    fn labels_money_and_tags_convert() {
        let r = row(&[
            ("name", "顺达物流有限公司"),
            ("kind", "企业"),
            ("status", "签约客户"),
            ("tier", "VIP"),
            ("credit_limit", "1,234.5"),
            ("tags", "电商、冷链; 月结"),
            ("contact_name", "周杰"),
            ("contact_phone", "13812345678"),
        ]);
        let (v, contacts) = r.validate().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(v.kind, CustomerKind::Company);
        assert_eq!(v.status, LifecycleStatus::Contracted);
        assert_eq!(v.tier, Tier::Vip);
        assert_eq!(v.credit_limit, 123_450);
        assert_eq!(v.tags, ["电商", "冷链", "月结"]);
        assert_eq!(contacts.len(), 1);
        assert!(contacts[0].is_primary);
    }

    #[test]
    fn bad_rows_name_the_import_fields() {
        let e = row(&[("name", ""), ("tier", "金牌"), ("credit_limit", "1.234"), ("contact_phone", "123")])
            .validate()
            .err()
            .unwrap_or_default();
        assert_eq!(e.get("tier"), Some(&FieldIssue::InvalidChoice));
        assert_eq!(e.get("credit_limit"), Some(&FieldIssue::InvalidNumber));
        assert_eq!(e.get("contact_name"), Some(&FieldIssue::Required));
        let e = row(&[("name", ""), ("contact_name", "周杰"), ("contact_phone", "123")])
            .validate()
            .err()
            .unwrap_or_default();
        assert_eq!(e.get("name"), Some(&FieldIssue::Required));
        assert_eq!(e.get("contact_phone"), Some(&FieldIssue::InvalidPhone));
    }

    #[test]
    fn a_lone_id_number_means_a_person() {
        let r = row(&[("name", "张三"), ("id_no", "11010519491231002X")]);
        assert_eq!(r.validate().map(|(v, _)| v.kind), Ok(CustomerKind::Person));
    }

    #[test]
    fn import_ids_are_checked() {
        assert!(import_id("a1b2c3d4-e5").is_ok());
        assert!(import_id("short").is_err());
        assert!(import_id("has space in it").is_err());
    }
}

/// Merging an imported row into an existing customer: the stored values win; empty fields are
/// filled from the row; tags are joined (at most 10). Kind, lifecycle, tier, owner, blacklist and
/// money stay as they are — an import must not silently re-classify a customer.
pub fn merge_fill(
    existing: &crate::customer::ValidCustomer,
    row: &crate::customer::ValidCustomer,
) -> crate::customer::ValidCustomer {
    let mut out = existing.clone();
    let fill = |a: &mut String, b: &String| {
        if a.is_empty() {
            a.clone_from(b);
        }
    };
    fill(&mut out.short_name, &row.short_name);
    fill(&mut out.industry, &row.industry);
    fill(&mut out.province, &row.province);
    fill(&mut out.city, &row.city);
    fill(&mut out.district, &row.district);
    fill(&mut out.address, &row.address);
    fill(&mut out.source, &row.source);
    fill(&mut out.phone, &row.phone);
    fill(&mut out.email, &row.email);
    fill(&mut out.notes, &row.notes);
    if out.licence_no.is_none() {
        out.licence_no.clone_from(&row.licence_no);
    }
    if out.id_no.is_none() {
        out.id_no.clone_from(&row.id_no);
    }
    for t in &row.tags {
        if out.tags.len() < 10 && !out.tags.contains(t) {
            out.tags.push(t.clone());
        }
    }
    for (k, v) in &row.custom {
        out.custom.entry(k.clone()).or_insert_with(|| v.clone());
    }
    out
}

#[cfg(test)]
mod merge_tests {
    use super::*;

    #[test]
    fn merging_fills_blanks_and_keeps_what_is_stored() {
        let base = |pairs: &[(&str, &str)]| {
            ImportRow { line: 1, fields: pairs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect() }
                .validate()
                .map(|(v, _)| v)
                .unwrap_or_else(|e| panic!("{e:?}"))
        };
        let stored =
            base(&[("name", "顺达物流"), ("phone", "021-62345678"), ("tags", "电商"), ("tier", "VIP")]);
        let row = base(&[
            ("name", "顺达物流有限公司"),
            ("phone", "021-11112222"),
            ("city", "上海市"),
            ("tags", "电商,冷链"),
            ("tier", "潜力客户"),
        ]);
        let m = merge_fill(&stored, &row);
        assert_eq!(m.name, "顺达物流", "the stored name stays");
        assert_eq!(m.phone, "021-62345678", "a stored phone is not overwritten");
        assert_eq!(m.city, "上海市", "a blank is filled");
        assert_eq!(m.tags, ["电商", "冷链"]);
        assert_eq!(m.tier, crate::customer::Tier::Vip, "no silent re-classification");
    }
}
