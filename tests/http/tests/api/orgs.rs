//! Organisations: the tree rules, scope, versioning, and what the audit log records.

use schema::org::Org;
use serde_json::json;
use waypost_http_tests::{Client, unique};

use crate::helpers::{admin, all_items, new_outlet, new_staff};

#[test]
fn admin_creates_and_edits_an_outlet_with_version_checks() {
    let admin = admin();
    let created: Org = serde_json::from_value(new_outlet(&admin)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(created.version, 1);
    let path = format!("/api/v1/orgs/{}", created.id);
    let body = |version: i64, name: &str| {
        json!({
            "version": version, "parent_id": 2, "code": created.code, "name": name, "region": "上海市",
            "address": "上海市浦东新区世纪大道 1 号", "phone": "021 5888 0000", "active": true,
        })
    };
    let r = admin.patch(&path, &body(1, "陆家嘴营业部"));
    assert_eq!(r.status, 200, "{}", r.raw);
    let edited: Org = r.json();
    assert_eq!(
        (edited.version, edited.name.as_str(), edited.phone.as_str()),
        (2, "陆家嘴营业部", "021-58880000")
    );

    // A second editor still holding version 1 must not overwrite silently.
    let stale = admin.patch(&path, &body(1, "旧名字"));
    assert_eq!((stale.status, stale.code()), (409, "version_conflict"));
    assert_eq!(stale.body["current_version"], 2);
    assert_eq!(admin.get(&path).json::<Org>().name, "陆家嘴营业部");
}

#[test]
fn tree_rules_and_field_errors_are_enforced() {
    let admin = admin();
    let r = admin.post("/api/v1/orgs", &json!({"kind": "outlet", "code": "x", "name": " "}));
    assert_eq!((r.status, r.code()), (422, "validation_failed"));
    assert_eq!(r.body["fields"]["code"], "编码为 2–20 位字母、数字、- 或 _。");
    assert!(r.body["fields"]["parent_id"].is_string());
    assert!(r.body["fields"]["name"].is_string());

    // An outlet cannot sit under an outlet; a branch only under HQ; there is one HQ.
    let outlet = new_outlet(&admin);
    let bad = admin.post(
        "/api/v1/orgs",
        &json!({"parent_id": outlet["id"], "kind": "outlet", "code": format!("T-{}", unique()), "name": "x"}),
    );
    assert_eq!(bad.status, 422);
    assert!(bad.body["fields"]["parent_id"].is_string(), "{}", bad.raw);
    let hq = admin
        .post("/api/v1/orgs", &json!({"kind": "hq", "code": format!("T-{}", unique()), "name": "第二总部"}));
    assert_eq!(hq.status, 422, "{}", hq.raw);

    let dup = admin.post(
        "/api/v1/orgs",
        &json!({"parent_id": 2, "kind": "outlet", "code": outlet["code"], "name": "重复"}),
    );
    assert_eq!((dup.status, dup.code()), (409, "already_exists"));
    assert!(dup.body["fields"]["code"].is_string());
}

#[test]
fn an_org_cannot_move_under_its_own_subtree_and_moving_carries_the_subtree() {
    let admin = admin();
    let code = format!("T-{}", unique());
    let branch = admin
        .post("/api/v1/orgs", &json!({"parent_id": 1, "kind": "branch", "code": code, "name": "华北分公司"}));
    assert_eq!(branch.status, 201, "{}", branch.raw);
    let bid = branch.body["id"].as_i64().unwrap_or_default();
    let outlet = admin.post(
        "/api/v1/orgs",
        &json!({"parent_id": bid, "kind": "outlet", "code": format!("T-{}", unique()), "name": "朝阳营业部"}),
    );
    let (_, phone, password) =
        new_staff(&admin, outlet.body["id"].as_i64().unwrap_or_default(), "cs_supervisor");
    // Move the outlet to 华东 (id 2): a supervisor there now reaches it; the 华北 branch does not.
    let moved = admin.patch(
        &format!("/api/v1/orgs/{}", outlet.body["id"]),
        &json!({
            "version": 1, "parent_id": 2, "code": outlet.body["code"], "name": "朝阳营业部", "active": true,
        }),
    );
    assert_eq!(moved.status, 200, "{}", moved.raw);
    let east_manager = Client::as_role("sales_manager"); // sits at 华东 (org 2)
    assert_eq!(east_manager.get(&format!("/api/v1/orgs/{}", outlet.body["id"])).status, 200);
    let sup = Client::signed_in(&phone, &password);
    assert_eq!(sup.get(&format!("/api/v1/orgs/{bid}")).status, 404);
    // HQ cannot go under its own branch.
    let cycle = admin.patch("/api/v1/orgs/1", &json!({"version": admin.get("/api/v1/orgs/1").body["version"], "parent_id": 2, "code": "HQ", "name": "迅捷速运总部", "active": true}));
    assert_eq!(cycle.status, 422);
}

#[test]
fn an_org_in_use_cannot_be_deactivated() {
    let admin = admin();
    let outlet = new_outlet(&admin);
    new_staff(&admin, outlet["id"].as_i64().unwrap_or_default(), "courier");
    let r = admin.patch(&format!("/api/v1/orgs/{}", outlet["id"]), &json!({
        "version": outlet["version"], "parent_id": 2, "code": outlet["code"], "name": outlet["name"], "active": false,
    }));
    assert_eq!((r.status, r.code()), (409, "org_in_use"));
}

#[test]
fn each_role_sees_its_reach() {
    // The demo agent sits at the service center (9): one org. The CS manager there too, with no
    // children. The sales manager sits at 华东 (2): the branch and its outlets. Admin: all.
    let ids = |role: &str| -> Vec<i64> {
        all_items(&Client::as_role(role), "/api/v1/orgs").iter().filter_map(|o| o["id"].as_i64()).collect()
    };
    assert_eq!(ids("cs_agent"), vec![9]);
    let east = ids("sales_manager");
    assert!(east.contains(&2) && east.contains(&4) && east.contains(&5), "{east:?}");
    assert!(!east.contains(&1) && !east.contains(&3) && !east.contains(&6), "{east:?}");
    assert!(ids("admin").len() >= 9);
    let agent = Client::as_role("cs_agent");
    assert_eq!(agent.get("/api/v1/orgs/4").status, 404, "out of reach answers 404");
    assert_eq!(agent.get("/api/v1/orgs/9").status, 200);
}

#[test]
fn filters_and_pages() {
    let admin = admin();
    let outlets = all_items(&admin, "/api/v1/orgs?kind=outlet");
    assert!(outlets.iter().all(|o| o["kind"] == "outlet"));
    let found = admin.get(&format!("/api/v1/orgs?q={}", urlencode("浦东")));
    assert!(
        found.body["items"].as_array().is_some_and(|a| a.iter().any(|o| o["code"] == "SH-PD")),
        "{}",
        found.raw
    );
    let p1 = admin.get("/api/v1/orgs?limit=2");
    assert_eq!(p1.body["items"].as_array().map(Vec::len), Some(2));
    let next = p1.body["next_cursor"].as_str().unwrap_or_default().to_string();
    let p2 = admin.get(&format!("/api/v1/orgs?limit=2&cursor={next}"));
    assert_ne!(p1.body["items"][0]["id"], p2.body["items"][0]["id"]);
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
