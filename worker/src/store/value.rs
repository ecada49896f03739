//! Customer value: the sweep that measures customers from their shipments and applies the rules
//! of `schema::value` (scores, tier, lifecycle), the rules' row, a customer's value with both
//! histories, and a person's choice of tier.
//!
//! A step measures up to [`STEP`] customers with one grouped read over `shipments_customer_created`
//! and writes what changed in one batch together with its progress, so a run cut short loses
//! nothing and repeats nothing: a step either happened, cursor included, or it did not.

use serde::Deserialize;

use schema::customer::{LifecycleStatus, Tier};
use schema::ids::CustomerId;
use schema::page::Page;
use schema::sla::{format_utc, parse_utc};
use schema::value::{
    AtRiskCustomer, CustomerValue, Measures, Pyramid, PyramidLayer, StatusChange, TierChange, ValueRules,
};

use super::audit::{self, EntityRef};
use super::db::{Db, DbError, Sql, guard_changed, json};
use super::{Actor, now};
use crate::store::db::sql;

/// Customers measured by one step. A step reads their shipments once; 500 customers of a
/// typical firm is a few thousand index entries, well inside D1's per-query time.
pub const STEP: i64 = 500;
/// Steps a run may take: each is a read and a batch, two of the 50 queries a Workers Free
/// invocation may make. 100,000 customers take 200 steps: a pass is 20 runs, 100 minutes of
/// a 5-minute Cron.
pub const STEPS: usize = 10;
/// A new full pass starts when the last one began this long ago, by default (a day: a nightly
/// pass; `VALUE_PASS_EVERY_S` in wrangler.toml).
pub const PASS_EVERY_S: i64 = 86_400;

const DAY: i64 = 86_400;

/// One customer as the measuring read returns it.
#[derive(Debug, Deserialize)]
struct Measured {
    id: i64,
    status: LifecycleStatus,
    tier: Tier,
    #[serde(deserialize_with = "schema::de::bool_or_int")]
    tier_locked: bool,
    version: i64,
    #[serde(flatten)]
    measures: Measures,
    before_risk: Option<LifecycleStatus>,
    lost_at: Option<String>,
    /// Measured since this step's instant (a shipment came while the pass ran): left alone.
    #[serde(deserialize_with = "schema::de::bool_or_int")]
    fresher: bool,
}

/// The measuring read: every window ends at `as_of` (`?1`); `where_` picks the customers (`?6`).
fn measure_sql(as_of: &str, where_: &str, pick: super::db::Arg) -> Sql {
    let secs = parse_utc(as_of).unwrap_or_default();
    let at = |days: i64| format_utc(secs - days * DAY);
    Sql {
        text: format!(
            "SELECT c.id, c.status, c.tier, c.tier_locked, c.version,
                count(s.id) AS lifetime_shipments, coalesce(sum(s.fee), 0) AS lifetime_freight,
                min(s.created_at) AS first_shipment_at, max(s.created_at) AS last_shipment_at,
                CAST(julianday(?1) - julianday(max(s.created_at)) AS INTEGER) AS recency_days,
                count(CASE WHEN s.created_at >= ?2 THEN 1 END) AS shipments_30,
                coalesce(sum(CASE WHEN s.created_at >= ?2 THEN s.fee END), 0) AS freight_30,
                count(CASE WHEN s.created_at >= ?3 THEN 1 END) AS shipments_90,
                coalesce(sum(CASE WHEN s.created_at >= ?3 THEN s.fee END), 0) AS freight_90,
                count(CASE WHEN s.created_at >= ?4 THEN 1 END) AS shipments_365,
                coalesce(sum(CASE WHEN s.created_at >= ?4 THEN s.fee END), 0) AS freight_365,
                count(CASE WHEN s.created_at >= ?5 AND s.created_at < ?3 THEN 1 END) AS prior_shipments_90,
                coalesce(sum(CASE WHEN s.created_at >= ?5 AND s.created_at < ?3 THEN s.fee END), 0) AS prior_freight_90,
                (SELECT h.from_status FROM customer_status_history h
                 WHERE h.customer_id = c.id AND h.to_status = 'at_risk' ORDER BY h.id DESC LIMIT 1) AS before_risk,
                (SELECT h.at FROM customer_status_history h
                 WHERE h.customer_id = c.id AND h.to_status = 'lost' ORDER BY h.id DESC LIMIT 1) AS lost_at,
                coalesce((SELECT cv.as_of FROM customer_values cv WHERE cv.customer_id = c.id) > ?1, 0) AS fresher
             FROM customers c LEFT JOIN shipments s ON s.customer_id = c.id AND s.created_at <= ?1
             WHERE {where_} GROUP BY c.id ORDER BY c.id LIMIT {STEP}"
        )
        .into(),
        args: vec![
            as_of.into(),
            at(30).into(),
            at(90).into(),
            at(365).into(),
            at(180).into(),
            pick,
        ],
    }
}

