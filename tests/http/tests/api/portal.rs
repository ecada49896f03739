//! The customer portal over HTTP: sign-up with a code through the outbox, the customer's data
//! only (404 for anyone else's), a booked pickup dispatched, collected on the courier's day list
//! and seen by the customer with its notices; invitations, password reset, disabled accounts.

use schema::credit::{CreditPolicy, CreditSettings};
use schema::customer::CustomerInput;
use schema::notify::{MessageStatus, OutboxMessage};
use schema::pickup::{AddressInput, AssignRequest, CollectRequest, PickupDetail, PickupInput, PickupStatus};
use schema::portal::{
    CodeConfirm, CodePurpose, CodeRequest, InviteRequest, PortalMe, PortalPrefs, PortalStatus,
    PortalUserUpdate,
};
use schema::shipment::ShipmentStatus;
use waypost_http_tests::{Client, recorded_code, unique, unique_phone};

use crate::helpers::company_with_contact;

const PASSWORD: &str = "Kuaidi-2026-portal";

/// A company with one contact whose mobile is `phone`; returns its id.
fn customer_with_contact(phone: &str) -> i64 {
    let company = company_with_contact(&format!("门户测试{}有限公司", unique()), "张伟", phone);
    Client::as_role("admin").customers_create(&company).ok().customer.id
}

fn code_for(purpose: CodePurpose, login: &str) -> CodeRequest {
    CodeRequest { purpose, login: login.into() }
}

fn confirm(login: &str, code: &str, password: &str) -> CodeConfirm {
    CodeConfirm { login: login.into(), code: code.into(), password: password.into(), ..Default::default() }
}

/// Signs up through the portal as `phone` and returns the signed-in client.
fn sign_up(phone: &str) -> (Client, PortalMe) {
    let mut c = Client::new();
    c.portal_auth_request_code(&code_for(CodePurpose::Register, phone)).status_is(202);
    let code = recorded_code(phone).unwrap_or_else(|| panic!("no code recorded for {phone}"));
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let with = |code: &str| CodeConfirm { name: "张伟".into(), ..confirm(phone, code, PASSWORD) };
    let r = c.portal_auth_register(&with(wrong));
    assert_eq!((r.status, r.code()), (422, "validation_failed"), "{}", r.raw);
    assert!(r.body["fields"]["code"].is_string());
    let r = c.portal_auth_register(&with(&code)).status_is(201);
    c.keep_portal_cookie(&r);
    assert!(c.portal_cookie.is_some());
    (c, r.json())
}

