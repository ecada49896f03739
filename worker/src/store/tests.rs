//! The storage SQL run natively against SQLite with the real migrations.

use futures::executor::block_on;
use schema::org::{OrgKind, ValidOrg};
use schema::page::PageRequest;
use schema::staff::{Role, ValidStaff};
use schema::validate::{Email, Phone};

use super::audit::AuditFilter;
use super::db::{Db, DbError};
use super::sqlite::Sqlite;
use super::staff::StaffFilter;
use super::{Actor, Scope, audit, orgs, sessions, staff, throttle};

fn actor() -> Actor {
    Actor { id: None, name: "test".into() }
}

fn org(parent: Option<i64>, code: &str, name: &str) -> ValidOrg {
    ValidOrg {
        parent_id: parent,
        code: code.into(),
        name: name.into(),
        region: "上海市".into(),
        address: String::new(),
        phone: String::new(),
    }
}

const PAGE: PageRequest = PageRequest { limit: 50, after: None };

/// HQ(1) → branch(2) → outlet(3); HQ → hub(4).
fn tree(db: &Sqlite) -> (i64, i64, i64, i64) {
    block_on(async {
        let a = actor();
        let hq = orgs::create(db, &a, OrgKind::Hq, &org(None, "HQ", "总部")).await.unwrap_or_default();
        let br = orgs::create(db, &a, OrgKind::Branch, &org(Some(hq), "SH", "上海分公司"))
            .await
            .unwrap_or_default();
        let ou = orgs::create(db, &a, OrgKind::Outlet, &org(Some(br), "SH-PD", "浦东营业部"))
            .await
            .unwrap_or_default();
        let hub = orgs::create(db, &a, OrgKind::Hub, &org(Some(hq), "HUB", "虹桥转运中心"))
            .await
            .unwrap_or_default();
        (hq, br, ou, hub)
    })
}

#[test]
fn org_paths_and_scopes() {
    let db = Sqlite::migrated();
    let (hq, br, ou, hub) = tree(&db);
    block_on(async {
        let got = orgs::get(&db, &Scope::All, ou).await.ok().flatten().map(|r| r.path);
        assert_eq!(got, Some(format!("/{hq}/{br}/{ou}/")));
        let sub = orgs::list(&db, &Scope::Subtree(format!("/{hq}/{br}/")), &Default::default(), PAGE).await;
        let ids: Vec<i64> = sub.map(|p| p.items.iter().map(|o| o.id).collect()).unwrap_or_default();
        assert_eq!(ids, vec![br, ou], "subtree holds the branch and its outlet, not the hub");
        assert!(orgs::get(&db, &Scope::Org(ou), hub).await.ok().flatten().is_none());
        // The range must not leak siblings whose id shares a prefix (/1/2/ vs /1/23/).
        assert!(!ids.contains(&hub));
    });
}

#[test]
fn a_scope_holds_one_org_as_its_sql_selects_them() {
    let db = Sqlite::migrated();
    let (hq, br, ou, hub) = tree(&db);
    let scopes = [Scope::All, Scope::Subtree(format!("/{hq}/{br}/")), Scope::Org(ou), Scope::Org(hub)];
    block_on(async {
        let all = orgs::list(&db, &Scope::All, &Default::default(), PAGE)
            .await
            .map(|p| p.items)
            .unwrap_or_default();
        for scope in &scopes {
            let listed =
                orgs::list(&db, scope, &Default::default(), PAGE).await.map(|p| p.items).unwrap_or_default();
            for o in &all {
                let path = orgs::get(&db, &Scope::All, o.id)
                    .await
                    .ok()
                    .flatten()
                    .map(|r| r.path)
                    .unwrap_or_default();
                let in_sql = listed.iter().any(|l| l.id == o.id);
                assert_eq!(scope.holds(o.id, &path), in_sql, "{scope:?} and org {} ({path})", o.id);
            }
        }
    });
}

