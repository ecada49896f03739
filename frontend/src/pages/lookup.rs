//! `/lookup` (来电弹屏): an agent types the caller's number and sees, on one screen, who it is —
//! customer, tier and warnings, contacts to address by name — with their open requests and latest
//! shipments, and parcels addressed to that number; one tap opens a request for them.

use crate::router::A;
use crate::router::{use_navigate, use_query_map};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::lookup::CallerLookup;

use crate::api::{self, ApiError};
use crate::components::states::ErrorState;
use crate::i18n::{Service, StaffUi, tr, use_i18n};

#[component]
pub fn LookupPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let phone = RwSignal::new(query.with_untracked(|q| q.get("phone")).unwrap_or_default());
    let state = RwSignal::new(None::<Result<CallerLookup, ApiError>>);
    let load = move || {
        let p = query.with_untracked(|q| q.get("phone")).unwrap_or_default();
        if p.trim().is_empty() {
            state.set(None);
            return;
        }
        leptos::task::spawn_local(async move { state.set(Some(api::lookup(&p).await)) });
    };
    Effect::new(move |_| {
        query.track();
        load();
    });
    let search = move |ev: SubmitEvent| {
        ev.prevent_default();
        let p = phone.get_untracked();
        navigate(&api::with_query("/lookup", &[("phone", p)]));
    };
    view! {
        <section class="page">
            <h1>{StaffUi::tr(|c| c.lookup_title)}</h1>
            <form class="filters" role="search" on:submit=search data-testid="lookup-form">
                <input type="tel" id="f-lookup" aria-label=tr(|c| c.phone) placeholder=Service::tr(|c| c.lookup_hint) bind:value=phone/>
                <button type="submit" class="btn btn-primary">{tr(|c| c.search)}</button>
            </form>
            {move || match state.get() {
                None => view! { <p class="hint">{Service::tr(|c| c.lookup_hint)}</p> }.into_any(),
                Some(Err(ApiError::Rejected(b))) => view! {
                    <p class="field-error" role="alert">{b.fields.and_then(|f| f.get("phone").cloned()).unwrap_or(b.message)}</p>
                }.into_any(),
                Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
                Some(Ok(r)) => {
                    let (l, cat) = (i18n.locale(), i18n.t());
                    let none = r.customers.is_empty() && r.as_consignee.is_empty();
                    view! {
                        <div data-testid="lookup-result">
                            {none.then(|| view! { <p class="hint" data-testid="lookup-none">{Service::get(l).lookup_none}</p> })}
                            {r.customers.into_iter().map(|c| {
                                let cust = c.customer.clone();
                                view! {
                                    <article class="card" data-testid="lookup-customer">
                                        <div class="card-title"><A href=format!("/customers/{}", cust.id)>{cust.name.clone()}</A>
                                            <span class="tag">{cust.tier.label(l)}</span>
                                            {cust.blacklisted.then(|| view! { <span class="tag tag-warn">{StaffUi::get(l).blacklisted}</span> })}</div>
                                        <div class="card-meta">{c.contacts.into_iter().map(|k| view! {
                                            <span>{k.name.clone()}" "<a href=format!("tel:{}", k.phone)>{k.phone.clone()}</a></span>
                                        }).collect_view()}</div>
                                        <h3>{Service::get(l).lookup_open_requests}</h3>
                                        <ul class="plain">{c.open_requests.into_iter().map(|q| view! {
                                            <li><A href=format!("/requests/{}", q.id)>{q.number.clone()}" "{q.subject.clone()}</A>" · "{q.status.label(l)}</li>
                                        }).collect_view()}</ul>
                                        <h3>{Service::get(l).lookup_recent_shipments}</h3>
                                        <ul class="plain">{c.recent_shipments.into_iter().map(|s| view! {
                                            <li><A href=format!("/shipments/{}", s.id)>{s.waybill_no.clone()}</A>" · "{s.status.label(l)}" · "{s.consignee_name.clone()}</li>
                                        }).collect_view()}</ul>
                                        <A href=format!("/requests/new?customer_id={}", cust.id) attr:class="btn">{cat.request_new}</A>
                                    </article>
                                }
                            }).collect_view()}
                            {(!r.as_consignee.is_empty()).then(|| view! {
                                <article class="card" data-testid="lookup-consignee">
                                    <h3>{Service::get(l).lookup_as_consignee}</h3>
                                    <ul class="plain">{r.as_consignee.clone().into_iter().map(|s| view! {
                                        <li><A href=format!("/shipments/{}", s.id)>{s.waybill_no.clone()}</A>" · "{s.status.label(l)}</li>
                                    }).collect_view()}</ul>
                                </article>
                            })}
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