/// A booking to pick up from `address` in the window, one piece, standard service.
fn booking(contact_phone: &str, address: &str, (start, end): (&str, &str)) -> PickupInput {
    PickupInput {
        contact_name: "张伟".into(),
        contact_phone: contact_phone.into(),
        address: address.into(),
        window_start: start.into(),
        window_end: end.into(),
        pieces: 1,
        ..Default::default()
    }
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
    let prefs = PortalPrefs { notify_portal: true, notify_message: true, locale: "zh-CN".into() };
    portal.portal_auth_prefs(&prefs).ok();

    // Address book, then a booking that sends to an entry of it.
    let entry = AddressInput {
        name: "王芳".into(),
        phone: "13700137000".into(),
        region: "北京市".into(),
        address: "朝阳区建国路 8 号".into(),
        ..Default::default()
    };
    let entry = portal.portal_add_address(&entry).status_is(201).json::<schema::pickup::AddressEntry>().id;
    let (start, end, day) = window();
    let book = PickupInput {
        region: "上海市闵行区".into(),
        pieces: 2,
        address_id: Some(entry),
        ..booking(&phone, "沪闵路 100 号", (&start, &end))
    };
    let booked: PickupDetail = portal.portal_book_pickup(&book).status_is(201).json();
    assert_eq!(booked.pickup.status, PickupStatus::Requested);
    assert_eq!(booked.pickup.consignee_name, "王芳", "consignee from the address book");

    // Another customer's records do not exist for this user.
    let other = Client::as_role("admin").shipments_search(&[("q", "WP202611200001")]).ok();
    let other_id = other.items[0].id;
    assert_eq!(portal.portal_shipment(other_id).status, 404);
    let someone = customer_with_contact(&unique_phone());
    let theirs = PickupInput {
        customer_id: Some(someone),
        contact_name: "李四".into(),
        ..booking("13900139000", "七莘路 1 号", (&start, &end))
    };
    let theirs: PickupDetail = Client::as_role("cs_agent").pickups_create(&theirs).status_is(201).json();
    assert_eq!(portal.portal_pickup(theirs.pickup.id).status, 404);

    // Dispatch to the demo courier's outlet; a non-courier is refused.
    let dispatcher = Client::as_role("cs_agent");
    let courier = Client::as_role("courier");
    let courier_me = courier.auth_me().ok().staff;
    let id = booked.pickup.id;
    let agent_id = dispatcher.auth_me().ok().staff.id;
    let to =
        |courier_id| AssignRequest { version: booked.pickup.version, org_id: courier_me.org_id, courier_id };
    let r = dispatcher.pickups_assign(id, &to(agent_id));
    assert_eq!(r.status, 422, "only a courier of that outlet: {}", r.raw);
    let assigned = dispatcher.pickups_assign(id, &to(courier_me.id)).ok();
    let r = dispatcher.pickups_assign(id, &to(courier_me.id));
    assert_eq!((r.status, r.code()), (409, "version_conflict"), "stale version: {}", r.raw);

    // The courier's day; collecting creates the shipment from the booking.
    let listed: Vec<i64> = courier.pickups_today(&[("day", &day)]).ok().iter().map(|p| p.id).collect();
    assert!(listed.contains(&id), "{listed:?}");
    let waybill = format!("WP{:012}", u64::from(unique()) * 1000 + 7);
    let collect = |version| CollectRequest { version, waybill_no: waybill.clone(), ..Default::default() };
    let collected = courier.pickups_collect(id, &collect(assigned.pickup.version)).ok();
    assert_eq!(collected.pickup.status, PickupStatus::Collected);
    assert_eq!(collected.pickup.waybill_no.as_deref(), Some(waybill.as_str()));
    let r = courier.pickups_collect(id, &collect(collected.pickup.version));
    assert_eq!((r.status, r.code()), (409, "wrong_state"), "{}", r.raw);

    // The customer sees the status, the history, the shipment and the notices.
    let mine = portal.portal_pickup(id).ok();
    let steps: Vec<PickupStatus> = mine.history.iter().map(|h| h.status).collect();
    assert_eq!(steps, vec![PickupStatus::Requested, PickupStatus::Assigned, PickupStatus::Collected]);
    let ships = portal.portal_shipments(&[("q", &waybill)]).ok();
    assert_eq!(ships.items[0].status, ShipmentStatus::PickedUp, "{ships:?}");
    let kinds: Vec<String> = portal.portal_notices().ok().into_iter().map(|n| n.kind).collect();
    assert!(
        kinds.iter().any(|k| k == "pickup_status") && kinds.iter().any(|k| k == "shipment_status"),
        "{kinds:?}"
    );
    // And the SMS copies were recorded by the development provider.
    let admin = Client::as_role("admin");
    admin.portal_users_deliver_now().ok();
    let sms = admin.portal_users_outbox_list(&[("recipient", &phone), ("channel", "sms")]).ok();
    let sent = |m: &&OutboxMessage| m.status == MessageStatus::Sent && m.provider == "record";
    let texts: Vec<&str> = sms.items.iter().filter(sent).map(|m| m.body.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains(&waybill) && t.contains("已揽收")), "{texts:?}");

    // Signing out ends the portal session.
    portal.portal_auth_logout().status_is(204);
    assert_eq!(portal.portal_auth_me().status, 401);
}