#[test]
fn org_update_is_version_checked_and_audited_atomically() {
    let db = Sqlite::migrated();
    let (_, br, ou, hub) = tree(&db);
    block_on(async {
        let before = orgs::get(&db, &Scope::All, ou).await.ok().flatten().unwrap_or_else(|| panic!("outlet"));
        let audit_count = || async {
            audit::list(&db, &AuditFilter { entity: Some("org".into()), ..Default::default() }, PAGE)
                .await
                .map(|p| p.items.len())
                .unwrap_or(0)
        };
        let n0 = audit_count().await;
        let changed = org(Some(br), "SH-PD", "浦东新区营业部");
        let stale = orgs::update(&db, &actor(), &before, &changed, true, before.org.version + 1, None).await;
        assert_eq!(stale, Err(DbError::VersionConflict));
        assert_eq!(audit_count().await, n0, "no audit row for a write that did not happen");

        // Move the outlet under the hub's parent (HQ) and check the path follows.
        let hq_path =
            orgs::get(&db, &Scope::All, hub).await.ok().flatten().map(|r| r.path).unwrap_or_default();
        let hq_path = hq_path.rsplitn(3, '/').nth(2).map(|p| format!("{p}/")).unwrap_or_default();
        let moved = org(before.org.parent_id, "SH-PD", "浦东新区营业部");
        let r = orgs::update(&db, &actor(), &before, &moved, true, before.org.version, Some(&hq_path)).await;
        assert_eq!(r, Ok(()));
        let after = orgs::get(&db, &Scope::All, ou).await.ok().flatten().unwrap_or_else(|| panic!("outlet"));
        assert_eq!(after.org.name, "浦东新区营业部");
        assert_eq!(after.org.version, before.org.version + 1);
        assert_eq!(after.path, format!("{hq_path}{ou}/"));
        let log = audit::list(&db, &AuditFilter { entity_id: Some(ou), ..Default::default() }, PAGE).await;
        let top = log.ok().and_then(|p| p.items.into_iter().next()).unwrap_or_else(|| panic!("entry"));
        assert_eq!(top.action, "update");
        assert_eq!(top.diff["name"]["to"], "浦东新区营业部");
    });
}

#[test]
fn org_code_is_unique() {
    let db = Sqlite::migrated();
    let (hq, ..) = tree(&db);
    let dup = block_on(orgs::create(&db, &actor(), OrgKind::Branch, &org(Some(hq), "SH", "重复")));
    assert_eq!(dup, Err(DbError::Unique("orgs.code".into())));
}

fn agent(org_id: i64, phone: &str) -> ValidStaff {
    ValidStaff {
        org_id,
        department: Role::CsAgent.default_department(),
        role: Role::CsAgent,
        name: "王芳".into(),
        phone: Phone::parse(phone).ok(),
        email: Email::parse(&format!("{phone}@example.cn")).ok(),
    }
}

#[test]
fn staff_crud_scope_and_uniqueness() {
    let db = Sqlite::migrated();
    let (hq, br, ou, hub) = tree(&db);
    block_on(async {
        let a = staff::create(&db, &actor(), &agent(ou, "13800000001"), "hash")
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let b = staff::create(&db, &actor(), &agent(hub, "13800000002"), "hash").await.unwrap_or_default();
        assert!(a > 0 && b > a);
        let same_phone = ValidStaff { email: None, ..agent(hub, "13800000001") };
        let dup = staff::create(&db, &actor(), &same_phone, "hash").await;
        assert_eq!(dup, Err(DbError::Unique("staff.phone".into())));

        let branch = Scope::Subtree(format!("/{hq}/{br}/"));
        let seen = staff::list(&db, &branch, &StaffFilter::default(), PAGE).await;
        assert_eq!(
            seen.map(|p| p.items.iter().map(|s| s.id).collect::<Vec<_>>()).unwrap_or_default(),
            vec![a]
        );
        assert!(
            staff::get(&db, &branch, b).await.ok().flatten().is_none(),
            "hub staff are outside the branch"
        );

        let cred = staff::credentials_by_login(&db, "13800000001@example.cn").await.ok().flatten();
        assert_eq!(cred.map(|c| (c.staff.id, c.password_hash)), Some((a, "hash".to_string())));

        let before = staff::get(&db, &Scope::All, a).await.ok().flatten().unwrap_or_else(|| panic!("a"));
        assert!(before.active);
        let r = staff::update(&db, &actor(), &before, &agent(ou, "13800000001"), false, before.version).await;
        assert_eq!(r, Ok(()));
        let log = audit::list(
            &db,
            &AuditFilter { entity: Some("staff".into()), entity_id: Some(a), ..Default::default() },
            PAGE,
        )
        .await;
        assert_eq!(
            log.ok().and_then(|p| p.items.first().map(|e| e.action.clone())),
            Some("deactivate".into())
        );

        let q = StaffFilter { q: Some("138000000".into()), ..Default::default() };
        assert_eq!(staff::list(&db, &Scope::All, &q, PAGE).await.map(|p| p.items.len()), Ok(2));
    });
}

