//! `/reports/value` (managers): the value pyramid of the caller's reach or one org in it — how
//! many customers and how much freight each tier holds, drawn as a pyramid (SVG, no chart
//! library), with the documents' treatment per layer as the list's actions: invest in the top,
//! develop the middle, talk to those who owe.

use leptos::prelude::*;
use schema::Locale;
use schema::customer::Tier;
use schema::staff::REPORT_ROLES;
use schema::value::Pyramid;

use crate::api::{self, ApiError};
use crate::components::layout::RequireRole;
use crate::components::paged::local_time;
use crate::components::states::{ErrorState, Loading};
use crate::i18n::{Reports, use_i18n};
use crate::router::A;

#[component]
pub fn ValueReportPage() -> impl IntoView {
    view! { <RequireRole roles=REPORT_ROLES><ValueReport/></RequireRole> }
}

fn yuan(fen: i64) -> String {
    format!("¥{}", schema::customer::fen_to_yuan(fen / 100 * 100).trim_end_matches(".00"))
}

fn percent(part: i64, whole: i64) -> i64 {
    if whole > 0 { part * 100 / whole } else { 0 }
}

/// What the documents would do with a layer.
fn treatment(tier: Tier, t: &Reports) -> &'static str {
    match tier {
        Tier::Vip => t.treat_vip,
        Tier::Key => t.treat_key,
        Tier::Regular => t.treat_regular,
        Tier::Potential => t.treat_potential,
    }
}

#[component]
fn ValueReport() -> impl IntoView {
    let i18n = use_i18n();
    let org = RwSignal::new(String::new());
    let orgs = LocalResource::new(api::all_orgs);
    let state = RwSignal::new(None::<Result<Pyramid, ApiError>>);
    let load = move || {
        let o = org.get_untracked();
        leptos::task::spawn_local(async move {
            let query: Vec<(&str, String)> = if o.is_empty() { vec![] } else { vec![("org_id", o)] };
            state.set(Some(api::pyramid(&query).await));
        });
    };
    Effect::new(move |_| {
        org.track();
        load();
    });
    view! {
        <section class="page" data-testid="value-report">
            <div class="page-head">
                <h1>{Reports::tr(|t| t.pyramid_title)}</h1>
                <a class="btn" data-testid="pyramid-csv" download
                    href=move || api::with_query("/api/v1/reports/pyramid.csv", &[("org_id", org.get())])>{Reports::tr(|t| t.export_csv)}</a>
            </div>
            <div class="field">
                <label for="f-org">{Reports::tr(|t| t.org)}</label>
                <select id="f-org" on:change=move |ev| org.set(event_target_value(&ev))>
                    <option value="">{Reports::tr(|t| t.all_orgs)}</option>
                    {move || orgs.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|o| {
                        view! { <option value=o.id.to_string()>{o.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            {move || match state.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
                Some(Ok(p)) => pyramid_view(&p, i18n.locale()).into_any(),
            }}
        </section>
    }
}

/// The SVG pyramid (VIP on top) and the table beside it.
fn pyramid_view(p: &Pyramid, l: Locale) -> impl IntoView {
    let t = Reports::get(l);
    let customers: i64 = p.layers.iter().map(|x| x.customers).sum();
    let freight: i64 = p.layers.iter().map(|x| x.freight_365).sum();
    let n = p.layers.len().max(1) as f64;
    let (w, h) = (300.0_f64, 220.0_f64);
    let band = h / n;
    let shades = ["#1d4ed8", "#3b82f6", "#93c5fd", "#dbeafe"];
    let bands = p.layers.iter().enumerate().map(|(i, x)| {
        // The layer's trapezoid: the pyramid's sides at its top and bottom edges.
        let (y0, y1) = (i as f64 * band, (i as f64 + 1.0) * band);
        // A flat top wide enough for its label: the sides run from 30 % of the width to all of it.
        let half = |y: f64| (w / 2.0) * (0.3 + 0.7 * y / h);
        let pts = format!(
            "{:.1},{y0:.1} {:.1},{y0:.1} {:.1},{y1:.1} {:.1},{y1:.1}",
            w / 2.0 - half(y0),
            w / 2.0 + half(y0),
            w / 2.0 + half(y1),
            w / 2.0 - half(y1)
        );
        let label = format!("{} {}", x.tier.label(l), x.customers);
        let dark = i < 2;
        view! {
            <polygon points=pts fill=shades[i % 4] stroke="#fff" stroke-width="2"/>
            <text x=w / 2.0 y=(y0 + y1) / 2.0 + 5.0 text-anchor="middle" font-size="13" fill=if dark { "#fff" } else { "#1e293b" }>{label}</text>
        }
    }).collect_view();
    let rows = p.layers.iter().map(|x| {
        let share = percent(x.freight_365, freight);
        view! {
            <li class="card" data-testid=format!("layer-{}", x.tier.as_str())>
                <div class="card-title">{x.tier.label(l)}" · "{x.customers}" "{t.customers}<span class="tag">{format!("{share}% {}", t.of_freight)}</span></div>
                <div class="card-meta">
                    <span>{t.freight_365}" "{yuan(x.freight_365)}</span>
                    <span>{t.shipping}" "{x.shipping}</span>
                    {(x.in_arrears > 0).then(|| view! { <span>{t.in_arrears}" "{x.in_arrears}</span> })}
                </div>
                <p class="hint">{treatment(x.tier, t)}</p>
                <A href=format!("/customers?tier={}", x.tier.as_str()) attr:class="btn-link">{t.open_list}</A>
            </li>
        }
    }).collect_view();
    let as_of = p.as_of.as_deref().map(|a| local_time(a, l));
    view! {
        <div class="card">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=t.pyramid_title class="chart" data-testid="pyramid">{bands}</svg>
            <p class="hint">{format!("{} {customers} · {} {}", t.customers_total, t.freight_365, yuan(freight))}</p>
            <p class="hint">{match as_of { Some(a) => format!("{} {a}", t.as_of), None => t.not_yet.to_string() }}</p>
        </div>
        <ul class="cards" data-testid="pyramid-layers">{rows}</ul>
    }
}
