//! The route table, one file per resource (named like its handler module: `routes/customers.rs`
//! lists what `handlers/customers.rs` answers). Each row says who may call the route
//! (realm/roles), which scoped records it reads, what it takes and returns (for the OpenAPI document,
//! written by [`openapi`] from these rows), and which handler runs. Rows are built with
//! [`get`]/[`post`]/… and the [`Route`] methods, whose defaults are the common case: any signed-in
//! staff member, no org scope, no query, no body, a 204 answer.

use std::future::Future;
use std::pin::Pin;

use worker::{Method, Response};

use crate::ctx::Ctx;
use crate::error::Result;
use crate::policy::{ANY_STAFF, Access, ScopeKind};
use schema::staff::Role;

/// A handler: takes the context, returns a response or an error (turned into HTTP centrally).
pub type Handler = fn(Ctx) -> Pin<Box<dyn Future<Output = Result<Response>>>>;
pub use schema_fn::SchemaFn;
use schema_fn::s;

/// Natively a route row carries the JSON Schema of its body and answer, for the OpenAPI document.
#[cfg(not(target_arch = "wasm32"))]
mod schema_fn {
    use schemars::{JsonSchema, Schema, SchemaGenerator};

    /// Produces a JSON Schema for the OpenAPI document.
    pub type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

    pub fn s<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
        g.subschema_for::<T>()
    }
}

/// In the Worker the document is served pre-built ([`openapi`]), so the rows carry no schema
/// code: ~ the size of every type's JSON Schema, kept out of the wasm.
#[cfg(target_arch = "wasm32")]
mod schema_fn {
    pub type SchemaFn = fn();

    pub fn s<T>() {}
}

/// One API route.
pub struct Route {
    pub method: Method,
    /// Path with `{name}` parameters.
    pub path: &'static str,
    pub access: Access,
    /// The kinds of scoped records the handler reads; the dispatcher computes the caller's scope
    /// for each ([`crate::policy::DataScope`]).
    pub scope: &'static [ScopeKind],
    /// One line for the OpenAPI document.
    pub summary: &'static str,
    /// Whether the route pages its answer with `limit` and `cursor` (documented once, in
    /// [`PAGE_QUERY`]).
    pub paged: bool,
    /// Other query parameters: (name, description).
    pub query: &'static [(&'static str, &'static str)],
    pub body: Option<SchemaFn>,
    /// Fields of the body this route requires beyond what its schema does (one input type serves
    /// a create, where `kind` is required, and an edit, where `version` is): the document says so.
    pub requires: &'static [&'static str],
    /// Success status and schema.
    pub ok: (u16, SchemaFn),
    pub handler: Handler,
}

/// `limit` and `cursor`, as every paged list takes them (`schema::page::PageRequest`).
pub const PAGE_QUERY: &[(&str, &str)] =
    &[("limit", "Page size, 1–100 (default 50)"), ("cursor", "`next_cursor` of the previous page")];

const fn route(method: Method, path: &'static str, summary: &'static str, handler: Handler) -> Route {
    Route {
        method,
        path,
        access: Access::Staff(ANY_STAFF),
        scope: &[],
        summary,
        paged: false,
        query: &[],
        body: None,
        requires: &[],
        ok: (204, s::<()>),
        handler,
    }
}

/// A `GET` row (also answers `HEAD`).
pub const fn get(path: &'static str, summary: &'static str, handler: Handler) -> Route {
    route(Method::Get, path, summary, handler)
}
/// A `POST` row.
pub const fn post(path: &'static str, summary: &'static str, handler: Handler) -> Route {
    route(Method::Post, path, summary, handler)
}
/// A `PUT` row.
pub const fn put(path: &'static str, summary: &'static str, handler: Handler) -> Route {
    route(Method::Put, path, summary, handler)
}
/// A `PATCH` row.
pub const fn patch(path: &'static str, summary: &'static str, handler: Handler) -> Route {
    route(Method::Patch, path, summary, handler)
}
/// A `DELETE` row.
pub const fn delete(path: &'static str, summary: &'static str, handler: Handler) -> Route {
    route(Method::Delete, path, summary, handler)
}

