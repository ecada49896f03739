//! The value sweep against SQLite with the real migrations: a pass over 1,200 customers in
//! steps that resumes from its cursor, the measures and scores of known shipment histories, tiers
//! and lifecycle moved by the rules (with their history, once), a person's tier that sticks, the
//! customers whose shipments changed measured at the next run, and the rules' version check.

use futures::executor::block_on;
use schema::customer::{LifecycleStatus, Tier};
use schema::ids::CustomerId;
use schema::sla::format_utc;
use schema::value::ValueRules;

use super::customer_tests::{actor, setup};
use super::db::{Db, DbError};
use super::sqlite::Sqlite;
use super::value::{self, STEP, SweepRun};
use crate::store::db::sql;

const DAY: i64 = 86_400;

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e:?}"))
}

/// `n` shipments of `customer`, `fee` fen each, created `from_days` … `to_days` days before
/// `now`, evenly spread (the first at `from_days`).
fn ship(db: &Sqlite, now: i64, customer: i64, n: i64, from_days: i64, to_days: i64, fee: i64) {
    let first = now - from_days * DAY;
    let span = (to_days - from_days) * DAY;
    ok(block_on(db.exec(sql!(
        "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?3)
         INSERT INTO shipments (waybill_no, customer_id, consignee_name, consignee_phone, consignee_address,
             service_code, fee, status, status_at, created_at, updated_at)
         SELECT 'WV' || ?1 || '-' || i, ?1, '王芳', '13900000001', '杭州', 'standard', ?2, 'delivered', 'x',
             strftime('%Y-%m-%dT%H:%M:%fZ', ?4 - (?5 * i / max(?3 - 1, 1)), 'unixepoch'), 'x'
         FROM k",
        customer,
        fee,
        n,
        first,
        span
    ))));
}

fn customer(db: &Sqlite, id: i64) -> (LifecycleStatus, Tier) {
    #[derive(serde::Deserialize)]
    struct C {
        status: LifecycleStatus,
        tier: Tier,
    }
    let c: Option<C> = ok(block_on(db.first(sql!("SELECT status, tier FROM customers WHERE id = ?", id))));
    c.map(|c| (c.status, c.tier)).unwrap_or_else(|| panic!("customer {id}"))
}

fn count(db: &Sqlite, q: &'static str) -> i64 {
    #[derive(serde::Deserialize)]
    struct N {
        n: i64,
    }
    ok(block_on(db.first::<N>(sql!(q)))).map_or(-1, |n| n.n)
}

/// 1,200 customers (regular, active, at HQ) and the histories the assertions below name.
fn firm(now: i64) -> Sqlite {
    let db = setup();
    ok(block_on(db.exec(sql!(
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 1200)
         INSERT INTO customers (id, kind, name, name_key, status, tier, org_id, org_path, created_at, updated_at)
         SELECT i, 'company', '客户' || i, 'k' || i, 'active', 'regular', 1, '/1/', 'x', 'x' FROM k"
    ))));
    // 1: a parcel a day for a year at ¥150 — VIP.
    ship(&db, now, 1, 400, 1, 365, 15_000);
    // 2: twenty parcels, the last 40 days ago — at risk, regular.
    ship(&db, now, 2, 20, 40, 200, 5_000);
    // 3: lost 100 days ago, ships again two days ago — won back.
    ok(block_on(db.exec(sql!("UPDATE customers SET status = 'lost' WHERE id = 3"))));
    ok(block_on(db.exec(sql!(
        "INSERT INTO customer_status_history (customer_id, from_status, to_status, at, actor_name)
         VALUES (3, 'active', 'lost', ?, '钱丽')",
        format_utc(now - 100 * DAY)
    ))));
    ship(&db, now, 3, 1, 2, 2, 1_000);
    // 4: a person made it key; one small parcel makes it regular by the rules.
    ok(block_on(db.exec(sql!("UPDATE customers SET tier = 'key', tier_locked = 1 WHERE id = 4"))));
    ship(&db, now, 4, 1, 3, 3, 1_000);
    // 5: a prospect that never shipped.
    ok(block_on(db.exec(sql!("UPDATE customers SET status = 'prospect', tier = 'key' WHERE id = 5"))));
    // 6: contracted, went quiet (at risk), now ships steadily again — contracted once more.
    ok(block_on(db.exec(sql!("UPDATE customers SET status = 'at_risk' WHERE id = 6"))));
    ok(block_on(db.exec(sql!(
        "INSERT INTO customer_status_history (customer_id, from_status, to_status, at, actor_name, by_rule)
         VALUES (6, 'contracted', 'at_risk', ?, '', 1)",
        format_utc(now - 20 * DAY)
    ))));
    ship(&db, now, 6, 12, 1, 180, 10_000);
    // 1001: beyond the first two steps, with a shipment.
    ship(&db, now, 1001, 30, 1, 300, 4_000);
    db
}

