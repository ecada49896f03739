//! A request's SLA clock as a pure state machine over unix seconds and a [`Calendar`]: started
//! when the request is opened, paused while it waits for the customer, stopped when resolved or
//! closed, resumed on reopening — always keeping the business time that was left, so a pause
//! over a weekend or a holiday costs nothing and gains nothing.

use super::calendar::Calendar;
use crate::request_status::RequestStatus;

/// A policy's targets, in business seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Targets {
    pub first_response: i64,
    pub resolve: i64,
    /// Warn this long before the deadline.
    pub warn: i64,
    /// Escalate to the manager this long after it.
    pub escalate: i64,
}

impl Targets {
    /// Targets given in minutes, as policies and requests store them.
    pub fn from_minutes(first_response: i64, resolve: i64, warn: i64, escalate: i64) -> Targets {
        Targets {
            first_response: first_response * 60,
            resolve: resolve * 60,
            warn: warn * 60,
            escalate: escalate * 60,
        }
    }
}

/// Where the clock of a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clock {
    /// When the first response is due (kept after it happened, to tell if it was late).
    pub fr_due: Option<i64>,
    /// When staff first answered (a public reply, a question to the customer, the resolution).
    pub fr_at: Option<i64>,
    /// When resolution is due, while the clock runs.
    pub due: Option<i64>,
    /// Business seconds that were left when the clock paused or stopped (negative: overrun).
    pub remaining: Option<i64>,
    /// How far the escalation ladder went: 0 nothing, 1 warned, 2 breached (supervisor told),
    /// 3 escalated to the manager.
    pub level: i64,
}

/// The instants the sweep acts on, for the deadline the ladder watches now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    pub deadline: i64,
    pub warn: i64,
    pub escalate: i64,
    /// The next one still to act on for the clock's level (none after the manager was told).
    pub next: Option<i64>,
}

/// Whether the resolution clock runs in a status (open and not waiting for the customer).
pub fn runs_in(s: RequestStatus) -> bool {
    s.is_open() && s != RequestStatus::WaitingCustomer
}

impl Clock {
    /// The clock of a request opened at `at`.
    pub fn start(t: &Targets, at: i64, cal: &Calendar) -> Clock {
        Clock {
            fr_due: Some(cal.add(at, t.first_response)),
            due: Some(cal.add(at, t.resolve)),
            ..Clock::default()
        }
    }

    pub fn running(&self) -> bool {
        self.due.is_some()
    }

    /// Staff answered: the first-response clock stops, and the ladder turns to the resolution
    /// deadline from its first rung.
    pub fn respond(self, at: i64) -> Clock {
        if self.fr_at.is_some() || self.fr_due.is_none() {
            return self;
        }
        Clock { fr_at: Some(at), level: 0, ..self }
    }

    /// Pauses or stops a running clock, keeping the business time left.
    fn hold(self, at: i64, cal: &Calendar) -> Clock {
        match self.due {
            Some(due) => Clock { due: None, remaining: Some(cal.between(at, due)), ..self },
            None => self,
        }
    }

    /// Restarts a held clock with the time it had left.
    fn resume(self, at: i64, cal: &Calendar) -> Clock {
        match (self.due, self.remaining) {
            (None, Some(left)) => Clock { due: Some(cal.add(at, left)), remaining: None, ..self },
            _ => self,
        }
    }

    /// The clock after the request moved `from → to` at `at`.
    pub fn on_move(self, from: RequestStatus, to: RequestStatus, at: i64, cal: &Calendar) -> Clock {
        let c = match (runs_in(from), runs_in(to)) {
            (true, false) => self.hold(at, cal),
            (false, true) => self.resume(at, cal),
            _ => self,
        };
        // Asking the customer something and resolving both answer them.
        if matches!(to, RequestStatus::WaitingCustomer | RequestStatus::Resolved | RequestStatus::Closed) {
            c.respond(at)
        } else {
            c
        }
    }

    /// The same clock under another org's calendar (forwarded): the business time left on each
    /// deadline carries over.
    pub fn rehome(self, at: i64, from: &Calendar, to: &Calendar) -> Clock {
        let move_ = |d: Option<i64>| d.map(|d| to.add(at, from.between(at, d)));
        Clock {
            fr_due: if self.fr_at.is_none() { move_(self.fr_due) } else { self.fr_due },
            due: move_(self.due),
            ..self
        }
    }

