//! Session tokens: HS256 JWTs via jwt-simple. The algorithm is fixed by the key type, so a token
//! whose header says `none` or `RS256` never verifies; `exp`, `iss` and `aud` are always checked.

use std::collections::HashSet;

use jwt_simple::prelude::*;
use schema::auth::Realm;
use schema::staff::Role;

use super::{Caller, PortalCaller};

/// Token issuer.
pub const ISSUER: &str = "waypost";
/// How long one token lives. Short, because it is renewed while in use (see [`needs_renewal`]).
pub const TOKEN_SECS: u64 = 15 * 60;
/// How long a session lives at most, renewals included.
pub const SESSION_SECS: i64 = 12 * 3600;

/// The audience names the realm: a customer token can never pass as a staff token.
pub fn audience(realm: Realm) -> &'static str {
    match realm {
        Realm::Staff => "waypost:staff",
        Realm::Customer => "waypost:customer",
        Realm::Integration => "waypost:integration",
    }
}

/// Our claims beyond the registered ones.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SessionClaims {
    pub realm: Realm,
    /// Session id (the revocation handle).
    pub sid: String,
    pub name: String,
    pub role: Role,
    pub org: i64,
    /// The org's tree path, so scoped queries need no extra read.
    pub org_path: String,
}

/// A key from the `JWT_SECRET` secret (at least 32 bytes).
pub fn key(secret: &str) -> Result<HS256Key, String> {
    if secret.len() < 32 {
        return Err("JWT_SECRET must be at least 32 bytes".into());
    }
    Ok(HS256Key::from_bytes(secret.as_bytes()))
}

/// Signs a token for `c` (its `expires_at` is ignored: a new one is set).
pub fn issue(key: &HS256Key, c: &Caller) -> Result<(String, i64), String> {
    let custom = SessionClaims {
        realm: c.realm,
        sid: c.session_id.clone(),
        name: c.name.clone(),
        role: c.role,
        org: c.org_id,
        org_path: c.org_path.clone(),
    };
    let claims = Claims::with_custom_claims(custom, Duration::from_secs(TOKEN_SECS))
        .with_issuer(ISSUER)
        .with_audience(audience(c.realm))
        .with_subject(c.id);
    let exp = claims.expires_at.map(|t| t.as_secs() as i64).unwrap_or_default();
    key.authenticate(claims).map(|t| (t, exp)).map_err(|e| e.to_string())
}

/// Verifies a token for `realm`; `now` overrides the clock in tests.
pub fn verify(key: &HS256Key, token: &str, realm: Realm, now: Option<u64>) -> Option<Caller> {
    let options = VerificationOptions {
        allowed_issuers: Some(HashSet::from([ISSUER.to_string()])),
        allowed_audiences: Some(HashSet::from([audience(realm).to_string()])),
        time_tolerance: Some(Duration::from_secs(5)),
        max_token_length: Some(4096),
        artificial_time: now.map(Duration::from_secs),
        ..Default::default()
    };
    let claims = key.verify_token::<SessionClaims>(token, Some(options)).ok()?;
    let exp = claims.expires_at?.as_secs() as i64;
    let id = claims.subject.as_deref()?.parse::<i64>().ok()?;
    let c = claims.custom;
    (c.realm == realm).then_some(Caller {
        realm,
        id,
        name: c.name,
        role: c.role,
        org_id: c.org,
        org_path: c.org_path,
        session_id: c.sid,
        expires_at: exp,
    })
}

/// Portal tokens' claims: the customer the user acts for, nothing about staff roles.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PortalClaims {
    pub sid: String,
    pub name: String,
    /// The customer id: every portal query is limited to it.
    pub cust: i64,
}

/// Signs a portal token for `c`.
pub fn issue_portal(key: &HS256Key, c: &PortalCaller) -> Result<(String, i64), String> {
    let custom = PortalClaims { sid: c.session_id.clone(), name: c.name.clone(), cust: c.customer_id };
    let claims = Claims::with_custom_claims(custom, Duration::from_secs(TOKEN_SECS))
        .with_issuer(ISSUER)
        .with_audience(audience(Realm::Customer))
        .with_subject(c.id);
    let exp = claims.expires_at.map(|t| t.as_secs() as i64).unwrap_or_default();
    key.authenticate(claims).map(|t| (t, exp)).map_err(|e| e.to_string())
}

