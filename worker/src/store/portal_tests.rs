//! Portal accounts, codes, pickups and the outbox against SQLite with the real migrations
//! (including the triggers that write pickup history and enqueue customer notices).

use futures::executor::block_on;
use schema::ids::{CustomerId, PortalUserId};
use schema::notify::Channel;
use schema::pickup::{PickupInput, PickupStatus};
use schema::portal::{CodePurpose, PortalPrefs, PortalStatus};
use schema::shipment::{EventInput, ShipmentInput, ShipmentStatus};
use serde_json::json;

use super::customer_tests::{actor, create, setup};
use super::db::{Db, DbError};
use super::outbox::{NewMessage, Outcome};
use super::pickups::{Booker, Collected, PickupScope};
use super::sqlite::Sqlite;
use super::{outbox, pickups, portal, shipments, tracking};
use crate::store::db::sql;

fn count(db: &Sqlite, q: &str) -> i64 {
    #[derive(serde::Deserialize)]
    struct N {
        n: i64,
    }
    block_on(db.first::<N>(sql!(q.to_string()))).ok().flatten().map_or(-1, |r| r.n)
}

fn msg<'a>(login: &'a str, kind: &'a str, code: &str) -> NewMessage<'a> {
    NewMessage {
        channel: Channel::Sms,
        recipient: login,
        portal_login: Some(login),
        customer_id: None,
        kind,
        params: json!({"code": code}),
        locale: "zh-CN",
    }
}