#[test]
fn invitations_resets_and_disabled_accounts() {
    let phone = unique_phone();
    let customer = customer_with_contact(&phone);
    let staff = Client::as_role("cs_agent");
    let invite = InviteRequest { name: "张伟".into(), login: phone.clone() };
    let user =
        staff.portal_users_invite(customer, &invite).status_is(201).json::<schema::portal::PortalUser>();
    assert_eq!(user.status, PortalStatus::Invited);
    assert_eq!(staff.portal_users_invite(customer, &invite).status, 409);

    let mut c = Client::new();
    assert_eq!(c.portal_login(&phone, PASSWORD).status, 401, "not active before the invitation is accepted");
    let code = recorded_code(&phone).unwrap_or_else(|| panic!("no invitation code"));
    let r = c.portal_auth_activate(&confirm(&phone, &code, "123456"));
    assert_eq!(r.status, 422, "weak password refused: {}", r.raw);
    let r = c.portal_auth_activate(&confirm(&phone, &code, PASSWORD)).status_is(200);
    c.keep_portal_cookie(&r);
    assert_eq!(c.portal_auth_me().ok().user.status, PortalStatus::Active);

    // Reset: a code, a new password, the old one and the old session gone.
    Client::new().portal_auth_request_code(&code_for(CodePurpose::Reset, &phone)).status_is(202);
    let code = recorded_code(&phone).unwrap_or_else(|| panic!("no reset code"));
    let new_password = "Kuaidi-2026-reset!";
    Client::new().portal_auth_reset(&confirm(&phone, &code, new_password)).status_is(204);
    assert_eq!(c.portal_auth_me().status, 401, "sessions end with a reset");
    assert_eq!(Client::new().portal_login(&phone, PASSWORD).status, 401);
    let mut fresh = Client::new();
    assert_eq!(fresh.portal_login(&phone, new_password).status, 200);
    let r = Client::new().portal_auth_reset(&confirm(&phone, &code, new_password));
    assert_eq!(r.status, 422, "a code works once: {}", r.raw);

    // Staff switch the account off: its session ends and it cannot sign in.
    let version = staff.portal_users_list(customer).ok()[0].version;
    let off = PortalUserUpdate { version, status: PortalStatus::Disabled };
    staff.portal_users_update(user.id, &off).ok();
    assert_eq!(fresh.portal_auth_me().status, 401);
    assert_eq!(Client::new().portal_login(&phone, new_password).status, 401);
}

#[test]
fn bad_portal_input_is_refused_and_changes_nothing() {
    let c = Client::new();
    let r = c.portal_auth_request_code(&code_for(CodePurpose::Register, "021-62345678"));
    assert_eq!((r.status, r.code()), (422, "validation_failed"), "a landline gets no SMS: {}", r.raw);
    // An unknown login asking for a reset gets the same 202 as a known one.
    c.portal_auth_request_code(&code_for(CodePurpose::Reset, &unique_phone())).status_is(202);
    // Asking for codes again and again is throttled per login.
    let phone = unique_phone();
    let statuses: Vec<u16> = (0..7)
        .map(|_| Client::new().portal_auth_request_code(&code_for(CodePurpose::Register, &phone)).status)
        .collect();
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    // A booking with its window in the past, and one without an address.
    let (portal, _) = sign_up(&unique_phone());
    let past = booking("13900139000", "沪闵路 100 号", ("2020-01-01T01:00:00Z", "2020-01-01T03:00:00Z"));
    let r = portal.portal_book_pickup(&past);
    assert_eq!(r.status, 422, "{}", r.raw);
    assert!(r.body["fields"]["window_end"].is_string(), "{}", r.raw);
    let (start, end, _) = window();
    let nowhere = PickupInput { location_id: Some(999_999), ..booking("13900139000", "", (&start, &end)) };
    let r = portal.portal_book_pickup(&nowhere);
    assert_eq!(r.status, 422, "{}", r.raw);
    assert!(portal.portal_pickups(&[]).ok().items.is_empty(), "nothing was booked");
}

