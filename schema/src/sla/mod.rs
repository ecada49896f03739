//! Service levels (SLA) for service requests: policies per kind × customer tier (VIP gets the
//! green channel: shorter targets), first-response and resolution targets in business time
//! ([`calendar`]), and the clock that pauses, stops and resumes with the request's status
//! ([`clock`]). The worker stores the clock on the request and a Cron sweep walks the escalation
//! ladder (warn → supervisor → manager) from the instants computed here.

pub mod calendar;
pub mod clock;

use serde::{Deserialize, Serialize};

use crate::customer::Tier;
use crate::request_status::RequestKind;
use crate::{FieldErrors, FieldIssue};
pub use calendar::Calendar;
pub use clock::{Clock, Marks, Targets};

/// Longest target accepted: 30 business days of 24 hours, in minutes.
pub const MAX_TARGET_MIN: i64 = 30 * 24 * 60;

crate::derive::openapi_derive! {
/// One SLA policy: the targets for a request kind, for one customer tier or any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaPolicy {
    pub kind: RequestKind,
    /// `None`: every tier without a policy of its own.
    #[serde(default)]
    pub tier: Option<Tier>,
    /// Business minutes to the first answer.
    pub first_response_min: i64,
    /// Business minutes to resolution (waiting for the customer does not count).
    pub resolve_min: i64,
    /// Warn the assignee this many business minutes before a deadline.
    pub warn_before_min: i64,
    /// Tell the manager this many business minutes after a missed deadline (the supervisor is
    /// told when it is missed).
    pub escalate_after_min: i64,
}

/// A business calendar as admins edit it: the firm's default (`org_id` none) or an org's own,
/// which its subtree inherits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    #[serde(default)]
    pub org_id: Option<i64>,
    /// Filled in answers (ignored when sent back).
    #[serde(default)]
    pub org_name: Option<String>,
    /// Minutes east of UTC; 480 is Asia/Shanghai.
    pub utc_offset_min: i64,
    /// Monday first, seven entries: `09:00-18:00`, or empty when closed.
    pub week: Vec<String>,
    /// Closed days, `YYYY-MM-DD` (public holidays).
    #[serde(default)]
    pub holidays: Vec<String>,
    /// Working days whose weekday is normally closed (调休), `YYYY-MM-DD`.
    #[serde(default)]
    pub workdays: Vec<String>,
}

/// Where a request's SLA clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SlaState {
    #[default]
    Running,
    /// Waiting for the customer.
    Paused,
    /// Resolved or closed.
    Stopped,
}

/// A request's SLA: targets and clock as stored, and — computed by the server at read time in
/// the owning org's calendar — the time left and whether a target was missed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Sla {
    pub first_response_min: i64,
    pub resolve_min: i64,
    #[serde(default)]
    pub warn_before_min: i64,
    #[serde(default)]
    pub escalate_after_min: i64,
    pub first_response_due: Option<String>,
    pub first_response_at: Option<String>,
    /// While the clock runs.
    pub resolve_due: Option<String>,
    /// While paused or stopped: business seconds that were left (negative: overrun).
    pub remaining_s: Option<i64>,
    /// 0 nothing yet, 1 warned, 2 breached (supervisor told), 3 escalated to the manager.
    pub level: i64,
    #[serde(default)]
    pub state: SlaState,
    /// The deadline watched now: a pending first response, else the resolution.
    #[serde(default)]
    pub deadline: Option<String>,
    /// Business seconds to that deadline (negative: overdue); while held, what was left.
    #[serde(default)]
    pub left_s: Option<i64>,
    #[serde(default)]
    pub breached: bool,
    /// Which calendar applies (the request's org path); not sent out.
    #[serde(default, skip_serializing)]
    pub org_path: String,
}
}

impl SlaPolicy {
    pub fn targets(&self) -> Targets {
        Targets::from_minutes(
            self.first_response_min,
            self.resolve_min,
            self.warn_before_min,
            self.escalate_after_min,
        )
    }
}