impl Route {
    /// Anyone, signed in or not.
    pub const fn public(mut self) -> Self {
        self.access = Access::Public;
        self
    }
    /// Staff with one of these roles (the default: any staff member).
    pub const fn staff(mut self, roles: &'static [Role]) -> Self {
        self.access = Access::Staff(roles);
        self
    }
    /// A signed-in portal user.
    pub const fn portal(mut self) -> Self {
        self.access = Access::Portal;
        self
    }
    /// The firm's systems, with an integration key.
    pub const fn integration(mut self) -> Self {
        self.access = Access::Integration;
        self
    }
    /// The scoped records the handler reads (customers, requests, …): records outside the
    /// caller's scope answer 404.
    pub const fn scope(mut self, scope: &'static [ScopeKind]) -> Self {
        self.scope = scope;
        self
    }
    /// Takes `limit` and `cursor`.
    pub const fn paged(mut self) -> Self {
        self.paged = true;
        self
    }
    /// Other query parameters.
    pub const fn query(mut self, query: &'static [(&'static str, &'static str)]) -> Self {
        self.query = query;
        self
    }
    /// Takes a JSON body of this schema.
    pub const fn body(mut self, schema: SchemaFn) -> Self {
        self.body = Some(schema);
        self
    }
    /// The body's fields this route requires beyond its schema (see [`Route::requires`]).
    pub const fn requires(mut self, fields: &'static [&'static str]) -> Self {
        self.requires = fields;
        self
    }
    /// Answers 200 with this schema.
    pub const fn ok(mut self, schema: SchemaFn) -> Self {
        self.ok = (200, schema);
        self
    }
    /// Answers 201 with this schema.
    pub const fn created(mut self, schema: SchemaFn) -> Self {
        self.ok = (201, schema);
        self
    }
    /// Answers 202 with this schema.
    pub const fn accepted(mut self, schema: SchemaFn) -> Self {
        self.ok = (202, schema);
        self
    }

    /// Every query parameter the route documents, `limit` and `cursor` first when paged.
    pub fn query_params(&self) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
        let page: &'static [(&'static str, &'static str)] = if self.paged { PAGE_QUERY } else { &[] };
        page.iter().chain(self.query.iter())
    }
}

macro_rules! h {
    ($f:path) => {
        |ctx| Box::pin($f(ctx))
    };
}

pub mod openapi;

mod api_keys;
mod archive;
mod attachments;
mod audit;
mod auth;
mod claims;
mod complaints;
mod credit;
mod custom_fields;
mod customers;
mod health;
mod imports;
mod kb;
mod lookup;
mod orgs;
mod pickups;
mod portal;
mod portal_auth;
mod portal_requests;
mod portal_users;
mod reports;
mod requests;
mod shipments;
mod sla;
mod staff;
mod surveys;
mod timeline;
mod track;
mod value;

/// Every route, resource by resource. Matching does not depend on this order; the OpenAPI writer
/// does, slightly: where two `schema` types share a name (`pickup::AssignRequest`,
/// `request::AssignRequest`), the first one met keeps it.
static GROUPS: &[&[Route]] = &[
    health::ROUTES,
    auth::ROUTES,
    orgs::ROUTES,
    staff::ROUTES,
    customers::ROUTES,
    archive::ROUTES,
    imports::ROUTES,
    timeline::ROUTES,
    custom_fields::ROUTES,
    track::ROUTES,
    shipments::ROUTES,
    api_keys::ROUTES,
    audit::ROUTES,
    portal_auth::ROUTES,
    portal::ROUTES,
    portal_users::ROUTES,
    pickups::ROUTES,
    requests::ROUTES,
    portal_requests::ROUTES,
    surveys::ROUTES,
    lookup::ROUTES,
    claims::ROUTES,
    attachments::ROUTES,
    complaints::ROUTES,
    kb::ROUTES,
    sla::ROUTES,
    value::ROUTES,
    reports::ROUTES,
    credit::ROUTES,
];