#[test]
fn a_pass_measures_everyone_in_resumable_steps_and_applies_the_rules_once() {
    let now = chrono::Utc::now().timestamp();
    let db = firm(now);
    // The pass on its own first: what the triggers marked is measured by its own step below.
    ok(block_on(db.exec(sql!("DELETE FROM value_dirty"))));

    // One step a run: the pass stops after 500 customers and goes on from there next run.
    let run = ok(block_on(value::sweep(&db, &format_utc(now), 1, value::PASS_EVERY_S)));
    assert_eq!(run, SweepRun { dirty: 0, pass: STEP as u64, finished: false });
    assert_eq!(count(&db, "SELECT count(*) AS n FROM customer_values"), 500);
    assert_eq!(count(&db, "SELECT cursor AS n FROM sweep_progress WHERE name = 'value'"), 500);
    assert_eq!(customer(&db, 1001).1, Tier::Regular, "not measured yet");
    let run = ok(block_on(value::sweep(&db, &format_utc(now + 60), 1, value::PASS_EVERY_S)));
    assert_eq!(run.pass, 500);
    let run = ok(block_on(value::sweep(&db, &format_utc(now + 120), 5, value::PASS_EVERY_S)));
    assert_eq!(run, SweepRun { dirty: 0, pass: 200, finished: true });
    assert_eq!(count(&db, "SELECT count(*) AS n FROM customer_values"), 1200);
    // Every customer measured at the pass's instant, not the run's.
    assert_eq!(count(&db, "SELECT count(DISTINCT as_of) AS n FROM customer_values"), 1);
    // Done for the day: the next run has nothing to do.
    assert_eq!(
        ok(block_on(value::sweep(&db, &format_utc(now + 180), 5, value::PASS_EVERY_S))),
        SweepRun::default()
    );

    let v = ok(block_on(value::of(&db, CustomerId(1)))).unwrap_or_else(|| panic!("value"));
    let m = v.measures.clone().unwrap_or_default();
    assert_eq!((m.lifetime_shipments, m.shipments_365, m.freight_365), (400, 400, 6_000_000));
    assert_eq!(m.recency_days, Some(1));
    assert!((30..=34).contains(&m.shipments_30), "{}", m.shipments_30);
    assert_eq!(v.scores.map(|s| (s.r, s.f, s.m)), Some((5, 5, 5)));
    assert_eq!((v.tier, v.rule_tier), (Tier::Vip, Some(Tier::Vip)));
    assert_eq!(v.tier_history.len(), 1);
    assert_eq!(v.tier_history[0].actor_name, None, "moved by the rules");

    assert_eq!(customer(&db, 2), (LifecycleStatus::AtRisk, Tier::Regular));
    assert_eq!(customer(&db, 3).0, LifecycleStatus::WonBack);
    assert_eq!(customer(&db, 4).1, Tier::Key, "a person's tier holds");
    assert_eq!(customer(&db, 5), (LifecycleStatus::Prospect, Tier::Key), "never shipped: as set");
    assert_eq!(customer(&db, 6).0, LifecycleStatus::Contracted);
    assert_eq!(customer(&db, 1001).1, Tier::Regular);
    // Customers without shipments (the other 1,193) are measured, and keep their tier and stage.
    assert_eq!(count(&db, "SELECT count(*) AS n FROM customer_values WHERE lifetime_shipments = 0"), 1194);
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM customers WHERE status = 'active' AND tier = 'regular'"),
        1194
    );
    let moves = "SELECT count(*) AS n FROM customer_status_history WHERE by_rule = 1";
    let tier_moves = "SELECT count(*) AS n FROM customer_tier_history";
    // 2 at risk, 3 won back, 6 contracted again (6's earlier move is the fixture's).
    assert_eq!(count(&db, moves), 4);
    assert_eq!(count(&db, tier_moves), 1, "1 became VIP; the others stay regular");

    // The pyramid, rebuilt by the pass's last step: every tier, VIP first; an empty subtree is zeros.
    let p = ok(block_on(value::pyramid(&db, &super::Scope::All)));
    let layers: Vec<(Tier, i64, i64)> = p.layers.iter().map(|l| (l.tier, l.customers, l.shipping)).collect();
    assert_eq!(
        layers,
        vec![(Tier::Vip, 1, 1), (Tier::Key, 2, 1), (Tier::Regular, 1197, 4), (Tier::Potential, 0, 0)]
    );
    assert_eq!(p.layers[0].freight_365, 6_000_000);
    assert!(p.as_of.is_some());
    let branch = ok(block_on(value::pyramid(&db, &super::Scope::Subtree("/1/2/".into()))));
    assert!(branch.layers.iter().all(|l| l.customers == 0) && branch.layers.len() == 4);

    // The win-back list: customer 2, quiet for 40 days; a planned call shows on it.
    use super::customers::CustomerScope;
    let list = ok(block_on(value::at_risk(&db, &CustomerScope::All, None, None, None, 50)));
    let rows: Vec<(i64, Option<i64>, bool)> =
        list.items.iter().map(|c| (c.id, c.recency_days, c.follow_up_planned)).collect();
    assert_eq!(rows, vec![(2, Some(40), false)]);
    ok(block_on(db.exec(sql!(
        "INSERT INTO interactions (customer_id, kind, status, summary, due_at, staff_id, created_at, updated_at)
         VALUES (2, 'call', 'planned', '挽回回访', 'x', 1, 'x', 'x')"
    ))));
    let list = ok(block_on(value::at_risk(&db, &CustomerScope::OwnOrShared(1), None, None, None, 50)));
    assert!(list.items.is_empty(), "not the rep's customer");
    let list = ok(block_on(value::at_risk(&db, &CustomerScope::All, Some("/1/"), None, None, 50)));
    assert!(list.items[0].follow_up_planned);

    // The next day's pass changes nothing that did not change: no new history.
    let run = ok(block_on(value::sweep(&db, &format_utc(now + DAY + 200), 10, value::PASS_EVERY_S)));
    assert_eq!((run.pass, run.finished), (1200, true));
    assert_eq!((count(&db, moves), count(&db, tier_moves)), (4, 1));
}

