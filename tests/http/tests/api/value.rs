//! Customer value over HTTP: a new customer ships, the next sweep measures it (counts, freight,
//! recency, scores, the tier the rules give) and moves it from prospect to active by rule; a
//! manager's tier sticks through the next sweep and is handed back; who may do what; the value
//! rules read, written back unchanged, and refused when they overlap or are stale; the demo
//! firm's VIP is a VIP by the rules.

use schema::customer::{CustomerDetail, CustomerInput, LifecycleStatus, Tier};
use schema::interaction::{InteractionInput, InteractionKind, InteractionStatus};
use schema::shipment::ShipmentInput;
use schema::value::{TierOverride, TierRule};
use waypost_http_tests::{Client, unique, unique_phone};

use crate::helpers::{company_with_contact, new_outlet, new_staff};
use crate::shipments::waybill;

fn sweep() {
    let r = Client::new().get("/cdn-cgi/handler/scheduled?cron=*/5+*+*+*+*");
    assert_eq!(r.status, 200, "{}", r.raw);
}

#[test]
fn a_customer_that_ships_is_measured_at_the_next_sweep_and_a_managers_tier_sticks() {
    let rep = Client::as_role("sales_rep");
    let input = company_with_contact(&format!("价值测试物流 {}", unique()), "孙丽", &unique_phone());
    let c = rep.customers_create(&input).status_is(201).json::<CustomerDetail>().customer;
    assert_eq!(c.status, LifecycleStatus::Prospect);
    let before = rep.value_get(c.id).ok();
    // Never shipped: no scores, no tier by the rules (a sweep may have measured its zeros already).
    assert_eq!((before.scores, before.rule_tier), (None, None));
    assert!(before.measures.is_none_or(|m| m.lifetime_shipments == 0));

    // Three parcels today, ¥120.50 of freight.
    for fee in [5_000, 4_000, 3_050] {
        ship(c.id, fee);
    }
    sweep();
    let v = rep.value_get(c.id).ok();
    let m = v.measures.clone().unwrap_or_else(|| panic!("measured: {v:?}"));
    assert_eq!((m.shipments_30, m.shipments_365, m.lifetime_shipments), (3, 3, 3));
    assert_eq!((m.freight_30, m.lifetime_freight), (12_050, 12_050));
    assert_eq!(m.recency_days, Some(0));
    // R 5 (today), F 1 (under 4 a year), M 1 (under ¥500): 7, regular by the default rules.
    assert_eq!(v.scores.map(|s| (s.r, s.f, s.m)), Some((5, 1, 1)));
    assert_eq!((v.rule_tier, v.tier), (Some(Tier::Regular), Tier::Regular));
    // It shipped: the prospect is active, moved by the rules (no person named).
    assert_eq!(v.status_history[0].to_status, LifecycleStatus::Active);
    assert_eq!(v.status_history[0].actor_name, None);
    assert_eq!(rep.customers_get(c.id).ok().customer.status, LifecycleStatus::Active);

    // Only managers choose a tier; a reason is required; someone outside the scope sees nothing.
    let manager = Client::as_role("sales_manager");
    let vip = TierOverride { tier: Some(Tier::Vip), reason: "年框协议客户".into(), version: v.version };
    assert_eq!(rep.value_set_tier(c.id, &vip).status, 403);
    let no_reason = TierOverride { reason: " ".into(), ..vip.clone() };
    let r = manager.value_set_tier(c.id, &no_reason);
    assert_eq!((r.status, r.body["fields"]["reason"].is_string()), (422, true), "{}", r.raw);
    let stale = TierOverride { version: v.version - 1, ..vip.clone() };
    assert_eq!(manager.value_set_tier(c.id, &stale).status, 409);
    assert_eq!(Client::as_role("courier").value_get(c.id).status, 403);
    let set = manager.value_set_tier(c.id, &vip).ok();
    assert_eq!((set.tier, set.tier_locked), (Tier::Vip, true));
    assert_eq!(set.tier_history[0].reason, "年框协议客户");
    assert_eq!(set.tier_history[0].actor_name.as_deref(), Some("周建华"));

    // The next sweep leaves a person's choice alone, even though the rules say regular.
    ship(c.id, 1_000);
    sweep();
    let v = rep.value_get(c.id).ok();
    assert_eq!(v.measures.map(|m| m.shipments_30), Some(4), "measured again after the new shipment");
    assert_eq!((v.tier, v.tier_locked, v.rule_tier), (Tier::Vip, true, Some(Tier::Regular)));
    // Handed back: the rules' tier at once.
    let back = TierOverride { tier: None, reason: String::new(), version: v.version };
    let v = manager.value_set_tier(c.id, &back).ok();
    assert_eq!((v.tier, v.tier_locked), (Tier::Regular, false));
}

