//! The data scope the route table declares, against what each role really sees. For every kind of
//! scoped record, each role's list is what the policy's rule for that role says (the rule
//! functions themselves, `waypost_worker::policy`): a role whose rule is "everything" sees what an
//! admin sees, any other role a subset whose every item fits its rule; and every `GET` route on one
//! record of that kind answers 404, for that role, on a record outside its scope.

use std::collections::{BTreeSet, HashMap};

use schema::staff::Role;
use serde_json::{Value, json};
use waypost_http_tests::{Client, unique, unique_phone};
use waypost_worker::auth::Caller;
use waypost_worker::policy::{self, Access, ScopeKind, role_allowed};
use waypost_worker::routes;
use waypost_worker::routes::openapi::method_key;
use waypost_worker::store::Scope;
use waypost_worker::store::customers::CustomerScope;
use waypost_worker::store::pickups::PickupScope;
use waypost_worker::store::requests::RequestScope;

use crate::helpers::{admin, all_items};
use crate::shipments::{new_shipment, waybill};

/// The kinds, each with the list it is read through and the path prefix of its records' routes.
const KINDS: &[(ScopeKind, &str, &str)] = &[
    (ScopeKind::Orgs, "/api/v1/orgs", "/api/v1/orgs/{id}"),
    (ScopeKind::Orgs, "/api/v1/staff", "/api/v1/staff/{id}"),
    (ScopeKind::Customers, "/api/v1/customers", "/api/v1/customers/{id}"),
    (ScopeKind::Shipments, "/api/v1/shipments", "/api/v1/shipments/{id}"),
    (ScopeKind::Requests, "/api/v1/requests", "/api/v1/requests/{id}"),
    (ScopeKind::Pickups, "/api/v1/pickups", "/api/v1/pickups/{id}"),
];

fn id(v: &Value, field: &str) -> Option<i64> {
    v[field].as_i64()
}

fn ids(items: &[Value]) -> BTreeSet<i64> {
    items.iter().filter_map(|v| id(v, "id")).collect()
}

/// The firm's orgs as materialised paths (`/1/3/`), built from the parent links.
fn org_paths(admin: &Client) -> HashMap<i64, String> {
    let orgs = all_items(admin, "/api/v1/orgs");
    let parent: HashMap<i64, Option<i64>> =
        orgs.iter().filter_map(|o| Some((id(o, "id")?, id(o, "parent_id")))).collect();
    let mut paths = HashMap::new();
    for &org in parent.keys() {
        let mut chain = vec![org];
        while let Some(Some(p)) = chain.last().and_then(|c| parent.get(c)) {
            chain.push(*p);
        }
        let segs: Vec<String> = chain.iter().rev().map(i64::to_string).collect();
        paths.insert(org, format!("/{}/", segs.join("/")));
    }
    paths
}

/// The signed-in role as the policy sees it.
fn caller(c: &Client, role: Role, paths: &HashMap<i64, String>) -> Caller {
    let me = c.get("/api/v1/auth/me");
    assert_eq!(me.status, 200, "{}", me.raw);
    let staff = &me.body["staff"];
    let org_id = id(staff, "org_id").unwrap_or_default();
    Caller {
        realm: schema::auth::Realm::Staff,
        id: id(staff, "id").unwrap_or_default(),
        name: String::new(),
        role,
        org_id,
        org_path: paths.get(&org_id).cloned().unwrap_or_default(),
        session_id: String::new(),
        expires_at: 0,
    }
}

/// Whether the kind's rule for this caller is "every record".
fn sees_everything(kind: ScopeKind, c: &Caller) -> bool {
    match kind {
        ScopeKind::Orgs => policy::org_scope(c) == Scope::All,
        ScopeKind::Customers => policy::customer_scope(c) == CustomerScope::All,
        ScopeKind::Shipments => policy::shipment_scope(c).is_none(),
        ScopeKind::Requests => policy::request_scope(c) == RequestScope::All,
        ScopeKind::Pickups => policy::pickup_scope(c) == PickupScope::All,
    }
}

struct World {
    paths: HashMap<i64, String>,
    /// Staff id → org id.
    staff_org: HashMap<i64, i64>,
}

impl World {
    fn read(admin: &Client) -> World {
        let staff_org = all_items(admin, "/api/v1/staff")
            .iter()
            .filter_map(|s| Some((id(s, "id")?, id(s, "org_id")?)))
            .collect();
        World { paths: org_paths(admin), staff_org }
    }

    fn in_subtree(&self, org: Option<i64>, path: &str) -> bool {
        org.and_then(|o| self.paths.get(&o)).is_some_and(|p| p.starts_with(path))
    }