/// Every route of the API. The OpenAPI document and the route-by-role tests iterate this.
pub fn all() -> impl Iterator<Item = &'static Route> {
    GROUPS.iter().flat_map(|g| g.iter())
}

/// The outcome of matching a request against the table.
pub enum Matched {
    Route(&'static Route, Vec<(&'static str, String)>),
    /// The path exists, with other methods: the `Allow` header's value (`GET, HEAD, PATCH`).
    WrongMethod(String),
    NotFound,
}

/// Matches `{name}` segments literally segment by segment; no regexes, and parameters are copied
/// only for rows whose path matches.
/// `HEAD` is answered by the `GET` route (the runtime sends no body), as HTTP asks.
/// Where two rows match (`/customers/duplicates` and `/customers/{id}`), the one with a literal
/// segment where the other has a parameter wins, whatever the order of the files.
pub fn find(method: &Method, path: &str) -> Matched {
    let segs: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let mut path_matched = false;
    let mut best: Option<(&'static Route, Vec<(&'static str, String)>)> = None;
    for r in all() {
        let Some(params) = match_path(r.path, &segs) else { continue };
        path_matched = true;
        let method_ok = r.method == *method || (*method == Method::Head && r.method == Method::Get);
        if method_ok && best.as_ref().is_none_or(|(b, _)| more_specific(r.path, b.path)) {
            best = Some((r, params));
        }
    }
    match best {
        Some((r, params)) => Matched::Route(r, params),
        None if path_matched => Matched::WrongMethod(allow(&segs)),
        None => Matched::NotFound,
    }
}

fn is_param(seg: &str) -> bool {
    seg.starts_with('{')
}

/// Whether pattern `a` has a literal segment where `b` has a parameter, before any the other way.
fn more_specific(a: &str, b: &str) -> bool {
    for (x, y) in a.split('/').zip(b.split('/')) {
        match (is_param(x), is_param(y)) {
            (false, true) => return true,
            (true, false) => return false,
            _ => {}
        }
    }
    false
}

/// The methods the path takes, for a 405's `Allow` (only built when one is answered).
fn allow(segs: &[&str]) -> String {
    let mut methods = Vec::new();
    for r in all().filter(|r| match_path(r.path, segs).is_some()) {
        methods.push(r.method.to_string());
        if r.method == Method::Get {
            methods.push(Method::Head.to_string());
        }
    }
    methods.join(", ")
}