/// The writes of one step: the measures (but not over fresher ones: a customer measured after a
/// shipment while the pass ran keeps those), then — for customers whose stored version is still the
/// one read (a person's save in between wins; the next pass looks again) — the histories and the
/// new tier and stage, by the rules (no person). One batch with `progress`.
fn step_writes(
    rules: &ValueRules,
    as_of: &str,
    rows: &[Measured],
    progress: Sql,
) -> Result<Vec<Sql>, DbError> {
    let mut values = Vec::with_capacity(rows.len());
    let mut changes = Vec::new();
    for row in rows.iter().filter(|r| !r.fresher) {
        let m = &row.measures;
        let s = rules.scores(m);
        values.push(serde_json::json!({
            "id": row.id, "m": m, "r": s.map(|s| s.r), "f": s.map(|s| s.f), "mo": s.map(|s| s.m),
        }));
        let tier = rules.tier(m).filter(|t| !row.tier_locked && *t != row.tier);
        let status = rules.next_status(row.status, m, row.before_risk, row.lost_at.as_deref());
        if tier.is_some() || status.is_some() {
            changes.push(serde_json::json!({
                "id": row.id, "version": row.version,
                "from_tier": row.tier, "tier": tier, "from_status": row.status, "status": status,
            }));
        }
    }
    let (values, changes) = (json(&values)?, json(&changes)?);
    Ok(vec![
        sql!(
            "INSERT OR REPLACE INTO customer_values (customer_id, shipments_30, freight_30, shipments_90, freight_90,
                shipments_365, freight_365, prior_shipments_90, prior_freight_90, lifetime_shipments, lifetime_freight,
                first_shipment_at, last_shipment_at, recency_days, r_score, f_score, m_score, as_of)
             SELECT value ->> 'id', value ->> '$.m.shipments_30', value ->> '$.m.freight_30',
                value ->> '$.m.shipments_90', value ->> '$.m.freight_90', value ->> '$.m.shipments_365',
                value ->> '$.m.freight_365', value ->> '$.m.prior_shipments_90', value ->> '$.m.prior_freight_90',
                value ->> '$.m.lifetime_shipments', value ->> '$.m.lifetime_freight',
                value ->> '$.m.first_shipment_at', value ->> '$.m.last_shipment_at', value ->> '$.m.recency_days',
                value ->> 'r', value ->> 'f', value ->> 'mo', ?2
             FROM json_each(?1)",
            values.as_str(),
            as_of
        ),
        sql!(
            "INSERT INTO customer_tier_history (customer_id, from_tier, to_tier, at)
             SELECT c.id, c.tier, j.value ->> 'tier', ?2 FROM json_each(?1) j
             JOIN customers c ON c.id = j.value ->> 'id' AND c.version = j.value ->> 'version'
             WHERE j.value ->> 'tier' IS NOT NULL",
            changes.as_str(),
            as_of
        ),
        sql!(
            "INSERT INTO customer_status_history (customer_id, from_status, to_status, at, actor_name, by_rule)
             SELECT c.id, c.status, j.value ->> 'status', ?2, '', 1 FROM json_each(?1) j
             JOIN customers c ON c.id = j.value ->> 'id' AND c.version = j.value ->> 'version'
             WHERE j.value ->> 'status' IS NOT NULL",
            changes.as_str(),
            as_of
        ),
        // A change a person could see in an open form: the version moves, so their save is
        // checked against it rather than silently putting the old tier back as their choice.
        sql!(
            "UPDATE customers SET tier = coalesce(j.value ->> 'tier', customers.tier),
                 status = coalesce(j.value ->> 'status', customers.status),
                 version = customers.version + 1, updated_at = ?2
             FROM json_each(?1) j
             WHERE customers.id = j.value ->> 'id' AND customers.version = j.value ->> 'version'",
            changes.as_str(),
            now()
        ),
        progress,
    ])
}

