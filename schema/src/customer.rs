//! The customer archive (客户档案): companies and people who ship with the firm, their contacts
//! and pickup locations, and the rules that keep the archive clean — licence and ID numbers with
//! their check characters, normalised names for duplicate detection, masked display.

use serde::{Deserialize, Serialize};

use crate::de::ReadOnly;
use crate::validate::{Email, Phone, date, optional_text, required_text};
use crate::{FieldErrors, FieldIssue};

crate::derive::openapi_derive! {
/// Company (企业) or person (个人).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    Company,
    Person,
}

/// Where a customer is in its lifecycle (digest §2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStatus {
    /// 潜在客户
    Prospect,
    /// 注册客户
    Registered,
    /// 活跃客户
    Active,
    /// 签约客户
    Contracted,
    /// 流失预警
    AtRisk,
    /// 已流失
    Lost,
    /// 已挽回
    WonBack,
}

/// Value tier (the value pyramid), set by hand for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Vip,
    Key,
    Regular,
    Potential,
}
}

impl LifecycleStatus {
    /// All statuses in lifecycle order.
    pub const ALL: [LifecycleStatus; 7] = [
        LifecycleStatus::Prospect,
        LifecycleStatus::Registered,
        LifecycleStatus::Active,
        LifecycleStatus::Contracted,
        LifecycleStatus::AtRisk,
        LifecycleStatus::Lost,
        LifecycleStatus::WonBack,
    ];

    crate::labels! {
        Prospect: "潜在客户" | "Prospect",
        Registered: "注册客户" | "Registered",
        Active: "活跃客户" | "Active",
        Contracted: "签约客户" | "Contracted",
        AtRisk: "流失预警" | "At risk",
        Lost: "已流失" | "Lost",
        WonBack: "已挽回" | "Won back",
    }
}

impl Tier {
    /// All tiers, most valuable first.
    pub const ALL: [Tier; 4] = [Tier::Vip, Tier::Key, Tier::Regular, Tier::Potential];

    crate::labels! {
        Vip: "VIP 客户" | "VIP",
        Key: "重点客户" | "Key",
        Regular: "普通客户" | "Regular",
        Potential: "潜力客户" | "Potential",
    }
}

impl CustomerKind {
    crate::labels! {
        Company: "企业" | "Company",
        Person: "个人" | "Person",
    }
}

/// The 31 characters of a unified social credit code (GB 32100-2015): digits and capitals
/// without I, O, Z, S, V.
const USCC_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Validates an 18-character unified social credit code (统一社会信用代码) including its check
/// character; returns it upper-cased.
pub fn licence_no(raw: &str) -> Result<String, FieldIssue> {
    let s: String = raw.trim().to_ascii_uppercase();
    let values: Option<Vec<u32>> = s.chars().map(|c| USCC_CHARS.find(c).map(|i| i as u32)).collect();
    let Some(values) = values.filter(|v| v.len() == 18) else { return Err(FieldIssue::InvalidLicence) };
    let sum: u32 = values.iter().zip(USCC_WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    if values[17] == check { Ok(s) } else { Err(FieldIssue::InvalidLicence) }
}

/// Validates an 18-digit resident identity number (居民身份证号码, GB 11643-1999): a real birth date
/// and the ISO 7064 MOD 11-2 check character; returns it with an upper-case X.
pub fn id_no(raw: &str) -> Result<String, FieldIssue> {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let s = raw.trim().to_ascii_uppercase();
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return Err(FieldIssue::InvalidIdNo);
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(6..10), num(10..12), num(12..14));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days[(m - 1) as usize] {
        return Err(FieldIssue::InvalidIdNo);
    }
    let sum: u32 = b[..17].iter().zip(WEIGHTS).map(|(c, w)| u32::from(c - b'0') * w).sum();
    if CHECK[(sum % 11) as usize] == b[17] { Ok(s) } else { Err(FieldIssue::InvalidIdNo) }
}

/// `91310000****1234`-style masking for licence and ID numbers: enough to recognise, not to use.
pub fn mask_number(s: &str) -> String {
    let n = s.chars().count();
    if n <= 8 {
        return "*".repeat(n);
    }
    let head: String = s.chars().take(4).collect();
    let tail: String = s.chars().skip(n - 4).collect();
    format!("{head}{}{tail}", "*".repeat(n - 8))
}