    /// The deadline the ladder watches: a pending first response, else a running resolution.
    pub fn deadline(&self) -> Option<i64> {
        match (self.fr_at, self.fr_due, self.due) {
            (None, Some(fr), Some(due)) => Some(fr.min(due)),
            (None, Some(fr), None) => Some(fr),
            (_, _, due) => due,
        }
    }

    /// Warning, deadline and escalation instants, and which comes next for the level.
    pub fn marks(&self, t: &Targets, cal: &Calendar) -> Option<Marks> {
        let deadline = self.deadline()?;
        let warn = cal.add(deadline, -t.warn).min(deadline);
        let escalate = cal.add(deadline, t.escalate).max(deadline);
        let next = match self.level {
            0 => Some(warn),
            1 => Some(deadline),
            2 => Some(escalate),
            _ => None,
        };
        Some(Marks { deadline, warn, escalate, next })
    }

    /// Business seconds to the watched deadline (negative: overdue); while held, what was left.
    pub fn left(&self, now: i64, cal: &Calendar) -> Option<i64> {
        match self.deadline() {
            Some(d) => Some(cal.between(now, d)),
            None => self.remaining,
        }
    }

    /// A target was missed: the first response came late (or is late), or resolution is late.
    /// Resolved exactly at the deadline is in time.
    pub fn breached(&self, now: i64) -> bool {
        let fr_late = match (self.fr_due, self.fr_at) {
            (Some(due), Some(at)) => at > due,
            (Some(due), None) => now > due,
            _ => false,
        };
        let res_late = match (self.due, self.remaining) {
            (Some(due), _) => now > due,
            (None, Some(left)) => left < 0,
            _ => false,
        };
        fr_late || res_late
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::calendar::parse_date;
    use RequestStatus::*;

    fn sh(date: &str, h: i64, m: i64) -> i64 {
        parse_date(date).unwrap_or_default() * 86_400 - 8 * 3600 + (h * 60 + m) * 60
    }

    const T: Targets = Targets { first_response: 3600, resolve: 8 * 3600, warn: 3600, escalate: 4 * 3600 };

    #[test]
    fn opened_counts_business_time_and_warns_before_the_deadline() {
        let cal = Calendar::default();
        // Monday 2026-11-30 16:00: first response by 17:00, resolution 8 business hours later
        // (2 today + 6 tomorrow) = Tuesday 15:00.
        let c = Clock::start(&T, sh("2026-11-30", 16, 0), &cal);
        assert_eq!(c.fr_due, Some(sh("2026-11-30", 17, 0)));
        assert_eq!(c.due, Some(sh("2026-12-01", 15, 0)));
        let m = c.marks(&T, &cal).unwrap_or_else(|| panic!("marks"));
        assert_eq!(
            (m.deadline, m.warn, m.next),
            (sh("2026-11-30", 17, 0), sh("2026-11-30", 16, 0), Some(m.warn))
        );
        // Answered at 16:30: the ladder starts over on the resolution deadline.
        let c = Clock { level: 1, ..c }.respond(sh("2026-11-30", 16, 30));
        let m = c.marks(&T, &cal).unwrap_or_else(|| panic!("marks"));
        assert_eq!((c.level, m.deadline, m.warn), (0, sh("2026-12-01", 15, 0), sh("2026-12-01", 14, 0)));
        // Escalation four business hours after a 15:00 deadline: Wednesday 10:00.
        assert_eq!(m.escalate, sh("2026-12-02", 10, 0));
        assert_eq!(c.left(sh("2026-11-30", 17, 0), &cal), Some(7 * 3600));
        assert!(!c.breached(sh("2026-12-01", 15, 0)) && c.breached(sh("2026-12-01", 15, 1)));
    }

    #[test]
    fn waiting_for_the_customer_pauses_and_their_answer_resumes() {
        let cal = Calendar::default();
        let c = Clock::start(&T, sh("2026-11-30", 9, 0), &cal).respond(sh("2026-11-30", 9, 10));
        assert_eq!(c.due, Some(sh("2026-11-30", 17, 0)));
        // Waiting for the customer from 11:00 (6 h left) over the weekend …
        let p = c.on_move(InProgress, WaitingCustomer, sh("2026-11-30", 11, 0), &cal);
        assert_eq!((p.due, p.remaining, p.marks(&T, &cal)), (None, Some(6 * 3600), None));
        assert_eq!(p.left(sh("2026-12-04", 12, 0), &cal), Some(6 * 3600), "the time left stands still");
        assert!(!p.breached(sh("2026-12-25", 12, 0)));
        // … the customer answers on Saturday: six business hours from Monday 09:00.
        let r = p.on_move(WaitingCustomer, InProgress, sh("2026-12-05", 10, 0), &cal);
        assert_eq!((r.due, r.remaining), (Some(sh("2026-12-07", 15, 0)), None));
        // Waiting internally does not pause.
        let w = r.on_move(InProgress, WaitingInternal, sh("2026-12-07", 10, 0), &cal);
        assert_eq!(w, r);
    }

    #[test]
    fn resolving_stops_reopening_resumes_and_the_deadline_itself_is_in_time() {
        let cal = Calendar::default();
        let c = Clock::start(&T, sh("2026-11-30", 9, 0), &cal);
        // Resolved exactly at the deadline: nothing left, nothing breached; it also answers.
        let s = c.on_move(InProgress, Resolved, sh("2026-11-30", 17, 0), &cal);
        assert_eq!((s.remaining, s.due, s.breached(sh("2026-12-30", 0, 0))), (Some(0), None, true));
        // (the first response was due at 10:00 and came with the resolution at 17:00: late)
        let answered = Clock::start(&T, sh("2026-11-30", 9, 0), &cal).respond(sh("2026-11-30", 9, 30));
        let s = answered.on_move(InProgress, Resolved, sh("2026-11-30", 17, 0), &cal);
        assert_eq!(s.remaining, Some(0));
        assert!(!s.breached(sh("2026-12-30", 0, 0)), "resolved at the deadline is in time");
        // Reopened on Wednesday 14:00 with no time left: due at once; closing again one
        // business minute later is an overrun of one minute.
        let r = s.on_move(Resolved, Reopened, sh("2026-12-02", 14, 0), &cal);
        assert_eq!(r.due, Some(sh("2026-12-02", 14, 0)));
        let again = r.on_move(Reopened, Resolved, sh("2026-12-02", 14, 1), &cal);
        assert_eq!(again.remaining, Some(-60));
        assert!(again.breached(sh("2026-12-02", 14, 1)));
        // Resolved early with 3 h left; reopened at Friday 17:00 → due Monday 11:00.
        let early = answered.on_move(InProgress, Resolved, sh("2026-11-30", 14, 0), &cal);
        let r = early.on_move(Resolved, Reopened, sh("2026-12-04", 17, 0), &cal);
        assert_eq!(r.due, Some(sh("2026-12-07", 11, 0)));
        // Closed → reopened works the same way; closed after resolved keeps the clock stopped.
        let closed = early.on_move(Resolved, Closed, sh("2026-12-01", 9, 0), &cal);
        assert_eq!(closed, early);
    }

    #[test]
    fn holidays_do_not_count_and_forwarding_keeps_the_time_left() {
        let days: Vec<String> = (1..=7).map(|d| format!("2026-10-{d:02}")).collect();
        let week = ["09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-18:00", "", ""];
        let holiday = Calendar::parse(480, &week.map(String::from), &days, &[]).unwrap_or_default();
        // Opened 30 September 16:00 with 8 h: 2 h that day, the rest from 8 October.
        let c = Clock::start(&T, sh("2026-09-30", 16, 0), &holiday);
        assert_eq!(c.due, Some(sh("2026-10-08", 15, 0)));
        // Forwarded on 30 September 17:00 to a hub working 08:00–20:00 every day (no holiday):
        // the 7 h left are 7 of the hub's hours.
        let hub = Calendar::parse(480, &vec!["08:00-20:00".to_string(); 7], &[], &[]).unwrap_or_default();
        let f = c.respond(sh("2026-09-30", 16, 5)).rehome(sh("2026-09-30", 17, 0), &holiday, &hub);
        assert_eq!(f.due, Some(sh("2026-10-01", 12, 0)));
        assert_eq!(f.fr_due, c.fr_due, "an answered first response keeps its record");
    }
}
