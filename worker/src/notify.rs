//! Delivery of the notification outbox. A provider takes e-mail and SMS messages; which one is
//! configuration (`NOTIFY_PROVIDER`):
//! - `record` (default, and what `wrangler dev` uses): sends nothing, records the rendered text in
//!   the outbox, where admins read it (设置 → 通知记录) — so a firm can try everything without an
//!   SMS contract, and tests can read the codes.
//! - `webhook`: POSTs `{id, channel, to, text}` as JSON to `NOTIFY_WEBHOOK_URL` with the
//!   `NOTIFY_WEBHOOK_TOKEN` secret as a bearer token — the shape every SMS/e-mail gateway relay
//!   takes. 2xx is sent; 4xx is given up (the gateway refused the message); 5xx and network
//!   errors are retried with backoff (1, 4, 16, 64 minutes), then given up.
//!
//! Delivery runs after the response of a request that enqueued something (`waitUntil`) and on
//! every scheduled sweep, in bounded batches; each outcome is recorded against the attempt it
//! belongs to, so overlapping runs never double-count.

use schema::Locale;
use schema::notify::{Channel, render, retry_minutes};
use worker::{Env, Fetch, Headers, Method, Request, RequestInit};

use crate::ctx::Ctx;
use crate::store::d1::D1;
use crate::store::db::DbError;
use crate::store::outbox::{self, Due, Outcome};

/// Messages sent per run (a run must stay well inside one invocation's subrequest budget).
const BATCH: i64 = 50;

enum Provider {
    Record,
    Webhook { url: String, token: String },
}

fn provider(env: &Env) -> Provider {
    let var = |name: &str| env.var(name).ok().map(|v| v.to_string()).unwrap_or_default();
    match var("NOTIFY_PROVIDER").as_str() {
        "webhook" => Provider::Webhook {
            url: var("NOTIFY_WEBHOOK_URL"),
            token: env.secret("NOTIFY_WEBHOOK_TOKEN").map(|s| s.to_string()).unwrap_or_default(),
        },
        _ => Provider::Record,
    }
}

fn channel_name(c: Channel) -> &'static str {
    outbox::channel_str(c)
}

async fn send(p: &Provider, m: &Due, text: &str) -> Result<(), (String, bool)> {
    match p {
        Provider::Record => Ok(()),
        Provider::Webhook { url, token } => {
            let body = serde_json::json!({"id": m.id, "channel": channel_name(m.channel), "to": m.recipient, "text": text});
            let headers = Headers::new();
            let _ = headers.set("Content-Type", "application/json");
            let _ = headers.set("Authorization", &format!("Bearer {token}"));
            let mut init = RequestInit::new();
            init.with_method(Method::Post).with_headers(headers).with_body(Some(body.to_string().into()));
            let req = Request::new_with_init(url, &init).map_err(|e| (format!("request: {e}"), true))?;
            let resp = Fetch::Request(req).send().await.map_err(|e| (format!("network: {e}"), true))?;
            match resp.status_code() {
                200..=299 => Ok(()),
                s @ 400..=499 => Err((format!("HTTP {s}"), false)),
                s => Err((format!("HTTP {s}"), true)),
            }
        }
    }
}

/// Sends what is due; returns how many messages were settled.
pub async fn deliver(env: &Env, db: &D1) -> Result<usize, DbError> {
    let p = provider(env);
    let provider_name = match p {
        Provider::Record => "record",
        Provider::Webhook { .. } => "webhook",
    };
    let now = chrono::Utc::now();
    let stamp = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let due = outbox::due(db, &stamp(now), BATCH).await?;
    let mut outcomes = Vec::with_capacity(due.len());
    for m in &due {
        let locale = if m.locale == "en" { Locale::En } else { Locale::ZhCn };
        let text = render(&m.kind, &m.params, locale);
        let outcome = match send(&p, m, &text).await {
            Ok(()) => {
                // A real provider has the code now; only the recording provider keeps the text.
                let body = if matches!(p, Provider::Record) || !schema::notify::carries_secret(&m.kind) {
                    text
                } else {
                    String::new()
                };
                Outcome::Sent { provider: provider_name.into(), body }
            }
            Err((error, retry)) => {
                let attempt = m.attempts + 1;
                let retry_at = (retry && attempt < schema::notify::MAX_ATTEMPTS)
                    .then(|| stamp(now + chrono::Duration::minutes(retry_minutes(attempt))));
                Outcome::Failed { error, retry_at }
            }
        };
        outcomes.push(((m.id, m.attempts), outcome));
    }
    outbox::settle(db, &stamp(now), &outcomes).await?;
    Ok(outcomes.len())
}

/// [`deliver`] after the response (`waitUntil`), for requests that enqueued a message someone is
/// waiting for (a code). Without an invocation context it delivers before returning.
pub async fn deliver_after(ctx: &Ctx) {
    let env = ctx.env.clone();
    let run = async move {
        if let Ok(d1) = env.d1("DB")
            && let Err(e) = deliver(&env, &D1(d1)).await
        {
            worker::console_error!("outbox delivery: {e:?}");
        }
    };
    match &ctx.exec {
        Some(exec) => exec.wait_until(run),
        None => run.await,
    }
}