/// The pyramid's rows rebuilt from every customer and its measures (the last step of a pass:
/// one grouped read of the customers, once a day).
fn pyramid_refresh(as_of: &str) -> Vec<Sql> {
    vec![
        sql!("DELETE FROM value_pyramid"),
        sql!(
            "INSERT INTO value_pyramid (org_id, tier, customers, shipping, freight_365, lifetime_freight, in_arrears, as_of)
             SELECT c.org_id, c.tier, count(*), count(CASE WHEN v.shipments_365 > 0 THEN 1 END),
                 coalesce(sum(v.freight_365), 0), coalesce(sum(v.lifetime_freight), 0),
                 count(CASE WHEN c.arrears > 0 THEN 1 END), ?
             FROM customers c LEFT JOIN customer_values v ON v.customer_id = c.id
             GROUP BY c.org_id, c.tier",
            as_of
        ),
    ]
}

/// The pyramid of the orgs in `scope` (an org's subtree, or the firm), VIP first, every tier
/// present; `as_of` none before the first finished pass.
pub async fn pyramid(db: &impl Db, scope: &super::Scope) -> Result<Pyramid, DbError> {
    #[derive(Deserialize)]
    struct Row {
        tier: Tier,
        customers: i64,
        shipping: i64,
        freight_365: i64,
        lifetime_freight: i64,
        in_arrears: i64,
        as_of: Option<String>,
    }
    let (cond, args) = scope.clause("o.path", "o.id");
    let rows: Vec<Row> = db
        .all(Sql {
            text: format!(
                "SELECT p.tier, sum(p.customers) AS customers, sum(p.shipping) AS shipping,
                    sum(p.freight_365) AS freight_365, sum(p.lifetime_freight) AS lifetime_freight,
                    sum(p.in_arrears) AS in_arrears, max(p.as_of) AS as_of
                 FROM value_pyramid p JOIN orgs o ON o.id = p.org_id WHERE {cond} GROUP BY p.tier"
            )
            .into(),
            args,
        })
        .await?;
    let as_of = rows.iter().filter_map(|r| r.as_of.clone()).max();
    let layers = Tier::ALL
        .iter()
        .map(|&tier| {
            let r = rows.iter().find(|r| r.tier == tier);
            PyramidLayer {
                tier,
                customers: r.map_or(0, |r| r.customers),
                shipping: r.map_or(0, |r| r.shipping),
                freight_365: r.map_or(0, |r| r.freight_365),
                lifetime_freight: r.map_or(0, |r| r.lifetime_freight),
                in_arrears: r.map_or(0, |r| r.in_arrears),
            }
        })
        .collect();
    Ok(Pyramid { layers, as_of })
}

/// The at-risk customers in `scope` (and an org's subtree, an owner), the most valuable first
/// (365-day freight, then id); `after`: the last row's (freight, id) of the page before.
pub async fn at_risk(
    db: &impl Db,
    scope: &super::customers::CustomerScope,
    org_path: Option<&str>,
    owner: Option<i64>,
    after: Option<(i64, i64)>,
    limit: u32,
) -> Result<Page<AtRiskCustomer>, DbError> {
    let mut rows: Vec<AtRiskCustomer> = db.all(at_risk_sql(scope, org_path, owner, after, limit)).await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| schema::page::encode_key_cursor(&r.freight_365.to_string(), r.id))
    } else {
        None
    };
    Ok(Page { items: rows, next_cursor })
}

