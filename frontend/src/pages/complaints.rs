//! `/complaints`: complaints per cause over the last months (or weeks) within the caller's reach,
//! as a table with bars — where complaints come from, and whether a cause is growing.

use leptos::prelude::*;
use schema::complaint::CauseCount;

use crate::api;
use crate::i18n::{Service, StaffUi, tr, use_i18n};

#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let i18n = use_i18n();
    let weekly = RwSignal::new(false);
    let rows = RwSignal::new(None::<Result<Vec<CauseCount>, api::ApiError>>);
    let labels = RwSignal::new(Vec::<(String, String)>::new());
    leptos::task::spawn_local(async move {
        if let Ok(list) = api::complaint_causes().await {
            labels.set(list.iter().map(|c| (c.code.clone(), c.label(i18n.locale()).to_string())).collect());
        }
    });
    Effect::new(move |_| {
        let bucket = if weekly.get() { "week" } else { "month" };
        leptos::task::spawn_local(async move { rows.set(Some(api::complaint_stats(bucket).await)) });
    });
    let label = move |code: &Option<String>| match code {
        Some(c) => labels.with(|l| l.iter().find(|(k, _)| k == c).map_or(c.clone(), |(_, v)| v.clone())),
        None => Service::get(i18n.locale()).complaint_unclassified.to_string(),
    };
    view! {
        <section class="page">
            <div class="page-head"><h1>{StaffUi::tr(|c| c.complaints_title)}</h1>
                <label class="field-check"><input type="checkbox" bind:checked=weekly data-testid="weekly"/>" "{Service::tr(|c| c.complaints_weekly)}</label></div>
            {move || match rows.get() {
                None => view! { <crate::components::states::Loading/> }.into_any(),
                Some(Err(e)) => view! { <div class="banner banner-error">{e.message()}</div> }.into_any(),
                Some(Ok(v)) if v.is_empty() => view! { <p class="state state-empty">{tr(|c| c.empty)}</p> }.into_any(),
                Some(Ok(v)) => {
                    let mut periods: Vec<String> = v.iter().map(|r| r.period.clone()).collect();
                    periods.dedup();
                    let mut causes: Vec<Option<String>> = Vec::new();
                    for r in &v {
                        if !causes.contains(&r.cause) {
                            causes.push(r.cause.clone());
                        }
                    }
                    let max = v.iter().map(|r| r.n).max().unwrap_or(1).max(1);
                    let n = |p: &str, c: &Option<String>| v.iter().find(|r| r.period == p && &r.cause == c).map_or(0, |r| r.n);
                    view! {
                        <div class="table-wrap"><table class="stats" data-testid="complaint-stats">
                            <thead><tr><th>{StaffUi::tr(|c| c.complaint_cause)}</th>{periods.iter().map(|p| view! { <th>{p.clone()}</th> }).collect_view()}</tr></thead>
                            <tbody>{causes.iter().map(|c| view! {
                                <tr><th>{label(c)}</th>{periods.iter().map(|p| {
                                    let k = n(p, c);
                                    view! { <td><span class="bar" style=format!("width:{}%", k * 100 / max)></span>{k}</td> }
                                }).collect_view()}</tr>
                            }).collect_view()}</tbody>
                        </table></div>
                    }.into_any()
                }
            }}
        </section>
    }
}
