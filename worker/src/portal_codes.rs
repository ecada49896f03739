//! One-time codes for the portal's sign-up, password reset and staff invitations: drawn
//! uniformly, stored only as an HMAC under the Worker's secret, carried to the login by the outbox
//! (SMS or e-mail by the kind of login). The portal's own handlers and the staff's invitation
//! handler both issue them, so they live here rather than in either.

use chrono::Utc;
use schema::notify::Channel;
use schema::portal::is_email;
use worker::Env;

use crate::auth;
use crate::error::{AppError, Result};
use crate::store::outbox::NewMessage;

/// A fresh code for `login` and `purpose` (`register`, `reset`, `invite`): the code to send, its
/// stored hash, and when it expires (`valid_for` from now).
pub fn issue(
    env: &Env,
    purpose: &str,
    login: &str,
    valid_for: chrono::Duration,
) -> Result<(String, String, String)> {
    let code = auth::six_digits().map_err(AppError::Internal)?;
    let hash = hash(env, purpose, login, &code)?;
    let expires = (Utc::now() + valid_for).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    Ok((code, hash, expires))
}

/// The stored form of a code.
pub fn hash(env: &Env, purpose: &str, login: &str, code: &str) -> Result<String> {
    Ok(auth::keyed_hash(&crate::session::secret(env)?, &[purpose, login, code]))
}

/// The outbox message carrying a code to `login`.
pub fn message<'a>(
    login: &'a str,
    kind: &'a str,
    params: serde_json::Value,
    customer_id: Option<i64>,
    locale: &'a str,
) -> NewMessage<'a> {
    NewMessage {
        channel: if is_email(login) { Channel::Email } else { Channel::Sms },
        recipient: login,
        portal_login: Some(login),
        customer_id,
        kind,
        params,
        locale,
    }
}
