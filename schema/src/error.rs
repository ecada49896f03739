//! The API's error vocabulary: a stable `code` for programs, a `message` for people in their
//! language, and per-field messages for forms. The worker maps every failure to one of these codes
//! in one place; the front end shows `message` and `fields` as they come.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::locale::Locale;

crate::derive::openapi_derive! {
/// Stable, machine-readable error codes (`snake_case` on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not valid JSON.
    MalformedJson,
    /// The body is JSON but has wrong types, missing or unknown fields.
    InvalidBody,
    /// The body is not valid UTF-8.
    InvalidUtf8,
    /// A query parameter is out of range or malformed (e.g. `limit`, `cursor`).
    InvalidQuery,
    /// The request body must be `application/json`.
    UnsupportedMediaType,
    /// The body exceeds the 1 MB limit.
    PayloadTooLarge,
    /// No valid session: sign in.
    Unauthenticated,
    /// Signed in, but the role does not allow this.
    Forbidden,
    /// The write did not come from this site (missing CSRF header or foreign `Origin`).
    CsrfRejected,
    /// Nothing here (or nothing the caller may see).
    NotFound,
    /// The path exists but not with this method.
    MethodNotAllowed,
    /// One or more fields are invalid; see `fields`.
    ValidationFailed,
    /// Someone else changed the record first; reload and retry.
    VersionConflict,
    /// The phone, e-mail or code is already used by another record.
    AlreadyExists,
    /// The organisation still has active sub-organisations or staff.
    OrgInUse,
    /// Wrong login or password (deliberately not saying which).
    LoginFailed,
    /// Too many attempts; wait and retry.
    TooManyAttempts,
    /// The current password given for a change is wrong.
    WrongPassword,
    /// The record is in a state that does not allow this (e.g. assigning a collected pickup).
    WrongState,
    /// An uploaded file exceeds the attachment limit (10 MiB).
    FileTooLarge,
    /// An uploaded file is not a JPEG, PNG or WebP image or a PDF (judged by its bytes).
    UnsupportedFileType,
    /// The amount is above the caller's approval limit: a CS manager must decide.
    OverApprovalLimit,
    /// The customer is on the blacklist: no booking without a manager's exception.
    Blacklisted,
    /// The customer owes money (or more than its credit limit) and the firm takes no bookings
    /// until it is settled (`schema::credit`).
    CreditBlocked,
    /// The `Idempotency-Key` header is not 8–100 letters, digits, `-` or `_`.
    InvalidIdempotencyKey,
    /// This `Idempotency-Key` was already used for a different request.
    IdempotencyKeyReused,
    /// Something failed on our side; details are in the logs, never in the response.
    Internal,
}
}

impl ErrorCode {
    /// The HTTP status this code is always sent with.
    pub fn status(self) -> u16 {
        use ErrorCode::*;
        match self {
            MalformedJson | InvalidUtf8 | InvalidQuery | InvalidIdempotencyKey => 400,
            Unauthenticated | LoginFailed => 401,
            Forbidden | CsrfRejected | OverApprovalLimit => 403,
            NotFound => 404,
            MethodNotAllowed => 405,
            VersionConflict | AlreadyExists | OrgInUse | WrongState | Blacklisted | CreditBlocked => 409,
            PayloadTooLarge | FileTooLarge => 413,
            UnsupportedMediaType | UnsupportedFileType => 415,
            InvalidBody | ValidationFailed | WrongPassword | IdempotencyKeyReused => 422,
            TooManyAttempts => 429,
            Internal => 500,
        }
    }