/// Fen as yuan with two decimals (`123456` → `"1234.56"`), in integer arithmetic: money is never
/// a float here.
pub fn fen_to_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// Yuan as typed (`"12"`, `"12.3"`, `"1,234.56"`) → fen; `None` for anything else (a third
/// decimal, a sign, letters).
pub fn parse_yuan(raw: &str) -> Option<i64> {
    let t: String = raw.trim().chars().filter(|c| *c != ',' && *c != '，').collect();
    let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !(frac.is_empty() || digits(frac)) || frac.len() > 2 || int.len() > 12 {
        return None;
    }
    let cents = format!("{frac:0<2}").parse::<i64>().ok()?;
    Some(int.parse::<i64>().ok()? * 100 + cents)
}

/// Company-name endings that do not tell two companies apart (longest first).
const SUFFIXES: [&str; 12] = [
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团公司",
    "分公司",
    "公司",
    "coltd",
    "limited",
    "ltd",
    "inc",
    "co",
];

/// A customer name reduced to what identifies it, for duplicate warnings: full-width forms folded
/// to half-width, case folded, spaces and punctuation dropped, and one trailing company-form
/// suffix removed — so 「顺达物流有限责任公司」, 「顺达物流 有限公司」 and 「顺达物流（有限公司）」 collide.
pub fn name_key(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect();
    SUFFIXES
        .iter()
        .find_map(|s| folded.strip_suffix(s).filter(|rest| !rest.is_empty()))
        .unwrap_or(&folded)
        .to_string()
}

crate::derive::openapi_derive! {
/// A contact person at a customer (联系人).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: i64,
    pub customer_id: i64,
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    /// `YYYY-MM-DD`, for care activities.
    pub birthday: Option<String>,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub is_primary: bool,
    pub notes: String,
    pub version: i64,
}

/// A new or replaced contact. A [`Contact`] as read is accepted back as it is (its `id` and
/// `customer_id` ignored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    /// Required when replacing a contact (`PATCH`); ignored otherwise.
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default, skip_serializing)]
    pub id: ReadOnly<i64>,
    #[serde(default, skip_serializing)]
    pub customer_id: ReadOnly<i64>,
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub birthday: Option<String>,
    #[serde(default)]
    pub is_primary: bool,
    #[serde(default)]
    pub notes: String,
}

/// A customer as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerSummary {
    pub id: i64,
    pub kind: CustomerKind,
    pub name: String,
    pub short_name: String,
    pub city: String,
    pub status: LifecycleStatus,
    pub tier: Tier,
    pub phone: String,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub blacklisted: bool,
    pub updated_at: String,
    /// Custom field values (key → value).
    #[serde(default, deserialize_with = "crate::de::json_map")]
    pub custom: crate::custom::CustomValues,
    #[serde(default)]
    pub last_contact_at: Option<String>,
}

/// A customer record in full. Licence and ID numbers arrive masked for roles that do not need them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: i64,
    pub kind: CustomerKind,
    pub name: String,
    pub short_name: String,
    pub industry: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub address: String,
    pub source: String,
    pub status: LifecycleStatus,
    pub tier: Tier,
    pub licence_no: Option<String>,
    pub id_no: Option<String>,
    pub phone: String,
    pub email: String,
    #[serde(deserialize_with = "crate::de::string_list")]
    pub tags: Vec<String>,
    pub notes: String,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub org_id: i64,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub blacklisted: bool,
    pub blacklist_reason: String,
    /// Credit limit in fen (分).
    pub credit_limit: i64,
    /// Amount owed in fen (分).
    pub arrears: i64,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    /// When someone last logged a done interaction (for "not contacted for N days").
    #[serde(default)]
    pub last_contact_at: Option<String>,
    /// Custom field values (key → value).
    #[serde(default, deserialize_with = "crate::de::json_map")]
    pub custom: crate::custom::CustomValues,
}

/// A customer with its contacts, for the detail page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerDetail {
    pub customer: Customer,
    pub contacts: Vec<Contact>,
    /// Possible duplicates by normalised name or phone (warnings, not errors).
    pub duplicates: Vec<CustomerSummary>,
    /// Colleagues besides the owner who see and work on this customer.
    pub shares: Vec<ShareEntry>,
    /// Shipping / pickup locations (发货地点), the default first.
    pub locations: Vec<crate::location::Location>,
}

