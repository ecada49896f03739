//! The customer portal over HTTP: sign-up with a code through the outbox, the customer's data
//! only (404 for anyone else's), a booked pickup dispatched, collected on the courier's day list
//! and seen by the customer with its notices; invitations, password reset, disabled accounts.

use schema::pickup::{PickupDetail, PickupStatus};
use schema::portal::PortalMe;
use serde_json::{Value, json};
use waypost_http_tests::{Client, recorded_code, unique, unique_phone};

const PASSWORD: &str = "Kuaidi-2026-portal";

/// A company with one contact whose mobile is `phone`; returns its id.
fn customer_with_contact(phone: &str) -> i64 {
    let admin = Client::as_role("admin");
    let r = admin.post(
        "/api/v1/customers",
        &json!({"kind": "company", "name": format!("门户测试{}有限公司", unique()), "city": "上海市",
                "contacts": [{"name": "张伟", "phone": phone, "is_primary": true}]}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    r.body["customer"]["id"].as_i64().unwrap_or_default()
}

/// Signs up through the portal as `phone` and returns the signed-in client.
fn sign_up(phone: &str) -> (Client, PortalMe) {
    let mut c = Client::new();
    let r = c.post("/api/v1/portal/auth/code", &json!({"purpose": "register", "login": phone}));
    assert_eq!(r.status, 202, "{}", r.raw);
    let code = recorded_code(phone).unwrap_or_else(|| panic!("no code recorded for {phone}"));
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = c.post(
        "/api/v1/portal/auth/register",
        &json!({"login": phone, "code": wrong, "name": "张伟", "password": PASSWORD}),
    );
    assert_eq!((r.status, r.code()), (422, "validation_failed"), "{}", r.raw);
    assert!(r.body["fields"]["code"].is_string());
    let r = c.post(
        "/api/v1/portal/auth/register",
        &json!({"login": phone, "code": code, "name": "张伟", "password": PASSWORD}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    c.keep_portal_cookie(&r);
    assert!(c.portal_cookie.is_some());
    (c, r.json())
}

/// The local (Beijing) day and a window a couple of hours ahead.
fn window() -> (String, String, String) {
    let start = chrono::Utc::now() + chrono::Duration::hours(1);
    let end = start + chrono::Duration::hours(2);
    let f = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let day = (start + chrono::Duration::hours(8)).format("%Y-%m-%d").to_string();
    (f(start), f(end), day)
}

#[test]
fn a_customer_signs_up_books_a_pickup_and_follows_it_to_collection() {
    let phone = unique_phone();
    let customer = customer_with_contact(&phone);
    let (portal, me) = sign_up(&phone);
    assert_eq!(me.user.customer_id, customer, "linked by the contact's phone");
    let r = portal.patch(
        "/api/v1/portal/me",
        &json!({"notify_portal": true, "notify_message": true, "locale": "zh-CN"}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);

    // Address book, then a booking that sends to an entry of it.
    let r = portal.post(
        "/api/v1/portal/addresses",
        &json!({"name": "王芳", "phone": "13700137000", "region": "北京市", "address": "朝阳区建国路 8 号"}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let entry = r.body["id"].as_i64().unwrap_or_default();
    let (start, end, day) = window();
    let r = portal.post(
        "/api/v1/portal/pickups",
        &json!({"contact_name": "张伟", "contact_phone": phone, "region": "上海市闵行区", "address": "沪闵路 100 号",
                "window_start": start, "window_end": end, "pieces": 2, "address_id": entry}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let booked: PickupDetail = r.json();
    assert_eq!(booked.pickup.status, PickupStatus::Requested);
    assert_eq!(booked.pickup.consignee_name, "王芳", "consignee from the address book");

    // Another customer's records do not exist for this user.
    let other = Client::as_role("admin").get("/api/v1/shipments?q=WP202611200001");
    let other_id = other.body["items"][0]["id"].as_i64().unwrap_or_default();
    assert!(other_id > 0, "demo shipment: {}", other.raw);
    assert_eq!(portal.get(&format!("/api/v1/portal/shipments/{other_id}")).status, 404);
    let someone = customer_with_contact(&unique_phone());
    let staff_booking = Client::as_role("cs_agent").post(
        "/api/v1/pickups",
        &json!({"customer_id": someone, "contact_name": "李四", "contact_phone": "13900139000",
                "address": "七莘路 1 号", "window_start": start, "window_end": end}),
    );
    assert_eq!(staff_booking.status, 201, "{}", staff_booking.raw);
    let theirs = staff_booking.body["pickup"]["id"].as_i64().unwrap_or_default();
    assert_eq!(portal.get(&format!("/api/v1/portal/pickups/{theirs}")).status, 404);

    // Dispatch to the demo courier's outlet; a non-courier is refused.
    let dispatcher = Client::as_role("cs_agent");
    let courier = Client::as_role("courier");
    let courier_me = courier.get("/api/v1/auth/me");
    let (courier_id, outlet) = (
        courier_me.body["staff"]["id"].as_i64().unwrap_or_default(),
        courier_me.body["staff"]["org_id"].as_i64().unwrap_or_default(),
    );
    let id = booked.pickup.id;
    let agent_id = dispatcher.get("/api/v1/auth/me").body["staff"]["id"].as_i64().unwrap_or_default();
    let r = dispatcher.post(
        &format!("/api/v1/pickups/{id}/assign"),
        &json!({"version": booked.pickup.version, "org_id": outlet, "courier_id": agent_id}),
    );
    assert_eq!(r.status, 422, "only a courier of that outlet: {}", r.raw);
    let r = dispatcher.post(
        &format!("/api/v1/pickups/{id}/assign"),
        &json!({"version": booked.pickup.version, "org_id": outlet, "courier_id": courier_id}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    let assigned: PickupDetail = r.json();
    let r = dispatcher.post(
        &format!("/api/v1/pickups/{id}/assign"),
        &json!({"version": booked.pickup.version, "org_id": outlet, "courier_id": courier_id}),
    );
    assert_eq!((r.status, r.code()), (409, "version_conflict"), "stale version: {}", r.raw);

    // The courier's day; collecting creates the shipment from the booking.
    let today = courier.get(&format!("/api/v1/pickups/today?day={day}"));
    assert_eq!(today.status, 200, "{}", today.raw);
    let listed: Vec<i64> =
        today.body.as_array().cloned().unwrap_or_default().iter().filter_map(|p| p["id"].as_i64()).collect();
    assert!(listed.contains(&id), "{listed:?}");
    let waybill = format!("WP{:012}", u64::from(unique()) * 1000 + 7);
    let r = courier.post(
        &format!("/api/v1/pickups/{id}/collect"),
        &json!({"version": assigned.pickup.version, "waybill_no": waybill}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    let collected: PickupDetail = r.json();
    assert_eq!(collected.pickup.status, PickupStatus::Collected);
    assert_eq!(collected.pickup.waybill_no.as_deref(), Some(waybill.as_str()));
    let r = courier.post(
        &format!("/api/v1/pickups/{id}/collect"),
        &json!({"version": collected.pickup.version, "waybill_no": waybill}),
    );
    assert_eq!((r.status, r.code()), (409, "wrong_state"), "{}", r.raw);

    // The customer sees the status, the history, the shipment and the notices.
    let mine: PickupDetail = portal.get(&format!("/api/v1/portal/pickups/{id}")).json();
    let steps: Vec<PickupStatus> = mine.history.iter().map(|h| h.status).collect();
    assert_eq!(steps, vec![PickupStatus::Requested, PickupStatus::Assigned, PickupStatus::Collected]);
    let ships = portal.get(&format!("/api/v1/portal/shipments?q={waybill}"));
    assert_eq!(ships.body["items"][0]["status"], "picked_up", "{}", ships.raw);
    let notices = portal.get("/api/v1/portal/notices");
    let kinds: Vec<String> = notices
        .body
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|n| n["kind"].as_str().map(String::from))
        .collect();
    assert!(
        kinds.contains(&"pickup_status".to_string()) && kinds.contains(&"shipment_status".to_string()),
        "{kinds:?}"
    );
    // And the SMS copies were recorded by the development provider.
    let admin = Client::as_role("admin");
    assert_eq!(admin.post("/api/v1/outbox/deliver", &json!({})).status, 200);
    let sms = admin.get(&format!("/api/v1/outbox?recipient={phone}&channel=sms"));
    let texts: Vec<String> = sms.body["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter(|m| m["status"] == "sent" && m["provider"] == "record")
        .filter_map(|m| m["body"].as_str().map(String::from))
        .collect();
    assert!(texts.iter().any(|t| t.contains(&waybill) && t.contains("已揽收")), "{texts:?}");

    // Signing out ends the portal session.
    assert_eq!(portal.post("/api/v1/portal/auth/logout", &json!({})).status, 204);
    assert_eq!(portal.get("/api/v1/portal/me").status, 401);
}

#[test]
fn invitations_resets_and_disabled_accounts() {
    let phone = unique_phone();
    let customer = customer_with_contact(&phone);
    let staff = Client::as_role("cs_agent");
    let r = staff.post(
        &format!("/api/v1/customers/{customer}/portal-users"),
        &json!({"name": "张伟", "login": phone}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let user_id = r.body["id"].as_i64().unwrap_or_default();
    assert_eq!(r.body["status"], "invited");
    let again = staff.post(
        &format!("/api/v1/customers/{customer}/portal-users"),
        &json!({"name": "张伟", "login": phone}),
    );
    assert_eq!(again.status, 409, "{}", again.raw);

    let mut c = Client::new();
    assert_eq!(c.portal_login(&phone, PASSWORD).status, 401, "not active before the invitation is accepted");
    let code = recorded_code(&phone).unwrap_or_else(|| panic!("no invitation code"));
    let r =
        c.post("/api/v1/portal/auth/activate", &json!({"login": phone, "code": code, "password": "123456"}));
    assert_eq!(r.status, 422, "weak password refused: {}", r.raw);
    let r =
        c.post("/api/v1/portal/auth/activate", &json!({"login": phone, "code": code, "password": PASSWORD}));
    assert_eq!(r.status, 200, "{}", r.raw);
    c.keep_portal_cookie(&r);
    assert_eq!(c.get("/api/v1/portal/me").body["user"]["status"], "active");

    // Reset: a code, a new password, the old one and the old session gone.
    let r = Client::new().post("/api/v1/portal/auth/code", &json!({"purpose": "reset", "login": phone}));
    assert_eq!(r.status, 202);
    let code = recorded_code(&phone).unwrap_or_else(|| panic!("no reset code"));
    let new_password = "Kuaidi-2026-reset!";
    let r = Client::new()
        .post("/api/v1/portal/auth/reset", &json!({"login": phone, "code": code, "password": new_password}));
    assert_eq!(r.status, 204, "{}", r.raw);
    assert_eq!(c.get("/api/v1/portal/me").status, 401, "sessions end with a reset");
    assert_eq!(Client::new().portal_login(&phone, PASSWORD).status, 401);
    let mut fresh = Client::new();
    assert_eq!(fresh.portal_login(&phone, new_password).status, 200);
    let r = Client::new()
        .post("/api/v1/portal/auth/reset", &json!({"login": phone, "code": code, "password": new_password}));
    assert_eq!(r.status, 422, "a code works once: {}", r.raw);

    // Staff switch the account off: its session ends and it cannot sign in.
    let users = staff.get(&format!("/api/v1/customers/{customer}/portal-users"));
    let version = users.body[0]["version"].as_i64().unwrap_or_default();
    let r = staff.patch(
        &format!("/api/v1/portal-users/{user_id}"),
        &json!({"version": version, "status": "disabled"}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(fresh.get("/api/v1/portal/me").status, 401);
    assert_eq!(Client::new().portal_login(&phone, new_password).status, 401);
}

#[test]
fn bad_portal_input_is_refused_and_changes_nothing() {
    let c = Client::new();
    let r = c.post("/api/v1/portal/auth/code", &json!({"purpose": "register", "login": "021-62345678"}));
    assert_eq!((r.status, r.code()), (422, "validation_failed"), "a landline gets no SMS: {}", r.raw);
    // An unknown login asking for a reset gets the same 202 as a known one.
    let r = c.post("/api/v1/portal/auth/code", &json!({"purpose": "reset", "login": unique_phone()}));
    assert_eq!(r.status, 202);
    // Asking for codes again and again is throttled per login.
    let phone = unique_phone();
    let statuses: Vec<u16> = (0..7)
        .map(|_| {
            Client::new()
                .post("/api/v1/portal/auth/code", &json!({"purpose": "register", "login": phone}))
                .status
        })
        .collect();
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    // A booking with its window in the past, and one without an address.
    let (portal, _) = sign_up(&unique_phone());
    let r = portal.post(
        "/api/v1/portal/pickups",
        &json!({"contact_name": "张伟", "contact_phone": "13900139000", "address": "沪闵路 100 号",
                "window_start": "2020-01-01T01:00:00Z", "window_end": "2020-01-01T03:00:00Z"}),
    );
    assert_eq!(r.status, 422, "{}", r.raw);
    assert!(r.body["fields"]["window_end"].is_string(), "{}", r.raw);
    let (start, end, _) = window();
    let r = portal.post(
        "/api/v1/portal/pickups",
        &json!({"contact_name": "张伟", "contact_phone": "13900139000", "window_start": start, "window_end": end,
                "location_id": 999999}),
    );
    assert_eq!(r.status, 422, "{}", r.raw);
    let mine = portal.get("/api/v1/portal/pickups");
    assert_eq!(mine.body["items"], Value::Array(vec![]), "nothing was booked");
}