/// The policy for a request: the kind's policy for the customer's tier, else the kind's
/// policy for any tier.
pub fn pick(policies: &[SlaPolicy], kind: RequestKind, tier: Option<Tier>) -> Option<&SlaPolicy> {
    policies
        .iter()
        .find(|p| p.kind == kind && p.tier.is_some() && p.tier == tier)
        .or_else(|| policies.iter().find(|p| p.kind == kind && p.tier.is_none()))
}

/// Checks a whole policy table (admins replace it as a whole): targets within 1 minute … 30
/// days, the first response no later than resolution, one policy per kind × tier.
pub fn validate_policies(rows: &[SlaPolicy]) -> Result<Vec<SlaPolicy>, FieldErrors> {
    let mut errors = FieldErrors::new();
    if rows.len() > 100 {
        errors.insert("rows", FieldIssue::TooMany { max: 100 });
    }
    for (i, p) in rows.iter().enumerate() {
        for (field, v, min) in [
            ("first_response_min", p.first_response_min, 1),
            ("resolve_min", p.resolve_min, 1),
            ("warn_before_min", p.warn_before_min, 0),
            ("escalate_after_min", p.escalate_after_min, 0),
        ] {
            if v < min || v > MAX_TARGET_MIN {
                errors.entry(field).or_insert(FieldIssue::InvalidNumber);
            }
        }
        if p.first_response_min > p.resolve_min {
            errors.entry("first_response_min").or_insert(FieldIssue::InvalidNumber);
        }
        if rows[..i].iter().any(|q| q.kind == p.kind && q.tier == p.tier) {
            errors.entry("kind").or_insert(FieldIssue::Taken);
        }
    }
    if errors.is_empty() { Ok(rows.to_vec()) } else { Err(errors) }
}

impl CalendarSpec {
    /// The firm's default: Asia/Shanghai, Monday–Friday 09:00–18:00.
    pub fn standard() -> CalendarSpec {
        let day = "09:00-18:00".to_string();
        CalendarSpec {
            org_id: None,
            org_name: None,
            utc_offset_min: 480,
            week: vec![day.clone(), day.clone(), day.clone(), day.clone(), day, String::new(), String::new()],
            holidays: Vec::new(),
            workdays: Vec::new(),
        }
    }

    pub fn calendar(&self) -> Result<Calendar, FieldErrors> {
        Calendar::parse(self.utc_offset_min, &self.week, &self.holidays, &self.workdays)
    }
}

/// Checks every calendar of the list (one per org at most, one firm default).
pub fn validate_calendars(rows: &[CalendarSpec]) -> Result<Vec<CalendarSpec>, FieldErrors> {
    let mut errors = FieldErrors::new();
    if rows.len() > 200 {
        errors.insert("rows", FieldIssue::TooMany { max: 200 });
    }
    for (i, c) in rows.iter().enumerate() {
        if let Err(e) = c.calendar() {
            for (k, v) in e {
                errors.entry(k).or_insert(v);
            }
        }
        if rows[..i].iter().any(|d| d.org_id == c.org_id) {
            errors.entry("org_id").or_insert(FieldIssue::Taken);
        }
    }
    if errors.is_empty() { Ok(rows.to_vec()) } else { Err(errors) }
}