/// A colleague a customer is shared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareEntry {
    pub staff_id: i64,
    pub name: String,
    pub org_name: String,
}

/// Share a customer with a colleague, named by their phone or e-mail (what a rep knows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareRequest {
    pub login: String,
}

/// Hand every customer a staff member owns to a successor (`POST /api/v1/customers/handover`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoverRequest {
    pub from_staff_id: i64,
    pub to_staff_id: i64,
    #[serde(default)]
    pub reason: String,
}

/// Merge another customer into this one (`POST /api/v1/customers/{id}/merge`): both versions as
/// the caller saw them, so a merge never acts on a record changed meanwhile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeRequest {
    /// The customer merged away (deleted once everything it had has moved).
    pub from_id: i64,
    pub version: i64,
    pub from_version: i64,
}

/// What a hand-over did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandoverResult {
    /// How many customers changed owner.
    pub moved: i64,
    /// How many open follow-ups (planned interactions) went along.
    pub follow_ups: i64,
}

/// Create a customer (`POST`, optionally with its first contacts) or replace its editable fields
/// (`PATCH`, with `version`; contacts have their own routes there). The [`Customer`] a `GET`
/// answers is accepted back as it is: its read-only fields are ignored, a `null` number is none,
/// and a number masked for the caller means "keep the stored one" ([`CustomerInput::validate_edit`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CustomerInput {
    /// Required on `PATCH` (optimistic concurrency); ignored on `POST`.
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default, skip_serializing)]
    pub id: ReadOnly<i64>,
    #[serde(default, skip_serializing)]
    pub owner_name: ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub org_id: ReadOnly<i64>,
    #[serde(default, skip_serializing)]
    pub created_at: ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub updated_at: ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub last_contact_at: ReadOnly<String>,
    #[cfg_attr(feature = "openapi", schemars(with = "CustomerKind"))]
    pub kind: Option<CustomerKind>,
    pub name: String,
    #[serde(default)]
    pub short_name: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub status: Option<LifecycleStatus>,
    #[serde(default)]
    pub tier: Option<Tier>,
    /// Unified social credit code (companies); checked with its check character.
    #[serde(default, deserialize_with = "crate::de::null_as_empty")]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<String>"))]
    pub licence_no: String,
    /// Resident ID number (people); checked with its check character.
    #[serde(default, deserialize_with = "crate::de::null_as_empty")]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<String>"))]
    pub id_no: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: String,
    /// Defaults to the creator on `POST`.
    #[serde(default)]
    pub owner_id: Option<i64>,
    #[serde(default)]
    pub blacklisted: bool,
    #[serde(default)]
    pub blacklist_reason: String,
    /// Fen (分), ≥ 0.
    #[serde(default)]
    pub credit_limit: i64,
    /// Fen (分), ≥ 0.
    #[serde(default)]
    pub arrears: i64,
    #[serde(default)]
    pub contacts: Vec<ContactInput>,
    /// Custom field values, checked against the definitions (`schema::custom::validate_values`).
    #[serde(default)]
    pub custom: crate::custom::CustomValues,
}
}

/// A contact's fields after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidContact {
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub birthday: Option<String>,
    pub is_primary: bool,
    pub notes: String,
}

/// A customer's fields after validation (contacts separately).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCustomer {
    pub kind: CustomerKind,
    pub name: String,
    pub name_key: String,
    pub short_name: String,
    pub industry: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub address: String,
    pub source: String,
    pub status: LifecycleStatus,
    pub tier: Tier,
    pub licence_no: Option<String>,
    pub id_no: Option<String>,
    pub phone: String,
    pub email: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub owner_id: Option<i64>,
    pub blacklisted: bool,
    pub blacklist_reason: String,
    pub credit_limit: i64,
    pub arrears: i64,
    /// Checked by the caller against the definitions; empty from `validate()`.
    pub custom: crate::custom::CustomValues,
}

fn opt_phone(raw: &str) -> Result<String, FieldIssue> {
    if raw.trim().is_empty() { Ok(String::new()) } else { Phone::parse(raw).map(String::from) }
}