#[test]
fn the_demo_vip_is_a_vip_by_the_rules() {
    sweep();
    let v = Client::as_role("cs_agent").value_get(1).ok();
    let m = v.measures.clone().unwrap_or_else(|| panic!("measured: {v:?}"));
    assert!(m.shipments_365 >= 380 && m.freight_365 >= 5_000_000, "{m:?}");
    assert_eq!((v.tier, v.rule_tier), (Tier::Vip, Some(Tier::Vip)));
    assert_eq!(v.scores.map(|s| s.r + s.f + s.m), Some(15));
}

#[test]
fn value_rules_round_trip_and_refuse_overlaps_stale_versions_and_non_admins() {
    let admin = Client::as_role("admin");
    let rules = admin.value_rules().ok();
    // What a GET returns goes back unchanged (no change for the sweeps other tests run).
    let saved = admin.value_save_rules(&rules).ok();
    assert_eq!(saved.version, rules.version + 1);
    assert_eq!(saved.vip, rules.vip);
    // Stale: the version before the save.
    let r = admin.value_save_rules(&rules);
    assert_eq!(r.status, 409, "{}", r.raw);
    // Key asking as much as VIP would never apply; steps must rise.
    let overlapping =
        schema::value::ValueRules { key: saved.vip, recency_days: [30, 7, 90, 180], ..saved.clone() };
    let r = admin.value_save_rules(&overlapping);
    assert_eq!(r.status, 422, "{}", r.raw);
    assert!(r.body["fields"]["key"].is_string() && r.body["fields"]["recency_days"].is_string(), "{}", r.raw);
    let regular = TierRule { min_score: 16, ..saved.regular };
    let r = admin.value_save_rules(&schema::value::ValueRules { regular, ..saved.clone() });
    assert!(r.body["fields"]["regular"].is_string(), "{}", r.raw);
    assert_eq!(admin.value_rules().ok(), saved, "nothing changed");
    assert_eq!(Client::as_role("sales_manager").value_save_rules(&saved).status, 403);
}

/// A parcel of `customer` today, `fee` fen, created by customer service.
fn ship(customer: i64, fee: i64) {
    let parcel = ShipmentInput {
        waybill_no: waybill(),
        customer_id: Some(customer),
        consignee_name: "周杰".into(),
        consignee_phone: unique_phone(),
        consignee_address: "南京市鼓楼区中山北路 8 号".into(),
        service_code: "standard".into(),
        pieces: 1,
        fee,
        ..Default::default()
    };
    Client::as_role("cs_agent").shipments_create(&parcel).status_is(201);
}