/// Parses a stored UTC instant (`2026-12-01T07:32:35.123Z`, RFC 3339 with `Z`) to unix seconds.
pub fn parse_utc(s: &str) -> Option<i64> {
    let day = calendar::parse_date(s.get(..10)?)?;
    let b = s.as_bytes();
    if b.get(10) != Some(&b'T') || b.get(13) != Some(&b':') || b.get(16) != Some(&b':') || !s.ends_with('Z') {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (n(11..13)?, n(14..16)?, n(17..19)?);
    (h < 24 && m < 60 && sec < 61).then_some(day * 86_400 + h * 3600 + m * 60 + sec)
}

/// Unix seconds as stored: `2026-12-01T07:32:35.000Z`.
pub fn format_utc(t: i64) -> String {
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    // H. Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.000Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// The policies a new firm starts with (business minutes; a working day is 540): complaints and
/// pickup problems answered within the hour, claims settled in the three working days the canned
/// reply promises; VIP customers get half the time (the green channel).
pub fn default_policies() -> Vec<SlaPolicy> {
    use RequestKind::*;
    let p = |kind, tier, fr, res| SlaPolicy {
        kind,
        tier,
        first_response_min: fr,
        resolve_min: res,
        warn_before_min: (res / 5).min(120),
        escalate_after_min: (res / 2).min(540),
    };
    vec![
        p(Inquiry, None, 120, 1080),
        p(Inquiry, Some(Tier::Vip), 30, 540),
        p(Complaint, None, 60, 1080),
        p(Complaint, Some(Tier::Vip), 30, 540),
        p(Claim, None, 240, 1620),
        p(Claim, Some(Tier::Vip), 120, 1080),
        p(Consultation, None, 240, 1080),
        p(Suggestion, None, 480, 2700),
        p(PickupProblem, None, 60, 540),
        p(PickupProblem, Some(Tier::Vip), 30, 270),
    ]
}

/// Which calendar applies to an org: the deepest of its own and its ancestors' (by materialised
/// path `/1/3/7/`), else the firm's default, else the standard one.
pub fn calendar_for<'a>(specs: &'a [(Option<String>, Calendar)], org_path: &str) -> &'a Calendar {
    static STANDARD: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
    specs
        .iter()
        .filter(|(p, _)| p.as_deref().is_some_and(|p| org_path.starts_with(p)))
        .max_by_key(|(p, _)| p.as_deref().map_or(0, str::len))
        .or_else(|| specs.iter().find(|(p, _)| p.is_none()))
        .map(|(_, c)| c)
        .unwrap_or_else(|| STANDARD.get_or_init(Calendar::default))
}

/// The clock's columns as stored (`service_requests.sla_*`, `fr_*`, `resolve_due_at`), in the
/// order of [`Stored::COLUMNS`].
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub targets: Targets,
    pub clock: Clock,
    pub marks: Option<Marks>,
}

impl Stored {
    pub const COLUMNS: [&'static str; 13] = [
        "sla_fr_min",
        "sla_resolve_min",
        "sla_warn_min",
        "sla_escalate_min",
        "fr_due_at",
        "fr_at",
        "resolve_due_at",
        "sla_remaining_s",
        "sla_level",
        "sla_due_at",
        "sla_warn_at",
        "sla_escalate_at",
        "sla_next_at",
    ];

    pub fn new(targets: Targets, clock: Clock, cal: &Calendar) -> Stored {
        Stored { targets, marks: clock.marks(&targets, cal), clock }
    }

    /// Text values (instants) and numbers, column by column.
    pub fn values(&self) -> [StoredValue; 13] {
        use StoredValue::{Int, Text};
        let t = self.targets;
        let (c, m) = (self.clock, self.marks);
        let at = |v: Option<i64>| Text(v.map(format_utc));
        [
            Int(Some(t.first_response / 60)),
            Int(Some(t.resolve / 60)),
            Int(Some(t.warn / 60)),
            Int(Some(t.escalate / 60)),
            at(c.fr_due),
            at(c.fr_at),
            at(c.due),
            Int(c.remaining),
            Int(Some(c.level)),
            at(m.map(|m| m.deadline)),
            at(m.map(|m| m.warn)),
            at(m.map(|m| m.escalate)),
            at(m.and_then(|m| m.next)),
        ]
    }
}

/// One stored column's value.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredValue {
    Int(Option<i64>),
    Text(Option<String>),
}

impl Sla {
    pub fn targets(&self) -> Targets {
        Targets::from_minutes(
            self.first_response_min,
            self.resolve_min,
            self.warn_before_min,
            self.escalate_after_min,
        )
    }

