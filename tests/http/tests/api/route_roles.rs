//! Every route of the route table, called as every role (and anonymously): the server's answer
//! must match the route's declared access. Also: the OpenAPI document lists exactly these routes.

use schema::staff::Role;
use waypost_http_tests::{Client, Resp};
use waypost_worker::policy::{Access, role_allowed};
use waypost_worker::routes;
use waypost_worker::routes::openapi::method_key;

fn call(c: &Client, method: &str, path: &str, has_body: bool) -> Resp {
    // Demo records: org 4 (浦东营业部), staff 7 (the courier), customer 1 (顺达物流); contact
    // 999999 does not exist, so a DELETE by an allowed role answers 404 and removes nothing.
    // `{}` bodies fail validation, so allowed callers get a 4xx and nothing is written.
    let id = if path.contains("/orgs/") {
        "4"
    } else if path.contains("/customers/") {
        "1"
    } else {
        "7"
    };
    // Every other parameter (`{contact_id}`, `{location_id}`, …) names a record that does not exist.
    let mut path = path.replace("{id}", id);
    while let (Some(a), Some(b)) = (path.find('{'), path.find('}')) {
        path.replace_range(a..=b, "999999");
    }
    if has_body {
        c.request(method, &path, Some(b"{}"), &[("Content-Type", "application/json")])
    } else {
        c.request(method, &path, None, &[])
    }
}

#[test]
fn every_route_as_every_role() {
    let mut routes: Vec<_> = routes::all().collect();
    // Sign-out last: it ends the session the other calls use.
    routes.sort_by_key(|r| r.path == "/api/v1/auth/logout");
    let anon = Client::new();
    for r in &routes {
        let method = method_key(&r.method).to_uppercase();
        let resp = call(&anon, &method, r.path, r.body.is_some());
        match r.access {
            Access::Public => assert_ne!(resp.status, 401, "anonymous {method} {}", r.path),
            Access::Staff(_) | Access::Integration | Access::Portal => assert_eq!(
                (resp.status, resp.code()),
                (401, "unauthenticated"),
                "anonymous {method} {}",
                r.path
            ),
        }
    }
    let mut table = Vec::new();
    for role in Role::ALL {
        let c = Client::as_role(role.as_str());
        for r in &routes {
            let method = method_key(&r.method).to_uppercase();
            let resp = call(&c, &method, r.path, r.body.is_some());
            let allowed = role_allowed(r.access, role);
            table.push(format!("{:<14} {:<6} {:<32} {}", role.as_str(), method, r.path, resp.status));
            assert!(resp.status < 500, "{role:?} {method} {}: {}", r.path, resp.raw);
            if r.access == Access::Integration || r.access == Access::Portal {
                // A staff session is neither an integration key nor a portal session.
                assert_eq!(resp.status, 401, "{role:?} {method} {}", r.path);
            } else if allowed {
                assert!(
                    resp.status != 401 && resp.status != 403,
                    "{role:?} should reach {method} {}: {}",
                    r.path,
                    resp.raw
                );
            } else {
                assert_eq!(
                    (resp.status, resp.code()),
                    (403, "forbidden"),
                    "{role:?} must not reach {method} {}",
                    r.path
                );
            }
        }
    }
    println!("{}", table.join("\n"));
}

#[test]
fn key_rights_are_as_designed() {
    // The table above checks enforcement against the declarations; this pins the declarations.
    let rights = |method: &str, path: &str| -> Vec<&'static str> {
        let r = routes::all().find(|r| method_key(&r.method) == method && r.path == path);
        let r = r.unwrap_or_else(|| panic!("no route {method} {path}"));
        Role::ALL.iter().filter(|role| role_allowed(r.access, **role)).map(|r| r.as_str()).collect()
    };
    assert_eq!(rights("post", "/api/v1/orgs"), vec!["admin"]);
    assert_eq!(rights("patch", "/api/v1/staff/{id}"), vec!["admin"]);
    assert_eq!(rights("get", "/api/v1/audit"), vec!["admin"]);
    assert_eq!(rights("get", "/api/v1/staff"), vec!["admin", "cs_supervisor", "cs_manager", "sales_manager"]);
    assert_eq!(rights("get", "/api/v1/orgs").len(), 8);
    let customer_roles =
        vec!["admin", "cs_agent", "cs_supervisor", "cs_manager", "sales_rep", "sales_manager"];
    assert_eq!(rights("get", "/api/v1/customers"), customer_roles);
    assert_eq!(rights("post", "/api/v1/customers"), customer_roles);
}

#[test]
fn openapi_lists_exactly_the_routes() {
    let doc = Client::new().get("/api/openapi.json");
    assert_eq!(doc.status, 200);
    assert_eq!(doc.body["openapi"], "3.0.3");
    let mut documented = Vec::new();
    for (path, ops) in doc.body["paths"].as_object().cloned().unwrap_or_default() {
        for (method, _) in ops.as_object().cloned().unwrap_or_default() {
            documented.push(format!("{method} {path}"));
        }
    }
    let mut routes: Vec<String> =
        routes::all().map(|r| format!("{} {}", method_key(&r.method), r.path)).collect();
    documented.sort();
    routes.sort();
    assert_eq!(documented, routes);
}