fn opt_email(raw: &str) -> Result<String, FieldIssue> {
    if raw.trim().is_empty() { Ok(String::new()) } else { Email::parse(raw).map(String::from) }
}

impl ContactInput {
    /// Checks one contact; field names are prefixed (`contacts.0.phone`) by the caller.
    pub fn validate(&self) -> Result<ValidContact, Vec<(&'static str, FieldIssue)>> {
        let mut errors = Vec::new();
        let mut take = |field: &'static str, r: Result<String, FieldIssue>| {
            r.map_err(|e| errors.push((field, e))).unwrap_or_default()
        };
        let name = take("name", required_text(&self.name, 40));
        let title = take("title", optional_text(&self.title, 40));
        let phone = take("phone", opt_phone(&self.phone));
        let email = take("email", opt_email(&self.email));
        let notes = take("notes", optional_text(&self.notes, 500));
        let birthday = self
            .birthday
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(|b| take("birthday", date(b)));
        if errors.is_empty() {
            Ok(ValidContact { name, title, phone, email, birthday, is_primary: self.is_primary, notes })
        } else {
            Err(errors)
        }
    }
}

/// Field names for contact rows: `contacts.N.field` (static, for the error map).
fn contact_field(i: usize, field: &'static str) -> &'static str {
    // Forms hold a handful of contacts; names beyond 9 fold into the last slot.
    const NAMES: [[&str; 6]; 10] = {
        macro_rules! row {
            ($i:literal) => {
                [
                    concat!("contacts.", $i, ".name"),
                    concat!("contacts.", $i, ".title"),
                    concat!("contacts.", $i, ".phone"),
                    concat!("contacts.", $i, ".email"),
                    concat!("contacts.", $i, ".birthday"),
                    concat!("contacts.", $i, ".notes"),
                ]
            };
        }
        [row!(0), row!(1), row!(2), row!(3), row!(4), row!(5), row!(6), row!(7), row!(8), row!(9)]
    };
    let col = ["name", "title", "phone", "email", "birthday", "notes"]
        .iter()
        .position(|f| *f == field)
        .unwrap_or(0);
    NAMES[i.min(9)][col]
}

impl CustomerInput {
    /// Checks every field (and each contact), collecting all problems at once.
    pub fn validate(&self) -> Result<(ValidCustomer, Vec<ValidContact>), FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut take = |field: &'static str, r: Result<String, FieldIssue>| {
            r.map_err(|e| errors.insert(field, e)).unwrap_or_default()
        };
        let name = take("name", required_text(&self.name, 100));
        let short_name = take("short_name", optional_text(&self.short_name, 30));
        let industry = take("industry", optional_text(&self.industry, 40));
        let province = take("province", optional_text(&self.province, 20));
        let city = take("city", optional_text(&self.city, 20));
        let district = take("district", optional_text(&self.district, 20));
        let address = take("address", optional_text(&self.address, 200));
        let source = take("source", optional_text(&self.source, 40));
        let phone = take("phone", opt_phone(&self.phone));
        let email = take("email", opt_email(&self.email));
        let notes = take("notes", optional_text(&self.notes, 2000));
        let blacklist_reason = take("blacklist_reason", optional_text(&self.blacklist_reason, 200));
        let licence_no = if self.licence_no.trim().is_empty() {
            None
        } else {
            Some(take("licence_no", licence_no(&self.licence_no)))
        };
        let id_no = if self.id_no.trim().is_empty() { None } else { Some(take("id_no", id_no(&self.id_no))) };
        if self.kind.is_none() {
            errors.insert("kind", FieldIssue::Required);
        }
        if self.blacklisted && blacklist_reason.is_empty() && !errors.contains_key("blacklist_reason") {
            errors.insert("blacklist_reason", FieldIssue::Required);
        }
        if self.credit_limit < 0 {
            errors.insert("credit_limit", FieldIssue::Negative);
        }
        if self.arrears < 0 {
            errors.insert("arrears", FieldIssue::Negative);
        }
        let mut tags: Vec<String> = Vec::new();
        for t in &self.tags {
            match required_text(t, 20) {
                Ok(t) if !tags.contains(&t) => tags.push(t),
                Ok(_) => {}
                Err(e) => {
                    errors.insert("tags", e);
                }
            }
        }
        if tags.len() > 10 {
            errors.insert("tags", FieldIssue::TooMany { max: 10 });
        }
        let mut contacts = Vec::new();
        for (i, c) in self.contacts.iter().enumerate() {
            match c.validate() {
                Ok(v) => contacts.push(v),
                Err(list) => {
                    for (f, e) in list {
                        errors.insert(contact_field(i, f), e);
                    }
                }
            }
        }
        if self.contacts.iter().filter(|c| c.is_primary).count() > 1 {
            errors.insert("contacts", FieldIssue::OnePrimary);
        }
        if self.contacts.len() > 20 {
            errors.insert("contacts", FieldIssue::TooMany { max: 20 });
        }
        match self.kind {
            Some(kind) if errors.is_empty() => Ok((
                ValidCustomer {
                    kind,
                    name_key: name_key(&name),
                    name,
                    short_name,
                    industry,
                    province,
                    city,
                    district,
                    address,
                    source,
                    status: self.status.unwrap_or(LifecycleStatus::Prospect),
                    tier: self.tier.unwrap_or(Tier::Regular),
                    licence_no,
                    id_no,
                    phone,
                    email,
                    tags,
                    notes,
                    owner_id: self.owner_id,
                    blacklisted: self.blacklisted,
                    blacklist_reason,
                    credit_limit: self.credit_limit,
                    arrears: self.arrears,
                    custom: Default::default(),
                },
                contacts,
            )),
            _ => Err(errors),
        }
    }
}

