//! The notification outbox: enqueue statements (to go into the batch of the change that causes
//! them; shipment and pickup notices are enqueued by triggers, see migration 0013), the delivery
//! loop's reads and writes, and the lists admins and portal users see.

use schema::ids::PortalUserId;
use std::collections::BTreeMap;

use schema::notify::{Channel, MessageStatus, OutboxMessage};
use schema::page::{Page, PageRequest, page_from};
use serde::Deserialize;
use serde_json::Value;

use super::db::{Arg, Db, DbError, Sql};
use crate::store::db::sql;

/// A message to enqueue.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub channel: Channel,
    pub recipient: &'a str,
    /// The portal user, by login (the row may be inserted by the same batch).
    pub portal_login: Option<&'a str>,
    pub customer_id: Option<i64>,
    pub kind: &'a str,
    pub params: Value,
    pub locale: &'a str,
}

pub fn channel_str(c: Channel) -> &'static str {
    match c {
        Channel::Email => "email",
        Channel::Sms => "sms",
        Channel::Portal => "portal",
    }
}

/// The INSERT for one message (due now).
pub fn enqueue(m: &NewMessage<'_>, at: &str) -> Sql {
    sql!(
        "INSERT INTO outbox (channel, recipient, portal_user_id, customer_id, kind, params, locale, status,
                             next_attempt_at, created_at)
         VALUES (?, ?, (SELECT id FROM portal_users WHERE login = ?), ?, ?, ?, ?, 'pending', ?, ?)",
        channel_str(m.channel),
        m.recipient,
        m.portal_login,
        m.customer_id,
        m.kind,
        m.params.to_string(),
        m.locale,
        at,
        at
    )
}

/// A message the delivery loop is about to send.
#[derive(Debug, Clone, Deserialize)]
pub struct Due {
    pub id: i64,
    pub channel: Channel,
    pub recipient: String,
    pub kind: String,
    #[serde(deserialize_with = "schema::de::json_map")]
    pub params: BTreeMap<String, Value>,
    pub locale: String,
    pub attempts: i64,
}

/// Up to `limit` pending messages whose time has come, oldest first.
pub async fn due(db: &impl Db, now: &str, limit: i64) -> Result<Vec<Due>, DbError> {
    db.all(sql!(
        "SELECT id, channel, recipient, kind, params, locale, attempts FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
        now,
        limit
    ))
    .await
}

/// The outcome of one sending attempt.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Taken by the provider; `body` is what to keep (blank for secrets sent for real).
    Sent { provider: String, body: String },
    /// Failed; retried at `retry_at`, or given up when `None`.
    Failed { error: String, retry_at: Option<String> },
}

/// Records attempts' outcomes in one batch; each is keyed by (id, attempts as read), so two sweeps
/// that raced over the same message record it once.
pub async fn settle(db: &impl Db, now: &str, outcomes: &[((i64, i64), Outcome)]) -> Result<(), DbError> {
    if outcomes.is_empty() {
        return Ok(());
    }
    let stmts = outcomes
        .iter()
        .map(|((id, attempts), o)| match o {
            Outcome::Sent { provider, body } => sql!(
                "UPDATE outbox SET status = 'sent', attempts = attempts + 1, provider = ?, body = ?, sent_at = ?,
                     params = CASE WHEN kind IN ('code_register', 'code_reset', 'invite') AND ? != 'record'
                                   THEN '{}' ELSE params END, last_error = ''
                 WHERE id = ? AND status = 'pending' AND attempts = ?",
                provider.as_str(),
                body.as_str(),
                now,
                provider.as_str(),
                *id,
                *attempts
            ),
            Outcome::Failed { error, retry_at } => sql!(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?,
                     status = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END,
                     next_attempt_at = coalesce(?, next_attempt_at)
                 WHERE id = ? AND status = 'pending' AND attempts = ?",
                error.as_str(),
                retry_at.clone(),
                retry_at.clone(),
                *id,
                *attempts
            ),
        })
        .collect();
    db.batch(stmts).await.map(|_| ())
}

/// Admin filters.
#[derive(Debug, Clone, Default)]
pub struct OutboxFilter {
    pub status: Option<MessageStatus>,
    pub channel: Option<Channel>,
    pub recipient: Option<String>,
}

/// The outbox, newest first (admins).
pub async fn list(db: &impl Db, f: &OutboxFilter, page: PageRequest) -> Result<Page<OutboxMessage>, DbError> {
    let mut text = String::from(
        "SELECT id, channel, recipient, customer_id, kind, locale, status, attempts, next_attempt_at, last_error,
                provider, body, created_at, sent_at FROM outbox WHERE 1 = 1",
    );
    let mut args: Vec<Arg> = vec![];
    if let Some(s) = f.status {
        text.push_str(" AND status = ?");
        args.push(
            serde_json::to_value(s)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default()
                .into(),
        );
    }
    if let Some(c) = f.channel {
        text.push_str(" AND channel = ?");
        args.push(channel_str(c).into());
    }
    if let Some(r) = f.recipient.as_deref().filter(|r| !r.is_empty()) {
        text.push_str(" AND recipient = ?");
        args.push(r.into());
    }
    if let Some(after) = page.after {
        text.push_str(" AND id < ?");
        args.push(after.into());
    }
    text.push_str(" ORDER BY id DESC LIMIT ?");
    args.push(Arg::Int(i64::from(page.limit) + 1));
    let rows: Vec<OutboxMessage> = db.all(Sql { text: text.into(), args }).await?;
    Ok(page_from(rows, page.limit, |m| m.id))
}

/// A portal notice row, before rendering.
#[derive(Debug, Clone, Deserialize)]
pub struct NoticeRow {
    pub id: i64,
    pub kind: String,
    #[serde(deserialize_with = "schema::de::json_map")]
    pub params: BTreeMap<String, Value>,
    pub created_at: String,
}

/// A portal user's notices, newest first.
pub async fn notices(
    db: &impl Db,
    portal_user_id: PortalUserId,
    limit: i64,
) -> Result<Vec<NoticeRow>, DbError> {
    db.all(sql!(
        "SELECT id, kind, params, created_at FROM outbox WHERE channel = 'portal' AND portal_user_id = ?
         ORDER BY id DESC LIMIT ?",
        portal_user_id,
        limit
    ))
    .await
}

/// Forgets settled messages older than `before` (the sweep keeps half a year).
pub async fn forget(db: &impl Db, before: &str) -> Result<u64, DbError> {
    db.exec(sql!("DELETE FROM outbox WHERE status != 'pending' AND created_at < ?", before)).await
}
