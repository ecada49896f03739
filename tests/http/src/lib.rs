//! A typed client for the Waypost API, used by the black-box HTTP suite (`tests/api`). It talks to
//! a live `wrangler dev` named by `WAYPOST_URL`, which `scripts/test` starts on a free port with a
//! fresh local D1/KV and the demo firm loaded. [`api`] holds one method per route; the raw
//! [`Client::request`] / [`Client::send`] below serve requests that are wrong on purpose.

use std::sync::atomic::{AtomicU32, Ordering};

pub mod api;
pub use api::Answer;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The demo accounts' password (see xtask's demo data).
pub const DEMO_PASSWORD: &str = "Waypost-Demo-2026";

/// The demo account for a role: (role, phone).
pub const DEMO: &[(&str, &str)] = &[
    ("admin", "13800000001"),
    ("cs_manager", "13800000002"),
    ("cs_supervisor", "13800000003"),
    ("cs_agent", "13800000004"),
    ("sales_manager", "13800000005"),
    ("sales_rep", "13800000006"),
    ("courier", "13800000007"),
    ("hub_ops", "13800000008"),
];

/// The demo phone of a role.
pub fn demo_phone(role: &str) -> &'static str {
    DEMO.iter()
        .find(|(r, _)| *r == role)
        .map(|(_, p)| *p)
        .unwrap_or_else(|| panic!("no demo account for {role}"))
}

/// A response, read fully.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub body: Value,
    pub raw: String,
    pub set_cookie: Option<String>,
    pub headers: Vec<(String, String)>,
}

impl Resp {
    /// The error `code` of a non-2xx answer.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    /// The body as a typed value.
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone()).unwrap_or_else(|e| panic!("{e}: {}", self.raw))
    }

    /// A header value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

static NEXT_IP: AtomicU32 = AtomicU32::new(1);

/// A client with its own (optional) session and its own client address, so throttling in one test
/// never bleeds into another.
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub cookie: Option<String>,
    /// The portal session (`wp_portal`), kept apart from the staff one.
    pub portal_cookie: Option<String>,
    pub lang: &'static str,
    pub ip: String,
    /// An integration key, sent as `Authorization: Bearer …` (no cookie, no CSRF header), as the
    /// firm's systems call the ingest routes.
    pub bearer: Option<String>,
    /// Sent as `Idempotency-Key` with every request (what the courier's offline queue does).
    pub idempotency_key: Option<String>,
    agent: ureq::Agent,
}

impl Client {
    /// An anonymous client against `WAYPOST_URL`.
    pub fn new() -> Client {
        let base = std::env::var("WAYPOST_URL")
            .unwrap_or_else(|_| panic!("WAYPOST_URL is not set: run the suite through scripts/test"));
        let n = NEXT_IP.fetch_add(1, Ordering::Relaxed) + std::process::id() % 200 * 1000;
        Client {
            base,
            cookie: None,
            portal_cookie: None,
            lang: "zh-CN",
            ip: format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255),
            bearer: None,
            idempotency_key: None,
            agent: ureq::AgentBuilder::new().redirects(0).build(),
        }
    }

    /// A client signed in as `login`.
    pub fn signed_in(login: &str, password: &str) -> Client {
        let mut c = Client::new();
        let r = c.login(login, password);
        assert_eq!(r.status, 200, "login as {login}: {}", r.raw);
        c
    }

    /// A client of the firm's own systems, holding an integration key.
    pub fn integration(key: &str) -> Client {
        Client { bearer: Some(key.to_string()), ..Client::new() }
    }

    /// This client's session, sending `key` as `Idempotency-Key` (a retried write).
    pub fn keyed(&self, key: &str) -> Client {
        Client { idempotency_key: Some(key.to_string()), ..self.clone() }
    }

    /// A client signed in as a role's demo account.
    pub fn as_role(role: &str) -> Client {
        Client::signed_in(demo_phone(role), DEMO_PASSWORD)
    }

    /// Signs in, keeping the session cookie.
    pub fn login(&mut self, login: &str, password: &str) -> Resp {
        let body = schema::auth::LoginRequest { login: login.into(), password: password.into() };
        let r = self.auth_login(&body).resp;
        if r.status == 200 {
            self.cookie = r.set_cookie.as_deref().and_then(token_of);
        }
        r
    }

    /// Signs in to the customer portal, keeping the portal cookie.
    pub fn portal_login(&mut self, login: &str, password: &str) -> Resp {
        let body = schema::auth::LoginRequest { login: login.into(), password: password.into() };
        let r = self.portal_auth_login(&body).resp;
        self.keep_portal_cookie(&r);
        r
    }

    /// Keeps the portal cookie an answer set (sign-up, activation and sign-in set one).
    pub fn keep_portal_cookie(&mut self, r: &Resp) {
        if let Some(t) = r.set_cookie.as_deref().and_then(|c| cookie_value(c, "wp_portal")) {
            self.portal_cookie = Some(t);
        }
    }

    /// A raw request: every other call goes through here.
    pub fn request(&self, method: &str, path: &str, body: Option<&[u8]>, headers: &[(&str, &str)]) -> Resp {
        let mut req = self
            .agent
            .request(method, &format!("{}{path}", self.base))
            .set("Accept-Language", self.lang)
            .set("CF-Connecting-IP", &self.ip);
        let cookies: Vec<String> = [("wp_session", &self.cookie), ("wp_portal", &self.portal_cookie)]
            .iter()
            .filter_map(|(name, tok)| tok.as_ref().map(|t| format!("{name}={t}")))
            .collect();
        if !cookies.is_empty() {
            req = req.set("Cookie", &cookies.join("; "));
        }
        let mut csrf = self.bearer.is_none();
        if let Some(key) = &self.bearer {
            req = req.set("Authorization", &format!("Bearer {key}"));
        }
        if let Some(key) = &self.idempotency_key {
            req = req.set("Idempotency-Key", key);
        }
        for (k, v) in headers {
            if k.eq_ignore_ascii_case("x-waypost-csrf") {
                csrf = false;
                if v.is_empty() {
                    continue;
                }
            }
            req = req.set(k, v);
        }
        if csrf {
            req = req.set("X-Waypost-Csrf", "1");
        }
        let result = match body {
            Some(b) => req.send_bytes(b),
            None => req.call(),
        };
        let resp = match result {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{method} {path}: {e}"),
        };
        let status = resp.status();
        let headers: Vec<(String, String)> = resp
            .headers_names()
            .into_iter()
            .flat_map(|n| {
                resp.all(&n).into_iter().map(move |v| (n.clone(), v.to_string())).collect::<Vec<_>>()
            })
            .collect();
        let set_cookie = resp.header("Set-Cookie").map(String::from);
        let raw = resp.into_string().unwrap_or_default();
        let body = serde_json::from_str(&raw).unwrap_or(Value::Null);
        Resp { status, body, raw, set_cookie, headers }
    }

    pub fn get(&self, path: &str) -> Resp {
        self.request("GET", path, None, &[])
    }

    pub fn post<B: Serialize>(&self, path: &str, body: &B) -> Resp {
        self.send("POST", path, body)
    }

    pub fn patch<B: Serialize>(&self, path: &str, body: &B) -> Resp {
        self.send("PATCH", path, body)
    }

    /// A form as a browser posts it (`application/x-www-form-urlencoded`), with the browser's
    /// `Origin` unless `headers` name another.
    pub fn form(&self, path: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Resp {
        let body: String = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        let mut all = vec![("Content-Type", "application/x-www-form-urlencoded"), ("X-Waypost-Csrf", "")];
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("origin")) {
            all.push(("Origin", self.base.as_str()));
        }
        all.extend_from_slice(headers);
        self.request("POST", path, Some(body.as_bytes()), &all)
    }

    pub fn send<B: Serialize>(&self, method: &str, path: &str, body: &B) -> Resp {
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        self.request(method, path, Some(&bytes), &[("Content-Type", "application/json")])
    }
}