    /// The stored clock in seconds.
    pub fn clock(&self) -> Clock {
        let t = |s: &Option<String>| s.as_deref().and_then(parse_utc);
        Clock {
            fr_due: t(&self.first_response_due),
            fr_at: t(&self.first_response_at),
            due: t(&self.resolve_due),
            remaining: if self.resolve_due.is_some() { None } else { self.remaining_s },
            level: self.level,
        }
    }

    /// Fills the computed fields for `now` in the calendar that applies.
    pub fn compute(&mut self, status: crate::request_status::RequestStatus, now: i64, cal: &Calendar) {
        let c = self.clock();
        self.state = if !status.is_open() {
            SlaState::Stopped
        } else if clock::runs_in(status) {
            SlaState::Running
        } else {
            SlaState::Paused
        };
        self.deadline = c.deadline().map(format_utc);
        self.left_s = c.left(now, cal);
        self.breached = c.breached(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_round_trips() {
        for t in [0, 1_764_575_555, 1_798_761_599, 951_782_400] {
            assert_eq!(parse_utc(&format_utc(t)), Some(t), "{t}");
        }
        assert_eq!(format_utc(1_764_575_555), "2025-12-01T07:52:35.000Z");
        assert_eq!(parse_utc("2026-12-01T07:32:35.123Z"), parse_utc("2026-12-01T07:32:35Z"));
        assert_eq!(parse_utc("2026-12-01 07:32:35"), None);
    }

    #[test]
    fn vip_gets_its_own_policy_and_others_the_kinds() {
        let p = default_policies();
        let vip = pick(&p, RequestKind::Complaint, Some(Tier::Vip)).map(|p| p.resolve_min);
        let key = pick(&p, RequestKind::Complaint, Some(Tier::Key)).map(|p| p.resolve_min);
        assert_eq!((vip, key), (Some(540), Some(1080)));
        assert_eq!(pick(&p, RequestKind::Suggestion, Some(Tier::Vip)).map(|p| p.resolve_min), Some(2700));
        assert!(validate_policies(&p).is_ok());
        let mut bad = p.clone();
        bad.push(p[0].clone());
        bad[1].first_response_min = bad[1].resolve_min + 1;
        let e = validate_policies(&bad).err().unwrap_or_default();
        assert_eq!(e.get("kind"), Some(&FieldIssue::Taken));
        assert_eq!(e.get("first_response_min"), Some(&FieldIssue::InvalidNumber));
    }

    #[test]
    fn the_deepest_calendar_applies() {
        let hub = Calendar::parse(480, &vec!["08:00-20:00".to_string(); 7], &[], &[]).unwrap_or_default();
        let firm = Calendar::default();
        let specs = vec![(None, firm.clone()), (Some("/1/5/".to_string()), hub.clone())];
        assert_eq!(calendar_for(&specs, "/1/5/9/"), &hub);
        assert_eq!(calendar_for(&specs, "/1/50/"), &firm, "/1/5/ is not an ancestor of /1/50/");
        assert_eq!(calendar_for(&[], "/1/"), &Calendar::default());
    }
}

crate::derive::openapi_derive! {
/// Something staff are told: an SLA about to be missed, missed, or escalated; a complaint that
/// needs a supervisor's eye.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffNotice {
    pub id: i64,
    /// `sla_warn`, `sla_breach`, `sla_escalate`, `complaint_alert`.
    pub kind: String,
    pub request_id: i64,
    pub number: String,
    pub subject: String,
    /// The deadline it is about (SLA notices).
    pub due_at: String,
    pub created_at: String,
    pub read_at: Option<String>,
}

/// `POST /api/v1/notices/read`: these (or, empty, all of mine) are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct NoticesRead {
    #[serde(default)]
    pub ids: Vec<i64>,
}

/// `GET /api/v1/notices/unread`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct UnreadCount {
    pub n: i64,
}
}
