//! Sign-in machinery: password hashing, tokens, the session cookie and CSRF checks.
//!
//! Consistency of revocation (documented in docs/SECURITY.md): logout, a password change, a role or
//! org change and deactivation write a `rev:<session id>` mark to KV and `revoked_at` to D1. Every
//! request reads the KV mark; KV is read-your-writes at the location that wrote it and eventually
//! consistent elsewhere (up to ~60 s). Renewal, every ≤ 7.5 minutes of use, consults D1, which is
//! authoritative. So a revoked token stops at once where it was revoked and within ~60 s anywhere.

pub mod password;
pub mod token;

use schema::auth::Realm;
use schema::ids::{CustomerId, PortalUserId, StaffId};
use schema::staff::Role;

/// The verified caller, from the session token.
#[derive(Debug, Clone, PartialEq)]
pub struct Caller {
    pub realm: Realm,
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub org_id: i64,
    pub org_path: String,
    pub session_id: String,
    /// Token expiry, seconds since the epoch.
    pub expires_at: i64,
}

/// A verified portal user, from the portal token.
#[derive(Debug, Clone, PartialEq)]
pub struct PortalCaller {
    /// The portal user.
    pub id: i64,
    /// The customer they act for: every portal query is limited to it.
    pub customer_id: i64,
    pub name: String,
    pub session_id: String,
    pub expires_at: i64,
}

impl Caller {
    /// The caller as the store's staff-owned records name them.
    pub fn staff_id(&self) -> StaffId {
        StaffId(self.id)
    }
}

impl PortalCaller {
    /// The customer every portal query is limited to.
    pub fn customer(&self) -> CustomerId {
        CustomerId(self.customer_id)
    }

    pub fn user_id(&self) -> PortalUserId {
        PortalUserId(self.id)
    }
}

/// The session cookie's name.
pub const COOKIE: &str = "wp_session";
/// The portal session's cookie: a different name, so a staff member who is also a customer's
/// portal user in the same browser keeps both sessions apart.
pub const PORTAL_COOKIE: &str = "wp_portal";
/// The header the app sends with every write; a cross-site form cannot set it.
pub const CSRF_HEADER: &str = "X-Waypost-Csrf";

/// `Set-Cookie` for a token: HttpOnly (no script reads it), Secure, SameSite=Strict (never sent
/// on cross-site requests).
pub fn session_cookie(token: &str, max_age: i64) -> String {
    named_cookie(COOKIE, token, max_age)
}

/// `Set-Cookie` for cookie `name`.
pub fn named_cookie(name: &str, token: &str, max_age: i64) -> String {
    format!("{name}={token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={max_age}")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie() -> String {
    named_cookie(COOKIE, "", 0)
}

/// The session token from a `Cookie` header.
pub fn read_cookie(header: Option<&str>) -> Option<String> {
    read_named_cookie(header, COOKIE)
}

/// Cookie `name` from a `Cookie` header.
pub fn read_named_cookie(header: Option<&str>, name: &str) -> Option<String> {
    header?.split(';').find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name && !v.is_empty()).then(|| v.to_string())
    })
}

/// CSRF defence for unsafe methods: a foreign `Origin` is refused, and the custom header must be
/// present (setting it from another site needs a CORS preflight, which we never grant).
pub fn csrf_ok(unsafe_method: bool, origin: Option<&str>, own_origin: &str, marker: Option<&str>) -> bool {
    if !unsafe_method {
        return true;
    }
    if origin.is_some_and(|o| o != own_origin) {
        return false;
    }
    marker == Some("1")
}

/// A fresh random id (128 bits, hex) for sessions.
pub fn random_id() -> Result<String, String> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| format!("random: {e}"))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// A six-digit one-time code, uniformly drawn.
pub fn six_digits() -> Result<String, String> {
    let mut b = [0u8; 4];
    loop {
        getrandom::fill(&mut b).map_err(|e| format!("random: {e}"))?;
        let n = u32::from_le_bytes(b);
        // Reject the top sliver so every code is equally likely.
        if n < u32::MAX - u32::MAX % 1_000_000 {
            return Ok(format!("{:06}", n % 1_000_000));
        }
    }
}

/// HMAC-SHA-256 of `parts` under `secret`, hex: how one-time codes are stored.
pub fn keyed_hash(secret: &str, parts: &[&str]) -> String {
    hmac_sha256::HMAC::mac(parts.join("\n").as_bytes(), secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Equality whose time does not depend on where the strings differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_parsing() {
        assert_eq!(read_cookie(Some("a=1; wp_session=tok; b=2")), Some("tok".into()));
        assert_eq!(read_cookie(Some("wp_session=")), None);
        assert_eq!(read_cookie(Some("xwp_session=tok")), None);
        assert_eq!(read_cookie(None), None);
        assert!(session_cookie("t", 60).contains("HttpOnly; Secure; SameSite=Strict"));
    }

    #[test]
    fn csrf() {
        let own = "https://crm.example.cn";
        assert!(csrf_ok(false, Some("https://evil.example"), own, None), "reads are not checked");
        assert!(csrf_ok(true, Some(own), own, Some("1")));
        assert!(csrf_ok(true, None, own, Some("1")));
        assert!(!csrf_ok(true, Some("https://evil.example"), own, Some("1")));
        assert!(!csrf_ok(true, Some(own), own, None));
    }

    #[test]
    fn codes_and_their_hashes() {
        let c = six_digits().unwrap_or_default();
        assert_eq!(c.len(), 6);
        assert!(c.bytes().all(|b| b.is_ascii_digit()));
        let h = keyed_hash("k", &["register", "13800138000", &c]);
        assert_eq!(h.len(), 64);
        assert!(same(&h, &keyed_hash("k", &["register", "13800138000", &c])));
        assert!(!same(&h, &keyed_hash("other", &["register", "13800138000", &c])));
        assert!(!same("abc", "abd") && !same("abc", "ab"));
    }

    #[test]
    fn ids_are_random() {
        let (a, b) = (random_id().unwrap_or_default(), random_id().unwrap_or_default());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
