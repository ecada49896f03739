//! Parsing at the boundary: newtypes (once a value is one of these, it is known to be valid) and
//! the checks of the formats every module shares (text lengths, dates, instants, waybill numbers).

use serde::{Deserialize, Serialize};

use crate::FieldIssue;

/// Trims and checks a required text field's length in characters (not bytes: Chinese names are
/// three bytes per character in UTF-8).
pub fn required_text(raw: &str, max: usize) -> Result<String, FieldIssue> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(FieldIssue::Required);
    }
    if t.chars().count() > max {
        return Err(FieldIssue::TooLong { max });
    }
    Ok(t.to_string())
}

/// Like [`required_text`] but empty is allowed.
pub fn optional_text(raw: &str, max: usize) -> Result<String, FieldIssue> {
    let t = raw.trim();
    if t.chars().count() > max {
        return Err(FieldIssue::TooLong { max });
    }
    Ok(t.to_string())
}

/// `YYYY-MM-DD` with a real day.
pub fn date(raw: &str) -> Result<String, FieldIssue> {
    let t = raw.trim();
    let p: Vec<&str> = t.split('-').collect();
    let ok = p.len() == 3
        && p[0].len() == 4
        && p[1].len() == 2
        && p[2].len() == 2
        && match (p[0].parse::<u32>(), p[1].parse::<u32>(), p[2].parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) => {
                let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
                let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
                (1900..=2100).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]
            }
            _ => false,
        };
    if ok { Ok(t.to_string()) } else { Err(FieldIssue::InvalidDate) }
}

/// A UTC instant as the API takes it: `YYYY-MM-DDTHH:MM[:SS[.fff]]Z` (what JavaScript's
/// `toISOString` writes), returned normalised to milliseconds so stored times sort as text.
pub fn instant(raw: &str) -> Result<String, FieldIssue> {
    let t = raw.trim();
    let bad = FieldIssue::InvalidDateTime;
    let body = t.strip_suffix('Z').ok_or(bad.clone())?;
    let (date, time) = body.split_once('T').ok_or(bad.clone())?;
    self::date(date).map_err(|_| bad.clone())?;
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let parts: Vec<&str> = hms.split(':').collect();
    let num = |s: &str, max: u32| s.len() == 2 && s.parse::<u32>().is_ok_and(|n| n <= max);
    let ok = (parts.len() == 2 || parts.len() == 3)
        && num(parts[0], 23)
        && num(parts[1], 59)
        && parts.get(2).is_none_or(|s| num(s, 59))
        && !frac.is_empty()
        && frac.len() <= 9
        && frac.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return Err(bad);
    }
    let ms: String = format!("{frac:0<3}").chars().take(3).collect();
    Ok(format!("{date}T{}:{}:{}.{ms}Z", parts[0], parts[1], parts.get(2).unwrap_or(&"00")))
}

/// A waybill number: 2–4 capital letters (the firm's prefix) optional, then 8–18 digits — what a
/// scanner reads off the label. Spaces and dashes typed by people are dropped; letters are
/// upper-cased.
pub fn waybill_no(raw: &str) -> Result<String, FieldIssue> {
    let s: String =
        raw.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    let letters = s.chars().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = &s[letters..];
    let ok = (letters == 0 || (2..=4).contains(&letters))
        && (8..=18).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit());
    if ok { Ok(s) } else { Err(FieldIssue::InvalidWaybill) }
}

