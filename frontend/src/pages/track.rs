//! `/track` and `/track/:waybill`: public tracking, no sign-in. Status, committed versus actual
//! time, the event timeline; names and phones masked until the visitor gives the last four digits
//! of the consignee's or shipper's phone; "report a problem".

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use schema::shipment::{PublicTracking, ShipmentStatus};

use crate::api::{self, ApiError};
use crate::components::paged::local_time;
use crate::i18n::{tr, use_i18n};

#[component]
pub fn TrackPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let navigate = use_navigate();
    // The path segment as typed into the address bar may still be percent-encoded.
    let waybill = move || {
        let raw = params.with(|p| p.get("waybill")).unwrap_or_default();
        js_sys::decode_uri_component(&raw).map(String::from).unwrap_or(raw)
    };
    let input = RwSignal::new(waybill());
    let last4 = RwSignal::new(String::new());
    let state = RwSignal::new(None::<Result<PublicTracking, ApiError>>);
    let unmask_error = RwSignal::new(None::<String>);
    let load = move |digits: String| {
        let w = waybill();
        if w.is_empty() {
            state.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            match api::track(&w, &digits).await {
                Err(ApiError::Rejected(b)) if !digits.is_empty() => unmask_error
                    .set(Some(b.fields.and_then(|f| f.get("last4").cloned()).unwrap_or(b.message))),
                r => {
                    unmask_error.set(None);
                    state.set(Some(r));
                }
            }
        });
    };
    Effect::new(move |_| {
        params.track();
        input.set(waybill());
        load(String::new());
    });
    let search = move |ev: SubmitEvent| {
        ev.prevent_default();
        // The same normalisation as the server's: spaces and dashes out, letters upper-case.
        let typed = input.get_untracked();
        let w = schema::shipment::waybill_no(&typed).unwrap_or_else(|_| typed.trim().to_string());
        if !w.is_empty() {
            navigate(&format!("/track/{w}"), Default::default());
        }
    };
    let unmask = move |ev: SubmitEvent| {
        ev.prevent_default();
        load(last4.get_untracked());
    };
    let report_text = RwSignal::new(String::new());
    let report_phone = RwSignal::new(String::new());
    let report_state = RwSignal::new(None::<Result<(), String>>);
    let report = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (d, p) = (report_text.get_untracked(), report_phone.get_untracked());
        let w = waybill();
        leptos::task::spawn_local(async move {
            let r = api::report_problem(&w, &d, &p).await.map_err(|e| e.message());
            if r.is_ok() {
                report_text.set(String::new());
            }
            report_state.set(Some(r));
        });
    };
    view! {
        <main class="content track" data-testid="track-page">
            <section class="page">
                <h1>{tr(|c| c.track_title)}</h1>
                <form class="filters" role="search" on:submit=search>
                    <input type="search" data-testid="track-input" aria-label=tr(|c| c.waybill_no) placeholder=tr(|c| c.track_hint) bind:value=input/>
                    <button type="submit" class="btn btn-primary">{tr(|c| c.track_submit)}</button>
                </form>
                {move || match state.get() {
                    None => view! { <p class="muted">{tr(|c| c.track_intro)}</p> }.into_any(),
                    Some(Err(ApiError::NotFound)) => view! { <p class="state state-empty" data-testid="track-none">{tr(|c| c.track_not_found)}</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="state state-error" role="alert">{e.message()}</p> }.into_any(),
                    Some(Ok(t)) => {
                        let l = i18n.locale();
                        let cat = i18n.t();
                        let done = t.status == ShipmentStatus::Delivered;
                        view! {
                            <div class="card" data-testid="track-result">
                                <div class="card-title"><span>{t.waybill_no.clone()}</span>
                                    <span class=if t.status == ShipmentStatus::Exception || t.late { "tag tag-warn" } else { "tag" } data-testid="track-status">{t.status.label(l)}</span></div>
                                <dl class="facts">
                                    <dt>{cat.track_route}</dt><dd>{t.origin_region.clone()}" → "{t.dest_region.clone()}</dd>
                                    <dt>{cat.track_committed}</dt><dd>{t.committed_at.as_deref().map(|c| local_time(c, l)).unwrap_or_default()}
                                        {t.late.then(|| view! { " "<span class="tag tag-warn">{cat.track_late}</span> })}</dd>
                                    {done.then(|| view! { <dt>{cat.track_delivered}</dt><dd>{t.delivered_at.as_deref().map(|c| local_time(c, l)).unwrap_or_default()}</dd> })}
                                    <dt>{cat.track_consignee}</dt><dd data-testid="track-consignee">{t.consignee_name.clone()}" "{t.consignee_phone.clone()}</dd>
                                    <dt>{cat.track_shipper}</dt><dd>{t.shipper_name.clone()}</dd>
                                </dl>
                            </div>
                            {(!t.unmasked).then(|| view! {
                                <form class="card inline-form" on:submit=unmask data-testid="unmask-form">
                                    <label for="f-last4">{cat.track_last4}</label>
                                    <input id="f-last4" inputmode="numeric" maxlength="4" bind:value=last4/>
                                    <button type="submit" class="btn">{cat.track_unmask}</button>
                                    <p class="field-error" role="alert" data-testid="unmask-error">{move || unmask_error.get()}</p>
                                </form>
                            })}
                            <h2>{cat.tab_timeline}</h2>
                            <ol class="cards timeline" data-testid="track-events">
                                {t.events.iter().map(|e| view! {
                                    <li class="card"><div class="card-meta"><span>{local_time(&e.at, l)}</span><span>{e.location.clone()}</span></div>
                                        <div><strong>{e.kind.label(l)}</strong>" "{e.description.clone()}</div></li>
                                }).collect_view()}
                            </ol>
                            <form class="card form" on:submit=report data-testid="report-form">
                                <h2>{cat.track_report}</h2>
                                <label for="f-report">{cat.track_report_hint}</label>
                                <textarea id="f-report" rows="3" bind:value=report_text></textarea>
                                <label for="f-report-phone">{cat.phone}</label>
                                <input id="f-report-phone" type="tel" bind:value=report_phone/>
                                <button type="submit" class="btn">{cat.track_report_submit}</button>
                                {move || report_state.get().map(|r| match r {
                                    Ok(()) => view! { <p class="banner" role="status" data-testid="report-ok">{i18n.t().track_report_done}</p> }.into_any(),
                                    Err(m) => view! { <p class="field-error" role="alert">{m}</p> }.into_any(),
                                })}
                            </form>
                        }.into_any()
                    }
                }}
            </section>
        </main>
    }
}
