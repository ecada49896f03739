//! Customer value (客户价值): what a customer's shipments say about it — counts and freight over
//! rolling windows, recency, frequency and monetary scores (RFM), lifetime value, the trend
//! against the prior period — and the rules admins set to turn those measures into a tier (the
//! value pyramid) and a lifecycle stage. The worker's sweep measures in SQL; everything decided
//! from the measures is decided here, once, so the sweep, the profile and the tests agree.

use serde::{Deserialize, Serialize};

use crate::customer::{LifecycleStatus, Tier};
use crate::{FieldErrors, FieldIssue};

/// Longest window a rule may name, in days (ten years).
pub const MAX_DAYS: i64 = 3650;
/// Largest money threshold, in fen (¥100 million).
pub const MAX_FEN: i64 = 10_000_000_000;
/// Largest shipment-count threshold.
pub const MAX_COUNT: i64 = 10_000_000;

/// The thresholds of one score: four steps, each reached at or past its value. For recency the
/// steps are days since the last shipment, ascending (within `steps[0]` days scores 5, within
/// `steps[3]` scores 2, longer 1); for frequency and money they are amounts, ascending (at least
/// `steps[0]` scores 2, at least `steps[3]` scores 5).
pub type Steps = [i64; 4];

crate::derive::openapi_derive! {
/// What the value sweep measured for one customer, with the windows ending at `as_of`. Money in
/// fen; the prior period is the 90 days before the last 90.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measures {
    pub shipments_30: i64,
    pub freight_30: i64,
    pub shipments_90: i64,
    pub freight_90: i64,
    pub shipments_365: i64,
    pub freight_365: i64,
    pub prior_shipments_90: i64,
    pub prior_freight_90: i64,
    pub lifetime_shipments: i64,
    pub lifetime_freight: i64,
    #[serde(default)]
    pub first_shipment_at: Option<String>,
    #[serde(default)]
    pub last_shipment_at: Option<String>,
    /// Whole days from the last shipment to `as_of`; none when the customer never shipped.
    #[serde(default)]
    pub recency_days: Option<i64>,
}

/// Recency, frequency and monetary scores, 1 (lowest) to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    pub r: i64,
    pub f: i64,
    pub m: i64,
}

/// What reaches a tier: an RFM total (3–15) and freight over the last 365 days, both at least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRule {
    #[cfg_attr(feature = "openapi", schemars(range(min = 3, max = 15)))]
    pub min_score: i64,
    /// Fen.
    #[cfg_attr(feature = "openapi", schemars(range(min = 0, max = 10_000_000_000i64)))]
    pub min_freight_365: i64,
}

/// The value rules an admin sets: how scores are given, what reaches each tier (customers below
/// the regular rule are potential), and when the lifecycle moves by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueRules {
    /// Days since the last shipment for R = 5, 4, 3, 2 (ascending, 1–3650).
    pub recency_days: Steps,
    /// Shipments in the last 365 days for F = 2, 3, 4, 5 (ascending, 1–10,000,000).
    pub frequency: Steps,
    /// Freight (fen) in the last 365 days for M = 2, 3, 4, 5 (ascending, 1–¥100 million).
    pub monetary: Steps,
    pub vip: TierRule,
    pub key: TierRule,
    pub regular: TierRule,
    /// No shipment in this many days: at risk (1–3650).
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 3650)))]
    pub at_risk_days: i64,
    /// Shipments of the last 90 days down at least this many percent against the 90 days before:
    /// at risk (0 switches the rule off; 1–100).
    #[cfg_attr(feature = "openapi", schemars(range(min = 0, max = 100)))]
    pub drop_percent: i64,
    /// The drop rule looks only at customers with at least this many shipments in the prior
    /// period, so that one parcel less is not a trend (1–10,000,000).
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 10_000_000)))]
    pub drop_min_prior: i64,
    /// No shipment in this many days: lost, involuntarily (more than `at_risk_days`; up to 3650).
    #[cfg_attr(feature = "openapi", schemars(range(min = 2, max = 3650)))]
    pub lost_days: i64,
    /// Read-only: bumped on every save; a save must send the version it read.
    #[serde(default)]
    pub version: i64,
}
}