/// A phone number in canonical form: a mainland mobile as 11 digits (`13812345678`), or a
/// landline as area code and number joined by `-` (`021-62345678`). `+86`, spaces and dashes in
/// the input are tolerated, so the same number always normalises to the same string — which is
/// what uniqueness and caller lookup need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Normalises and validates.
    pub fn parse(raw: &str) -> Result<Phone, FieldIssue> {
        let mut s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(rest) = s.strip_prefix("+86") {
            s = rest.to_string();
        } else if let Some(rest) = s.strip_prefix("0086") {
            s = rest.to_string();
        }
        let digits: String = s.chars().filter(|c| *c != '-').collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(FieldIssue::InvalidPhone);
        }
        let b = digits.as_bytes();
        if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
            return Ok(Phone(digits));
        }
        // Landline: 0 + 2–3 digit area code + 7–8 digit number (10–12 digits in all).
        if b.first() == Some(&b'0') && (10..=12).contains(&b.len()) {
            let area = if matches!(b.get(1), Some(b'1' | b'2')) { 3 } else { 4 };
            return Ok(Phone(format!("{}-{}", &digits[..area], &digits[area..])));
        }
        Err(FieldIssue::InvalidPhone)
    }

    /// The canonical string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****5678` for people who need to recognise, not read, the number.
    pub fn masked(&self) -> String {
        let n = self.0.chars().count();
        if n < 7 {
            return "*".repeat(n);
        }
        let head: String = self.0.chars().take(3).collect();
        let tail: String = self.0.chars().skip(n - 4).collect();
        format!("{head}{}{tail}", "*".repeat(n - 7))
    }
}

impl TryFrom<String> for Phone {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Phone::parse(&s).map_err(|_| format!("invalid phone number: {s}"))
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

/// An e-mail address, trimmed and lower-cased (addresses are compared case-insensitively).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// A deliberately modest check: one `@`, a dot in the domain, no spaces, ≤ 254 characters.
    /// Real verification is sending mail, not a regex.
    pub fn parse(raw: &str) -> Result<Email, FieldIssue> {
        let s = raw.trim().to_lowercase();
        let Some((local, domain)) = s.split_once('@') else { return Err(FieldIssue::InvalidEmail) };
        let ok = !local.is_empty()
            && local.len() <= 64
            && s.len() <= 254
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !s.chars().any(|c| c.is_whitespace() || c.is_control() || c == ',' || c == ';');
        if ok { Ok(Email(s)) } else { Err(FieldIssue::InvalidEmail) }
    }

    /// The canonical string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Email::parse(&s).map_err(|_| format!("invalid e-mail: {s}"))
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

/// An organisation code such as `SH-PD-01`: 2–20 of `A-Z a-z 0-9 - _`, stored upper-case.
pub fn org_code(raw: &str) -> Result<String, FieldIssue> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(FieldIssue::Required);
    }
    let ok =
        (2..=20).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok { Ok(t.to_ascii_uppercase()) } else { Err(FieldIssue::InvalidCode) }
}

/// The checked formats as the API document states them: a pattern no wider than the check (so
/// whatever matches is accepted; the tests below run every example through its check) and an
/// example that passes. The check itself is more forgiving (spaces, `+86`, lower case).
pub mod doc {
    /// A mainland mobile or a landline with its area code.
    pub const PHONE: &str = r"^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$";
    pub const PHONE_EXAMPLE: &str = "13912345678";
    /// A phone where one may be left empty.
    pub const PHONE_OR_NONE: &str = r"^(|1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$";
    /// A login: a mobile number or an e-mail address.
    pub const LOGIN: &str = r"^(1[3-9][0-9]{9}|[a-z0-9._%+-]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+)$";
    /// A waybill number: an optional 2–4 capital-letter prefix, then 8–18 digits.
    pub const WAYBILL: &str = r"^([A-Z]{2,4})?[0-9]{8,18}$";
    pub const WAYBILL_EXAMPLE: &str = "WP202612010001";
    /// An organisation code.
    pub const ORG_CODE: &str = r"^[A-Za-z0-9_-]{2,20}$";
    pub const ORG_CODE_EXAMPLE: &str = "SH-PD-01";
    /// A machine key (custom fields).
    pub const KEY: &str = r"^[a-z][a-z0-9_]{1,29}$";
    pub const KEY_EXAMPLE: &str = "contract_no";
    /// A password that passes the rules (8 or more characters, not a common one).
    pub const PASSWORD_EXAMPLE: &str = "Lan-Hu-2026-Qiu";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_normalise() {
        assert_eq!(Phone::parse("138 1234 5678").map(|p| p.0), Ok("13812345678".into()));
        assert_eq!(Phone::parse("+86 138-1234-5678").map(|p| p.0), Ok("13812345678".into()));
        assert_eq!(Phone::parse("021 6234 5678").map(|p| p.0), Ok("021-62345678".into()));
        assert_eq!(Phone::parse("0571-8765432").map(|p| p.0), Ok("0571-8765432".into()));
        for bad in ["", "12812345678", "1381234567", "138123456789", "abc", "13812345678'--"] {
            assert_eq!(Phone::parse(bad), Err(FieldIssue::InvalidPhone), "{bad}");
        }
    }

