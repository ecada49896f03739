//! `GET /api/openapi.json`: the OpenAPI 3 document, written from the route table and the
//! `schema` types' JSON Schemas — it cannot drift from the routes, because it *is* the routes.
//! It is generated natively at build time (`xtask openapi` writes `frontend/dist/api/openapi.json`)
//! and served as a static file, so neither the JSON Schema code nor the serving code is in the
//! Worker.

#[cfg(not(target_arch = "wasm32"))]
use schema::ApiErrorBody;
#[cfg(not(target_arch = "wasm32"))]
use schemars::generate::SchemaSettings;
#[cfg(not(target_arch = "wasm32"))]
use serde_json::{Map, Value, json};
use worker::Method;

#[cfg(not(target_arch = "wasm32"))]
use super::all;
#[cfg(not(target_arch = "wasm32"))]
use crate::policy::{Access, describe, describe_portal};
#[cfg(not(target_arch = "wasm32"))]
use schema::staff::Role;

/// What the caller sees of each kind of record the route reads, written by running the policy's
/// rule for every role the route lets in: `{"requests": {"every request": ["admin", …], …}}`.
/// Records outside answer 404.
#[cfg(not(target_arch = "wasm32"))]
fn scope_text(r: &super::Route) -> Value {
    let mut kinds = Map::new();
    for &kind in r.scope {
        let seen = match r.access {
            Access::Portal => json!({describe_portal(kind): ["portal user"]}),
            Access::Staff(roles) => {
                let roles = if roles.is_empty() { &Role::ALL[..] } else { roles };
                let mut m = Map::new();
                for (text, rs) in describe(kind, roles) {
                    m.insert(text.into(), json!(rs.iter().map(|r| r.as_str()).collect::<Vec<_>>()));
                }
                Value::Object(m)
            }
            Access::Public | Access::Integration => json!("everything"),
        };
        kinds.insert(kind.as_str().into(), seen);
    }
    Value::Object(kinds)
}

/// Lower-case method name as OpenAPI keys it.
pub fn method_key(m: &Method) -> &'static str {
    match m {
        Method::Get => "get",
        Method::Post => "post",
        Method::Put => "put",
        Method::Patch => "patch",
        Method::Delete => "delete",
        Method::Head => "head",
        Method::Options => "options",
        _ => "trace",
    }
}