/// The at-risk list's query: the measures walked in value order (`customer_values_freight`) and
/// each customer's stage and reach checked, so a page stops after `limit + 1` matches instead of
/// sorting every at-risk customer. A customer is listed once measured (new ones within a run).
pub fn at_risk_sql(
    scope: &super::customers::CustomerScope,
    org_path: Option<&str>,
    owner: Option<i64>,
    after: Option<(i64, i64)>,
    limit: u32,
) -> Sql {
    use super::customers::CustomerScope::OwnOrShared;
    // A person's own and shared customers as a set of ids, looked up per row (`+`: not turned into
    // lookups of the measures by those ids, which would then need sorting).
    let (cond, mut args) = match scope {
        OwnOrShared(id) => (
            "+c.id IN (SELECT id FROM customers WHERE owner_id = ? UNION SELECT customer_id FROM customer_shares WHERE staff_id = ?)"
                .to_string(),
            vec![(*id).into(), (*id).into()],
        ),
        _ => scope.clause(),
    };
    // Walked in value order with the measures outermost (SQLite keeps the left table of a CROSS
    // JOIN outside), each row's stage and reach checked, so a page stops after its rows. Sorting
    // the matches instead cost 45 ms (status index) and 70 ms (a rep's 20,000 ids) at 100,000
    // at-risk customers, against 21–26 ms for this walk in the admin's reach (docs/BENCH.md,
    // 2026-12-04; a rep's walk not yet measured at that scale).
    let mut text = format!(
        "SELECT c.id, c.name, c.tier, c.owner_id, s.name AS owner_name, v.last_shipment_at, v.recency_days,
            v.shipments_90, v.prior_shipments_90, v.freight_365,
            EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = c.id AND i.status = 'planned') AS follow_up_planned
         FROM customer_values v CROSS JOIN customers c ON c.id = v.customer_id LEFT JOIN staff s ON s.id = c.owner_id
         WHERE c.status = 'at_risk' AND {cond}"
    );
    if let Some(p) = org_path {
        text.push_str(" AND c.org_path >= ? AND c.org_path < ?");
        args.extend([p.into(), super::subtree_upper(p).into()]);
    }
    if let Some(o) = owner {
        text.push_str(" AND c.owner_id = ?");
        args.push(o.into());
    }
    if let Some((f, id)) = after {
        text.push_str(" AND (v.freight_365 < ? OR (v.freight_365 = ? AND v.customer_id > ?))");
        args.extend([f.into(), f.into(), id.into()]);
    }
    text.push_str(" ORDER BY v.freight_365 DESC, v.customer_id LIMIT ?");
    args.push(i64::from(limit + 1).into());
    Sql { text: text.into(), args }
}

/// The stored rules, or the defaults before an admin saved any.
pub async fn rules(db: &impl Db) -> Result<ValueRules, DbError> {
    match db.first::<serde_json::Value>(sql!("SELECT body, version FROM value_rules WHERE id = 1")).await? {
        Some(r) => stored_rules(r),
        None => Ok(ValueRules::default()),
    }
}

/// The rules of a `value_rules` row (`body`, `version`).
fn stored_rules(row: serde_json::Value) -> Result<ValueRules, DbError> {
    let body = row["body"].as_str().unwrap_or_default();
    let mut rules: ValueRules =
        serde_json::from_str(body).map_err(|e| DbError::Other(format!("value_rules: {e}")))?;
    rules.version = row["version"].as_i64().unwrap_or_default();
    Ok(rules)
}

/// Saves checked rules if `version` is the one stored (0 before the first save), with the audit
/// entry; the next pass applies them. `DbError::VersionConflict` when someone saved first.
pub async fn save_rules(
    db: &impl Db,
    actor: &Actor,
    rules: &ValueRules,
    version: i64,
) -> Result<(), DbError> {
    let at = now();
    let before = self::rules(db).await?;
    let body = json(&ValueRules { version: 0, ..rules.clone() })?;
    let diff = schema::diff::diff(
        &serde_json::to_value(ValueRules { version: 0, ..before }).unwrap_or_default(),
        &serde_json::to_value(ValueRules { version: 0, ..rules.clone() }).unwrap_or_default(),
    );
    db.batch(vec![
        // The first save (version 0) inserts; later ones update the version read, else nothing
        // changes and the guard answers 409.
        sql!(
            "INSERT INTO value_rules (id, body, version, updated_at)
             SELECT 1, ?1, 1, ?2 WHERE ?3 = 0 OR EXISTS (SELECT 1 FROM value_rules WHERE id = 1)
             ON CONFLICT (id) DO UPDATE SET body = excluded.body, version = value_rules.version + 1,
                 updated_at = excluded.updated_at
             WHERE value_rules.version = ?3",
            body.as_str(),
            at.as_str(),
            version
        ),
        guard_changed(),
        audit::entry(actor, &at, "update", "value_rules", EntityRef::Id(1), &diff),
    ])
    .await
    .map(|_| ())
}