#[test]
fn the_pyramid_of_an_outlet_counts_its_customers_and_freight_by_tier() {
    let admin = Client::as_role("admin");
    let outlet = new_outlet(&admin);
    let (rep, ..) = new_staff(&admin, outlet.id, "sales_rep");
    let customer = |name: &str, arrears: i64| {
        let input = CustomerInput {
            owner_id: Some(rep.id),
            arrears,
            ..company_with_contact(&format!("{name} {}", unique()), "孙丽", &unique_phone())
        };
        admin.customers_create(&input).status_is(201).json::<CustomerDetail>().customer
    };
    // A: five parcels at ¥100 (R5 F2 M2 = 9: regular); B: never shipped, owes money (regular as
    // created); C: one ¥30 parcel, a VIP by a manager's choice.
    let (a, b, c) = (customer("金字塔甲", 0), customer("金字塔乙", 20_000), customer("金字塔丙", 0));
    for _ in 0..5 {
        ship(a.id, 10_000);
    }
    ship(c.id, 3_000);
    let manager = Client::as_role("admin");
    let v = manager.value_get(c.id).ok();
    let vip = TierOverride { tier: Some(Tier::Vip), reason: "战略客户".into(), version: v.version };
    manager.value_set_tier(c.id, &vip).ok();
    sweep();
    let org = outlet.id.to_string();
    let p = admin.reports_pyramid(&[("org_id", &org)]).ok();
    let layers: Vec<(Tier, i64, i64, i64, i64)> =
        p.layers.iter().map(|l| (l.tier, l.customers, l.shipping, l.freight_365, l.in_arrears)).collect();
    assert_eq!(
        layers,
        vec![
            (Tier::Vip, 1, 1, 3_000, 0),
            (Tier::Key, 0, 0, 0, 0),
            (Tier::Regular, 2, 1, 50_000, 1),
            (Tier::Potential, 0, 0, 0, 0)
        ]
    );
    assert!(p.as_of.is_some());
    let _ = b;
    // The same layers as a spreadsheet, money in yuan.
    let csv = admin.reports_pyramid_csv(&[("org_id", &org)]).text();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert_eq!(lines[1], "VIP 客户,1,1,30.00,30.00,0");
    assert_eq!(lines[3], "普通客户,2,1,500.00,500.00,1");
    // The branch above holds the outlet: at least these.
    let branch = admin.reports_pyramid(&[("org_id", "2")]).ok();
    assert!(branch.layers[2].customers >= 2 && branch.layers[0].freight_365 >= 3_000, "{branch:?}");
    // An unknown org, and one outside the caller's reach (华南 for 华东's manager), are the same 400.
    let east = Client::as_role("sales_manager");
    for org in ["999999", "3"] {
        let r = east.reports_pyramid(&[("org_id", org)]);
        assert_eq!((r.status, r.body["fields"]["org_id"].is_string()), (400, true), "{org}: {}", r.raw);
    }
    assert_eq!(east.reports_pyramid(&[("org_id", &org)]).status, 200);
    assert_eq!(Client::as_role("sales_rep").reports_pyramid(&[]).status, 403);
}

#[test]
fn the_at_risk_list_shows_a_reps_own_and_a_planned_win_back_call() {
    let rep = Client::as_role("sales_rep");
    let input = company_with_contact(&format!("预警测试 {}", unique()), "孙丽", &unique_phone());
    let c = rep.customers_create(&input).status_is(201).json::<CustomerDetail>().customer;
    // A person's judgment: at risk (it never shipped, so the rules leave it there).
    let mut edit: CustomerInput = serde_json::from_value(serde_json::to_value(&c).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    edit.status = Some(LifecycleStatus::AtRisk);
    edit.version = Some(c.version);
    rep.customers_update(c.id, &edit).ok();
    sweep();
    let mine = |cl: &Client| cl.reports_at_risk(&[("limit", "100")]).ok();
    let row = mine(&rep).items.into_iter().find(|r| r.id == c.id);
    let row = row.unwrap_or_else(|| panic!("on the rep's list"));
    assert!(!row.follow_up_planned);
    // Another rep's list does not hold it.
    let admin = Client::as_role("admin");
    let (_, phone, password) = new_staff(&admin, 4, "sales_rep");
    let other = Client::signed_in(&phone, &password);
    assert!(mine(&other).items.iter().all(|r| r.id != c.id));
    // The one-tap win-back call: a planned call, on the list at once.
    let call = InteractionInput {
        kind: Some(InteractionKind::Call),
        status: Some(InteractionStatus::Planned),
        summary: "挽回回访".into(),
        due_at: Some("2027-01-05T02:00:00.000Z".into()),
        ..Default::default()
    };
    rep.timeline_add_interaction(c.id, &call).status_is(201);
    let row = mine(&rep).items.into_iter().find(|r| r.id == c.id);
    assert!(row.is_some_and(|r| r.follow_up_planned));
    // Pages follow one another without repeating.
    let first = rep.reports_at_risk(&[("limit", "1")]).ok();
    if let Some(cursor) = first.next_cursor {
        let second = rep.reports_at_risk(&[("limit", "1"), ("cursor", &cursor)]).ok();
        assert_ne!(first.items[0].id, second.items[0].id);
    }
    assert_eq!(rep.reports_at_risk(&[("cursor", "nonsense")]).status, 400);
}