#[test]
fn a_new_shipment_is_measured_at_the_next_run_and_a_persons_tier_sticks() {
    let now = chrono::Utc::now().timestamp();
    let db = firm(now);
    // The triggers' marks carry the clock's milliseconds: a second after the fixture covers them.
    let start = chrono::Utc::now().timestamp() + 1;
    ok(block_on(value::sweep(&db, &format_utc(start), 10, value::PASS_EVERY_S)));
    assert_eq!(count(&db, "SELECT count(*) AS n FROM value_dirty"), 0);
    // The prospect ships: marked, measured by the next run before any pass, and active.
    // (Half a minute after the pass's instant, so that the pass below could not have seen it.)
    ship(&db, start + 30, 5, 1, 0, 0, 2_000);
    assert_eq!(count(&db, "SELECT count(*) AS n FROM value_dirty"), 1);
    let later = start + 60;
    let run = ok(block_on(value::sweep(&db, &format_utc(later), 10, value::PASS_EVERY_S)));
    assert_eq!((run.dirty, run.pass), (1, 0));
    assert_eq!(customer(&db, 5).0, LifecycleStatus::Active);
    assert_eq!(count(&db, "SELECT shipments_30 AS n FROM customer_values WHERE customer_id = 5"), 1);
    assert_eq!(count(&db, "SELECT count(*) AS n FROM value_dirty"), 0);
    // A pass measuring at an earlier instant (it began before the shipment) keeps the fresher row.
    ok(block_on(db.exec(sql!("UPDATE sweep_progress SET finished_at = NULL, cursor = 0"))));
    let run = ok(block_on(value::sweep(&db, &format_utc(later), 10, value::PASS_EVERY_S)));
    assert_eq!((run.dirty, run.pass), (0, 1200));
    assert_eq!(count(&db, "SELECT shipments_30 AS n FROM customer_values WHERE customer_id = 5"), 1);
    assert_eq!(customer(&db, 5).0, LifecycleStatus::Active);

    // A person's choice holds through the next pass; handed back, the rules' tier returns at once.
    let read = |db: &Sqlite| ok(block_on(value::of(db, CustomerId(1)))).unwrap_or_else(|| panic!("v"));
    let v = read(&db);
    ok(block_on(value::set_tier(&db, &actor(), &v, Some(Tier::Key), "年度合同降级", v.version)));
    ok(block_on(value::sweep(&db, &format_utc(now + 2 * DAY), 10, value::PASS_EVERY_S)));
    let v = read(&db);
    assert_eq!((v.tier, v.tier_locked, v.rule_tier), (Tier::Key, true, Some(Tier::Vip)));
    assert_eq!(v.tier_history[0].reason, "年度合同降级");
    assert_eq!(v.tier_history[0].actor_name.as_deref(), Some("测试"));
    // A stale version changes nothing.
    let stale = block_on(value::set_tier(&db, &actor(), &v, None, "", v.version - 1));
    assert!(matches!(stale, Err(DbError::VersionConflict)), "{stale:?}");
    ok(block_on(value::set_tier(&db, &actor(), &v, None, "", v.version)));
    let v = read(&db);
    assert_eq!((v.tier, v.tier_locked), (Tier::Vip, false));
}

