//! The value tab: what the customer's shipments say (30/90/365-day volume and freight, lifetime
//! value, trend, R/F/M scores), the tier the rules give against the one it has, a manager's
//! choice of tier (it sticks) or handing it back to the rules, and both histories.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::Locale;
use schema::customer::Tier;
use schema::staff::CUSTOMER_ASSIGNERS;
use schema::value::{CustomerValue, TierOverride};

use super::super::customer_detail::money;
use crate::api::{self, ApiError};
use crate::components::field::{SelectField, TextField};
use crate::components::form::{FormState, banner_view, parse_enum};
use crate::components::paged::local_time;
use crate::components::states::{ErrorState, Loading};
use crate::i18n::{Customers, use_i18n};
use crate::session::use_session;

#[component]
pub fn ValueTab(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(None::<Result<CustomerValue, ApiError>>);
    let load =
        move || leptos::task::spawn_local(async move { state.set(Some(api::customer_value(id).await)) });
    load();
    let form = FormState::new();
    let tier = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let manager = use_session().allows(CUSTOMER_ASSIGNERS);
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(Some(Ok(v))) = state.try_get_untracked() else { return };
        let chosen = parse_enum::<Tier>(&tier.get_untracked());
        let body = TierOverride { tier: chosen, reason: reason.get_untracked(), version: v.version };
        if !form.accept(&body.validate(), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::set_customer_tier(id, &body).await {
                Ok(v) => {
                    reason.set(String::new());
                    state.set(Some(Ok(v)));
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let tiers = Signal::derive(move || {
        let l = i18n.locale();
        Tier::ALL.iter().map(|t| (t.as_str().to_string(), t.label(l).to_string())).collect::<Vec<_>>()
    });
    view! {
        <div class="tab-body" data-testid="value-tab">
            {move || match state.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
                Some(Ok(v)) => summary(&v, i18n.locale()).into_any(),
            }}
            {manager.then(|| view! {
                <form class="card form" on:submit=save novalidate data-testid="tier-form">
                    <h3>{Customers::tr(|c| c.tier_choose)}</h3>
                    {banner_view(form.banner)}
                    <SelectField name="tier" label=crate::i18n::StaffUi::tr(|c| c.tier) value=tier errors=form.errors
                        options=tiers placeholder=Customers::tr(|c| c.tier_by_rules)/>
                    <TextField name="reason" label=Customers::tr(|c| c.tier_reason) value=reason errors=form.errors/>
                    <button type="submit" class="btn btn-primary" disabled=move || form.pending.get()>{Customers::tr(|c| c.tier_save)}</button>
                </form>
            })}
        </div>
    }
}

/// The measures, scores and histories, or the note that nothing was measured yet.
fn summary(v: &CustomerValue, l: Locale) -> impl IntoView {
    let t = Customers::get(l);
    let mut tier_line = v.tier.label(l).to_string();
    if v.tier_locked {
        tier_line.push_str(&format!(" · {}", t.tier_locked));
    }
    if let Some(r) = v.rule_tier.filter(|r| *r != v.tier) {
        tier_line.push_str(&format!(" · {} {}", t.tier_rules_say, r.label(l)));
    }
    let scores = v.scores.map(|s| format!("R{} F{} M{} = {}", s.r, s.f, s.m, s.r + s.f + s.m));
    let facts: Vec<(&'static str, String)> = match &v.measures {
        None => vec![],
        Some(m) => vec![
            (t.value_30, format!("{} · {}", m.shipments_30, money(m.freight_30))),
            (t.value_90, format!("{} · {}", m.shipments_90, money(m.freight_90))),
            (t.value_365, format!("{} · {}", m.shipments_365, money(m.freight_365))),
            (t.value_lifetime, format!("{} · {}", m.lifetime_shipments, money(m.lifetime_freight))),
            (
                t.value_trend,
                v.trend_percent
                    .map_or_else(|| "—".into(), |p| format!("{}{p}%", if p > 0 { "+" } else { "" })),
            ),
            (
                t.value_last,
                m.last_shipment_at.as_deref().map(|x| local_time(x, l)).unwrap_or_else(|| "—".into()),
            ),
            (t.value_as_of, v.as_of.as_deref().map(|x| local_time(x, l)).unwrap_or_default()),
        ],
    };
    let measured = !facts.is_empty();
    let tiers: Vec<(String, String, String)> = v
        .tier_history
        .iter()
        .map(|h| {
            let from = h.from_tier.map(|x| x.label(l)).unwrap_or("—");
            let who = h.actor_name.clone().unwrap_or_else(|| t.by_rules.to_string());
            let why = if h.reason.is_empty() { String::new() } else { format!(" · {}", h.reason) };
            (local_time(&h.at, l), format!("{from} → {}", h.to_tier.label(l)), format!("{who}{why}"))
        })
        .collect();
    let stages: Vec<(String, String, String)> = v
        .status_history
        .iter()
        .map(|h| {
            let from = h.from_status.map(|x| x.label(l)).unwrap_or("—");
            let who = h.actor_name.clone().unwrap_or_else(|| t.by_rules.to_string());
            (local_time(&h.at, l), format!("{from} → {}", h.to_status.label(l)), who)
        })
        .collect();
    let history = |title: &'static str, testid: &'static str, rows: Vec<(String, String, String)>| {
        (!rows.is_empty()).then(|| {
            view! {
                <h3>{title}</h3>
                <ul class="cards" data-testid=testid>
                    {rows.into_iter().map(|(at, what, who)| view! {
                        <li class="card"><div class="card-title">{what}</div><div class="card-meta"><span>{at}</span><span>{who}</span></div></li>
                    }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <dl class="card facts" data-testid="value-facts">
            <dt>{crate::i18n::StaffUi::get(l).tier}</dt><dd data-testid="value-tier">{tier_line}</dd>
            <dt>{t.value_scores}</dt><dd data-testid="value-scores">{scores.unwrap_or_else(|| "—".into())}</dd>
            {facts.into_iter().map(|(k, x)| view! { <dt>{k}</dt><dd>{x}</dd> }).collect_view()}
        </dl>
        {(!measured).then(|| view! { <p class="hint">{t.value_not_yet}</p> })}
        {history(t.tier_history, "tier-history", tiers)}
        {history(t.stage_history, "stage-history", stages)}
    }
}
