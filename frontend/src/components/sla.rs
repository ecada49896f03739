//! A request's SLA on screen: a compact badge for list cards (time left, overdue, paused) and the
//! facts for the detail page. The server computes the business time left in the org's calendar;
//! this only formats it.

use leptos::prelude::*;
use schema::Locale;
use schema::sla::{Sla, SlaState};

use crate::components::paged::local_time;
use crate::i18n::{Service, use_i18n};

/// Business seconds as "3小时05分" / "3h 05m" (days of 24 h beyond that: "2天3小时").
pub fn duration(secs: i64, l: Locale) -> String {
    let m = secs.abs() / 60;
    let (d, h, min) = (m / 1440, m / 60 % 24, m % 60);
    let zh = l == Locale::ZhCn;
    match (d, h) {
        (0, 0) => {
            if zh {
                format!("{min}分钟")
            } else {
                format!("{min}m")
            }
        }
        (0, _) => {
            if zh {
                format!("{h}小时{min:02}分")
            } else {
                format!("{h}h {min:02}m")
            }
        }
        _ => {
            if zh {
                format!("{d}天{h}小时")
            } else {
                format!("{d}d {h}h")
            }
        }
    }
}

/// "剩余 2小时05分", "已超时 10分钟", "已暂停" … with the class saying how urgent it is.
pub fn badge(s: &Sla, l: Locale) -> (&'static str, String) {
    let t = Service::get(l);
    let left = s.left_s.unwrap_or(0);
    match s.state {
        SlaState::Paused => ("tag", format!("{} {}", t.sla_paused, duration(left, l))),
        SlaState::Stopped if s.breached => ("tag tag-warn", t.sla_missed.to_string()),
        SlaState::Stopped => ("tag tag-ok", t.sla_in_time.to_string()),
        SlaState::Running if left < 0 => {
            ("tag tag-danger", format!("{} {}", t.sla_overdue, duration(left, l)))
        }
        SlaState::Running if s.level >= 1 => {
            ("tag tag-warn", format!("{} {}", t.sla_left, duration(left, l)))
        }
        SlaState::Running => ("tag", format!("{} {}", t.sla_left, duration(left, l))),
    }
}

/// The badge on a list card.
#[component]
pub fn SlaBadge(sla: Option<Sla>) -> impl IntoView {
    let i18n = use_i18n();
    sla.map(|s| {
        let (class, text) = badge(&s, i18n.locale());
        view! { <span class=class data-testid="sla-badge">{text}</span> }
    })
}

/// The detail page's SLA facts: targets, due times, when answered, time left, the ladder.
#[component]
pub fn SlaFacts(sla: Option<Sla>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.locale();
    let t = Service::get(l);
    sla.map(|s| {
        let (class, text) = badge(&s, l);
        let at = |v: &Option<String>| v.as_deref().map(|v| local_time(v, l)).unwrap_or_default();
        let level = match s.level {
            1 => t.sla_level_warned,
            2 => t.sla_level_breached,
            3 => t.sla_level_escalated,
            _ => "",
        };
        view! {
            <dl class="card facts" data-testid="sla-facts">
                <dt>{t.sla_title}</dt><dd><span class=class data-testid="sla-left">{text}</span>" "{level}</dd>
                <dt>{t.sla_first_response}</dt>
                <dd data-testid="sla-first-response">{duration(s.first_response_min * 60, l)}" · "{t.sla_due}" "{at(&s.first_response_due)}
                    {s.first_response_at.clone().map(|a| format!(" · {} {}", t.sla_answered, local_time(&a, l)))}</dd>
                <dt>{t.sla_resolution}</dt>
                <dd data-testid="sla-resolution">{duration(s.resolve_min * 60, l)}
                    {s.resolve_due.clone().map(|d| format!(" · {} {}", t.sla_due, local_time(&d, l)))}</dd>
            </dl>
        }
    })
}