/// What one run did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SweepRun {
    /// Customers measured because a shipment of theirs came or changed.
    pub dirty: u64,
    /// Customers measured by the full pass.
    pub pass: u64,
    /// Whether the pass reached the last customer in this run.
    pub finished: bool,
}

#[derive(Deserialize)]
struct Progress {
    as_of: String,
    cursor: i64,
    finished_at: Option<String>,
}

/// One run of the value sweep at `now` (as stored: RFC 3339, milliseconds), at most `steps` steps: first the customers
/// whose shipments changed (measured at `now`), then the full pass — started when the last began
/// `pass_every_s` ago, measuring every customer at the pass's own instant, resumed from its
/// cursor by the next run when this one runs out of steps.
pub async fn sweep(db: &impl Db, now: &str, steps: usize, pass_every_s: i64) -> Result<SweepRun, DbError> {
    let rules = rules(db).await?;
    let mut run = SweepRun::default();
    let mut left = steps;
    let at = now.to_string();
    let now_s = parse_utc(now).unwrap_or_default();
    while left > 0 {
        left -= 1;
        #[derive(Deserialize)]
        struct D {
            customer_id: i64,
        }
        let dirty: Vec<D> = db
            .all(sql!(
                "SELECT customer_id FROM value_dirty WHERE at <= ? ORDER BY customer_id LIMIT ?",
                at.as_str(),
                STEP
            ))
            .await?;
        if dirty.is_empty() {
            left += 1;
            break;
        }
        let ids = json(&dirty.iter().map(|d| d.customer_id).collect::<Vec<_>>())?;
        let rows: Vec<Measured> = db
            .all(measure_sql(&at, "c.id IN (SELECT value FROM json_each(?6))", ids.as_str().into()))
            .await?;
        let forget = sql!(
            "DELETE FROM value_dirty WHERE customer_id IN (SELECT value FROM json_each(?1)) AND at <= ?2",
            ids.as_str(),
            at.as_str()
        );
        db.batch(step_writes(&rules, &at, &rows, forget)?).await?;
        run.dirty += dirty.len() as u64;
    }
    let progress: Option<Progress> =
        db.first(sql!("SELECT as_of, cursor, finished_at FROM sweep_progress WHERE name = 'value'")).await?;
    let mut progress = match progress {
        Some(p) if p.finished_at.is_none() => p,
        Some(p) if parse_utc(&p.as_of).is_some_and(|t| now_s - t < pass_every_s) => return Ok(run),
        _ => {
            db.exec(sql!(
                "INSERT OR REPLACE INTO sweep_progress (name, as_of, cursor, finished_at) VALUES ('value', ?, 0, NULL)",
                at.as_str()
            ))
            .await?;
            Progress { as_of: at.clone(), cursor: 0, finished_at: None }
        }
    };
    for _ in 0..left {
        let rows: Vec<Measured> =
            db.all(measure_sql(&progress.as_of, "c.id > ?6", progress.cursor.into())).await?;
        let last = rows.last().map_or(progress.cursor, |r| r.id);
        let done = (rows.len() as i64) < STEP;
        let advance = sql!(
            "UPDATE sweep_progress SET cursor = ?1, finished_at = ?2 WHERE name = 'value' AND cursor = ?3",
            last,
            done.then(super::now),
            progress.cursor
        );
        let mut writes = step_writes(&rules, &progress.as_of, &rows, advance)?;
        // Two runs at once: the second's step finds the cursor moved and changes nothing (the
        // guard reads the cursor's UPDATE, so it comes right after it).
        writes.push(guard_changed());
        if done {
            writes.extend(pyramid_refresh(&progress.as_of));
        }
        db.batch(writes).await?;
        run.pass += rows.len() as u64;
        progress.cursor = last;
        if done {
            run.finished = true;
            break;
        }
    }
    Ok(run)
}

