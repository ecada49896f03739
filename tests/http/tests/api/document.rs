//! The API document tells the truth: for every staff and public operation, a request built from
//! `/api/openapi.json` alone — the required fields only, each from its schema (an example, a
//! default, the first of an enum, the smallest allowed number) — is never refused for its shape.
//! It may be refused for what it means (an id that does not exist, a stale version, a state that
//! does not allow the move): those answers are about the data, not the document.
//!
//! Ids — in the path or in the body — name records that do not exist, so no write lands on shared
//! records (bodies are checked before records are looked up, so their shape is still judged).
//! Whole settings lists (`PUT` without an id) are not sent: other tests of this suite change them
//! meanwhile. That their `GET` answers what their `PUT` takes is checked natively
//! (`routes::openapi`'s `a_settings_list_reads_as_it_is_written`).

use serde_json::{Map, Value, json};
use waypost_http_tests::Client;

use crate::helpers::admin;

/// Operations not sent: whole settings lists (see above), and those that end the session the test
/// runs in or need a portal session or an integration key this test does not hold.
fn skipped(path: &str, method: &str) -> bool {
    (method == "put" && !path.contains('{'))
        || path.starts_with("/api/v1/portal/")
        || path.starts_with("/api/v1/integrations/")
        || path == "/api/v1/auth/logout"
        || path == "/api/v1/auth/login"
        || path == "/api/v1/auth/password"
        || (method == "post" && path.ends_with("/password"))
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
        Some(name) => resolve(doc, &doc["components"]["schemas"][name]),
        None => schema,
    }
}

/// An id that names no record: writes built here never land on shared records.
const NO_SUCH_ID: i64 = 987_654_321;

/// The smallest value the schema allows, built from the document alone; a field named like an id
/// (`id`, `…_id`, `ids`) gets [`NO_SUCH_ID`].
fn sample(doc: &Value, schema: &Value, depth: usize) -> Value {
    sample_named(doc, schema, depth, "")
}

fn sample_named(doc: &Value, schema: &Value, depth: usize, name: &str) -> Value {
    let s = resolve(doc, schema);
    let id_like = name == "id" || name == "ids" || name.ends_with("_id") || name.ends_with("_ids");
    if id_like && (s["type"] == "integer" || s["items"]["type"] == "integer") {
        return if s["type"] == "array" { json!([NO_SUCH_ID]) } else { json!(NO_SUCH_ID) };
    }
    if depth > 8 {
        return Value::Null;
    }
    if let Some(e) = s["examples"].as_array().and_then(|e| e.first()) {
        return e.clone();
    }
    if !s["example"].is_null() {
        return s["example"].clone();
    }
    if let Some(e) = s["enum"].as_array().and_then(|e| e.iter().find(|v| !v.is_null())) {
        return e.clone();
    }
    // Every part of an `allOf` holds at once: their samples merge (a route may add `required`).
    if let Some(parts) = s["allOf"].as_array() {
        let mut out = Map::new();
        let mut required: Vec<Value> = Vec::new();
        for part in parts {
            let p = resolve(doc, part);
            required.extend(p["required"].as_array().cloned().unwrap_or_default());
            if let Value::Object(m) = sample(doc, p, depth + 1) {
                out.extend(m);
            }
        }
        let all: Vec<&Value> = parts.iter().map(|p| resolve(doc, p)).collect();
        for name in required.iter().filter_map(Value::as_str) {
            if !out.contains_key(name) {
                let prop = all.iter().map(|p| &p["properties"][name]).find(|p| !p.is_null());
                out.insert(
                    name.to_string(),
                    prop.map_or(Value::Null, |p| sample_named(doc, p, depth + 1, name)),
                );
            }
        }
        return Value::Object(out);
    }
    // An object: its required fields — and where its `anyOf` lists sets of them ("a phone or an
    // e-mail"), the first set too.
    if s["properties"].is_object() {
        let names = |r: &Value| -> Vec<String> {
            r.as_array()
                .map(|r| r.iter().filter_map(Value::as_str).map(String::from).collect())
                .unwrap_or_default()
        };
        let mut required = names(&s["required"]);
        required.extend(
            s["anyOf"].as_array().and_then(|a| a.first()).map(|f| names(&f["required"])).unwrap_or_default(),
        );
        let out = required
            .into_iter()
            .map(|n| {
                let v = sample_named(doc, &s["properties"][&n], depth + 1, &n);
                (n, v)
            })
            .collect();
        return Value::Object(out);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = s[key].as_array() {
            let first =
                alts.iter().find(|a| resolve(doc, a)["nullable"] != true && a["enum"] != json!([null]));
            return first.map_or(Value::Null, |a| sample(doc, a, depth + 1));
        }
    }
    match s["type"].as_str() {
        Some("object") => Value::Object(Map::new()),
        Some("array") => {
            let n = s["minItems"].as_u64().unwrap_or(0);
            Value::Array((0..n).map(|_| sample(doc, &s["items"], depth + 1)).collect())
        }
        Some("string") => match s["format"].as_str() {
            Some("date") => json!("2026-12-01"),
            Some("date-time") => json!("2026-12-01T08:00:00.000Z"),
            _ => {
                let n = s["minLength"].as_u64().unwrap_or(1).max(1) as usize;
                json!("样".repeat(n))
            }
        },
        Some("integer") => json!(s["minimum"].as_i64().unwrap_or(1)),
        Some("number") => json!(s["minimum"].as_f64().unwrap_or(1.0)),
        Some("boolean") => json!(false),
        _ => Value::Null,
    }
}