#[test]
fn audit_pages_newest_first() {
    let db = Sqlite::migrated();
    tree(&db);
    block_on(async {
        let p1 = audit::list(&db, &AuditFilter::default(), PageRequest { limit: 3, after: None }).await;
        let p1 = p1.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p1.items.len(), 3);
        assert!(p1.items[0].id > p1.items[1].id);
        let after = p1.next_cursor.as_deref().and_then(schema::page::decode_cursor);
        let p2 = audit::list(&db, &AuditFilter::default(), PageRequest { limit: 3, after }).await;
        let p2 = p2.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p2.items.len(), 1);
        assert_eq!(p2.next_cursor, None);
    });
}

#[test]
fn throttle_windows() {
    let db = Sqlite::migrated();
    block_on(async {
        for t in 0..3 {
            throttle::record_failure(&db, &["acct:x", "ip:1"], 1000 + t, 900).await.unwrap_or_default();
        }
        assert_eq!(throttle::failures(&db, "acct:x", 1000 - 900).await, Ok(3));
        // A failure after the window restarts the count.
        throttle::record_failure(&db, &["acct:x"], 2000, 900).await.unwrap_or_default();
        assert_eq!(throttle::failures(&db, "acct:x", 2000 - 900).await, Ok(1));
        throttle::clear(&db, "acct:x").await.unwrap_or_default();
        assert_eq!(throttle::failures(&db, "acct:x", 0).await, Ok(0));
        assert_eq!(throttle::failures(&db, "ip:1", 0).await, Ok(3));
    });
}

#[test]
fn sessions_revoke() {
    let db = Sqlite::migrated();
    block_on(async {
        let far = "2999-01-01T00:00:00.000Z";
        for id in ["s1", "s2", "s3"] {
            sessions::create(&db, id, schema::auth::Realm::Staff, 7, far, "127.0.0.1", "ua")
                .await
                .unwrap_or_default();
        }
        assert_eq!(sessions::is_live(&db, "s1").await, Ok(true));
        let mut revoked =
            sessions::revoke_all(&db, schema::auth::Realm::Staff, 7, Some("s2")).await.unwrap_or_default();
        revoked.sort();
        assert_eq!(revoked, vec!["s1".to_string(), "s3".to_string()]);
        assert_eq!(sessions::is_live(&db, "s1").await, Ok(false));
        assert_eq!(sessions::is_live(&db, "s2").await, Ok(true));
        sessions::revoke(&db, "s2").await.unwrap_or_default();
        assert_eq!(sessions::is_live(&db, "s2").await, Ok(false));
    });
}

#[test]
fn guard_passes_when_a_row_changed() {
    let db = Sqlite::migrated();
    block_on(async {
        let out = db
            .batch(vec![
                crate::store::db::sql!(
                    "INSERT INTO login_throttle (key, window_start, failures) VALUES ('k', 1, 1)"
                ),
                super::db::guard_changed(),
            ])
            .await;
        assert!(out.is_ok(), "{out:?}");
    });
}