impl Default for ValueRules {
    /// An express firm's starting point: a week's silence costs a point of R, a parcel a week
    /// makes F 4, ¥50,000 a year makes M 5; VIP at 13 and ¥50,000, key at 10 and ¥10,000,
    /// regular at 7; at risk after 30 quiet days or a halving, lost after 90.
    fn default() -> Self {
        ValueRules {
            recency_days: [7, 30, 90, 180],
            frequency: [4, 12, 52, 250],
            monetary: [50_000, 200_000, 1_000_000, 5_000_000],
            vip: TierRule { min_score: 13, min_freight_365: 5_000_000 },
            key: TierRule { min_score: 10, min_freight_365: 1_000_000 },
            regular: TierRule { min_score: 7, min_freight_365: 0 },
            at_risk_days: 30,
            drop_percent: 50,
            drop_min_prior: 10,
            lost_days: 90,
            version: 0,
        }
    }
}

/// Where a tier rule stands against the one above it: it must ask for less in at least one
/// measure and for no more in either, or nobody could ever land on it (an overlap).
fn weaker(lower: &TierRule, upper: &TierRule) -> bool {
    lower.min_score <= upper.min_score
        && lower.min_freight_365 <= upper.min_freight_365
        && (lower.min_score < upper.min_score || lower.min_freight_365 < upper.min_freight_365)
}

impl ValueRules {
    /// Checks a set of rules as a whole: steps strictly ascending and in range, each tier's rule
    /// below the one above it (no overlap; below regular is potential, so no gap), lost after at
    /// risk. Every problem is named by its field.
    pub fn validate(self) -> Result<ValueRules, FieldErrors> {
        let mut errors = FieldErrors::new();
        for (field, steps, max) in [
            ("recency_days", self.recency_days, MAX_DAYS),
            ("frequency", self.frequency, MAX_COUNT),
            ("monetary", self.monetary, MAX_FEN),
        ] {
            if steps.iter().any(|&s| s < 1 || s > max) {
                errors.insert(field, FieldIssue::OutOfRange { min: 1, max });
            } else if steps.windows(2).any(|w| w[0] >= w[1]) {
                errors.insert(field, FieldIssue::NotAscending);
            }
        }
        for (field, rule) in [("vip", &self.vip), ("key", &self.key), ("regular", &self.regular)] {
            if !(3..=15).contains(&rule.min_score) {
                errors.insert(field, FieldIssue::OutOfRange { min: 3, max: 15 });
            } else if !(0..=MAX_FEN).contains(&rule.min_freight_365) {
                errors.insert(field, FieldIssue::OutOfRange { min: 0, max: MAX_FEN });
            }
        }
        if !errors.contains_key("key") && !errors.contains_key("vip") && !weaker(&self.key, &self.vip) {
            errors.insert("key", FieldIssue::Overlap);
        }
        if !errors.contains_key("regular") && !errors.contains_key("key") && !weaker(&self.regular, &self.key)
        {
            errors.insert("regular", FieldIssue::Overlap);
        }
        for (field, v, min) in [("at_risk_days", self.at_risk_days, 1), ("lost_days", self.lost_days, 2)] {
            if !(min..=MAX_DAYS).contains(&v) {
                errors.insert(field, FieldIssue::OutOfRange { min, max: MAX_DAYS });
            }
        }
        if !errors.contains_key("lost_days") && self.lost_days <= self.at_risk_days {
            errors.insert("lost_days", FieldIssue::NotAscending);
        }
        if !(0..=100).contains(&self.drop_percent) {
            errors.insert("drop_percent", FieldIssue::OutOfRange { min: 0, max: 100 });
        }
        if !(1..=MAX_COUNT).contains(&self.drop_min_prior) {
            errors.insert("drop_min_prior", FieldIssue::OutOfRange { min: 1, max: MAX_COUNT });
        }
        if errors.is_empty() { Ok(self) } else { Err(errors) }
    }

    /// The scores of a customer that has shipped; none for one that never has.
    pub fn scores(&self, m: &Measures) -> Option<Scores> {
        let days = m.recency_days?;
        let r = 5 - self.recency_days.iter().take_while(|&&d| days > d).count() as i64;
        let up = |steps: &Steps, v: i64| 1 + steps.iter().take_while(|&&s| v >= s).count() as i64;
        Some(Scores { r, f: up(&self.frequency, m.shipments_365), m: up(&self.monetary, m.freight_365) })
    }