#[test]
fn rules_are_saved_against_the_version_read() {
    let db = setup();
    assert_eq!(ok(block_on(value::rules(&db))), ValueRules::default());
    let mut r = ValueRules { at_risk_days: 45, ..ValueRules::default() };
    ok(block_on(value::save_rules(&db, &actor(), &r, 0)));
    let stored = ok(block_on(value::rules(&db)));
    assert_eq!((stored.at_risk_days, stored.version), (45, 1));
    // Someone who read the defaults (version 0) saves later: refused, nothing changes.
    r.at_risk_days = 60;
    assert!(matches!(block_on(value::save_rules(&db, &actor(), &r, 0)), Err(DbError::VersionConflict)));
    assert!(matches!(block_on(value::save_rules(&db, &actor(), &r, 7)), Err(DbError::VersionConflict)));
    ok(block_on(value::save_rules(&db, &actor(), &r, 1)));
    let stored = ok(block_on(value::rules(&db)));
    assert_eq!((stored.at_risk_days, stored.version), (60, 2));
    assert_eq!(count(&db, "SELECT count(*) AS n FROM audit_log WHERE entity = 'value_rules'"), 2);
}

#[test]
fn the_at_risk_list_walks_the_value_index_without_sorting() {
    use super::customer_tests::assert_indexed;
    use super::customers::CustomerScope;
    let db = setup();
    for scope in [CustomerScope::All, CustomerScope::Subtree("/1/2/".into()), CustomerScope::OwnOrShared(1)] {
        for after in [None, Some((5_000, 10))] {
            let q = value::at_risk_sql(&scope, Some("/1/"), None, after, 50);
            let explain = crate::store::db::Sql {
                text: format!("EXPLAIN QUERY PLAN {}", q.text).into(),
                args: q.args.clone(),
            };
            #[derive(serde::Deserialize)]
            struct Plan {
                detail: String,
            }
            let plan: Vec<Plan> = ok(block_on(db.all(explain)));
            assert!(
                plan.iter().all(|p| !p.detail.contains("TEMP B-TREE FOR ORDER BY")),
                "sorted: {:?}",
                plan.iter().map(|p| &p.detail).collect::<Vec<_>>()
            );
            assert_indexed(&db, q);
        }
    }
}