    /// The human message in `locale`.
    #[rustfmt::skip]
    pub fn message(self, locale: Locale) -> &'static str {
        use ErrorCode::*;
        let zh = locale == Locale::ZhCn;
        match self {
            MalformedJson => if zh { "请求内容不是有效的 JSON。" } else { "The request body is not valid JSON." },
            InvalidBody => if zh { "请求内容的字段或类型不正确。" } else { "The request body has wrong or unknown fields." },
            InvalidUtf8 => if zh { "请求内容不是有效的 UTF-8 文本。" } else { "The request body is not valid UTF-8." },
            InvalidQuery => if zh { "查询参数无效。" } else { "A query parameter is invalid." },
            UnsupportedMediaType => if zh { "请求内容必须是 application/json。" } else { "The request body must be application/json." },
            PayloadTooLarge => if zh { "请求内容过大(上限 1 MB)。" } else { "The request body is too large (limit 1 MB)." },
            Unauthenticated => if zh { "请先登录。" } else { "Please sign in." },
            Forbidden => if zh { "您的角色无权执行此操作。" } else { "Your role does not allow this." },
            CsrfRejected => if zh { "请求来源无法验证,已拒绝。" } else { "The request's origin could not be verified." },
            NotFound => if zh { "未找到。" } else { "Not found." },
            MethodNotAllowed => if zh { "不支持该请求方法。" } else { "Method not allowed." },
            ValidationFailed => if zh { "请检查标出的字段。" } else { "Please check the highlighted fields." },
            VersionConflict => if zh { "该记录已被他人修改,请刷新后重试。" } else { "Someone else changed this record; reload and try again." },
            AlreadyExists => if zh { "已存在相同的记录。" } else { "A record with the same value already exists." },
            OrgInUse => if zh { "该机构下仍有在用的下级机构或员工。" } else { "This organisation still has active sub-organisations or staff." },
            LoginFailed => if zh { "账号或密码错误。" } else { "Wrong login or password." },
            TooManyAttempts => if zh { "尝试次数过多,请稍后再试。" } else { "Too many attempts; please try again later." },
            WrongPassword => if zh { "当前密码不正确。" } else { "The current password is wrong." },
            WrongState => if zh { "该记录当前的状态不允许此操作,请刷新查看。" } else { "This record's current state does not allow that; reload to see it." },
            FileTooLarge => if zh { "文件过大(上限 10 MB)。" } else { "The file is too large (limit 10 MB)." },
            UnsupportedFileType => if zh { "只能上传 JPEG、PNG、WebP 图片或 PDF 文件。" } else { "Only JPEG, PNG or WebP images and PDF files can be uploaded." },
            CreditBlocked => if zh { "该客户有欠款或已超信用额度,按公司规定暂停预约取件,请先结清欠款。" } else { "This customer owes money or is over its credit limit; the firm takes no bookings until it is settled." },
            Blacklisted => if zh { "该客户已列入黑名单,不能预约取件;如需例外办理,请联系客服经理。" } else { "This customer is blacklisted and cannot book a pickup; a customer-service manager may make an exception." },
            OverApprovalLimit => if zh { "金额超出您的审批权限,需由客服经理审批。" } else { "The amount is above your approval limit; a customer-service manager must decide." },
            InvalidIdempotencyKey => if zh { "请求头 Idempotency-Key 必须是 8–100 位字母、数字、- 或 _。" } else { "The Idempotency-Key header must be 8–100 letters, digits, - or _." },
            IdempotencyKeyReused => if zh { "该 Idempotency-Key 已用于另一个请求。" } else { "This Idempotency-Key was already used for a different request." },
            Internal => if zh { "服务器出错了,请稍后再试。" } else { "Something went wrong on our side; please try again later." },
        }
    }
}

/// Why a single field was rejected. Carries the numbers its message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldIssue {
    /// Empty or missing.
    Required,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Shorter than `min` characters.
    TooShort { min: usize },
    /// Not a mainland mobile (11 digits from 13–19) or landline number.
    InvalidPhone,
    /// Not an e-mail address.
    InvalidEmail,
    /// Among the most common passwords, or contains the login.
    WeakPassword,
    /// Not one of the allowed values.
    InvalidChoice,
    /// The parent organisation cannot hold this kind, or would create a cycle.
    InvalidParent,
    /// Already used by another record.
    Taken,
    /// Codes are 2–20 letters, digits, `-` or `_`.
    InvalidCode,
    /// At least one of phone or e-mail is needed to sign in.
    LoginNeeded,
    /// Not a valid 18-character unified social credit code.
    InvalidLicence,
    /// Not a valid 18-digit resident ID number.
    InvalidIdNo,
    /// Not a `YYYY-MM-DD` date.
    InvalidDate,
    /// Must be zero or more.
    Negative,
    /// More than `max` entries.
    TooMany { max: usize },
    /// Only one contact can be the primary one.
    OnePrimary,
    /// Not a date and time.
    InvalidDateTime,
    /// Later than now where only the past makes sense.
    InFuture,
    /// Not a 6-digit postcode.
    InvalidPostcode,
    /// Not a number (or an amount with more than two decimals).
    InvalidNumber,
    /// Machine keys are 2–30 lower-case letters, digits or `_`, starting with a letter.
    InvalidKey,
    /// Not a waybill number (optional 2–4 letter prefix, then 8–18 digits).
    InvalidWaybill,
    /// No shipment has this waybill number.
    UnknownWaybill,
    /// Earlier than the record it belongs to.
    TooEarly,
    /// A one-time code that is wrong, used or expired.
    WrongCode,
    /// An end before its start.
    EndBeforeStart,
    /// The body names a field the form does not have.
    UnknownField,
    /// A value of the wrong JSON type (a number where text goes, …).
    WrongType { expected: JsonType },
    /// Outside `min..=max`.
    OutOfRange { min: i64, max: i64 },
    /// Steps that must rise from one to the next.
    NotAscending,
    /// A rule that asks no less than the one above it, so it would never apply.
    Overlap,
}

