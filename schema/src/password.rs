//! Password rules in the spirit of OWASP ASVS v4 §2.1: at least 8 characters, at least 64 accepted
//! (we accept 128), no composition rules, and a check against the most common passwords.

use crate::FieldIssue;

/// Minimum length in characters (ASVS 2.1.1 asks for ≥ 12 for *new* systems where possible; 8 is
/// the floor it allows, and what the issue asks; the common-password list does the heavier work).
pub const MIN_LEN: usize = 8;
/// Maximum length in characters (ASVS 2.1.2 asks that ≥ 64 be accepted).
pub const MAX_LEN: usize = 128;

const COMMON: &str = include_str!("common-passwords.txt");

/// Checks a new password. `login_parts` are the account's phone and e-mail local part: a
/// password that contains them is rejected as guessable.
pub fn check(password: &str, login_parts: &[&str]) -> Result<(), FieldIssue> {
    let n = password.chars().count();
    if n < MIN_LEN {
        return Err(FieldIssue::TooShort { min: MIN_LEN });
    }
    if n > MAX_LEN {
        return Err(FieldIssue::TooLong { max: MAX_LEN });
    }
    let lower = password.to_lowercase();
    if COMMON.lines().any(|c| c == lower) {
        return Err(FieldIssue::WeakPassword);
    }
    if lower.chars().all(|c| lower.starts_with(c)) {
        return Err(FieldIssue::WeakPassword);
    }
    if login_parts.iter().any(|p| p.len() >= 4 && lower.contains(&p.to_lowercase())) {
        return Err(FieldIssue::WeakPassword);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert_eq!(check("short", &[]), Err(FieldIssue::TooShort { min: 8 }));
        assert_eq!(check("Password123", &[]), Err(FieldIssue::WeakPassword));
        assert_eq!(check("woaini1314", &[]), Err(FieldIssue::WeakPassword));
        assert_eq!(check("zzzzzzzzzz", &[]), Err(FieldIssue::WeakPassword));
        assert_eq!(check("my13812345678pw", &["13812345678"]), Err(FieldIssue::WeakPassword));
        assert_eq!(check("快递员的长密码很安全", &[]), Ok(()));
        assert_eq!(check(&"x1".repeat(32), &[]), Ok(()), "64 characters must be accepted");
        assert_eq!(check(&"x".repeat(129), &[]), Err(FieldIssue::TooLong { max: 128 }));
    }

    #[test]
    fn list_is_clean() {
        for line in COMMON.lines() {
            assert_eq!(line, line.trim().to_lowercase(), "list entries must be trimmed lower-case");
        }
    }
}