/// Builds the whole document (natively: `xtask openapi` at build time, and the tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn document() -> Value {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let error_ref = generator.subschema_for::<ApiErrorBody>().to_value();
    let mut paths = Map::new();
    for r in all() {
        let mut op = Map::new();
        op.insert("summary".into(), json!(r.summary));
        op.insert(
            "operationId".into(),
            json!(format!(
                "{}_{}",
                method_key(&r.method),
                r.path.trim_start_matches("/api/").replace(['/', '{', '}', '.'], "_")
            )),
        );
        let mut params: Vec<Value> = r
            .path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "integer"}}))
            .collect();
        params.extend(
            r.query_params().map(|(n, d)| json!({"name": n, "in": "query", "required": false, "description": d, "schema": {"type": "string"}})),
        );
        // Staff writes take an Idempotency-Key (decided by the dispatcher, crate::idempotent).
        if matches!(r.access, Access::Staff(_)) && r.method != Method::Get {
            params.push(json!({"name": "Idempotency-Key", "in": "header", "required": false,
                "description": "A client-made id for this write: a repeat with the same key (from the same person) gets the first successful answer again, marked `Idempotent-Replayed: true`, and writes nothing. Kept a week.",
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,100}$"}}));
        }
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        if let Some(body) = r.body {
            let mut schema = body(&mut generator).to_value();
            if !r.requires.is_empty() {
                schema = json!({"allOf": [schema, {"required": r.requires}]});
            }
            op.insert(
                "requestBody".into(),
                json!({"required": true, "content": {"application/json": {"schema": schema}}}),
            );
        }
        let (status, ok) = r.ok;
        let mut responses = Map::new();
        if status == 204 {
            responses.insert("204".into(), json!({"description": "Done"}));
        } else {
            let schema = ok(&mut generator).to_value();
            let media = if r.path.ends_with(".csv") { "text/csv" } else { "application/json" };
            responses.insert(
                status.to_string(),
                json!({"description": "OK", "content": {media: {"schema": schema}}}),
            );
        }
        let err = json!({"description": "Error", "content": {"application/json": {"schema": error_ref}}});
        responses.insert("4XX".into(), err.clone());
        responses.insert("5XX".into(), err);
        op.insert("responses".into(), Value::Object(responses));
        match r.access {
            Access::Public => {
                op.insert("security".into(), json!([]));
            }
            Access::Integration => {
                op.insert("security".into(), json!([{"integrationKey": []}]));
            }
            Access::Portal => {
                op.insert("security".into(), json!([{"portalSession": []}]));
            }
            Access::Staff(roles) => {
                let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
                op.insert(
                    "x-waypost-roles".into(),
                    if roles.is_empty() { json!("any staff") } else { json!(roles) },
                );
            }
        }
        if !r.scope.is_empty() {
            op.insert("x-waypost-scope".into(), scope_text(r));
        }
        let entry = paths.entry(r.path.to_string()).or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(m) = entry {
            m.insert(method_key(&r.method).into(), Value::Object(op));
        }
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Waypost API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Serverless CRM for logistics and express-delivery firms. Errors are {code, message, fields?}; messages follow Accept-Language (zh-CN default, en). Writes need the X-Waypost-Csrf: 1 header."
        },
        "servers": [{"url": "/"}],
        "components": {
            "schemas": generator.take_definitions(true),
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": crate::auth::COOKIE},
                "portalSession": {"type": "apiKey", "in": "cookie", "name": crate::auth::PORTAL_COOKIE},
                "integrationKey": {"type": "http", "scheme": "bearer", "description": "wpk_<prefix>_<secret>, created by an admin"}
            }
        },
        "security": [{"session": []}],
        "paths": paths,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_documented_with_its_schemas() {
        let doc = document();
        for r in all() {
            let op = &doc["paths"][r.path][method_key(&r.method)];
            assert!(op.is_object(), "{} {} missing from the document", method_key(&r.method), r.path);
            assert!(op["responses"][r.ok.0.to_string()].is_object(), "{} has no success response", r.path);
            assert_eq!(op["requestBody"].is_object(), r.body.is_some(), "{} request body", r.path);
        }
        let schemas = doc["components"]["schemas"].as_object().map(|m| m.len()).unwrap_or(0);
        assert!(schemas >= 10, "component schemas are generated ({schemas})");
        assert!(doc["components"]["schemas"]["StaffInput"]["properties"]["password"].is_object());
        assert!(
            doc["paths"]["/api/v1/customers/export.csv"]["get"]["responses"]["200"]["content"]["text/csv"]
                .is_object()
        );
    }

    #[test]
    fn what_a_route_requires_is_a_field_of_its_body() {
        let doc = document();
        for r in all().filter(|r| !r.requires.is_empty()) {
            let body = &doc["paths"][r.path][method_key(&r.method)]["requestBody"]["content"]["application/json"]
                ["schema"]["allOf"][0]["$ref"];
            let name =
                body.as_str().and_then(|s| s.strip_prefix("#/components/schemas/")).unwrap_or_default();
            for field in r.requires {
                assert!(
                    doc["components"]["schemas"][name]["properties"][field].is_object(),
                    "{} requires `{field}`, which {name} does not have",
                    r.path
                );
            }
        }
    }

    #[test]
    fn a_settings_list_reads_as_it_is_written() {
        // What a `GET` answers, its `PUT` takes: the settings pages send the list back as read.
        let mut checked = 0;
        for put in all().filter(|r| r.method == Method::Put && !r.path.contains('{')) {
            let get = all().find(|g| g.method == Method::Get && g.path == put.path);
            let get = get.unwrap_or_else(|| panic!("PUT {} has no GET", put.path));
            let mut generator = SchemaSettings::openapi3().into_generator();
            let body = put.body.map(|b| b(&mut generator).to_value());
            assert_eq!(body, Some((get.ok.1)(&mut generator).to_value()), "{}", put.path);
            checked += 1;
        }
        assert!(checked >= 6, "the settings lists ({checked})");
    }

    #[test]
    fn refs_resolve() {
        let doc = document();
        let text = doc.to_string();
        for piece in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
            let name = piece.split('"').next().unwrap_or_default();
            assert!(doc["components"]["schemas"][name].is_object(), "dangling $ref {name}");
        }
    }
}