/// A path with every parameter filled: ids that exist nowhere, other values from their schema.
fn filled(doc: &Value, path: &str, params: &[Value]) -> String {
    let mut out = path.to_string();
    for p in params.iter().filter(|p| p["in"] == "path") {
        let name = p["name"].as_str().unwrap_or_default();
        let value = match resolve(doc, &p["schema"])["type"].as_str() {
            Some("integer") => "987654321".to_string(),
            _ => match sample(doc, &p["schema"], 0) {
                Value::String(s) => s,
                v => v.to_string(),
            },
        };
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    out
}

/// Why an answer refuses the request for its shape, if it does: a body the server could not read,
/// or a field rule other than "no such record" (an `…_id` that names nothing, or a value that is
/// not among the firm's options: "Choose one of the options.", answered in English here).
fn shape_refusal(status: u16, body: &Value) -> Option<String> {
    let code = body["code"].as_str().unwrap_or_default();
    if matches!(code, "invalid_body" | "malformed_json" | "invalid_query") {
        return Some(format!("{status} {code} {}", body["fields"]));
    }
    if code == "validation_failed" {
        let fields = body["fields"].as_object().cloned().unwrap_or_default();
        let shape: Vec<String> = fields
            .iter()
            .filter(|(name, message)| {
                let reference = name.ends_with("_id") || name.as_str() == "id" || name.ends_with("_ids");
                !(reference || message.as_str() == Some("Choose one of the options."))
            })
            .map(|(name, message)| format!("{name}: {message}"))
            .collect();
        if !shape.is_empty() {
            return Some(format!("{status} {code} {}", shape.join("; ")));
        }
    }
    None
}

#[test]
fn every_operation_accepts_what_the_document_calls_valid() {
    let admin = admin();
    let doc = Client::new().get("/api/openapi.json").body;
    let mut refused = Vec::new();
    let mut sent = 0;
    for (path, item) in doc["paths"].as_object().cloned().unwrap_or_default() {
        for (method, op) in item.as_object().cloned().unwrap_or_default() {
            if !matches!(method.as_str(), "post" | "put" | "patch") || skipped(&path, &method) {
                continue;
            }
            let params: Vec<Value> = op["parameters"].as_array().cloned().unwrap_or_default();
            let url = filled(&doc, &path, &params);
            let schema = &op["requestBody"]["content"]["application/json"]["schema"];
            let body = if schema.is_null() { None } else { Some(sample(&doc, schema, 0).to_string()) };
            let r = admin.request(
                &method.to_uppercase(),
                &url,
                body.as_deref().map(str::as_bytes),
                &[("Content-Type", "application/json"), ("Accept-Language", "en")],
            );
            sent += 1;
            assert!(r.status < 500, "{method} {url}: {}", r.raw);
            if let Some(why) = shape_refusal(r.status, &r.body) {
                let id = format!("{} {path}", method.to_uppercase());
                refused.push(format!("{id}\n    sent {}\n    {why}", body.unwrap_or_default()));
            }
        }
    }
    assert!(sent > 40, "the document lists the write operations ({sent} sent)");
    assert!(
        refused.is_empty(),
        "{} operations refused what the document calls valid:\n{}",
        refused.len(),
        refused.join("\n")
    );
}
