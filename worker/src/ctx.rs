//! What a handler gets: the request, the bindings, the path parameters, the verified caller, the
//! data scope the route declared, and the caller's language — plus helpers that parse input at the boundary into `schema` types.

use schema::page::PageRequest;
use schema::{ErrorCode, FieldIssue, Locale};
use serde::Serialize;
use serde::de::DeserializeOwned;
use worker::{Env, KvStore, Method, Request, Response};

use crate::auth::{Caller, PortalCaller};
use crate::error::{AppError, Result};
use crate::policy::DataScope;
use crate::store::Actor;
use crate::store::d1::D1;

/// Largest request body accepted.
pub const MAX_BODY: usize = 1024 * 1024;

/// Per-request context.
pub struct Ctx {
    pub req: Request,
    pub env: Env,
    /// The invocation's context, for work that may finish after the response (`waitUntil`).
    pub exec: Option<worker::Context>,
    pub params: Vec<(&'static str, String)>,
    pub caller: Option<Caller>,
    /// The portal user on `Access::Portal` routes.
    pub portal: Option<PortalCaller>,
    /// What the caller may see of each kind of record the route declares, computed by the
    /// dispatcher from the route row (empty on public and integration routes).
    pub scope: DataScope,
    /// The integration key (id, name) on `Access::Integration` routes.
    pub integration: Option<(i64, String)>,
    pub locale: Locale,
    /// A `Set-Cookie` the response must carry (renewed or cleared session).
    pub set_cookie: Option<String>,
}

impl From<worker::KvError> for AppError {
    fn from(e: worker::KvError) -> Self {
        AppError::Internal(format!("kv: {e}"))
    }
}

impl Ctx {
    /// The D1 database.
    pub fn db(&self) -> Result<D1> {
        Ok(D1(self.env.d1("DB")?))
    }

    /// The KV namespace.
    pub fn kv(&self) -> Result<KvStore> {
        Ok(self.env.kv("KV")?)
    }

    /// The caller; routes that reach a handler with `Access::Staff` always have one.
    pub fn caller(&self) -> Result<&Caller> {
        self.caller.as_ref().ok_or(AppError::Code(ErrorCode::Unauthenticated))
    }

    /// The portal user; `Access::Portal` routes always have one.
    pub fn portal(&self) -> Result<&PortalCaller> {
        self.portal.as_ref().ok_or(AppError::Code(ErrorCode::Unauthenticated))
    }

    /// The caller as recorded in the audit log.
    pub fn actor(&self) -> Result<Actor> {
        let c = self.caller()?;
        Ok(Actor { id: Some(c.id), name: c.name.clone() })
    }

    /// A path parameter as given.
    pub fn param(&self, name: &str) -> Option<String> {
        self.params.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone())
    }

    /// A numeric path parameter. A non-number cannot name a record, so it is a 404.
    pub fn id(&self, name: &str) -> Result<i64> {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .and_then(|(_, v)| v.parse::<i64>().ok())
            .filter(|n| *n > 0)
            .ok_or(AppError::Code(ErrorCode::NotFound))
    }

    /// A query-string value (decoded). An empty value is no value: `?cursor=&status=`, as a
    /// client generated from the API document sends its unset fields, means the defaults.
    pub fn query(&self, name: &str) -> Option<String> {
        let url = self.req.url().ok()?;
        url.query_pairs().find(|(k, v)| k == name && !v.is_empty()).map(|(_, v)| v.into_owned())
    }

    /// Every query pair whose name starts with `prefix` (prefix removed), e.g. `cf.` filters.
    pub fn query_prefixed(&self, prefix: &str) -> Vec<(String, String)> {
        let Ok(url) = self.req.url() else { return vec![] };
        url.query_pairs()
            .filter_map(|(k, v)| Some((k.strip_prefix(prefix)?.to_string(), v.into_owned())))
            .collect()
    }

