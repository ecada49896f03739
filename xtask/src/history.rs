//! A year of delivered shipments for the demo customers, ending at the moment the demo is loaded,
//! so that the value sweep, the pyramid and the reports have something to show: two VIPs that
//! ship daily and bring most of the freight (the documents' 80/20), key customers that ship a few
//! times a week, regular ones, an at-risk customer gone quiet for six weeks and a lost one silent
//! for three months — each shaped so the default value rules agree with the tier and stage the
//! demo gives it (tested below). Prospects and registered customers have not shipped yet.

use crate::seed::{DEMO_CUSTOMERS, GIVEN, Rng, SURNAMES};

const DAY: i64 = 86_400;

/// (shipments, first and last day back from now, mean fee in fen) by demo slot (id - 1 modulo
/// 8); none: never shipped.
const PROFILES: [Option<(i64, i64, i64, i64)>; 8] = [
    Some((380, 365, 1, 16_000)),
    Some((110, 365, 1, 12_000)),
    None,
    None,
    Some((10, 300, 45, 3_000)),
    Some((120, 365, 1, 11_000)),
    Some((30, 365, 1, 4_000)),
    Some((40, 365, 100, 6_000)),
];

/// One generated shipment (what the SQL writes, and what the test measures).
pub struct Shipment {
    pub id: i64,
    pub customer_id: i64,
    pub created: i64,
    pub fee: i64,
    committed: i64,
    delivered: i64,
    express: bool,
    pieces: i64,
    weight_g: i64,
    consignee: String,
    phone: String,
    dest: &'static str,
}

const DESTS: [&str; 8] = ["杭州市", "南京市", "苏州市", "广州市", "深圳市", "北京市", "成都市", "武汉市"];

/// The shipments of every demo customer, for a demo loaded at `now` (unix seconds). Ids from
/// 10,000, waybills `WH…` (after the fixed demo waybills `WP…` in waybill order).
pub fn shipments(now: i64) -> Vec<Shipment> {
    let mut rng = Rng(0x5EED_2026_0F0F);
    let mut out = Vec::new();
    for customer_id in 1..=DEMO_CUSTOMERS {
        let slot = ((customer_id - 1) % 8) as usize;
        let Some((n, first, last, fee)) = PROFILES[slot] else { continue };
        // The second eight ship a fifth more per parcel.
        let fee = if customer_id > 8 { fee * 6 / 5 } else { fee };
        for k in 0..n {
            let days_back = last * DAY + (first - last) * DAY * k / (n - 1).max(1);
            let created = now - days_back - (rng.next() % 36_000) as i64;
            let express = rng.next().is_multiple_of(4);
            let committed = created + if express { DAY } else { 2 * DAY };
            // One in twelve arrives late, by two to thirty hours.
            let delivered = if rng.next().is_multiple_of(12) {
                committed + 7_200 + (rng.next() % 100_800) as i64
            } else {
                committed - 3_600 - (rng.next() % 50_000) as i64
            };
            out.push(Shipment {
                id: 10_000 + out.len() as i64,
                customer_id,
                created,
                fee: fee / 2 + (rng.next() % fee as u64) as i64,
                committed,
                delivered: delivered.min(now - 60),
                express,
                pieces: 1 + (rng.next() % 3) as i64,
                weight_g: 500 + (rng.next() % 7_500) as i64,
                consignee: format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)),
                phone: format!("137{:08}", rng.next() % 100_000_000),
                dest: DESTS[(rng.next() % DESTS.len() as u64) as usize],
            });
        }
    }
    out
}

fn utc(t: i64) -> String {
    schema::sla::format_utc(t)
}

