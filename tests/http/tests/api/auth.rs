//! Sign-in, sessions, revocation and throttling.

use schema::auth::Me;
use serde_json::json;
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
    assert_eq!(c.get("/api/v1/auth/me").json::<Me>().staff.id, me.staff.id);

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
    assert_eq!(c.get("/api/v1/auth/me").status, 200);
    let r = c.post("/api/v1/auth/logout", &json!({}));
    assert_eq!(r.status, 204);
    assert!(r.set_cookie.unwrap_or_default().contains("Max-Age=0"));
    // The old token is still unexpired and correctly signed: only revocation stops it.
    let after = c.get("/api/v1/auth/me");
    assert_eq!((after.status, after.code()), (401, "unauthenticated"));
}

#[test]
fn password_change_ends_other_sessions_but_not_this_one() {
    let admin = admin();
    let org = new_outlet(&admin).id;
    let (_, phone, password) = new_staff(&admin, org, "cs_agent");
    let here = Client::signed_in(&phone, &password);
    let elsewhere = Client::signed_in(&phone, &password);

    let wrong = here.post(
        "/api/v1/auth/password",
        &json!({"current_password": "nope-nope-nope", "new_password": "Another-strong-1"}),
    );
    assert_eq!((wrong.status, wrong.code()), (422, "wrong_password"));
    let weak = here
        .post("/api/v1/auth/password", &json!({"current_password": password, "new_password": "password123"}));
    assert_eq!(weak.status, 422);
    assert!(weak.body["fields"]["new_password"].is_string(), "{}", weak.raw);

    let ok = here.post(
        "/api/v1/auth/password",
        &json!({"current_password": password, "new_password": "Another-strong-1"}),
    );
    assert_eq!(ok.status, 204, "{}", ok.raw);
    assert_eq!(here.get("/api/v1/auth/me").status, 200, "the session that changed it stays");
    assert_eq!(elsewhere.get("/api/v1/auth/me").status, 401, "other sessions end");
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
    assert_eq!(them.get("/api/v1/staff").status, 200, "a supervisor may list staff");

    let demote = admin.patch(
        &format!("/api/v1/staff/{id}"),
        &json!({
            "version": staff.version, "org_id": org, "department": "customer_service", "role": "cs_agent",
            "name": "测试员工", "phone": phone, "active": true,
        }),
    );
    assert_eq!(demote.status, 200, "{}", demote.raw);
    assert_eq!(them.get("/api/v1/staff").status, 401, "role change ends the session at once");
    let again = Client::signed_in(&phone, &password);
    assert_eq!(again.get("/api/v1/staff").status, 403, "the new role applies");

    let off = admin.patch(&format!("/api/v1/staff/{id}"), &json!({
        "version": demote.body["version"], "org_id": org, "department": "customer_service", "role": "cs_agent",
        "name": "测试员工", "phone": phone, "active": false,
    }));
    assert_eq!(off.status, 200, "{}", off.raw);
    assert_eq!(again.get("/api/v1/auth/me").status, 401);
    assert_eq!(Client::new().login(&phone, &password).status, 401, "inactive accounts cannot sign in");
}

#[test]
fn admin_password_reset_ends_sessions() {
    let admin = admin();
    let org = new_outlet(&admin).id;
    let (staff, phone, password) = new_staff(&admin, org, "courier");
    let them = Client::signed_in(&phone, &password);
    let id = staff.id;
    let weak = admin.post(&format!("/api/v1/staff/{id}/password"), &json!({"new_password": "short"}));
    assert_eq!(weak.status, 422);
    let r = admin.post(&format!("/api/v1/staff/{id}/password"), &json!({"new_password": "Reset-by-admin-7"}));
    assert_eq!(r.status, 204, "{}", r.raw);
    assert_eq!(them.get("/api/v1/auth/me").status, 401);
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
