//! Password hashing: argon2id with OWASP's first recommended parameter set (m = 19 MiB, t = 2,
//! p = 1). Measured CPU per hash is recorded in docs/SECURITY.md; it does not fit the Workers Free
//! plan's 10 ms, so sign-in needs Workers Paid (see the README).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// Memory cost in KiB (OWASP: 19 MiB).
pub const M_COST: u32 = 19 * 1024;
/// Iterations (OWASP: 2 with 19 MiB).
pub const T_COST: u32 = 2;
/// Lanes.
pub const P_COST: u32 = 1;

fn hasher() -> Argon2<'static> {
    // The constants are valid argon2 parameters; `Params::DEFAULT` is the fallback only in theory.
    let params = Params::new(M_COST, T_COST, P_COST, None).unwrap_or(Params::DEFAULT);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub fn hash(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("random: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| format!("salt: {e}"))?;
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("argon2: {e}"))
}

/// Checks a password against a stored PHC string. Any malformed hash is simply "no".
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| hasher().verify_password(password.as_bytes(), &h).is_ok())
}

/// A valid hash of a random string, verified against when the login names no account, so an
/// unknown login costs the same time as a wrong password (no account enumeration by timing).
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0nQ4Qf6xw1mW9yQ0vKq8n0o4QeS7o2o5xXbZxq1s2aE";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_parameters() {
        let h = hash("快递 准时 送达 2026").unwrap_or_default();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("快递 准时 送达 2026", &h));
        assert!(!verify("快递 准时 送达 2027", &h));
        assert!(!verify("x", "not a hash"));
        assert_ne!(hash("same").ok(), hash("same").ok(), "salts differ");
    }

    #[test]
    fn dummy_hash_parses_and_costs_the_same() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
        assert!(!verify("anything", DUMMY_HASH));
    }
}