    #[test]
    fn phone_masks() {
        assert_eq!(Phone::parse("13812345678").map(|p| p.masked()), Ok("138****5678".into()));
    }

    #[test]
    fn emails() {
        assert_eq!(Email::parse(" Li.Na@Example.COM ").map(|e| e.0), Ok("li.na@example.com".into()));
        for bad in ["", "a", "a@b", "a@@b.cn", "a b@c.cn", "@c.cn", "a@.cn", "a@c..cn"] {
            assert_eq!(Email::parse(bad), Err(FieldIssue::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn text_counts_characters_not_bytes() {
        assert_eq!(required_text("  顺达物流  ", 4), Ok("顺达物流".into()));
        assert_eq!(required_text("顺达物流有限公司", 4), Err(FieldIssue::TooLong { max: 4 }));
        assert_eq!(required_text("   ", 4), Err(FieldIssue::Required));
    }

    #[test]
    fn codes() {
        assert_eq!(org_code("sh-pd_01"), Ok("SH-PD_01".into()));
        assert_eq!(org_code("x"), Err(FieldIssue::InvalidCode));
        assert_eq!(org_code("上海"), Err(FieldIssue::InvalidCode));
    }

    #[test]
    fn instants_normalise_to_milliseconds() {
        assert_eq!(instant("2026-11-25T06:00Z"), Ok("2026-11-25T06:00:00.000Z".to_string()));
        assert_eq!(instant("2026-11-25T06:00:07.5Z"), Ok("2026-11-25T06:00:07.500Z".to_string()));
        assert_eq!(instant("2026-11-25T06:00:07.123456Z"), Ok("2026-11-25T06:00:07.123Z".to_string()));
        for bad in ["2026-11-25 06:00Z", "2026-11-25T06:00", "2026-02-30T06:00Z", "2026-11-25T24:00Z", "x"] {
            assert_eq!(instant(bad), Err(FieldIssue::InvalidDateTime), "{bad}");
        }
    }

    #[test]
    fn waybill_numbers_are_normalised_and_checked() {
        assert_eq!(waybill_no(" wp 1234-5678-9012 "), Ok("WP123456789012".into()));
        assert_eq!(waybill_no("7700112233"), Ok("7700112233".into()));
        for bad in ["", "W1234567890", "WP1234", "WP12345678x", "ABCDE12345678", "中12345678"] {
            assert_eq!(waybill_no(bad), Err(FieldIssue::InvalidWaybill), "{bad}");
        }
    }

    #[test]
    fn the_documents_examples_pass_their_checks() {
        assert!(Phone::parse(doc::PHONE_EXAMPLE).is_ok());
        assert!(Phone::parse("021-62345678").is_ok() && Phone::parse("02162345678").is_ok());
        assert_eq!(waybill_no(doc::WAYBILL_EXAMPLE).as_deref(), Ok(doc::WAYBILL_EXAMPLE));
        assert!(org_code(doc::ORG_CODE_EXAMPLE).is_ok());
        assert!(Email::parse("li.na@example.cn").is_ok());
    }
}
