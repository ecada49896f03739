//! Organisations: the tree rules, scope, versioning, and what the audit log records.

use schema::org::{Org, OrgInput, OrgKind, OrgUpdate};
use waypost_http_tests::{Client, unique};

use crate::helpers::{admin, all_of, new_outlet, new_staff};

/// A new org of `kind` under `parent`, with a fresh code.
fn org(parent: Option<i64>, kind: OrgKind, name: &str) -> OrgInput {
    OrgInput {
        parent_id: parent,
        kind: Some(kind),
        code: format!("T-{}", unique()),
        name: name.into(),
        region: String::new(),
        address: String::new(),
        phone: String::new(),
    }
}

/// `o` as read, with its editable fields as given.
fn edit(o: &Org, version: i64, parent_id: Option<i64>, name: &str, active: bool) -> OrgUpdate {
    OrgUpdate { version, parent_id, code: o.code.clone(), name: name.into(), active, ..Default::default() }
}

#[test]
fn admin_creates_and_edits_an_outlet_with_version_checks() {
    let admin = admin();
    let created = new_outlet(&admin);
    assert_eq!(created.version, 1);
    let body = |version: i64, name: &str| OrgUpdate {
        region: "上海市".into(),
        address: "上海市浦东新区世纪大道 1 号".into(),
        phone: "021 5888 0000".into(),
        ..edit(&created, version, Some(2), name, true)
    };
    let edited = admin.orgs_update(created.id, &body(1, "陆家嘴营业部")).ok();
    assert_eq!(
        (edited.version, edited.name.as_str(), edited.phone.as_str()),
        (2, "陆家嘴营业部", "021-58880000")
    );

    // A second editor still holding version 1 must not overwrite silently.
    let stale = admin.orgs_update(created.id, &body(1, "旧名字"));
    assert_eq!((stale.status, stale.code()), (409, "version_conflict"));
    assert_eq!(stale.body["current_version"], 2);
    assert_eq!(admin.orgs_get(created.id).ok().name, "陆家嘴营业部");
}

#[test]
fn tree_rules_and_field_errors_are_enforced() {
    let admin = admin();
    let bad = OrgInput { parent_id: None, code: "x".into(), ..org(None, OrgKind::Outlet, " ") };
    let r = admin.orgs_create(&bad);
    assert_eq!((r.status, r.code()), (422, "validation_failed"));
    assert_eq!(r.body["fields"]["code"], "编码为 2–20 位字母、数字、- 或 _。");
    assert!(r.body["fields"]["parent_id"].is_string());
    assert!(r.body["fields"]["name"].is_string());

    // An outlet cannot sit under an outlet; a branch only under HQ; there is one HQ.
    let outlet = new_outlet(&admin);
    let under_outlet = admin.orgs_create(&org(Some(outlet.id), OrgKind::Outlet, "x"));
    assert_eq!(under_outlet.status, 422);
    assert!(under_outlet.body["fields"]["parent_id"].is_string(), "{}", under_outlet.raw);
    let hq = admin.orgs_create(&org(None, OrgKind::Hq, "第二总部"));
    assert_eq!(hq.status, 422, "{}", hq.raw);

    let dup =
        admin.orgs_create(&OrgInput { code: outlet.code.clone(), ..org(Some(2), OrgKind::Outlet, "重复") });
    assert_eq!((dup.status, dup.code()), (409, "already_exists"));
    assert!(dup.body["fields"]["code"].is_string());
}

#[test]
fn an_org_cannot_move_under_its_own_subtree_and_moving_carries_the_subtree() {
    let admin = admin();
    let branch: Org = admin.orgs_create(&org(Some(1), OrgKind::Branch, "华北分公司")).status_is(201).json();
    let outlet: Org =
        admin.orgs_create(&org(Some(branch.id), OrgKind::Outlet, "朝阳营业部")).status_is(201).json();
    let (_, phone, password) = new_staff(&admin, outlet.id, "cs_supervisor");
    // Move the outlet to 华东 (id 2): a supervisor there now reaches it; the 华北 branch does not.
    admin.orgs_update(outlet.id, &edit(&outlet, 1, Some(2), "朝阳营业部", true)).ok();
    let east_manager = Client::as_role("sales_manager"); // sits at 华东 (org 2)
    assert_eq!(east_manager.orgs_get(outlet.id).status, 200);
    let sup = Client::signed_in(&phone, &password);
    assert_eq!(sup.orgs_get(branch.id).status, 404);
    // HQ cannot go under its own branch.
    let hq = admin.orgs_get(1).ok();
    let cycle = admin.orgs_update(1, &edit(&hq, hq.version, Some(2), &hq.name, true));
    assert_eq!(cycle.status, 422, "{}", cycle.raw);
}

#[test]
fn an_org_in_use_cannot_be_deactivated() {
    let admin = admin();
    let outlet = new_outlet(&admin);
    new_staff(&admin, outlet.id, "courier");
    let r = admin.orgs_update(outlet.id, &edit(&outlet, outlet.version, Some(2), &outlet.name, false));
    assert_eq!((r.status, r.code()), (409, "org_in_use"));
}

#[test]
fn each_role_sees_its_reach() {
    // The demo agent sits at the service center (9): one org. The CS manager there too, with no
    // children. The sales manager sits at 华东 (2): the branch and its outlets. Admin: all.
    let ids = |role: &str| -> Vec<i64> {
        let c = Client::as_role(role);
        all_of(|q| c.orgs_list(q)).iter().map(|o| o.id).collect()
    };
    assert_eq!(ids("cs_agent"), vec![9]);
    let east = ids("sales_manager");
    assert!(east.contains(&2) && east.contains(&4) && east.contains(&5), "{east:?}");
    assert!(!east.contains(&1) && !east.contains(&3) && !east.contains(&6), "{east:?}");
    assert!(ids("admin").len() >= 9);
    let agent = Client::as_role("cs_agent");
    assert_eq!(agent.orgs_get(4).status, 404, "out of reach answers 404");
    assert_eq!(agent.orgs_get(9).status, 200);
}

#[test]
fn filters_and_pages() {
    let admin = admin();
    let outlets = all_of(|q| admin.orgs_list(&[q, &[("kind", "outlet")]].concat()));
    assert!(!outlets.is_empty() && outlets.iter().all(|o| o.kind == OrgKind::Outlet));
    let found = admin.orgs_list(&[("q", "浦东")]).ok();
    assert!(found.items.iter().any(|o| o.code == "SH-PD"), "{found:?}");
    let p1 = admin.orgs_list(&[("limit", "2")]).ok();
    assert_eq!(p1.items.len(), 2);
    let next = p1.next_cursor.unwrap_or_default();
    let p2 = admin.orgs_list(&[("limit", "2"), ("cursor", &next)]).ok();
    assert_ne!(p1.items[0].id, p2.items[0].id);
}