fn match_path(pattern: &'static str, segs: &[&str]) -> Option<Vec<(&'static str, String)>> {
    let pat: Vec<&'static str> = pattern.split('/').collect();
    if pat.len() != segs.len() {
        return None;
    }
    let mut params = Vec::new();
    for (p, s) in pat.iter().zip(segs) {
        if let Some(name) = p.strip_prefix('{').and_then(|n| n.strip_suffix('}')) {
            if s.is_empty() {
                return None;
            }
            params.push((name, (*s).to_string()));
        } else if p != s {
            return None;
        }
    }
    Some(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        assert!(
            matches!(find(&Method::Get, "/api/v1/orgs/12"), Matched::Route(r, p) if r.path == "/api/v1/orgs/{id}" && p == vec![("id", "12".to_string())])
        );
        assert!(
            matches!(find(&Method::Get, "/api/v1/orgs/"), Matched::Route(r, _) if r.path == "/api/v1/orgs")
        );
        assert!(
            matches!(find(&Method::Delete, "/api/v1/orgs/12"), Matched::WrongMethod(a) if a == "GET, HEAD, PATCH")
        );
        assert!(
            matches!(find(&Method::Head, "/api/v1/orgs/12"), Matched::Route(r, _) if r.method == Method::Get)
        );
        assert!(matches!(find(&Method::Head, "/api/v1/auth/login"), Matched::WrongMethod(a) if a == "POST"));
        assert!(matches!(find(&Method::Get, "/api/v1/nope"), Matched::NotFound));
        assert!(matches!(find(&Method::Get, "/api/v1/orgs/1/2"), Matched::NotFound));
    }

    #[test]
    fn routes_are_unique_and_never_ambiguous() {
        let routes: Vec<&Route> = all().collect();
        for (i, a) in routes.iter().enumerate() {
            for b in &routes[i + 1..] {
                if a.method != b.method {
                    continue;
                }
                assert_ne!(a.path, b.path, "duplicate {:?}", a.method);
                // Two rows some path matches both of, with a parameter in the same places: no
                // literal decides between them.
                let (x, y): (Vec<&str>, Vec<&str>) =
                    (a.path.split('/').collect(), b.path.split('/').collect());
                let same_shape = x.len() == y.len()
                    && x.iter().zip(&y).all(|(p, q)| is_param(p) == is_param(q) && (is_param(p) || p == q));
                assert!(!same_shape, "{:?} {} and {} match the same paths", a.method, a.path, b.path);
            }
        }
    }

    #[test]
    fn a_literal_segment_beats_a_parameter() {
        assert!(
            matches!(find(&Method::Get, "/api/v1/customers/duplicates"), Matched::Route(r, _) if r.path == "/api/v1/customers/duplicates")
        );
        assert!(
            matches!(find(&Method::Get, "/api/v1/customers/12"), Matched::Route(r, _) if r.path == "/api/v1/customers/{id}")
        );
        assert!(more_specific("/a/b/{x}", "/a/{y}/c"));
        assert!(!more_specific("/a/{y}/c", "/a/b/{x}"));
    }

    #[test]
    fn scope_is_declared_only_where_a_caller_has_one() {
        for r in all().filter(|r| !r.scope.is_empty()) {
            // Public and integration callers have no scope: a declaration there would be a 500.
            assert!(matches!(r.access, Access::Staff(_) | Access::Portal), "{}", r.path);
            if r.access == Access::Portal {
                assert!(!r.scope.contains(&ScopeKind::Orgs), "a portal user has no org: {}", r.path);
            }
        }
        // The lists of scoped records declare their kind (a sample that pins the table).
        let kinds = |path: &str| all().find(|r| r.path == path && r.method == Method::Get).map(|r| r.scope);
        assert_eq!(kinds("/api/v1/requests"), Some(&[ScopeKind::Requests][..]));
        assert_eq!(kinds("/api/v1/pickups"), Some(&[ScopeKind::Pickups][..]));
        assert_eq!(kinds("/api/v1/portal/shipments"), Some(&[ScopeKind::Shipments][..]));
        assert_eq!(kinds("/api/v1/orgs"), Some(&[ScopeKind::Orgs][..]));
    }

    #[test]
    fn only_health_login_and_tracking_are_public() {
        let public: Vec<&str> = all().filter(|r| r.access == Access::Public).map(|r| r.path).collect();
        assert_eq!(
            public,
            vec![
                "/api/v1/health",
                "/api/v1/auth/login",
                "/api/v1/public/track/{waybill_no}",
                "/api/v1/public/track/{waybill_no}/report",
                "/api/v1/portal/auth/code",
                "/api/v1/portal/auth/register",
                "/api/v1/portal/auth/activate",
                "/api/v1/portal/auth/reset",
                "/api/v1/portal/auth/login",
                "/api/v1/public/survey/{token}",
                "/api/v1/public/survey/{token}",
            ]
        );
        let integration: Vec<&str> =
            all().filter(|r| r.access == Access::Integration).map(|r| r.path).collect();
        assert_eq!(integration, vec!["/api/v1/ingest/shipments", "/api/v1/ingest/events"]);
    }
}