    /// An optional numeric query value; garbage is a 400.
    pub fn query_i64(&self, name: &str) -> Result<Option<i64>> {
        match self.query(name) {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| AppError::Code(ErrorCode::InvalidQuery)),
        }
    }

    /// An optional boolean query value (`true`/`false`).
    pub fn query_bool(&self, name: &str) -> Result<Option<bool>> {
        match self.query(name).as_deref() {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(_) => Err(AppError::Code(ErrorCode::InvalidQuery)),
        }
    }

    /// An optional enum query value in its wire form (`role=cs_agent`).
    pub fn query_enum<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>> {
        match self.query(name) {
            None => Ok(None),
            Some(s) => serde_json::from_value(serde_json::Value::String(s))
                .map(Some)
                .map_err(|_| AppError::Code(ErrorCode::InvalidQuery)),
        }
    }

    /// `limit` and `cursor`.
    pub fn page(&self) -> Result<PageRequest> {
        Ok(PageRequest::parse(self.query("limit").as_deref(), self.query("cursor").as_deref())?)
    }

    /// The JSON body as `T`: content type, size, UTF-8, syntax and shape are each checked and each
    /// answered with its own 4xx.
    pub async fn json<T: DeserializeOwned>(&mut self) -> Result<T> {
        let ct = self.req.headers().get("Content-Type").ok().flatten().unwrap_or_default();
        if !ct.to_ascii_lowercase().starts_with("application/json") {
            return Err(ErrorCode::UnsupportedMediaType.into());
        }
        let declared =
            self.req.headers().get("Content-Length").ok().flatten().and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > MAX_BODY) {
            return Err(ErrorCode::PayloadTooLarge.into());
        }
        let bytes = self.req.bytes().await.map_err(|_| AppError::Code(ErrorCode::MalformedJson))?;
        parse_json(&bytes)
    }

    /// 200 with a JSON body.
    pub fn ok<T: Serialize>(&self, body: &T) -> Result<Response> {
        Ok(Response::from_json(body)?)
    }

    /// 201 with a JSON body.
    pub fn created<T: Serialize>(&self, body: &T) -> Result<Response> {
        Ok(Response::from_json(body)?.with_status(201))
    }

    /// The client's address as Cloudflare reports it (throttling keys, session records).
    pub fn client_ip(&self) -> String {
        self.req.headers().get("CF-Connecting-IP").ok().flatten().unwrap_or_else(|| "unknown".into())
    }

    /// The request method.
    pub fn method(&self) -> Method {
        self.req.method()
    }
}

/// Body bytes → `T`, with distinct errors for size, encoding, syntax and shape.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    if bytes.len() > MAX_BODY {
        return Err(ErrorCode::PayloadTooLarge.into());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| AppError::Code(ErrorCode::InvalidUtf8))?;
    // Two steps, so "not JSON" and "JSON of the wrong shape" are told apart reliably (serde_json's
    // own classification calls some type errors, e.g. a number where an enum goes, syntax errors).
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| AppError::Code(ErrorCode::MalformedJson))?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let (field, issue) = body_issue(if path == "." { "" } else { &path }, &e.into_inner().to_string());
        // The path echoes the client's keys: a long one is cut, not sent back whole.
        AppError::BadBody { field: field.chars().take(MAX_FIELD_PATH).collect(), issue }
    })
}

/// The longest field path an `invalid_body` answer names.
const MAX_FIELD_PATH: usize = 200;