/// What a field's JSON value should have been, as a person reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Text,
    Integer,
    Number,
    Boolean,
    List,
    Object,
    /// A value the field's own rules accept (a phone, a date, one of its options, …).
    Value,
}

impl JsonType {
    /// Reads serde's "expected …" phrase (`a string`, `i64`, `a sequence`, `struct X`, …).
    pub fn from_expected(phrase: &str) -> JsonType {
        let p = phrase.to_ascii_lowercase();
        let has = |w: &str| p.contains(w);
        if has("string") || has("char") {
            JsonType::Text
        } else if has("boolean") || has("bool") {
            JsonType::Boolean
        } else if has("f64") || has("f32") || has("float") || has("number") {
            JsonType::Number
        } else if ["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "isize", "integer"]
            .iter()
            .any(|w| has(w))
        {
            JsonType::Integer
        } else if has("sequence") || has("array") || has("tuple") {
            JsonType::List
        } else if has("map") || has("struct") {
            JsonType::Object
        } else {
            JsonType::Value
        }
    }

    fn name(self, zh: bool) -> &'static str {
        use JsonType::*;
        match (self, zh) {
            (Text, true) => "文本",
            (Text, false) => "text",
            (Integer, true) => "整数",
            (Integer, false) => "a whole number",
            (Number, true) => "数字",
            (Number, false) => "a number",
            (Boolean, true) => "true 或 false",
            (Boolean, false) => "true or false",
            (List, true) => "列表",
            (List, false) => "a list",
            (Object, true) => "对象",
            (Object, false) => "an object",
            (Value, true) => "此字段允许的值",
            (Value, false) => "a value this field accepts",
        }
    }
}

