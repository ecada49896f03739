//! Hostile and broken input: always a 4xx with a clear code, never a 5xx, nothing written.

use jwt_simple::prelude::*;
use serde_json::json;
use waypost_http_tests::{Client, unique};
use waypost_worker::auth::token::{ISSUER, SessionClaims, audience};

use crate::helpers::admin;

const JSON: (&str, &str) = ("Content-Type", "application/json");

#[test]
fn malformed_bodies_get_their_own_codes_and_write_nothing() {
    let admin = admin();
    let cases: Vec<(&[u8], u16, &str)> = vec![
        (b"{\"kind\": \"outlet\",", 400, "malformed_json"),
        (b"not json at all", 400, "malformed_json"),
        (b"{\"kind\": 5, \"code\": \"A1\", \"name\": \"n\"}", 422, "invalid_body"),
        (b"{\"kind\": \"outlet\", \"code\": \"A1\", \"name\": \"n\", \"parent_id\": 2, \"is_admin\": true}", 422, "invalid_body"),
        (b"{\"kind\": \"outlet\", \"code\": \"A1\", \"name\": \"\xff\xfe\", \"parent_id\": 2}", 400, "invalid_utf8"),
        (b"[]", 422, "invalid_body"),
    ];
    for (body, status, code) in cases {
        let r = admin.request("POST", "/api/v1/orgs", Some(body), &[JSON]);
        assert_eq!((r.status, r.code()), (status, code), "{}", String::from_utf8_lossy(body));
        assert!(r.body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // A body of the wrong shape names the field and what it should be, in the caller's language.
    let named = [
        (&b"{\"kind\": 5, \"code\": \"A1\", \"name\": \"n\"}"[..], "kind", "请选择一个有效选项。"),
        (
            b"{\"kind\": \"outlet\", \"code\": \"A1\", \"name\": \"n\", \"is_admin\": true}",
            "is_admin",
            "没有这个字段。",
        ),
        (b"{\"kind\": \"outlet\", \"code\": 7, \"name\": \"n\"}", "code", "应为文本。"),
        (b"{\"kind\": \"outlet\", \"name\": \"n\"}", "code", "必填。"),
        (b"[]", ".", "应为对象。"),
    ];
    for (body, field, message) in named {
        let r = admin.request("POST", "/api/v1/orgs", Some(body), &[JSON, ("Accept-Language", "zh-CN")]);
        assert_eq!(r.code(), "invalid_body");
        assert_eq!(r.body["fields"][field], message, "{}: {}", String::from_utf8_lossy(body), r.raw);
    }
    let huge = format!("{{\"kind\":\"outlet\",\"code\":\"A1\",\"name\":\"{}\"}}", "长".repeat(400_000));
    let r = admin.request("POST", "/api/v1/orgs", Some(huge.as_bytes()), &[JSON]);
    assert_eq!((r.status, r.code()), (413, "payload_too_large"));
    let r = admin.request("POST", "/api/v1/orgs", Some(b"{}"), &[("Content-Type", "text/plain")]);
    assert_eq!((r.status, r.code()), (415, "unsupported_media_type"));
    // Other tests create orgs in parallel, so look for these bodies' own code, not a count.
    let written = crate::helpers::all_items(&admin, "/api/v1/orgs?q=A1");
    assert!(written.iter().all(|o| o["code"] != "A1"), "nothing was written: {written:?}");
}

#[test]
fn sql_metacharacters_are_just_text() {
    let admin = admin();
    let evil = format!("'; DROP TABLE orgs; -- {}", unique());
    let q: String = evil.bytes().map(|b| format!("%{b:02X}")).collect();
    let r = admin.get(&format!("/api/v1/orgs?q={q}"));
    assert_eq!(r.status, 200);
    assert_eq!(r.body["items"].as_array().map(Vec::len), Some(0));
    let mut c = Client::new();
    assert_eq!(c.login(&evil, &evil).status, 401);
    let r = admin.post(
        "/api/v1/orgs",
        &json!({"parent_id": 2, "kind": "outlet", "code": format!("T-{}", unique()), "name": evil}),
    );
    assert_eq!(r.status, 201, "stored as a name, not executed");
    assert_eq!(r.body["name"], evil.as_str());
    let found = admin.get(&format!("/api/v1/orgs?q={q}"));
    assert_eq!(
        found.body["items"].as_array().map(Vec::len),
        Some(1),
        "the table is still there and searchable"
    );
}

#[test]
fn absurd_pages_and_foreign_cursors_are_rejected() {
    let admin = admin();
    for q in [
        "limit=0",
        "limit=101",
        "limit=1000000000000",
        "limit=-5",
        "limit=abc",
        "cursor=123",
        "cursor=c%27--",
        "active=maybe",
        "kind=castle",
        "role=king",
    ] {
        let path =
            if q.starts_with("role") { format!("/api/v1/staff?{q}") } else { format!("/api/v1/orgs?{q}") };
        let r = admin.get(&path);
        assert_eq!((r.status, r.code()), (400, "invalid_query"), "{q}");
    }
    let r = admin.get("/api/v1/orgs/abc");
    assert_eq!(r.status, 404);
}

#[test]
fn unknown_routes_and_methods() {
    let c = Client::new();
    assert_eq!(c.get("/api/v1/nothing-here").code(), "not_found");
    let r = c.request("DELETE", "/api/v1/health", None, &[]);
    assert_eq!((r.status, r.code()), (405, "method_not_allowed"));
    // A 405 names what the path does take; HEAD is answered wherever GET is (the runtime sends
    // no body, and the client reads none, so only the status and headers are checked).
    assert_eq!(r.header("Allow"), Some("GET, HEAD"));
    let admin = admin();
    let r = admin.request("PUT", "/api/v1/orgs/1", Some(b"{}"), &[JSON]);
    assert_eq!((r.status, r.header("Allow")), (405, Some("GET, HEAD, PATCH")));
    let head = admin.request("HEAD", "/api/v1/orgs/1", None, &[]);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("Content-Type"), Some("application/json"));
    assert_eq!(admin.request("HEAD", "/api/v1/orgs/999999", None, &[]).status, 404);
    // Scope holds for HEAD as for GET: a visitor is refused.
    assert_eq!(c.request("HEAD", "/api/v1/orgs/1", None, &[]).status, 401);
    let r = c.request("HEAD", "/api/v1/auth/login", None, &[]);
    assert_eq!((r.status, r.header("Allow")), (405, Some("POST")));
}

/// A client generated from the API document sends its unset query fields empty: the defaults.
#[test]
fn empty_query_values_are_the_defaults() {
    let admin = admin();
    let plain = admin.get("/api/v1/customers/quality");
    assert_eq!(plain.status, 200, "{}", plain.raw);
    for q in ["check=", "check=&days=&limit=&cursor=", "check=stale&days="] {
        let r = admin.get(&format!("/api/v1/customers/quality?{q}"));
        assert_eq!(r.status, 200, "{q}: {}", r.raw);
    }
    // The same answer as no value at all (the demo customers: other tests add theirs meanwhile).
    let demo = |r: &waypost_http_tests::Resp| -> Vec<serde_json::Value> {
        let items = r.body["items"].as_array().cloned().unwrap_or_default();
        items.into_iter().filter(|i| i["customer"]["id"].as_i64().is_some_and(|id| id <= 16)).collect()
    };
    let empty = admin.get("/api/v1/customers/quality?check=");
    assert!(!demo(&plain).is_empty());
    assert_eq!(demo(&empty), demo(&plain));
    let all = admin.get("/api/v1/orgs");
    let empty = admin.get("/api/v1/orgs?q=&kind=&active=&limit=&cursor=");
    assert_eq!((empty.status, empty.body["items"].clone()), (200, all.body["items"].clone()));
    // A value that is there is still checked.
    assert_eq!(admin.get("/api/v1/customers/quality?check=nonsense").code(), "invalid_query");
}

#[test]
fn csrf_header_and_foreign_origins_are_required_for_writes() {
    let admin = admin();
    let no_header = admin.request("POST", "/api/v1/orgs", Some(b"{}"), &[JSON, ("X-Waypost-Csrf", "")]);
    assert_eq!((no_header.status, no_header.code()), (403, "csrf_rejected"));
    let foreign =
        admin.request("POST", "/api/v1/orgs", Some(b"{}"), &[JSON, ("Origin", "https://evil.example")]);
    assert_eq!((foreign.status, foreign.code()), (403, "csrf_rejected"));
    let mut c = Client::new();
    c.cookie = None;
    let login = c.request(
        "POST",
        "/api/v1/auth/login",
        Some(b"{\"login\":\"13800000001\",\"password\":\"Waypost-Demo-2026\"}"),
        &[JSON, ("X-Waypost-Csrf", "")],
    );
    assert_eq!(login.status, 403, "login CSRF is refused too");
    // Reads are not affected.
    assert_eq!(
        admin
            .request(
                "GET",
                "/api/v1/orgs",
                None,
                &[("X-Waypost-Csrf", ""), ("Origin", "https://evil.example")]
            )
            .status,
        200
    );
}

/// A token signed with the test run's secret (scripts/test passes it as WAYPOST_TEST_JWT_SECRET).
fn forge(exp_offset_secs: i64) -> String {
    let secret = std::env::var("WAYPOST_TEST_JWT_SECRET")
        .unwrap_or_else(|_| panic!("WAYPOST_TEST_JWT_SECRET is not set"));
    let key = HS256Key::from_bytes(secret.as_bytes());
    let custom = SessionClaims {
        realm: schema::auth::Realm::Staff,
        sid: "forged-session".into(),
        name: "赵志强".into(),
        role: schema::staff::Role::Admin,
        org: 1,
        org_path: "/1/".into(),
    };
    let mut claims = Claims::with_custom_claims(custom, Duration::from_secs(900))
        .with_issuer(ISSUER)
        .with_audience(audience(schema::auth::Realm::Staff))
        .with_subject(1);
    let now = Clock::now_since_epoch().as_secs() as i64;
    claims.expires_at = Some(Duration::from_secs((now + exp_offset_secs) as u64));
    key.authenticate(claims).unwrap_or_default()
}

#[test]
fn expired_tampered_and_alg_swapped_tokens_are_refused() {
    let mut c = Client::new();
    // Sanity: a well-formed, unexpired token with the right key passes (so the cases below fail
    // for the reason they name, not because the key is wrong).
    c.cookie = Some(forge(600));
    assert_eq!(c.get("/api/v1/orgs").status, 200, "forged-but-valid token should pass");

    c.cookie = Some(forge(-120));
    assert_eq!(
        (c.get("/api/v1/orgs").status, c.get("/api/v1/orgs").code().to_string()),
        (401, "unauthenticated".into())
    );

    let good = forge(600);
    let parts: Vec<&str> = good.split('.').collect();
    // Payload changed (role → admin of someone else): the signature no longer matches.
    let mut payload = parts[1].to_string();
    payload.pop();
    payload.push('A');
    let cases = [
        format!("{}.{}.{}", parts[0], payload, parts[2]),
        format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.", parts[1]),
        format!("eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.{}.{}", parts[1], parts[2]),
        format!("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.{}.{}", parts[1], parts[2]),
        "garbage".into(),
        "a.b.c".into(),
    ];
    for tok in cases {
        c.cookie = Some(tok.clone());
        assert_eq!(c.get("/api/v1/orgs").status, 401, "{tok}");
    }
}