/// A customer's value with both histories (newest first, at most 50 of each), scored by the
/// rules stored now: one batch of reads, one round trip to D1 (the profile's tab).
pub async fn of(db: &impl Db, customer: CustomerId) -> Result<Option<CustomerValue>, DbError> {
    #[derive(Deserialize)]
    struct C {
        tier: Tier,
        #[serde(deserialize_with = "schema::de::bool_or_int")]
        tier_locked: bool,
        version: i64,
        as_of: Option<String>,
    }
    let mut out = db
        .batch(vec![
            sql!(
                "SELECT c.tier, c.tier_locked, c.version, v.shipments_30, v.freight_30, v.shipments_90, v.freight_90,
                    v.shipments_365, v.freight_365, v.prior_shipments_90, v.prior_freight_90, v.lifetime_shipments,
                    v.lifetime_freight, v.first_shipment_at, v.last_shipment_at, v.recency_days, v.as_of
                 FROM customers c LEFT JOIN customer_values v ON v.customer_id = c.id WHERE c.id = ?",
                customer
            ),
            sql!(
                "SELECT from_tier, to_tier, at, actor_name, reason FROM customer_tier_history
                 WHERE customer_id = ? ORDER BY id DESC LIMIT 50",
                customer
            ),
            sql!(
                "SELECT from_status, to_status, at, CASE WHEN by_rule = 1 THEN NULL ELSE actor_name END AS actor_name,
                    reason FROM customer_status_history WHERE customer_id = ? ORDER BY id DESC LIMIT 50",
                customer
            ),
            sql!("SELECT body, version FROM value_rules WHERE id = 1"),
        ])
        .await?
        .into_iter()
        .map(|o| o.rows);
    let mut next = || out.next().unwrap_or_default();
    let Some(row) = next().into_iter().next() else { return Ok(None) };
    let c: C = serde_json::from_value(row.clone()).map_err(|e| DbError::Other(format!("value: {e}")))?;
    let measures: Option<Measures> = match c.as_of {
        Some(_) => Some(serde_json::from_value(row).map_err(|e| DbError::Other(format!("value: {e}")))?),
        None => None,
    };
    let tier_history: Vec<TierChange> = read_rows(next())?;
    let status_history: Vec<StatusChange> = read_rows(next())?;
    let rules = match next().into_iter().next() {
        Some(r) => stored_rules(r)?,
        None => ValueRules::default(),
    };
    Ok(Some(CustomerValue {
        customer_id: customer.0,
        tier: c.tier,
        tier_locked: c.tier_locked,
        version: c.version,
        scores: measures.as_ref().and_then(|m| rules.scores(m)),
        rule_tier: measures.as_ref().and_then(|m| rules.tier(m)),
        trend_percent: measures
            .as_ref()
            .and_then(|m| schema::value::trend_percent(m.shipments_90, m.prior_shipments_90)),
        measures,
        as_of: c.as_of,
        tier_history,
        status_history,
    }))
}

/// A batch statement's rows as `T`.
fn read_rows<T: serde::de::DeserializeOwned>(rows: Vec<serde_json::Value>) -> Result<Vec<T>, DbError> {
    rows.into_iter()
        .map(|r| serde_json::from_value(r).map_err(|e| DbError::Other(format!("value: {e}"))))
        .collect()
}

/// A person's tier: `Some(t)` sets it and holds it against the rules; `None` hands the customer
/// back to the rules, which set the tier they give at once when the customer has measures. The
/// history records who and why; checked against `version` (the customer's, as the person read
/// it); with the audit entry, one batch.
pub async fn set_tier(
    db: &impl Db,
    actor: &Actor,
    current: &CustomerValue,
    tier: Option<Tier>,
    reason: &str,
    version: i64,
) -> Result<(), DbError> {
    let at = now();
    let from = current.tier;
    let (to, locked) = match tier {
        Some(t) => (t, true),
        None => (current.rule_tier.unwrap_or(from), false),
    };
    let id = current.customer_id;
    let mut batch = vec![
        sql!(
            "UPDATE customers SET tier = ?1, tier_locked = ?2, version = version + 1, updated_at = ?3
             WHERE id = ?4 AND version = ?5",
            to.as_str(),
            locked,
            at.as_str(),
            id,
            version
        ),
        guard_changed(),
    ];
    if to != from || locked != current.tier_locked {
        batch.push(sql!(
            "INSERT INTO customer_tier_history (customer_id, from_tier, to_tier, at, actor_id, actor_name, reason)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
            id,
            from.as_str(),
            to.as_str(),
            at.as_str(),
            actor.id,
            actor.name.as_str(),
            reason
        ));
    }
    let diff = serde_json::json!({
        "tier": {"from": from, "to": to}, "tier_locked": {"from": current.tier_locked, "to": locked},
    });
    batch.push(audit::entry(actor, &at, "update", "customer", EntityRef::Id(id), &diff));
    db.batch(batch).await.map(|_| ())
}