impl CustomerInput {
    /// Checks an edit of `stored` (the record as the caller read it, or as it is kept): an
    /// identity number sent back as `stored`'s mask (what [`mask_number`] shows a caller who may
    /// not see it) keeps `stored`'s number instead of being checked as a new one. Any other
    /// masked text is checked, and refused, like a mistyped number.
    pub fn validate_edit(
        &self,
        stored: &Customer,
    ) -> Result<(ValidCustomer, Vec<ValidContact>), FieldErrors> {
        let kept = |sent: &str, stored: &Option<String>| {
            stored.as_ref().filter(|s| sent.contains('*') && sent.trim() == mask_number(s)).cloned()
        };
        let (licence, id) = (kept(&self.licence_no, &stored.licence_no), kept(&self.id_no, &stored.id_no));
        let mut edit = self.clone();
        if licence.is_some() {
            edit.licence_no.clear();
        }
        if id.is_some() {
            edit.id_no.clear();
        }
        let (mut valid, contacts) = edit.validate()?;
        valid.licence_no = licence.or(valid.licence_no);
        valid.id_no = id.or(valid.id_no);
        Ok((valid, contacts))
    }
}

/// The text the search index holds for a customer: names, short name, phones, e-mail, address,
/// contacts. Chinese characters become single tokens (space-separated) so any run of them,
/// even one or two characters, is an exact phrase query on the index.
pub fn search_text(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts.iter().filter(|p| !p.is_empty()) {
        for c in p.chars() {
            if is_cjk(c) {
                out.push(' ');
                out.push(c);
                out.push(' ');
            } else if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            } else {
                out.push(' ');
            }
        }
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An FTS5 MATCH expression for a user's query: runs of Chinese characters become phrases of
/// single characters (「顺达」 → `"顺 达"`), other words prefix terms (`sd*`). `None` when nothing is
/// searchable. Quotes and operators in the input never reach FTS5 syntax.
pub fn match_query(q: &str) -> Option<String> {
    let text = search_text(&[q]);
    let mut terms: Vec<String> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for tok in text.split(' ').filter(|t| !t.is_empty()) {
        if tok.chars().all(is_cjk) {
            run.push(tok.to_string());
        } else {
            if !run.is_empty() {
                terms.push(format!("\"{}\"", run.join(" ")));
                run.clear();
            }
            terms.push(format!("\"{tok}\"*"));
        }
    }
    if !run.is_empty() {
        terms.push(format!("\"{}\"", run.join(" ")));
    }
    if terms.is_empty() { None } else { Some(terms.join(" AND ")) }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

crate::wire_names!(LifecycleStatus, Tier, CustomerKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_numbers_carry_a_check_character() {
        // Published examples of valid codes.
        assert_eq!(licence_no("91350100M000100Y43").as_deref(), Ok("91350100M000100Y43"));
        assert_eq!(licence_no("91110000600037341l").as_deref(), Ok("91110000600037341L"), "case-insensitive");
        assert_eq!(licence_no("91350100M000100Y44"), Err(FieldIssue::InvalidLicence));
        assert_eq!(licence_no("9135"), Err(FieldIssue::InvalidLicence));
        assert_eq!(licence_no("91350100M000100YIO"), Err(FieldIssue::InvalidLicence));
    }

    #[test]
    fn id_numbers_carry_a_check_character_and_a_real_birth_date() {
        assert_eq!(id_no("11010519491231002x").as_deref(), Ok("11010519491231002X"));
        assert_eq!(id_no("110105194912310021"), Err(FieldIssue::InvalidIdNo));
        assert_eq!(id_no("110105194902300020"), Err(FieldIssue::InvalidIdNo), "30 February");
        assert_eq!(id_no("11010519491231002"), Err(FieldIssue::InvalidIdNo));
        assert_eq!(mask_number("11010519491231002X"), "1101**********002X");
    }

    #[test]
    fn names_normalise_for_duplicates() {
        let k = name_key("顺达物流有限责任公司");
        assert_eq!(k, "顺达物流");
        assert_eq!(name_key("顺达物流 有限公司"), k);
        assert_eq!(name_key("顺达物流（有限公司）"), k);
        assert_eq!(name_key("ＳＤ　Logistics Co., Ltd."), "sdlogistics");
        assert_eq!(name_key("公司"), "公司", "a name that is only a suffix stays");
    }

    #[test]
    fn money_is_integer() {
        assert_eq!(fen_to_yuan(123_456), "1234.56");
        assert_eq!(fen_to_yuan(5), "0.05");
        assert_eq!(parse_yuan("1,234.5"), Some(123_450));
        assert_eq!(parse_yuan("12"), Some(1200));
        assert_eq!(parse_yuan("0.07"), Some(7));
        for bad in ["", "-1", "1.234", "abc", "1e3", "."] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
    }

    #[test]
    fn search_terms() {
        assert_eq!(search_text(&["顺达物流", "138-1234"]), "顺 达 物 流 138 1234");
        assert_eq!(match_query("顺达").as_deref(), Some("\"顺 达\""));
        assert_eq!(match_query("顺达 SD").as_deref(), Some("\"顺 达\" AND \"sd\"*"));
        assert_eq!(match_query("\" OR 1=1 --").as_deref(), Some("\"or\"* AND \"1\"* AND \"1\"*"));
        assert_eq!(match_query("  ,. "), None);
    }

    #[test]
    fn validation_collects_contact_errors() {
        let input = CustomerInput {
            kind: Some(CustomerKind::Company),
            name: "顺达物流有限公司".into(),
            licence_no: "91350100M000100Y44".into(),
            blacklisted: true,
            contacts: vec![
                ContactInput {
                    name: "张三".into(),
                    phone: "123".into(),
                    is_primary: true,
                    ..Default::default()
                },
                ContactInput {
                    name: "".into(),
                    birthday: Some("1990-02-30".into()),
                    is_primary: true,
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let e = input.validate().err().unwrap_or_default();
        assert_eq!(e.get("licence_no"), Some(&FieldIssue::InvalidLicence));
        assert_eq!(e.get("blacklist_reason"), Some(&FieldIssue::Required));
        assert_eq!(e.get("contacts.0.phone"), Some(&FieldIssue::InvalidPhone));
        assert_eq!(e.get("contacts.1.name"), Some(&FieldIssue::Required));
        assert_eq!(e.get("contacts.1.birthday"), Some(&FieldIssue::InvalidDate));
        assert_eq!(e.get("contacts"), Some(&FieldIssue::OnePrimary));
    }

    #[test]
    fn valid_input() {
        let input = CustomerInput {
            kind: Some(CustomerKind::Company),
            name: " 顺达物流有限公司 ".into(),
            licence_no: "91350100m000100y43".into(),
            phone: "021 6234 5678".into(),
            tags: vec!["电商".into(), "电商".into()],
            contacts: vec![ContactInput {
                name: "张伟".into(),
                phone: "13912345678".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let (c, contacts) = input.validate().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((c.name.as_str(), c.name_key.as_str()), ("顺达物流有限公司", "顺达物流"));
        assert_eq!(c.licence_no.as_deref(), Some("91350100M000100Y43"));
        assert_eq!(c.phone, "021-62345678");
        assert_eq!(c.tags, vec!["电商".to_string()]);
        assert_eq!(c.status, LifecycleStatus::Prospect);
        assert_eq!(contacts.len(), 1);
    }

    fn stored() -> Customer {
        Customer {
            id: 7,
            kind: CustomerKind::Company,
            name: "顺达物流有限公司".into(),
            short_name: String::new(),
            industry: String::new(),
            province: String::new(),
            city: "上海市".into(),
            district: String::new(),
            address: String::new(),
            source: String::new(),
            status: LifecycleStatus::Active,
            tier: Tier::Key,
            licence_no: Some("91350100M000100Y43".into()),
            id_no: None,
            phone: "021-62345678".into(),
            email: String::new(),
            tags: vec!["电商".into()],
            notes: String::new(),
            owner_id: Some(6),
            owner_name: Some("吴晓东".into()),
            org_id: 4,
            blacklisted: false,
            blacklist_reason: String::new(),
            credit_limit: 500_000,
            arrears: 0,
            version: 3,
            created_at: "2026-11-01T08:00:00Z".into(),
            updated_at: "2026-11-02T08:00:00Z".into(),
            last_contact_at: None,
            custom: Default::default(),
        }
    }

    /// What `GET` answers goes back to `PATCH` as it is: every field of the read shape is one the
    /// input accepts (read-only ones ignored), and it validates to the same record.
    #[test]
    fn a_customer_read_is_accepted_back_as_its_input() {
        let read = serde_json::to_value(stored()).unwrap_or_default();
        let input: CustomerInput = serde_json::from_value(read).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(input.version, Some(3));
        let (v, _) = input.validate_edit(&stored()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (v.name.as_str(), v.licence_no.as_deref(), v.id_no),
            ("顺达物流有限公司", Some("91350100M000100Y43"), None)
        );
        assert_eq!(
            (v.status, v.tier, v.credit_limit, v.owner_id),
            (LifecycleStatus::Active, Tier::Key, 500_000, Some(6))
        );
        let contact = Contact {
            id: 1,
            customer_id: 7,
            name: "张伟".into(),
            title: String::new(),
            phone: "13912345678".into(),
            email: String::new(),
            birthday: None,
            is_primary: true,
            notes: String::new(),
            version: 2,
        };
        let back: ContactInput = serde_json::from_value(serde_json::to_value(contact).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((back.version, back.name.as_str(), back.is_primary), (Some(2), "张伟", true));
        // The ignored fields are not written out again.
        let sent = serde_json::to_value(&back).unwrap_or_default();
        assert!(sent.get("id").is_none() && sent.get("customer_id").is_none(), "{sent}");
    }

    /// A number masked for the caller keeps the stored one; a mask of another number, or a
    /// masked number with nothing stored, is refused like a mistyped one.
    #[test]
    fn a_masked_number_sent_back_keeps_the_stored_one() {
        let masked = CustomerInput {
            kind: Some(CustomerKind::Company),
            name: "顺达物流有限公司".into(),
            licence_no: mask_number("91350100M000100Y43"),
            ..Default::default()
        };
        let (v, _) = masked.validate_edit(&stored()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(v.licence_no.as_deref(), Some("91350100M000100Y43"));
        let other = CustomerInput { licence_no: "9111**********0Y43".into(), ..masked.clone() };
        let e = other.validate_edit(&stored()).err().unwrap_or_default();
        assert_eq!(e.get("licence_no"), Some(&FieldIssue::InvalidLicence));
        let nothing = Customer { licence_no: None, ..stored() };
        assert!(masked.validate_edit(&nothing).is_err(), "nothing stored to keep");
        assert!(masked.validate().is_err(), "a new record has nothing to keep");
        let cleared = CustomerInput { licence_no: String::new(), ..masked };
        assert_eq!(cleared.validate_edit(&stored()).map(|(v, _)| v.licence_no), Ok(None), "empty clears it");
    }
}
