//! Sign-in, sessions, revocation and throttling.

use schema::auth::Me;
use schema::org::Department;
use schema::staff::{PasswordChange, PasswordReset, Role, Staff, StaffUpdate};
use waypost_http_tests::{Client, DEMO_PASSWORD, demo_phone};

use crate::helpers::{admin, new_outlet, new_staff};

#[test]
fn login_by_phone_or_email_sets_a_hardened_cookie() {
    let mut c = Client::new();
    let r = c.login("138 0000 0004", DEMO_PASSWORD);
    assert_eq!(r.status, 200, "{}", r.raw);
    let me: Me = r.json();
    assert_eq!(me.staff.role, schema::staff::Role::CsAgent);
    let cookie = r.set_cookie.clone().unwrap_or_default();
    for attr in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attr), "cookie lacks {attr}: {cookie}");
    }
    assert!(!r.raw.contains("password_hash"), "never return the hash");
    assert_eq!(c.auth_me().ok().staff.id, me.staff.id);

    let mut by_email = Client::new();
    assert_eq!(by_email.login("CS.Agent@xunjie.example.cn", DEMO_PASSWORD).status, 200);
}

#[test]
fn wrong_password_and_unknown_login_look_the_same() {
    let mut c = Client::new();
    c.lang = "en";
    let wrong = c.login(demo_phone("courier"), "not-the-password");
    let unknown = c.login("13999999999", "not-the-password");
    assert_eq!((wrong.status, wrong.code()), (401, "login_failed"));
    assert_eq!((unknown.status, unknown.code()), (401, "login_failed"));
    assert_eq!(wrong.body["message"], unknown.body["message"]);
    assert_eq!(wrong.body["message"], "Wrong login or password.");
    assert!(wrong.set_cookie.is_none());
}

#[test]
fn logout_ends_the_session() {
    let c = Client::as_role("sales_rep");
    c.auth_me().ok();
    let r = c.auth_logout().status_is(204);
    assert!(r.set_cookie.unwrap_or_default().contains("Max-Age=0"));
    // The old token is still unexpired and correctly signed: only revocation stops it.
    let after = c.auth_me();
    assert_eq!((after.status, after.code()), (401, "unauthenticated"));
}

#[test]
fn password_change_ends_other_sessions_but_not_this_one() {
    let admin = admin();
    let org = new_outlet(&admin).id;
    let (_, phone, password) = new_staff(&admin, org, "cs_agent");
    let here = Client::signed_in(&phone, &password);
    let elsewhere = Client::signed_in(&phone, &password);

    let change = |current: &str, new: &str| PasswordChange {
        current_password: current.into(),
        new_password: new.into(),
    };
    let wrong = here.auth_change_password(&change("nope-nope-nope", "Another-strong-1"));
    assert_eq!((wrong.status, wrong.code()), (422, "wrong_password"));
    let weak = here.auth_change_password(&change(&password, "password123"));
    assert_eq!(weak.status, 422);
    assert!(weak.body["fields"]["new_password"].is_string(), "{}", weak.raw);

    here.auth_change_password(&change(&password, "Another-strong-1")).status_is(204);
    assert_eq!(here.auth_me().status, 200, "the session that changed it stays");
    assert_eq!(elsewhere.auth_me().status, 401, "other sessions end");
    assert_eq!(Client::new().login(&phone, &password).status, 401, "old password no longer works");
    assert_eq!(Client::new().login(&phone, "Another-strong-1").status, 200);
}

#[test]
fn deactivation_and_role_change_end_access() {
    let admin = admin();
    let org = new_outlet(&admin).id;
    let (staff, phone, password) = new_staff(&admin, org, "cs_supervisor");
    let id = staff.id;
    let them = Client::signed_in(&phone, &password);
    assert_eq!(them.staff_list(&[]).status, 200, "a supervisor may list staff");

    let agent = |version, active| StaffUpdate {
        version,
        org_id: org,
        department: Department::CustomerService,
        role: Role::CsAgent,
        name: "测试员工".into(),
        phone: phone.clone(),
        email: String::new(),
        active,
        id: Default::default(),
        org_name: Default::default(),
        last_login_at: Default::default(),
        created_at: Default::default(),
        updated_at: Default::default(),
    };
    let demoted: Staff = admin.staff_update(id, &agent(staff.version, true)).ok();
    assert_eq!(them.staff_list(&[]).status, 401, "role change ends the session at once");
    let again = Client::signed_in(&phone, &password);
    assert_eq!(again.staff_list(&[]).status, 403, "the new role applies");

    admin.staff_update(id, &agent(demoted.version, false)).ok();
    assert_eq!(again.auth_me().status, 401);
    assert_eq!(Client::new().login(&phone, &password).status, 401, "inactive accounts cannot sign in");
}

#[test]
fn admin_password_reset_ends_sessions() {
    let admin = admin();
    let org = new_outlet(&admin).id;
    let (staff, phone, password) = new_staff(&admin, org, "courier");
    let them = Client::signed_in(&phone, &password);
    let id = staff.id;
    let reset = |new: &str| PasswordReset { new_password: new.into() };
    assert_eq!(admin.staff_reset_password(id, &reset("short")).status, 422);
    admin.staff_reset_password(id, &reset("Reset-by-admin-7")).status_is(204);
    assert_eq!(them.auth_me().status, 401);
    assert_eq!(Client::new().login(&phone, "Reset-by-admin-7").status, 200);
}

#[test]
fn an_account_locks_after_five_failures() {
    let admin = admin();
    let org = new_outlet(&admin).id;
    let (_, phone, password) = new_staff(&admin, org, "hub_ops");
    let mut c = Client::new();
    for _ in 0..5 {
        assert_eq!(c.login(&phone, "wrong-password-x").status, 401);
    }
    let locked = c.login(&phone, &password);
    assert_eq!((locked.status, locked.code()), (429, "too_many_attempts"));
    assert!(locked.header("Retry-After").is_some());
    // Another client address is locked out too: the lock is per account.
    let mut other = Client::new();
    assert_eq!(other.login(&phone, &password).status, 429);
}

#[test]
fn an_address_is_throttled_across_accounts() {
    let mut c = Client::new();
    let mut last = 0;
    for i in 0..51 {
        last = c.login(&format!("1391111{i:04}"), "wrong-password-x").status;
    }
    assert_eq!(last, 429, "the 51st failure from one address is refused");
    // A good login from that address is refused too while the window lasts.
    assert_eq!(c.login(demo_phone("admin"), DEMO_PASSWORD).status, 429);
    // Other addresses are unaffected.
    assert_eq!(Client::new().login(demo_phone("admin"), DEMO_PASSWORD).status, 200);
}