impl FieldIssue {
    /// The message shown next to the field.
    #[rustfmt::skip]
    pub fn message(&self, locale: Locale) -> String {
        use FieldIssue::*;
        let zh = locale == Locale::ZhCn;
        match self {
            Required => if zh { "必填。".into() } else { "Required.".into() },
            TooLong { max } => if zh { format!("不能超过 {max} 个字符。") } else { format!("At most {max} characters.") },
            TooShort { min } => if zh { format!("至少 {min} 个字符。") } else { format!("At least {min} characters.") },
            InvalidPhone => if zh { "请输入有效的手机号(11 位)或座机号。".into() } else { "Enter a valid mobile (11 digits) or landline number.".into() },
            InvalidEmail => if zh { "请输入有效的电子邮箱。".into() } else { "Enter a valid e-mail address.".into() },
            WeakPassword => if zh { "密码过于常见或包含账号,请换一个。".into() } else { "This password is too common or contains your login.".into() },
            InvalidChoice => if zh { "请选择一个有效选项。".into() } else { "Choose one of the options.".into() },
            InvalidParent => if zh { "上级机构不能包含此类型的机构。".into() } else { "The parent cannot hold this kind of organisation.".into() },
            Taken => if zh { "已被占用。".into() } else { "Already in use.".into() },
            InvalidCode => if zh { "编码为 2–20 位字母、数字、- 或 _。".into() } else { "Use 2–20 letters, digits, - or _.".into() },
            LoginNeeded => if zh { "手机号和邮箱至少填写一个。".into() } else { "Give a phone number or an e-mail address.".into() },
            InvalidLicence => if zh { "请输入有效的 18 位统一社会信用代码。".into() } else { "Enter a valid 18-character unified social credit code.".into() },
            InvalidIdNo => if zh { "请输入有效的 18 位身份证号码。".into() } else { "Enter a valid 18-digit resident ID number.".into() },
            InvalidDate => if zh { "请输入有效日期(年-月-日)。".into() } else { "Enter a valid date (YYYY-MM-DD).".into() },
            Negative => if zh { "不能为负数。".into() } else { "Must not be negative.".into() },
            TooMany { max } => if zh { format!("最多 {max} 项。") } else { format!("At most {max} entries.") },
            OnePrimary => if zh { "只能有一个主要联系人。".into() } else { "Only one contact can be the primary one.".into() },
            InvalidDateTime => if zh { "请输入有效的日期和时间。".into() } else { "Enter a valid date and time.".into() },
            InFuture => if zh { "不能晚于当前时间。".into() } else { "Must not be in the future.".into() },
            InvalidPostcode => if zh { "邮政编码为 6 位数字。".into() } else { "A postcode is 6 digits.".into() },
            InvalidWaybill => if zh { "运单号格式不正确(可选 2–4 位字母前缀,加 8–18 位数字)。".into() } else { "Not a waybill number (optional 2–4 letter prefix, then 8–18 digits).".into() },
            UnknownWaybill => if zh { "没有这个运单号。".into() } else { "No shipment has this waybill number.".into() },
            WrongCode => if zh { "验证码错误或已过期。".into() } else { "The code is wrong or has expired.".into() },
            EndBeforeStart => if zh { "结束时间必须晚于开始时间。".into() } else { "The end must be after the start.".into() },
            TooEarly => if zh { "早于运单创建时间。".into() } else { "Earlier than the shipment's creation.".into() },
            InvalidKey => if zh { "标识为 2–30 位小写字母、数字或下划线,以字母开头。".into() } else { "Use 2–30 lower-case letters, digits or _, starting with a letter.".into() },
            InvalidNumber => if zh { "请输入有效的数字(最多两位小数)。".into() } else { "Enter a number (at most two decimals).".into() },
            UnknownField => if zh { "没有这个字段。".into() } else { "Not a field of this request.".into() },
            OutOfRange { min, max } => if zh { format!("应在 {min} 到 {max} 之间。") } else { format!("Must be between {min} and {max}.") },
            NotAscending => if zh { "每一级必须大于前一级。".into() } else { "Each step must be greater than the one before.".into() },
            Overlap => if zh { "与上一级规则重叠:门槛须比上一级低,否则此规则永远不会生效。".into() } else { "Overlaps the rule above: it must ask for less, or it would never apply.".into() },
            WrongType { expected } => if zh { format!("应为{}。", expected.name(true)) } else { format!("Expected {}.", expected.name(false)) },
        }
    }
}

/// Field name → issue, in a stable order.
pub type FieldErrors = BTreeMap<&'static str, FieldIssue>;

crate::derive::openapi_derive! {
/// The body of every non-2xx API response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// Human message in the caller's language (from `Accept-Language`).
    pub message: String,
    /// Per-field messages, for forms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, String>>,
    /// The record's current version, with `version_conflict`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
}
}

impl ApiErrorBody {
    /// Builds a body for `code` in `locale`, with localized field messages if any.
    pub fn new(code: ErrorCode, locale: Locale, fields: Option<&FieldErrors>) -> Self {
        ApiErrorBody {
            code,
            message: code.message(locale).to_string(),
            fields: fields.map(|f| f.iter().map(|(k, v)| (k.to_string(), v.message(locale))).collect()),
            current_version: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_4xx_except_internal() {
        for code in [ErrorCode::MalformedJson, ErrorCode::InvalidBody, ErrorCode::VersionConflict] {
            assert!((400..500).contains(&code.status()));
        }
        assert_eq!(ErrorCode::Internal.status(), 500);
        assert_eq!(ErrorCode::TooManyAttempts.status(), 429);
    }

    #[test]
    fn messages_are_localized() {
        let zh = ApiErrorBody::new(ErrorCode::NotFound, Locale::ZhCn, None);
        let en = ApiErrorBody::new(ErrorCode::NotFound, Locale::En, None);
        assert_ne!(zh.message, en.message);
        let json = serde_json::to_value(&en).unwrap_or_default();
        assert_eq!(json["code"], "not_found");
        assert!(json.get("fields").is_none());
    }
}
