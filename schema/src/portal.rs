//! The customer portal realm: portal users (several per customer), how they get an account
//! (a staff invitation, or self-registration verified with a one-time code sent through the
//! outbox), sign-in, password reset and notification preferences.

use serde::{Deserialize, Serialize};

use crate::validate::{Email, Phone, required_text};
use crate::{FieldErrors, FieldIssue};

/// How long a registration or reset code lives.
pub const CODE_MINUTES: i64 = 15;
/// How long an invitation code lives.
pub const INVITE_DAYS: i64 = 7;
/// Wrong tries allowed per code before it is void.
pub const CODE_ATTEMPTS: i64 = 5;

crate::derive::openapi_derive! {
/// A portal account's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PortalStatus {
    /// Invited by staff; becomes active when the code is used to set a password.
    Invited,
    Active,
    /// Switched off by staff: cannot sign in, gets no notices.
    Disabled,
}

/// What a one-time code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodePurpose {
    Register,
    Reset,
}

/// A portal user as staff and the user see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalUser {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub name: String,
    /// Normalised mobile number or e-mail address.
    pub login: String,
    pub status: PortalStatus,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub notify_portal: bool,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub notify_message: bool,
    pub locale: String,
    pub last_login_at: Option<String>,
    pub version: i64,
    pub created_at: String,
}

/// `POST /api/v1/customers/{id}/portal-users`: staff invite a person of the customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    pub name: String,
    /// Mobile number or e-mail address; the invitation code goes there.
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::validate::doc::LOGIN), example = crate::validate::doc::PHONE_EXAMPLE))]
    pub login: String,
}

/// `PATCH /api/v1/portal-users/{id}`: staff switch an account off or on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalUserUpdate {
    pub version: i64,
    pub status: PortalStatus,
}

/// `POST /api/v1/portal/auth/code`: send a registration or reset code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    pub purpose: CodePurpose,
    pub login: String,
}

/// `POST /api/v1/portal/auth/register`, `…/activate` (invitation; `name` ignored) and `…/reset`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CodeConfirm {
    pub login: String,
    pub code: String,
    pub password: String,
    /// The person's name (registration only).
    #[serde(default)]
    pub name: String,
    /// The company or person the account is for, when registration creates a new customer.
    #[serde(default)]
    pub company: String,
}

/// The signed-in portal user (`GET /api/v1/portal/me`, and the sign-in answer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalMe {
    pub user: PortalUser,
    pub expires_at: String,
}

/// `PATCH /api/v1/portal/me`: notification opt-ins and language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalPrefs {
    pub notify_portal: bool,
    pub notify_message: bool,
    pub locale: String,
}
}

/// A login as the portal stores it: a normalised e-mail address or mobile number (codes go by
/// SMS, so a landline will not do).
pub fn login(raw: &str) -> Result<String, FieldIssue> {
    if raw.contains('@') {
        return Email::parse(raw).map(String::from);
    }
    let p = String::from(Phone::parse(raw)?);
    if p.len() == 11 && p.starts_with('1') { Ok(p) } else { Err(FieldIssue::InvalidPhone) }
}

/// Whether a normalised login is an e-mail address (codes go by e-mail) or a phone (by SMS).
pub fn is_email(login: &str) -> bool {
    login.contains('@')
}

/// A six-digit code as typed (spaces dropped).
pub fn code(raw: &str) -> Result<String, FieldIssue> {
    let c: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()) { Ok(c) } else { Err(FieldIssue::WrongCode) }
}

impl InviteRequest {
    /// The name and normalised login.
    pub fn validate(&self) -> Result<(String, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = required_text(&self.name, 40).map_err(|e| errors.insert("name", e)).unwrap_or_default();
        let login = login(&self.login).map_err(|e| errors.insert("login", e)).unwrap_or_default();
        if errors.is_empty() { Ok((name, login)) } else { Err(errors) }
    }
}

/// A [`CodeConfirm`] after validation (the password rules are checked by the caller, which knows
/// the login parts).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidConfirm {
    pub login: String,
    pub code: String,
    pub name: String,
    pub company: String,
}

impl CodeConfirm {
    /// Checks the fields; `needs_name` for registration.
    pub fn validate(&self, needs_name: bool) -> Result<ValidConfirm, FieldErrors> {
        let mut errors = FieldErrors::new();
        let login = login(&self.login).map_err(|e| errors.insert("login", e)).unwrap_or_default();
        let code = code(&self.code).map_err(|e| errors.insert("code", e)).unwrap_or_default();
        let name = if needs_name {
            required_text(&self.name, 40).map_err(|e| errors.insert("name", e)).unwrap_or_default()
        } else {
            String::new()
        };
        let company = crate::validate::optional_text(&self.company, 100)
            .map_err(|e| errors.insert("company", e))
            .unwrap_or_default();
        if errors.is_empty() { Ok(ValidConfirm { login, code, name, company }) } else { Err(errors) }
    }
}

impl PortalPrefs {
    /// Only the two languages the portal speaks.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if !matches!(self.locale.as_str(), "zh-CN" | "en") {
            errors.insert("locale", FieldIssue::InvalidChoice);
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

crate::wire_names!(PortalStatus, CodePurpose);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_and_codes() {
        assert_eq!(login("138 0013 8000"), Ok("13800138000".into()));
        assert_eq!(login(" Li@Example.CN "), Ok("li@example.cn".into()));
        assert!(login("12").is_err());
        assert_eq!(login("021-6234 5678"), Err(FieldIssue::InvalidPhone), "a landline gets no SMS");
        assert_eq!(code(" 123 456 "), Ok("123456".into()));
        assert_eq!(code("12345"), Err(FieldIssue::WrongCode));
        assert_eq!(code("12345a"), Err(FieldIssue::WrongCode));
        assert!(is_email("a@b.cn") && !is_email("13800138000"));
    }

    #[test]
    fn registration_needs_a_name_and_a_code() {
        let e = CodeConfirm { login: "13800138000".into(), code: "1".into(), ..Default::default() }
            .validate(true)
            .err()
            .unwrap_or_default();
        assert_eq!(e.get("code"), Some(&FieldIssue::WrongCode));
        assert_eq!(e.get("name"), Some(&FieldIssue::Required));
        let ok = CodeConfirm { login: "13800138000".into(), code: "123456".into(), ..Default::default() }
            .validate(false);
        assert!(ok.is_ok());
    }

    #[test]
    fn prefs_take_two_languages() {
        let p = PortalPrefs { notify_portal: true, notify_message: false, locale: "fr".into() };
        assert!(p.validate().is_err());
        assert!(PortalPrefs { locale: "en".into(), ..p }.validate().is_ok());
    }
}