/// An active portal user of `customer` with both opt-ins on.
fn active_user(db: &Sqlite, customer: i64, login: &str) -> i64 {
    block_on(portal::issue_code(
        db,
        CodePurpose::Register,
        login,
        "h1",
        "2999-01-01T00:00:00.000Z",
        &msg(login, "code_register", "1"),
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    let id = block_on(portal::register(db, customer, "张伟", login, "h1", "pw"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let prefs = PortalPrefs { notify_portal: true, notify_message: true, locale: "zh-CN".into() };
    block_on(portal::set_prefs(db, id, &prefs)).unwrap_or_else(|e| panic!("{e:?}"));
    id
}

#[test]
fn invitation_codes_are_checked_limited_and_consumed_once() {
    let db = setup();
    let c = create(&db, "顺达物流", "02100000001", &[("张伟", "13900000001")], 1);
    let login = "13900000001";
    block_on(portal::invite(
        &db,
        &actor(),
        c,
        "张伟",
        login,
        "good",
        "2999-01-01T00:00:00.000Z",
        &msg(login, "invite", "123456"),
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    let u = block_on(portal::by_login(&db, login)).ok().flatten().unwrap_or_else(|| panic!("invited"));
    assert_eq!(u.user.status, PortalStatus::Invited);
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM outbox WHERE kind = 'invite' AND portal_user_id IS NOT NULL"),
        1
    );
    // A wrong code counts against the code; the right one works once.
    assert_eq!(block_on(portal::check_code(&db, login, "invite", "bad")).ok(), Some(false));
    assert_eq!(count(&db, "SELECT attempts AS n FROM portal_codes"), 1);
    assert_eq!(block_on(portal::check_code(&db, login, "invite", "good")).ok(), Some(true));
    block_on(portal::activate(&db, login, "good", "argon")).unwrap_or_else(|e| panic!("{e:?}"));
    let u = block_on(portal::by_login(&db, login)).ok().flatten().unwrap_or_else(|| panic!("active"));
    assert_eq!((u.user.status, u.password_hash.as_str()), (PortalStatus::Active, "argon"));
    assert!(matches!(block_on(portal::activate(&db, login, "good", "again")), Err(DbError::VersionConflict)));
    // Too many wrong tries void a code even for the right guess.
    block_on(portal::issue_code(
        &db,
        CodePurpose::Reset,
        login,
        "r",
        "2999-01-01T00:00:00.000Z",
        &msg(login, "code_reset", "1"),
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    for _ in 0..schema::portal::CODE_ATTEMPTS {
        assert_eq!(block_on(portal::check_code(&db, login, "reset", "x")).ok(), Some(false));
    }
    assert_eq!(block_on(portal::check_code(&db, login, "reset", "r")).ok(), Some(false));
    // An expired code does not work.
    block_on(portal::issue_code(
        &db,
        CodePurpose::Reset,
        login,
        "r2",
        "2000-01-01T00:00:00.000Z",
        &msg(login, "code_reset", "1"),
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(block_on(portal::check_code(&db, login, "reset", "r2")).ok(), Some(false));
}

#[test]
fn registration_finds_the_customer_by_a_contact_phone() {
    let db = setup();
    let c = create(&db, "顺达物流", "02100000001", &[("张伟", "13900000001")], 1);
    assert_eq!(block_on(portal::customer_for_login(&db, "13900000001")).ok().flatten(), Some(c));
    assert_eq!(block_on(portal::customer_for_login(&db, "13700000000")).ok().flatten(), None);
    let id = active_user(&db, c, "13900000001");
    let again = block_on(portal::issue_code(
        &db,
        CodePurpose::Register,
        "13900000001",
        "h2",
        "2999-01-01T00:00:00.000Z",
        &msg("13900000001", "code_register", "1"),
    ))
    .and(block_on(portal::register(&db, c, "张伟", "13900000001", "h2", "pw")));
    assert!(matches!(again, Err(DbError::Unique(_))), "{again:?}");
    assert_eq!(block_on(portal::of_customer(&db, c)).unwrap_or_default().len(), 1);
    assert!(id > 0);
}

fn booking() -> PickupInput {
    PickupInput {
        contact_name: "张伟".into(),
        contact_phone: "13900000001".into(),
        region: "上海市闵行区".into(),
        address: "沪闵路 100 号".into(),
        window_start: "2099-01-01T01:00:00Z".into(),
        window_end: "2099-01-01T03:00:00Z".into(),
        consignee_name: "王芳".into(),
        consignee_phone: "13700137000".into(),
        consignee_address: "北京市朝阳区建国路 8 号".into(),
        dest_region: "北京市".into(),
        pieces: 1,
        ..Default::default()
    }
}

#[test]
fn a_pickup_is_booked_assigned_and_collected_into_a_new_shipment_with_history_and_notices() {
    let db = setup();
    let c = create(&db, "顺达物流", "02100000001", &[("张伟", "13900000001")], 1);
    let user = active_user(&db, c, "13900000001");
    let v = booking().validate("2098-12-31T00:00:00.000Z").unwrap_or_else(|e| panic!("{e:?}"));
    let id = block_on(pickups::create(
        &db,
        CustomerId(c),
        &Booker::Portal { user_id: user, name: "张伟".into() },
        &v,
    ))
    .unwrap_or_else(|e| panic!("{e:?}"));
    let p = block_on(pickups::get(&db, &PickupScope::Customer(c), id))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("booked"));
    assert!(p.pickup_no.starts_with("PU") && p.pickup_no.ends_with("-0001"), "{}", p.pickup_no);
    assert_eq!(p.status, PickupStatus::Requested);
    assert!(
        block_on(pickups::get(&db, &PickupScope::Customer(c + 1), id)).ok().flatten().is_none(),
        "not another customer's"
    );
    // Collecting before dispatch is refused by the status rule.
    let create_it = |waybill: &str| {
        let s = ShipmentInput {
            waybill_no: waybill.into(),
            customer_id: Some(c),
            consignee_name: p.consignee_name.clone(),
            consignee_phone: p.consignee_phone.clone(),
            consignee_address: p.consignee_address.clone(),
            service_code: "standard".into(),
            pieces: 1,
            ..Default::default()
        }
        .validate()
        .unwrap_or_else(|e| panic!("{e:?}"));
        Collected::Create(Box::new(s), None)
    };
    assert!(matches!(
        block_on(pickups::collect(&db, &actor(), id, 1, Some(2), &create_it("WP300000000001"))),
        Err(DbError::VersionConflict)
    ));
    assert_eq!(count(&db, "SELECT count(*) AS n FROM shipments"), 0, "no shipment from a refused collection");
    block_on(pickups::assign(&db, &actor(), id, 1, 2, 1)).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        matches!(block_on(pickups::assign(&db, &actor(), id, 1, 2, 1)), Err(DbError::VersionConflict)),
        "stale version"
    );
    block_on(pickups::collect(&db, &actor(), id, 2, Some(2), &create_it("WP300000000001")))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let p =
        block_on(pickups::get(&db, &PickupScope::All, id)).ok().flatten().unwrap_or_else(|| panic!("gone"));
    assert_eq!((p.status, p.waybill_no.as_deref()), (PickupStatus::Collected, Some("WP300000000001")));
    let s = block_on(shipments::get(&db, None, p.shipment_id, None))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("shipment"));
    assert_eq!(s.status, ShipmentStatus::PickedUp);
    assert_eq!(count(&db, "SELECT org_id AS n FROM shipments"), 2, "the collecting outlet took it");
    let d = block_on(pickups::detail(&db, p)).unwrap_or_else(|e| panic!("{e:?}"));
    let steps: Vec<PickupStatus> = d.history.iter().map(|h| h.status).collect();
    assert_eq!(steps, vec![PickupStatus::Requested, PickupStatus::Assigned, PickupStatus::Collected]);
    // Notices: pickup assigned + collected, shipment picked up — each as a portal notice (sent at
    // once) and an SMS (waiting for the provider).
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM outbox WHERE channel = 'portal' AND status = 'sent'"),
        3
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM outbox WHERE channel = 'sms' AND status = 'pending' AND kind != 'code_register'"
        ),
        3
    );
    let notices = block_on(outbox::notices(&db, PortalUserId(user), 10)).unwrap_or_default();
    assert_eq!(notices.first().map(|n| n.kind.as_str()), Some("shipment_status"));
    // A terminal pickup cannot be cancelled.
    assert!(matches!(
        block_on(pickups::close(&db, "张伟", id, 3, PickupStatus::Cancelled, "")),
        Err(DbError::VersionConflict)
    ));
}

#[test]
fn status_notices_reach_only_active_opted_in_users_and_replays_do_not_repeat_them() {
    let db = setup();
    let c = create(&db, "顺达物流", "02100000001", &[], 1);
    let on = active_user(&db, c, "13900000001");
    let off = active_user(&db, c, "13900000002");
    let prefs = PortalPrefs { notify_portal: false, notify_message: false, locale: "zh-CN".into() };
    block_on(portal::set_prefs(&db, off, &prefs)).unwrap_or_else(|e| panic!("{e:?}"));
    let disabled = active_user(&db, c, "13900000003");
    let v = block_on(portal::by_id(&db, disabled)).ok().flatten().map_or(0, |u| u.version);
    block_on(portal::set_status(&db, &actor(), disabled, v, PortalStatus::Disabled))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let s = ShipmentInput {
        waybill_no: "WP300000000002".into(),
        customer_id: Some(c),
        consignee_name: "王芳".into(),
        consignee_phone: "13700137000".into(),
        consignee_address: "x".into(),
        service_code: "standard".into(),
        pieces: 1,
        ..Default::default()
    }
    .validate()
    .unwrap_or_else(|e| panic!("{e:?}"));
    let sid = block_on(shipments::create(&db, &actor(), &s, None)).unwrap_or_else(|e| panic!("{e:?}"));
    let ev = |kind, at: &str| {
        EventInput {
            waybill_no: "WP300000000002".into(),
            at: at.into(),
            kind: Some(kind),
            ..Default::default()
        }
        .validate("2099-01-01T00:00:00.000Z")
        .unwrap_or_else(|e| panic!("{e:?}"))
    };
    let transit = ev(ShipmentStatus::InTransit, "2098-01-01T00:00:00Z");
    let out = ev(ShipmentStatus::OutForDelivery, "2098-01-02T00:00:00Z");
    block_on(tracking::record(&db, "key:1", &[(sid, &transit), (sid, &out)]))
        .unwrap_or_else(|e| panic!("{e:?}"));
    block_on(tracking::record(&db, "key:1", &[(sid, &transit), (sid, &out)]))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let q = |user: i64| {
        count(
            &db,
            &format!(
                "SELECT count(*) AS n FROM outbox WHERE kind = 'shipment_status' AND portal_user_id = {user}"
            ),
        )
    };
    assert_eq!(q(on), 2, "portal + SMS for out-for-delivery only (in transit is not announced)");
    assert_eq!((q(off), q(disabled)), (0, 0));
}

#[test]
fn delivery_outcomes_are_recorded_once_and_secrets_are_blanked_after_real_sending() {
    let db = setup();
    let at = super::now();
    let m = |kind: &'static str| NewMessage {
        channel: Channel::Sms,
        recipient: "13900000001",
        portal_login: None,
        customer_id: None,
        kind,
        params: json!({"code": "123456"}),
        locale: "zh-CN",
    };
    block_on(db.batch(vec![
        outbox::enqueue(&m("code_reset"), &at),
        outbox::enqueue(&m("code_register"), &at),
        outbox::enqueue(&m("code_reset"), &at),
    ]))
    .unwrap_or_else(|e| panic!("{e:?}"));
    let due = block_on(outbox::due(&db, &at, 10)).unwrap_or_default();
    assert_eq!(due.len(), 3);
    assert_eq!(due.first().and_then(|d| d.params.get("code")).and_then(|c| c.as_str()), Some("123456"));
    let ids: Vec<(i64, i64)> = due.iter().map(|d| (d.id, d.attempts)).collect();
    let outcomes = vec![
        (ids[0], Outcome::Sent { provider: "webhook".into(), body: String::new() }),
        (ids[1], Outcome::Failed { error: "503".into(), retry_at: Some("2999-01-01T00:00:00.000Z".into()) }),
        (ids[2], Outcome::Failed { error: "400".into(), retry_at: None }),
    ];
    block_on(outbox::settle(&db, &at, &outcomes)).unwrap_or_else(|e| panic!("{e:?}"));
    block_on(outbox::settle(&db, &at, &outcomes)).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(count(&db, "SELECT attempts AS n FROM outbox WHERE status = 'sent' AND params = '{}'"), 1);
    assert_eq!(
        count(&db, "SELECT attempts AS n FROM outbox WHERE status = 'pending'"),
        1,
        "retry scheduled, counted once"
    );
    assert_eq!(count(&db, "SELECT count(*) AS n FROM outbox WHERE status = 'failed'"), 1);
    assert!(
        block_on(outbox::due(&db, &at, 10)).unwrap_or_default().is_empty(),
        "the retry waits for its time"
    );
}