/// The field and the issue behind serde's message for a body of the wrong shape: a missing or
/// unknown field is named itself (serde's path stops at the object holding it), a wrong value by
/// its path with the type it should have had.
fn body_issue(path: &str, message: &str) -> (String, FieldIssue) {
    let quoted = || message.split('`').nth(1).unwrap_or_default();
    let join = |name: &str| if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
    if message.starts_with("missing field") {
        (join(quoted()), FieldIssue::Required)
    } else if message.starts_with("unknown field") {
        let field = if path.ends_with(quoted()) { path.to_string() } else { join(quoted()) };
        (field, FieldIssue::UnknownField)
    } else {
        // The body itself (not an object, say) is named `.`.
        let at = if path.is_empty() { ".".to_string() } else { path.to_string() };
        let expected = message.rsplit_once("expected ").map_or("", |(_, e)| e);
        // An enum read from a non-string says `expected string or map` (its other JSON form).
        if message.starts_with("unknown variant")
            || expected.contains("variant")
            || expected == "string or map"
        {
            (at, FieldIssue::InvalidChoice)
        } else {
            (at, FieldIssue::WrongType { expected: schema::JsonType::from_expected(expected) })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use schema::auth::LoginRequest;

    fn code(r: Result<LoginRequest>) -> Option<ErrorCode> {
        match r {
            Err(AppError::Code(c)) => Some(c),
            _ => None,
        }
    }

    /// The field and issue of a body of the wrong shape.
    fn bad<T: DeserializeOwned + std::fmt::Debug>(body: &[u8]) -> Option<(String, FieldIssue)> {
        match parse_json::<T>(body) {
            Err(AppError::BadBody { field, issue }) => Some((field, issue)),
            _ => None,
        }
    }

    #[test]
    fn a_body_of_the_wrong_shape_names_the_field_and_what_it_should_be() {
        use schema::JsonType;
        let wrong = |field: &str, expected| Some((field.to_string(), FieldIssue::WrongType { expected }));
        assert_eq!(
            bad::<LoginRequest>(b"{\"login\": 1, \"password\": \"x\"}"),
            wrong("login", JsonType::Text)
        );
        assert_eq!(
            bad::<LoginRequest>(b"{\"password\": \"x\"}"),
            Some(("login".into(), FieldIssue::Required))
        );
        assert_eq!(
            bad::<LoginRequest>(b"{\"login\":\"a\",\"password\":\"b\",\"x\":1}"),
            Some(("x".into(), FieldIssue::UnknownField))
        );
        let org = b"{\"kind\": \"castle\", \"code\": \"A1\", \"name\": \"n\"}";
        assert_eq!(bad::<schema::org::OrgInput>(org), Some(("kind".into(), FieldIssue::InvalidChoice)));
        let number = b"{\"kind\": 5, \"code\": \"A1\", \"name\": \"n\"}";
        assert_eq!(bad::<schema::org::OrgInput>(number), Some(("kind".into(), FieldIssue::InvalidChoice)));
        assert_eq!(bad::<schema::org::OrgInput>(b"[]"), wrong(".", JsonType::Object));
        let long =
            format!("{{\"kind\":\"outlet\",\"code\":\"A1\",\"name\":\"n\",\"{}\":1}}", "k".repeat(5000));
        let named = bad::<schema::org::OrgInput>(long.as_bytes()).map(|(f, _)| f.chars().count());
        assert_eq!(named, Some(MAX_FIELD_PATH), "an unknown key is echoed cut short");
        let nested = br#"{"kind":"company","name":"n","contacts":[{"name":"a"},{"name":7}]}"#;
        assert_eq!(bad::<schema::customer::CustomerInput>(nested), wrong("contacts[1].name", JsonType::Text));
        let tags = br#"{"kind":"company","name":"n","tags":"vip"}"#;
        assert_eq!(bad::<schema::customer::CustomerInput>(tags), wrong("tags", JsonType::List));
        // The field's message, in the caller's language.
        let text = FieldIssue::WrongType { expected: JsonType::Text };
        assert_eq!(
            (text.message(Locale::ZhCn), text.message(Locale::En)),
            ("应为文本。".into(), "Expected text.".into())
        );
    }

    #[test]
    fn body_errors_are_distinct() {
        assert_eq!(code(parse_json(b"{\"login\": ")), Some(ErrorCode::MalformedJson));
        assert_eq!(
            code(parse_json(b"{\"login\":\"\xff\xfe\",\"password\":\"b\"}")),
            Some(ErrorCode::InvalidUtf8)
        );
        assert_eq!(code(parse_json(&vec![b' '; MAX_BODY + 1])), Some(ErrorCode::PayloadTooLarge));
        assert!(parse_json::<LoginRequest>(b"{\"login\":\"a\",\"password\":\"b\"}").is_ok());
    }
}