/// Verifies a portal token (a staff token has the wrong audience and never passes).
pub fn verify_portal(key: &HS256Key, token: &str, now: Option<u64>) -> Option<PortalCaller> {
    let options = VerificationOptions {
        allowed_issuers: Some(HashSet::from([ISSUER.to_string()])),
        allowed_audiences: Some(HashSet::from([audience(Realm::Customer).to_string()])),
        time_tolerance: Some(Duration::from_secs(5)),
        max_token_length: Some(4096),
        artificial_time: now.map(Duration::from_secs),
        ..Default::default()
    };
    let claims = key.verify_token::<PortalClaims>(token, Some(options)).ok()?;
    let expires_at = claims.expires_at?.as_secs() as i64;
    let id = claims.subject.as_deref()?.parse::<i64>().ok()?;
    let c = claims.custom;
    Some(PortalCaller { id, customer_id: c.cust, name: c.name, session_id: c.sid, expires_at })
}

/// Renew once less than half the lifetime is left: an active user never sees a sign-in page,
/// an idle one is out after 15 minutes.
pub fn needs_renewal(c: &Caller, now: i64) -> bool {
    c.expires_at - now < (TOKEN_SECS / 2) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    fn caller() -> Caller {
        Caller {
            realm: Realm::Staff,
            id: 42,
            name: "李娜".into(),
            role: Role::CsAgent,
            org_id: 7,
            org_path: "/1/7/".into(),
            session_id: "sid".into(),
            expires_at: 0,
        }
    }

    fn now() -> u64 {
        Clock::now_since_epoch().as_secs()
    }

    #[test]
    fn round_trip() {
        let k = key(SECRET).unwrap_or_else(|e| panic!("{e}"));
        let (t, exp) = issue(&k, &caller()).unwrap_or_default();
        let c = verify(&k, &t, Realm::Staff, None).unwrap_or_else(|| panic!("verifies"));
        assert_eq!(c.id, 42);
        assert_eq!(c.role, Role::CsAgent);
        assert_eq!(c.expires_at, exp);
        assert!(!needs_renewal(&c, now() as i64));
        assert!(needs_renewal(&c, exp - 60));
    }

    #[test]
    fn rejects_expired_tampered_wrong_realm_wrong_key_and_alg_none() {
        let k = key(SECRET).unwrap_or_else(|e| panic!("{e}"));
        let (t, _) = issue(&k, &caller()).unwrap_or_default();
        assert!(verify(&k, &t, Realm::Staff, Some(now() + TOKEN_SECS + 60)).is_none(), "expired");
        assert!(verify(&k, &t, Realm::Customer, None).is_none(), "audience is per realm");
        let other = key("another-secret-another-secret-xx").unwrap_or_else(|e| panic!("{e}"));
        assert!(verify(&other, &t, Realm::Staff, None).is_none(), "wrong key");

        let parts: Vec<&str> = t.split('.').collect();
        let tampered_payload = format!("{}.{}x.{}", parts[0], parts[1], parts[2]);
        assert!(verify(&k, &tampered_payload, Realm::Staff, None).is_none());
        // {"alg":"none","typ":"JWT"} with the original payload and no signature.
        let none = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.", parts[1]);
        assert!(verify(&k, &none, Realm::Staff, None).is_none());
        // {"alg":"HS512","typ":"JWT"}: an algorithm swap.
        let swapped = format!("eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.{}.{}", parts[1], parts[2]);
        assert!(verify(&k, &swapped, Realm::Staff, None).is_none());
        assert!(verify(&k, "garbage", Realm::Staff, None).is_none());
    }

    #[test]
    fn portal_and_staff_tokens_never_pass_for_each_other() {
        let k = key(SECRET).unwrap_or_else(|e| panic!("{e}"));
        let p = PortalCaller {
            id: 5,
            customer_id: 9,
            name: "张伟".into(),
            session_id: "s".into(),
            expires_at: 0,
        };
        let (pt, _) = issue_portal(&k, &p).unwrap_or_default();
        let back = verify_portal(&k, &pt, None).unwrap_or_else(|| panic!("verifies"));
        assert_eq!((back.id, back.customer_id), (5, 9));
        assert!(verify(&k, &pt, Realm::Staff, None).is_none(), "a portal token is not a staff token");
        let (st, _) = issue(&k, &caller()).unwrap_or_default();
        assert!(verify_portal(&k, &st, None).is_none(), "a staff token is not a portal token");
    }

    #[test]
    fn short_secrets_are_refused() {
        assert!(key("short").is_err());
    }
}