/// The demo history as SQL: multi-row INSERTs of 100 rows, then each shipment's shipper and org
/// from its customer.
pub fn demo_history(now: i64) -> String {
    let rows: Vec<String> = shipments(now)
        .iter()
        .map(|s| {
            format!(
                "({}, 'WH{:012}', {}, '{}', '{}', '{} 收件地址', '上海市', '{}', '{}', {}, {}, {}, 'delivered', '{}', '{}', '{}', '{}', '{}', '{}')",
                s.id,
                s.id,
                s.customer_id,
                s.consignee,
                s.phone,
                s.dest,
                s.dest,
                if s.express { "express" } else { "standard" },
                s.pieces,
                s.weight_g,
                s.fee,
                utc(s.delivered),
                format_args!("{}营业部", s.dest.trim_end_matches('市')),
                utc(s.committed),
                utc(s.delivered),
                utc(s.created),
                utc(s.delivered),
            )
        })
        .collect();
    let mut sql = String::new();
    for chunk in rows.chunks(100) {
        sql.push_str(
            "INSERT OR IGNORE INTO shipments (id, waybill_no, customer_id, consignee_name, consignee_phone, consignee_address, origin_region, dest_region, service_code, pieces, weight_g, fee, status, status_at, last_location, committed_at, delivered_at, created_at, updated_at) VALUES ",
        );
        sql.push_str(&chunk.join(", "));
        sql.push_str(";\n");
    }
    sql.push_str(
        "UPDATE shipments SET shipper_name = (SELECT name FROM customers c WHERE c.id = shipments.customer_id),
    org_id = (SELECT org_id FROM customers c WHERE c.id = shipments.customer_id)
    WHERE id >= 10000 AND id < 20000 AND org_id IS NULL;\n",
    );
    sql
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{DEMO_STATUSES, DEMO_TIERS};
    use schema::customer::{LifecycleStatus, Tier};
    use schema::value::{Measures, ValueRules};

    /// What the sweep's SQL measures, in Rust, over the generated shipments.
    fn measure(all: &[Shipment], customer: i64, now: i64) -> Measures {
        let mine: Vec<&Shipment> = all.iter().filter(|s| s.customer_id == customer).collect();
        let within = |days: i64| mine.iter().filter(move |s| s.created >= now - days * DAY);
        let last = mine.iter().map(|s| s.created).max();
        Measures {
            shipments_30: within(30).count() as i64,
            shipments_90: within(90).count() as i64,
            shipments_365: within(365).count() as i64,
            freight_365: within(365).map(|s| s.fee).sum(),
            prior_shipments_90: within(180).count() as i64 - within(90).count() as i64,
            lifetime_shipments: mine.len() as i64,
            last_shipment_at: last.map(utc),
            recency_days: last.map(|t| (now - t) / DAY),
            ..Measures::default()
        }
    }

    #[test]
    fn the_default_rules_agree_with_the_demo_tiers_and_stages() {
        let now = 1_796_000_000;
        let all = shipments(now);
        let rules = ValueRules::default();
        for id in 1..=DEMO_CUSTOMERS {
            let slot = ((id - 1) % 8) as usize;
            let m = measure(&all, id, now);
            let tier = Tier::ALL.into_iter().find(|t| t.as_str() == DEMO_TIERS[slot]);
            let status = LifecycleStatus::ALL.into_iter().find(|s| s.as_str() == DEMO_STATUSES[slot]);
            if PROFILES[slot].is_some() {
                assert_eq!(rules.tier(&m), tier, "customer {id}: {m:?}");
            } else {
                assert_eq!(m.lifetime_shipments, 0);
            }
            let status = status.unwrap_or(LifecycleStatus::Prospect);
            assert_eq!(
                rules.next_status(status, &m, None, None),
                None,
                "customer {id} stays {status:?}: {m:?}"
            );
        }
        // The 80/20 the documents speak of: the two VIPs bring most of the freight.
        let total: i64 = all.iter().map(|s| s.fee).sum();
        let vips: i64 = all.iter().filter(|s| (s.customer_id - 1) % 8 == 0).map(|s| s.fee).sum();
        assert!(vips * 100 / total >= 55, "{vips} of {total}");
        assert!(all.iter().all(|s| s.delivered <= now && s.created < s.delivered));
    }
}