    /// The tier the rules give: the first rule, from VIP down, that the customer reaches; below
    /// them all, potential. None for a customer that never shipped: its tier stays as set.
    pub fn tier(&self, m: &Measures) -> Option<Tier> {
        let s = self.scores(m)?;
        let total = s.r + s.f + s.m;
        let reaches = |r: &TierRule| total >= r.min_score && m.freight_365 >= r.min_freight_365;
        Some(if reaches(&self.vip) {
            Tier::Vip
        } else if reaches(&self.key) {
            Tier::Key
        } else if reaches(&self.regular) {
            Tier::Regular
        } else {
            Tier::Potential
        })
    }

    /// Whether the last 90 days fell by the drop rule's share against the 90 days before.
    pub fn dropped(&self, m: &Measures) -> bool {
        self.drop_percent > 0
            && m.prior_shipments_90 >= self.drop_min_prior
            && (m.prior_shipments_90 - m.shipments_90) * 100 >= self.drop_percent * m.prior_shipments_90
    }

    /// Where the lifecycle moves by itself, if anywhere: `Some(next)` when the rules move the
    /// customer from `now`. Prospects and registered customers become active when they ship;
    /// shipping customers turn at risk when quiet for `at_risk_days` or dropping, lost when quiet
    /// for `lost_days`; an at-risk customer who ships steadily again returns to where it was
    /// (`before_risk`: contracted stays contracted); a lost one that ships after it was lost
    /// (`lost_at`, or lately when that is not known) is won back. A customer that never
    /// shipped is left as staff set it.
    pub fn next_status(
        &self,
        now: LifecycleStatus,
        m: &Measures,
        before_risk: Option<LifecycleStatus>,
        lost_at: Option<&str>,
    ) -> Option<LifecycleStatus> {
        use LifecycleStatus::*;
        let days = m.recency_days?;
        let quiet = days > self.at_risk_days;
        let gone = days > self.lost_days;
        let next = match now {
            Prospect | Registered if !quiet => Active,
            Prospect | Registered => now,
            Active | Contracted | WonBack if gone => Lost,
            Active | Contracted | WonBack if quiet || self.dropped(m) => AtRisk,
            Active | Contracted | WonBack => now,
            AtRisk if gone => Lost,
            AtRisk if !quiet && !self.dropped(m) => match before_risk {
                Some(s @ (Contracted | WonBack)) => s,
                _ => Active,
            },
            AtRisk => now,
            Lost => {
                let shipped_since = match (lost_at, m.last_shipment_at.as_deref()) {
                    (Some(lost), Some(last)) => last > lost,
                    _ => !quiet,
                };
                if shipped_since { WonBack } else { now }
            }
        };
        (next != now).then_some(next)
    }
}

/// Change in percent of `now` against `before` (rounded toward zero); none when there was
/// nothing before to compare with.
pub fn trend_percent(now: i64, before: i64) -> Option<i64> {
    (before > 0).then(|| (now - before) * 100 / before)
}

crate::derive::openapi_derive! {
/// One change of a customer's tier: by a person (with their reason) or by the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierChange {
    pub from_tier: Option<Tier>,
    pub to_tier: Tier,
    pub at: String,
    /// None when the rules moved it.
    pub actor_name: Option<String>,
    pub reason: String,
}

/// One lifecycle change, by a person or by the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub from_status: Option<LifecycleStatus>,
    pub to_status: LifecycleStatus,
    pub at: String,
    /// None when the rules moved it.
    pub actor_name: Option<String>,
    pub reason: String,
}

/// A customer's value as its profile shows it: the measures and scores of the last sweep (none
/// before the first), the tier the rules would give, whether a person's choice holds it, and
/// both histories, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerValue {
    pub customer_id: i64,
    pub tier: Tier,
    /// A person set the tier: the rules leave it until released.
    pub tier_locked: bool,
    pub version: i64,
    #[serde(default)]
    pub measures: Option<Measures>,
    #[serde(default)]
    pub scores: Option<Scores>,
    /// What the rules give now (none before the first shipment).
    #[serde(default)]
    pub rule_tier: Option<Tier>,
    /// Shipments of the last 90 days against the 90 before, in percent.
    #[serde(default)]
    pub trend_percent: Option<i64>,
    /// When the measures were taken.
    #[serde(default)]
    pub as_of: Option<String>,
    pub tier_history: Vec<TierChange>,
    pub status_history: Vec<StatusChange>,
}

