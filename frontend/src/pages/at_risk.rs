//! `/customers/at-risk`: the customers the rules marked at risk (流失预警) within the caller's
//! reach — a rep's own, a manager's org — the most valuable first, each with how long it has been
//! quiet and its volume against the period before, and one tap to plan a win-back call for
//! tomorrow morning (a planned interaction: it shows in the owner's follow-ups).

use leptos::prelude::*;
use schema::interaction::{InteractionInput, InteractionKind, InteractionStatus};
use schema::staff::CUSTOMER_ROLES;
use schema::value::AtRiskCustomer;

use crate::api;
use crate::components::layout::RequireRole;
use crate::components::paged::{Paged, PagedView, local_time};
use crate::i18n::{Reports, use_i18n};
use crate::router::A;

#[component]
pub fn AtRiskPage() -> impl IntoView {
    view! { <RequireRole roles=CUSTOMER_ROLES><AtRiskList/></RequireRole> }
}

/// Tomorrow at 10:00 on this device's clock, as an instant.
fn tomorrow_ten() -> String {
    let d = js_sys::Date::new_0();
    d.set_date(d.get_date() + 1);
    d.set_hours(10);
    d.set_minutes(0);
    d.set_seconds(0);
    d.set_milliseconds(0);
    d.to_iso_string().into()
}

#[component]
fn AtRiskList() -> impl IntoView {
    let i18n = use_i18n();
    let list = Paged::<AtRiskCustomer>::new();
    let fetch = move |cursor: String| async move { api::at_risk(&[("cursor", cursor)]).await };
    list.load(true, fetch);
    // Customers whose win-back call was just planned here (the list is not reloaded).
    let planned = RwSignal::new(Vec::<i64>::new());
    let failed = RwSignal::new(None::<String>);
    let plan = move |c: AtRiskCustomer| {
        let body = InteractionInput {
            kind: Some(InteractionKind::Call),
            status: Some(InteractionStatus::Planned),
            summary: Reports::get(i18n.locale()).win_back_summary.to_string(),
            due_at: Some(tomorrow_ten()),
            ..Default::default()
        };
        leptos::task::spawn_local(async move {
            match api::add_interaction(c.id, &body).await {
                Ok(_) => planned.update(|p| p.push(c.id)),
                Err(e) => failed.set(Some(e.message())),
            }
        });
    };
    view! {
        <section class="page" data-testid="at-risk">
            <div class="page-head"><h1>{Reports::tr(|t| t.at_risk_title)}</h1></div>
            <p class="hint">{Reports::tr(|t| t.at_risk_hint)}</p>
            {move || failed.get().map(|m| view! { <div class="banner banner-error" role="alert">{m}</div> })}
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="at-risk-list" render=move |c: AtRiskCustomer| {
                let l = i18n.locale();
                let t = Reports::get(l);
                let id = c.id;
                let quiet = c.recency_days.map(|d| format!("{} {d} {}", t.quiet_for, t.days)).unwrap_or_default();
                let last = c.last_shipment_at.as_deref().map(|x| local_time(x, l)).unwrap_or_default();
                let volume = format!("{} {} → {}", t.parcels_90, c.prior_shipments_90, c.shipments_90);
                let already = c.follow_up_planned;
                let cc = c.clone();
                view! {
                    <li class="card" data-testid=format!("at-risk-{id}")>
                        <div class="card-title"><A href=format!("/customers/{id}?tab=value")>{c.name.clone()}</A><span class="tag">{c.tier.label(l)}</span></div>
                        <div class="card-meta">
                            <span>{quiet}</span><span>{last}</span><span>{volume}</span>
                            <span>{c.owner_name.clone().unwrap_or_default()}</span>
                        </div>
                        {move || if already || planned.with(|p| p.contains(&id)) {
                            view! { <span class="tag" data-testid="win-back-planned">{Reports::tr(|t| t.win_back_planned)}</span> }.into_any()
                        } else {
                            let cc = cc.clone();
                            view! { <button type="button" class="btn" data-testid="win-back" on:click=move |_| plan(cc.clone())>{Reports::tr(|t| t.win_back)}</button> }.into_any()
                        }}
                    </li>
                }
            }/>
        </section>
    }
}