impl Default for Client {
    fn default() -> Self {
        Client::new()
    }
}

/// The token inside a `Set-Cookie: wp_session=…; …` header.
pub fn token_of(set_cookie: &str) -> Option<String> {
    cookie_value(set_cookie, "wp_session")
}

/// The value of cookie `name` in a `Set-Cookie` header.
pub fn cookie_value(set_cookie: &str, name: &str) -> Option<String> {
    let first = set_cookie.split(';').next()?;
    let (k, v) = first.split_once('=')?;
    (k.trim() == name && !v.is_empty()).then(|| v.to_string())
}

/// The latest one-time code the development provider recorded for `login` (an admin delivers
/// what is due first, then reads the outbox as the firm's admin would).
pub fn recorded_code(login: &str) -> Option<String> {
    let admin = Client::as_role("admin");
    let d = admin.post("/api/v1/outbox/deliver", &serde_json::json!({}));
    assert_eq!(d.status, 200, "{}", d.raw);
    let r = admin.get(&format!("/api/v1/outbox?recipient={login}&status=sent"));
    assert_eq!(r.status, 200, "{}", r.raw);
    let items = r.body["items"].as_array().cloned().unwrap_or_default();
    items.iter().find_map(|m| {
        let body = m["body"].as_str()?;
        let digits: Vec<char> = body.chars().collect();
        // The last standalone six digits: a message may name the customer before the code, and a
        // customer's name may hold digits too.
        let mut found = None;
        for (i, w) in digits.windows(6).enumerate() {
            let boundary = |j: Option<&char>| j.is_none_or(|c| !c.is_ascii_digit());
            if w.iter().all(char::is_ascii_digit)
                && boundary(i.checked_sub(1).and_then(|k| digits.get(k)))
                && boundary(digits.get(i + 6))
            {
                found = Some(w.iter().collect::<String>());
            }
        }
        found
    })
}

/// Sends a batch of tracking events with an integration key, as the firm's systems do (no
/// cookie, no CSRF header): `POST /api/v1/ingest/events`.
pub fn ingest(key: &str, events: &serde_json::Value) -> Resp {
    let events = events.as_array().cloned().unwrap_or_default();
    Client::integration(key).shipments_ingest(&schema::shipment::IngestRequest { events }).resp
}

/// A value unique to this test process and call: for codes, phones and e-mails.
pub fn unique() -> u32 {
    static N: AtomicU32 = AtomicU32::new(0);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or(0);
    ((t as u32) & 0x00FF_FFFF).wrapping_mul(31).wrapping_add(N.fetch_add(1, Ordering::Relaxed)) % 10_000_000
}

/// A fresh, valid mainland mobile number.
pub fn unique_phone() -> String {
    format!("1760{:07}", unique())
}