/// One layer of the value pyramid: its customers (those that shipped in the last 365 days
/// among them), their freight, and how many owe money. Money in fen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PyramidLayer {
    pub tier: Tier,
    pub customers: i64,
    pub shipping: i64,
    pub freight_365: i64,
    pub lifetime_freight: i64,
    pub in_arrears: i64,
}

/// The value pyramid of an org's subtree (or the firm), VIP first, every tier present, as of the
/// last nightly pass (none before the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pyramid {
    pub layers: Vec<PyramidLayer>,
    #[serde(default)]
    pub as_of: Option<String>,
}

/// A customer at risk of being lost, as the win-back list shows it: its owner, how long it has
/// been quiet, its volume against the period before, what it is worth, and whether a follow-up
/// is already planned for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtRiskCustomer {
    pub id: i64,
    pub name: String,
    pub tier: Tier,
    #[serde(default)]
    pub owner_id: Option<i64>,
    #[serde(default)]
    pub owner_name: Option<String>,
    #[serde(default)]
    pub last_shipment_at: Option<String>,
    #[serde(default)]
    pub recency_days: Option<i64>,
    #[serde(default)]
    pub shipments_90: i64,
    #[serde(default)]
    pub prior_shipments_90: i64,
    /// Fen.
    #[serde(default)]
    pub freight_365: i64,
    /// A planned interaction (a win-back call, a visit) is waiting.
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub follow_up_planned: bool,
}

/// A person's choice of tier (it sticks: the rules leave it), or `tier` none to hand the
/// customer back to the rules. `version` is the customer's, as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierOverride {
    #[serde(default)]
    pub tier: Option<Tier>,
    /// Why (required when choosing a tier; at most 200 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub reason: String,
    pub version: i64,
}
}

