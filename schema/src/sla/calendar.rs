//! Business time: a firm's (or an org's) working hours per weekday, public holidays and the
//! make-up working days China moves around them (调休), in a fixed UTC offset. Instants are unix
//! seconds; SLA targets count only the seconds that fall inside working hours.
//!
//! Fixed offsets, not IANA zones: China has one zone and no daylight saving, and a zone database
//! would cost both wasm bundles far more than this file.

use crate::{FieldErrors, FieldIssue};

/// Days searched before giving up (a calendar with no working day at all): ten years.
const MAX_DAYS: i64 = 3660;
const DAY: i64 = 86_400;

/// A checked calendar, ready for arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// Seconds east of UTC (Asia/Shanghai: 28,800).
    offset_s: i64,
    /// Monday first: working hours as seconds after local midnight, `None` when closed.
    week: [Option<(i64, i64)>; 7],
    /// Local days (days since 1970-01-01) that are closed, sorted.
    holidays: Vec<i64>,
    /// Local days that are working days although their weekday is closed, sorted; they keep
    /// the hours of the first open weekday.
    workdays: Vec<i64>,
}

impl Default for Calendar {
    /// Asia/Shanghai, Monday to Friday 09:00–18:00, no holidays.
    fn default() -> Self {
        let day = Some((9 * 3600, 18 * 3600));
        Calendar {
            offset_s: 8 * 3600,
            week: [day, day, day, day, day, None, None],
            holidays: Vec::new(),
            workdays: Vec::new(),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` → days since 1970-01-01, checking the date exists.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<i64>().ok());
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&m) || d < 1 || d > days_in[(m - 1) as usize] {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// `HH:MM-HH:MM` → seconds after midnight (end after start; `24:00` allowed as an end).
pub fn parse_hours(s: &str) -> Option<(i64, i64)> {
    let (a, b) = s.trim().split_once('-')?;
    let hm = |t: &str| -> Option<i64> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
        ((0..=24).contains(&h) && (0..60).contains(&m) && h * 60 + m <= 1440).then_some((h * 60 + m) * 60)
    };
    let (start, end) = (hm(a)?, hm(b)?);
    (start < end).then_some((start, end))
}

impl Calendar {
    /// Builds a calendar from its editable form; field errors name what is wrong.
    pub fn parse(
        utc_offset_min: i64,
        week: &[String],
        holidays: &[String],
        workdays: &[String],
    ) -> Result<Calendar, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !(-720..=840).contains(&utc_offset_min) {
            errors.insert("utc_offset_min", FieldIssue::InvalidChoice);
        }
        let mut days = [None; 7];
        if week.len() != 7 {
            errors.insert("week", FieldIssue::InvalidChoice);
        }
        for (i, w) in week.iter().take(7).enumerate() {
            if w.trim().is_empty() {
                continue;
            }
            match parse_hours(w) {
                Some(h) => days[i] = Some(h),
                None => {
                    errors.insert("week", FieldIssue::InvalidChoice);
                }
            }
        }
        if days.iter().all(Option::is_none) {
            errors.entry("week").or_insert(FieldIssue::Required);
        }
        let mut dates = |field: &'static str, list: &[String]| -> Vec<i64> {
            if list.len() > 400 {
                errors.insert(field, FieldIssue::TooMany { max: 400 });
            }
            let mut out: Vec<i64> = list
                .iter()
                .filter_map(|d| {
                    let p = parse_date(d.trim());
                    if p.is_none() {
                        errors.insert(field, FieldIssue::InvalidDate);
                    }
                    p
                })
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        };
        let holidays = dates("holidays", holidays);
        let workdays = dates("workdays", workdays);
        if errors.is_empty() {
            Ok(Calendar { offset_s: utc_offset_min * 60, week: days, holidays, workdays })
        } else {
            Err(errors)
        }
    }

    /// The local day an instant falls on.
    fn day_of(&self, t: i64) -> i64 {
        (t + self.offset_s).div_euclid(DAY)
    }

    /// The working interval of a local day, as unix seconds.
    fn open(&self, day: i64) -> Option<(i64, i64)> {
        let hours = if self.holidays.binary_search(&day).is_ok() {
            None
        } else {
            // 1970-01-01 was a Thursday: Monday = 0.
            let wd = (day + 3).rem_euclid(7) as usize;
            match self.week[wd] {
                Some(h) => Some(h),
                None if self.workdays.binary_search(&day).is_ok() => {
                    self.week.iter().flatten().next().copied()
                }
                None => None,
            }
        }?;
        let midnight = day * DAY - self.offset_s;
        Some((midnight + hours.0, midnight + hours.1))
    }

    /// The instant `secs` of business time after `t` (before it, when negative). Zero is `t`
    /// itself; a positive amount starting outside working hours starts at the next opening.
    pub fn add(&self, t: i64, secs: i64) -> i64 {
        if secs == 0 {
            return t;
        }
        let mut left = secs.abs();
        let mut day = self.day_of(t);
        for _ in 0..MAX_DAYS {
            if let Some((s, e)) = self.open(day) {
                if secs > 0 {
                    let from = s.max(t);
                    if from < e {
                        if left <= e - from {
                            return from + left;
                        }
                        left -= e - from;
                    }
                } else {
                    let to = e.min(t);
                    if to > s {
                        if left <= to - s {
                            return to - left;
                        }
                        left -= to - s;
                    }
                }
            }
            day += secs.signum();
        }
        t + secs.signum() * left
    }

    /// Business seconds from `a` to `b`; negative when `b` is earlier.
    pub fn between(&self, a: i64, b: i64) -> i64 {
        if b < a {
            return -self.between(b, a);
        }
        let (first, last) = (self.day_of(a), self.day_of(b));
        let mut total = 0;
        let mut day = first;
        while day <= last && day - first < MAX_DAYS {
            if let Some((s, e)) = self.open(day) {
                total += (e.min(b) - s.max(a)).max(0);
            }
            day += 1;
        }
        total
    }

    /// Whether `t` falls inside working hours.
    pub fn is_open_at(&self, t: i64) -> bool {
        self.open(self.day_of(t)).is_some_and(|(s, e)| s <= t && t < e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-10-01 00:00 in Shanghai (a Thursday, National Day).
    fn sh(date: &str, h: i64, m: i64) -> i64 {
        parse_date(date).unwrap_or_default() * DAY - 8 * 3600 + (h * 60 + m) * 60
    }

    fn golden_week() -> Calendar {
        let days: Vec<String> = (1..=8).map(|d| format!("2026-10-{d:02}")).collect();
        Calendar::parse(
            480,
            &["09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-18:00", "", ""]
                .map(String::from),
            &days,
            &["2026-09-27".to_string(), "2026-10-10".to_string()],
        )
        .unwrap_or_default()
    }

    #[test]
    fn dates_and_hours_parse_strictly() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2026-12-01"), Some(20_788));
        assert_eq!(parse_date("2026-02-29"), None);
        assert_eq!(parse_date("2024-02-29"), Some(days_from_civil(2024, 2, 29)));
        assert_eq!(parse_date("2026-1-01"), None);
        assert_eq!(parse_hours("09:00-18:00"), Some((32_400, 64_800)));
        assert_eq!(parse_hours("18:00-09:00"), None);
        assert_eq!(parse_hours("00:00-24:00"), Some((0, 86_400)));
        assert_eq!(parse_hours("9-18"), None);
        let e = Calendar::parse(480, &vec![String::new(); 7], &["2026-13-01".into()], &[])
            .err()
            .unwrap_or_default();
        assert_eq!(e.get("week"), Some(&FieldIssue::Required));
        assert_eq!(e.get("holidays"), Some(&FieldIssue::InvalidDate));
    }

    #[test]
    fn adding_skips_nights_weekends_and_holidays() {
        let c = Calendar::default();
        // Monday 2026-11-30 17:00 + 2 h → Tuesday 10:00.
        assert_eq!(c.add(sh("2026-11-30", 17, 0), 2 * 3600), sh("2026-12-01", 10, 0));
        // Friday 17:30 + 1 h → Monday 09:30.
        assert_eq!(c.add(sh("2026-12-04", 17, 30), 3600), sh("2026-12-07", 9, 30));
        // Opened on Saturday night: the clock starts on Monday morning.
        assert_eq!(c.add(sh("2026-12-05", 22, 0), 30 * 60), sh("2026-12-07", 9, 30));
        // Exactly the day's remaining time ends at closing, not the next morning.
        assert_eq!(c.add(sh("2026-11-30", 17, 0), 3600), sh("2026-11-30", 18, 0));
        // Backwards: one hour before Monday 09:30 is Friday 17:30.
        assert_eq!(c.add(sh("2026-12-07", 9, 30), -3600), sh("2026-12-04", 17, 30));
        // National Day week: a request on 30 September 17:00 with 2 h is due on 9 October
        // (the 1st–8th are holidays; the 9th is a Friday).
        let g = golden_week();
        assert_eq!(g.add(sh("2026-09-30", 17, 0), 2 * 3600), sh("2026-10-09", 10, 0));
        // A make-up Saturday (10 October) works Monday's hours.
        assert_eq!(g.add(sh("2026-10-09", 17, 0), 2 * 3600), sh("2026-10-10", 10, 0));
        assert!(g.is_open_at(sh("2026-09-27", 9, 0)) && !g.is_open_at(sh("2026-10-05", 10, 0)));
    }

    #[test]
    fn between_is_the_inverse_of_add() {
        let cals = [Calendar::default(), golden_week()];
        for c in &cals {
            for start in [sh("2026-09-30", 17, 0), sh("2026-12-05", 3, 0), sh("2026-12-01", 12, 34)] {
                for secs in [1, 59, 3600, 9 * 3600, 40 * 3600, 200 * 3600] {
                    let end = c.add(start, secs);
                    assert_eq!(c.between(start, end), secs, "{start} + {secs}");
                    assert_eq!(c.between(end, start), -secs);
                    assert_eq!(
                        c.add(end, -secs).max(start),
                        c.add(end, -secs),
                        "backwards lands after start"
                    );
                    assert_eq!(c.between(c.add(end, -secs), end), secs);
                }
            }
        }
        // Nothing but a weekend between: no business time.
        let c = Calendar::default();
        assert_eq!(c.between(sh("2026-12-05", 8, 0), sh("2026-12-06", 20, 0)), 0);
    }

    #[test]
    fn other_offsets_and_round_the_clock_desks() {
        let always = Calendar::parse(0, &vec!["00:00-24:00".to_string(); 7], &[], &[]).unwrap_or_default();
        assert_eq!(always.add(1_000, 86_400 * 3), 1_000 + 86_400 * 3);
        assert_eq!(always.between(5, 86_400 * 2 + 5), 86_400 * 2);
    }
}
