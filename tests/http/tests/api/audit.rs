//! The audit log records every change with a diff, and only admins read it.

use schema::org::{Org, OrgUpdate};
use waypost_http_tests::Client;

use crate::helpers::{admin, new_outlet};

/// The outlet as read, renamed, at `version`.
fn renamed(outlet: &Org, version: i64, name: &str) -> OrgUpdate {
    OrgUpdate {
        version,
        parent_id: outlet.parent_id,
        code: outlet.code.clone(),
        name: name.into(),
        active: true,
        ..Default::default()
    }
}

#[test]
fn changes_are_recorded_with_who_and_what() {
    let admin = admin();
    let outlet = new_outlet(&admin);
    admin.orgs_update(outlet.id, &renamed(&outlet, 1, "改名营业部")).ok();
    let id = outlet.id.to_string();
    let items = admin.audit_list(&[("entity", "org"), ("entity_id", &id)]).ok().items;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!((items[0].action.as_str(), items[0].actor_name.as_str()), ("update", "赵志强"));
    assert_eq!(items[0].diff["name"]["to"], "改名营业部");
    assert_eq!(items[0].diff["name"]["from"], outlet.name);
    assert!(items[0].diff.get("version").is_none());
    assert_eq!(items[1].action, "create");
}

#[test]
fn a_failed_write_leaves_no_entry() {
    let admin = admin();
    let outlet = new_outlet(&admin);
    assert_eq!(admin.orgs_update(outlet.id, &renamed(&outlet, 99, "x")).status, 409);
    let id = outlet.id.to_string();
    let log = admin.audit_list(&[("entity", "org"), ("entity_id", &id)]).ok();
    assert_eq!(log.items.len(), 1, "{log:?}");
}

#[test]
fn password_values_never_reach_the_log_and_only_admins_read_it() {
    let admin = admin();
    let log = admin.audit_list(&[("entity", "staff"), ("limit", "100")]);
    assert!(!log.raw.contains("Strong-") && !log.raw.contains("argon2"), "secrets leaked into the log");
    for role in ["cs_manager", "cs_agent", "sales_manager"] {
        assert_eq!(Client::as_role(role).audit_list(&[]).status, 403, "{role}");
    }
    for (k, v) in [("entity_id", "abc"), ("since", "yesterday"), ("until", "2026-13-45")] {
        let bad = admin.audit_list(&[(k, v)]);
        assert_eq!((bad.status, bad.code()), (400, "invalid_query"), "{k}={v}");
    }
    // A bare `until` date includes that whole day.
    let latest = admin.audit_list(&[("limit", "1")]).ok();
    let today = &latest.items[0].at[..10];
    let r = admin.audit_list(&[("since", today), ("until", today), ("limit", "1")]).ok();
    assert_eq!(r.items.len(), 1, "{r:?}");
}