impl TierOverride {
    /// The reason, trimmed: required with a tier, at most 200 characters.
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let reason = self.reason.trim().to_string();
        let mut errors = FieldErrors::new();
        if reason.chars().count() > 200 {
            errors.insert("reason", FieldIssue::TooLong { max: 200 });
        } else if self.tier.is_some() && reason.is_empty() {
            errors.insert("reason", FieldIssue::Required);
        }
        if errors.is_empty() { Ok(reason) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LifecycleStatus::*;

    fn shipping(days: i64, n365: i64, freight365: i64) -> Measures {
        Measures {
            shipments_365: n365,
            freight_365: freight365,
            shipments_90: n365 / 4,
            prior_shipments_90: n365 / 4,
            lifetime_shipments: n365,
            lifetime_freight: freight365,
            last_shipment_at: Some("2026-11-01T00:00:00.000Z".into()),
            recency_days: Some(days),
            ..Measures::default()
        }
    }

    #[test]
    fn scores_follow_the_steps_at_their_edges() {
        let r = ValueRules::default();
        let s = |d, n, f| r.scores(&shipping(d, n, f)).map(|s| (s.r, s.f, s.m));
        assert_eq!(s(0, 0, 0), Some((5, 1, 1)));
        assert_eq!(s(7, 4, 50_000), Some((5, 2, 2)));
        assert_eq!(s(8, 3, 49_999), Some((4, 1, 1)));
        assert_eq!(s(180, 250, 5_000_000), Some((2, 5, 5)));
        assert_eq!(s(181, 251, 9_000_000), Some((1, 5, 5)));
        assert_eq!(r.scores(&Measures::default()), None);
    }

    #[test]
    fn tiers_come_from_the_first_rule_reached() {
        let r = ValueRules::default();
        assert_eq!(r.tier(&shipping(1, 400, 6_000_000)), Some(Tier::Vip));
        // A perfect score without the freight is key, not VIP.
        assert_eq!(r.tier(&shipping(1, 400, 4_999_999)), Some(Tier::Key));
        assert_eq!(r.tier(&shipping(3, 30, 120_000)), Some(Tier::Regular));
        assert_eq!(r.tier(&shipping(60, 10, 30_000)), Some(Tier::Potential));
        assert_eq!(r.tier(&Measures::default()), None);
    }

    #[test]
    fn overlapping_or_unordered_rules_are_refused_by_field() {
        let ok = ValueRules::default().validate();
        assert!(ok.is_ok());
        let d = ValueRules::default();
        let r = ValueRules {
            key: d.vip,
            recency_days: [7, 7, 90, 180],
            lost_days: 30,
            monetary: [0, 1, 2, 3],
            ..d.clone()
        };
        let e = r.validate().err().unwrap_or_default();
        assert_eq!(e.get("key"), Some(&FieldIssue::Overlap));
        assert_eq!(e.get("recency_days"), Some(&FieldIssue::NotAscending));
        assert_eq!(e.get("lost_days"), Some(&FieldIssue::NotAscending));
        assert_eq!(e.get("monetary"), Some(&FieldIssue::OutOfRange { min: 1, max: MAX_FEN }));
        assert_eq!(e.len(), 4);
        // Asking for more freight but a lower score is neither weaker nor stronger: an overlap.
        let r = ValueRules {
            regular: TierRule { min_score: 5, min_freight_365: 2_000_000 },
            ..ValueRules::default()
        };
        assert_eq!(r.validate().err().unwrap_or_default().get("regular"), Some(&FieldIssue::Overlap));
    }

    #[test]
    fn the_lifecycle_moves_by_the_rules() {
        let r = ValueRules::default();
        let steady = shipping(3, 100, 1_000_000);
        assert_eq!(r.next_status(Prospect, &steady, None, None), Some(Active));
        assert_eq!(r.next_status(Active, &steady, None, None), None);
        assert_eq!(r.next_status(Contracted, &shipping(31, 100, 1), None, None), Some(AtRisk));
        assert_eq!(r.next_status(Active, &shipping(91, 100, 1), None, None), Some(Lost));
        assert_eq!(r.next_status(AtRisk, &shipping(91, 100, 1), None, None), Some(Lost));
        // Back from risk to where it was.
        assert_eq!(r.next_status(AtRisk, &steady, Some(Contracted), None), Some(Contracted));
        assert_eq!(r.next_status(AtRisk, &steady, Some(Active), None), Some(Active));
        // Halved: 20 in the prior 90 days, 10 in the last.
        let mut halved = steady.clone();
        (halved.prior_shipments_90, halved.shipments_90) = (20, 10);
        assert_eq!(r.next_status(Active, &halved, None, None), Some(AtRisk));
        halved.shipments_90 = 11;
        assert_eq!(r.next_status(Active, &halved, None, None), None);
        // Too few before to call it a trend.
        (halved.prior_shipments_90, halved.shipments_90) = (9, 0);
        assert_eq!(r.next_status(Active, &halved, None, None), None);
        // Won back when it ships after it was lost.
        let lost_at = Some("2026-10-01T00:00:00.000Z");
        assert_eq!(r.next_status(Lost, &steady, None, lost_at), Some(WonBack));
        assert_eq!(r.next_status(Lost, &steady, None, Some("2026-11-02T00:00:00.000Z")), None);
        assert_eq!(r.next_status(Lost, &shipping(100, 1, 1), None, None), None);
        // Never shipped: left as staff set it.
        assert_eq!(r.next_status(Lost, &Measures::default(), None, None), None);
        assert_eq!(r.next_status(Prospect, &Measures::default(), None, None), None);
    }

    #[test]
    fn trend_and_override_reason() {
        assert_eq!(trend_percent(5, 10), Some(-50));
        assert_eq!(trend_percent(15, 10), Some(50));
        assert_eq!(trend_percent(3, 0), None);
        let o = TierOverride { tier: Some(Tier::Vip), reason: "  ".into(), version: 1 };
        assert_eq!(o.validate().err().unwrap_or_default().get("reason"), Some(&FieldIssue::Required));
        let o = TierOverride { tier: None, reason: String::new(), version: 1 };
        assert_eq!(o.validate().ok(), Some(String::new()));
    }
}