    /// Whether one item of `list` fits the caller's rule for `kind`. `mine` is what the same caller
    /// sees of customers (the shipments rule is "the shipments of my customers").
    fn fits(&self, kind: ScopeKind, list: &str, c: &Caller, item: &Value, mine: &BTreeSet<i64>) -> bool {
        // The org an /orgs item is, or a /staff item works in.
        let org = if list.ends_with("/orgs") { id(item, "id") } else { id(item, "org_id") };
        match kind {
            ScopeKind::Orgs => match policy::org_scope(c) {
                Scope::All => true,
                Scope::Subtree(path) => self.in_subtree(org, &path),
                Scope::Org(o) => org == Some(o),
            },
            ScopeKind::Customers => match policy::customer_scope(c) {
                CustomerScope::All => true,
                CustomerScope::Subtree(path) => {
                    let owner_org = id(item, "owner_id").and_then(|o| self.staff_org.get(&o).copied());
                    self.in_subtree(owner_org, &path)
                }
                CustomerScope::OwnOrShared(me) => id(item, "owner_id") == Some(me) || shared_with(item, me),
                CustomerScope::Only(one) => id(item, "id") == Some(one),
            },
            ScopeKind::Shipments => match policy::shipment_scope(c) {
                None => true,
                Some(_) => id(item, "customer_id").is_some_and(|cid| mine.contains(&cid)),
            },
            ScopeKind::Requests => match policy::request_scope(c) {
                RequestScope::All => true,
                RequestScope::Orgs { path, staff_id } => {
                    self.in_subtree(id(item, "org_id"), &path) || id(item, "assignee_id") == Some(staff_id)
                }
                RequestScope::Customer(cid) => id(item, "customer_id") == Some(cid),
            },
            ScopeKind::Pickups => match policy::pickup_scope(c) {
                PickupScope::All => true,
                PickupScope::Courier(me) => id(item, "courier_id") == Some(me),
                PickupScope::Customer(cid) => id(item, "customer_id") == Some(cid),
            },
        }
    }
}

/// Whether the customer is shared with staff member `me` (read as an admin).
fn shared_with(item: &Value, me: i64) -> bool {
    let Some(cid) = id(item, "id") else { return false };
    let detail = admin().get(&format!("/api/v1/customers/{cid}"));
    detail.body["shares"].as_array().is_some_and(|s| s.iter().any(|x| id(x, "staff_id") == Some(me)))
}

fn list_route(path: &str) -> &'static routes::Route {
    let found = routes::all().find(|r| r.path == path && method_key(&r.method) == "get");
    found.unwrap_or_else(|| panic!("no list {path}"))
}

/// Records only the widest roles reach: a customer an admin at head office owns, its shipment and a
/// service request held at head office. The demo firm alone may leave a rule nothing to limit.
fn head_office_records(admin: &Client) {
    let name = format!("总部客户 {}", unique());
    let r =
        admin.post("/api/v1/customers", &json!({"kind": "company", "name": name, "phone": unique_phone()}));
    assert_eq!(r.status, 201, "{}", r.raw);
    let customer = id(&r.body["customer"], "id");
    assert!(customer.is_some(), "{}", r.raw);
    new_shipment(admin, &waybill(), &unique_phone(), customer);
    let r = admin.post(
        "/api/v1/requests",
        &json!({"kind": "inquiry", "channel": "phone", "subject": "总部咨询", "customer_id": customer}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
}

#[test]
fn each_role_sees_what_its_rule_says() {
    let admin = admin();
    head_office_records(&admin);
    let world = World::read(&admin);
    let mut restricted_and_fewer = BTreeSet::new();
    for role in Role::ALL {
        let c = Client::as_role(role.as_str());
        let who = caller(&c, role, &world.paths);
        // A role that may not list customers has none of its own shipments to see either.
        let customers_list = list_route("/api/v1/customers");
        let mine = if role_allowed(customers_list.access, role) {
            ids(&all_items(&c, "/api/v1/customers"))
        } else {
            BTreeSet::new()
        };
        for &(kind, list, one) in KINDS {
            let route = list_route(list);
            assert!(route.scope.contains(&kind), "{list} must declare {kind:?}");
            if !role_allowed(route.access, role) {
                continue;
            }
            // Other tests write while this one reads: the admin's view is taken before and after.
            let before = ids(&all_items(&admin, list));
            let items = all_items(&c, list);
            let after = ids(&all_items(&admin, list));
            // Orgs and staff other tests add meanwhile.
            let world = World::read(&admin);
            let seen = ids(&items);
            let everything = sees_everything(kind, &who);
            let stable: BTreeSet<i64> = before.intersection(&after).copied().collect();
            if everything {
                assert!(stable.is_subset(&seen), "{role:?} {list}: sees less than an admin");
            } else {
                for item in &items {
                    assert!(world.fits(kind, list, &who, item, &mine), "{role:?} {list} must not see {item}");
                }
                if seen.len() < before.len().min(after.len()) {
                    restricted_and_fewer.insert(kind.as_str());
                }
            }
            let union: BTreeSet<i64> = before.union(&after).copied().collect();
            assert!(seen.is_subset(&union), "{role:?} {list}: sees what an admin does not");
            // A role that sees everything has no outside; for others, the oldest record that existed all
            // along and is not theirs (the smallest id: demo data, which no other test re-assigns).
            let outside = if everything { None } else { stable.difference(&seen).next().copied() };
            let inside = seen.iter().next().copied();
            for r in routes::all().filter(|r| {
                method_key(&r.method) == "get"
                    && r.path.starts_with(one)
                    && r.path.matches('{').count() == 1
                    && r.scope.contains(&kind)
                    && matches!(r.access, Access::Staff(_))
                    && role_allowed(r.access, role)
            }) {
                if let Some(x) = outside {
                    let resp = c.get(&r.path.replace("{id}", &x.to_string()));
                    assert_eq!(
                        resp.status, 404,
                        "{role:?} GET {} outside its scope ({x}): {}",
                        r.path, resp.raw
                    );
                }
                if let Some(x) = inside {
                    let resp = c.get(&r.path.replace("{id}", &x.to_string()));
                    assert_ne!(
                        resp.status, 404,
                        "{role:?} GET {} inside its scope ({x}): {}",
                        r.path, resp.raw
                    );
                }
            }
        }
    }
    // With the head-office records beside the demo firm, each rule that limits, limits something.
    for kind in ["orgs", "customers", "shipments", "requests", "pickups"] {
        assert!(
            restricted_and_fewer.contains(kind),
            "no role was limited on {kind}: {restricted_and_fewer:?}"
        );
    }
}