/// The blacklist is a rule on every path: a blacklisted customer books nothing in the portal or
/// by phone; a manager may make the exception with a reason, which the audit log keeps.
#[test]
fn a_blacklisted_customer_books_only_with_a_managers_audited_exception() {
    let phone = unique_phone();
    let customer = customer_with_contact(&phone);
    let (portal, _) = sign_up(&phone);
    let agent = Client::as_role("cs_agent");
    let c = agent.customers_get(customer).ok().customer;
    let listed = CustomerInput {
        version: Some(c.version),
        kind: Some(c.kind),
        name: c.name.clone(),
        city: c.city.clone(),
        blacklisted: true,
        blacklist_reason: "多次恶意拒付运费".into(),
        ..Default::default()
    };
    agent.customers_update(customer, &listed).ok();
    let (start, end, _) = window();
    let pickup = booking(&phone, "沪闵路 100 号", (&start, &end));

    let r = portal.portal_book_pickup(&pickup);
    assert_eq!((r.status, r.code()), (409, "blacklisted"), "{}", r.raw);
    assert!(r.body["message"].as_str().is_some_and(|m| m.contains("黑名单")), "{}", r.raw);
    let asked = PickupInput { blacklist_override: "客户自称".into(), ..pickup.clone() };
    assert_eq!(portal.portal_book_pickup(&asked).code(), "blacklisted", "the portal gives no exception");
    assert!(portal.portal_pickups(&[]).ok().items.is_empty(), "nothing was booked");

    let by_phone = PickupInput { customer_id: Some(customer), ..pickup.clone() };
    assert_eq!(agent.pickups_create(&by_phone).code(), "blacklisted");
    let excepted =
        PickupInput { blacklist_override: "补寄合同原件,经理同意".into(), ..by_phone.clone() };
    assert_eq!(agent.pickups_create(&excepted).status, 403, "an agent may not make the exception");
    let manager = Client::as_role("cs_manager");
    assert_eq!(manager.pickups_create(&by_phone).code(), "blacklisted", "a manager gives a reason");
    let made: PickupDetail = manager.pickups_create(&excepted).status_is(201).json();
    let id = made.pickup.id.to_string();
    let log = Client::as_role("admin").audit_list(&[("entity", "pickup"), ("entity_id", &id)]).ok();
    let entry = log.items.iter().find(|e| e.action == "blacklist_override");
    let entry = entry.unwrap_or_else(|| panic!("no audited exception: {log:?}"));
    assert_eq!(entry.diff["reason"], "补寄合同原件,经理同意");
    assert_eq!(entry.actor_name, "钱丽", "the manager who made it");
}

#[test]
fn over_the_credit_limit_books_nothing_on_any_path_when_the_admin_says_so() {
    let phone = unique_phone();
    let customer = customer_with_contact(&phone);
    let (portal, _) = sign_up(&phone);
    let agent = Client::as_role("cs_agent");
    let c = agent.customers_get(customer).ok().customer;
    let owing = CustomerInput {
        version: Some(c.version),
        kind: Some(c.kind),
        name: c.name.clone(),
        city: c.city.clone(),
        credit_limit: 50_000,
        arrears: 60_000,
        ..Default::default()
    };
    agent.customers_update(customer, &owing).ok();
    let (start, end, _) = window();
    let pickup = booking(&phone, "沪闵路 200 号", (&start, &end));
    // By default the firm only warns: the booking goes through.
    portal.portal_book_pickup(&pickup).status_is(201);

    let admin = Client::as_role("admin");
    let before = admin.credit_get().ok();
    assert_eq!(before.policy, CreditPolicy::Warn);
    assert_eq!(agent.credit_set(&CreditSettings { policy: CreditPolicy::BlockOverLimit }).status, 403);
    admin.credit_set(&CreditSettings { policy: CreditPolicy::BlockOverLimit }).ok();
    let in_portal = portal.portal_book_pickup(&pickup);
    let by_phone = agent.pickups_create(&PickupInput { customer_id: Some(customer), ..pickup.clone() });
    // Put the firm's setting back before asserting, so a failure leaves nothing behind.
    admin.credit_set(&before).ok();
    for r in [&in_portal.resp, &by_phone.resp] {
        assert_eq!((r.status, r.code()), (409, "credit_blocked"), "{}", r.raw);
        assert!(r.body["message"].as_str().is_some_and(|m| m.contains("信用额度")), "{}", r.raw);
    }
    assert_eq!(portal.portal_pickups(&[]).ok().items.len(), 1, "only the booking made under the warning");
}
