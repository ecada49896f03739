//! `/portal` (my shipments: search and status filter) and `/portal/shipments/:id` (one with its
//! timeline, committed against actual time).

use crate::router::A;
use crate::router::use_params_map;
use leptos::prelude::*;
use schema::shipment::{Shipment, ShipmentDetail, ShipmentStatus};

use crate::api::{self, ApiError};
use crate::components::paged::{Paged, PagedView, local_time};
use crate::components::states::{ErrorState, Loading};
use crate::i18n::{Portal, tr, use_i18n};

#[component]
pub fn PortalShipmentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let list = Paged::<Shipment>::new();
    let fetch = move |cursor: String| {
        let query = vec![("q", q.get_untracked()), ("status", status.get_untracked()), ("cursor", cursor)];
        async move { api::portal_shipments(&query).await }
    };
    Effect::new(move |_| {
        q.track();
        status.track();
        list.load(true, fetch);
    });
    view! {
        <section class="page">
            <h1>{Portal::tr(|c| c.portal_nav_shipments)}</h1>
            <div class="filters" role="search">
                <input type="search" data-testid="portal-shipment-search" aria-label=tr(|c| c.search) placeholder=Portal::tr(|c| c.portal_search_hint) bind:value=q/>
                <select aria-label=tr(|c| c.pickup_status) on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{tr(|c| c.filter_all)}</option>
                    {move || ShipmentStatus::ALL.iter().map(|s| view! { <option value=s.as_str()>{s.label(i18n.locale())}</option> }).collect_view()}
                </select>
            </div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="portal-shipments" render=move |s: Shipment| {
                let l = i18n.locale();
                view! {
                    <li class="card card-link">
                        <A href=format!("/portal/shipments/{}", s.id)>
                            <div class="card-title">{s.waybill_no.clone()}<span class="tag">{s.status.label(l)}</span></div>
                            <div class="card-meta">
                                <span>{s.consignee_name.clone()}</span>
                                <span>{s.origin_region.clone()}" → "{s.dest_region.clone()}</span>
                                <span>{local_time(&s.status_at, l)}</span>
                            </div>
                        </A>
                    </li>
                }
            }/>
        </section>
    }
}

#[component]
pub fn PortalShipmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let state = RwSignal::new(None::<Result<ShipmentDetail, ApiError>>);
    let load =
        move || leptos::task::spawn_local(async move { state.set(Some(api::portal_shipment(id()).await)) });
    Effect::new(move |_| {
        params.track();
        load();
    });
    move || match state.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
        Some(Ok(d)) => {
            let s = d.shipment;
            let (l, cat) = (i18n.locale(), i18n.t());
            view! {
                <section class="page" data-testid="portal-shipment">
                    <div class="page-head"><h1>{s.waybill_no.clone()}</h1><span class="tag" data-testid="portal-shipment-status">{s.status.label(l)}</span></div>
                    <dl class="card facts">
                        <dt>{cat.track_consignee}</dt><dd>{s.consignee_name.clone()}" "{s.consignee_phone.clone()}</dd>
                        <dt>{cat.address}</dt><dd>{s.consignee_address.clone()}</dd>
                        <dt>{cat.track_route}</dt><dd>{s.origin_region.clone()}" → "{s.dest_region.clone()}</dd>
                        <dt>{cat.track_committed}</dt><dd>{s.committed_at.as_deref().map(|c| local_time(c, l)).unwrap_or_default()}</dd>
                        {s.delivered_at.clone().map(|t| view! { <dt>{Portal::get(l).track_delivered}</dt><dd>{local_time(&t, l)}</dd> })}
                    </dl>
                    <h2>{cat.tab_timeline}</h2>
                    <ol class="cards timeline" data-testid="portal-shipment-events">
                        {d.events.into_iter().map(|e| view! {
                            <li class="card"><div class="card-meta"><span>{local_time(&e.at, l)}</span><span>{e.location.clone()}</span></div>
                                <div><strong>{e.kind.label(l)}</strong>" "{e.description.clone()}</div></li>
                        }).collect_view()}
                    </ol>
                </section>
            }
            .into_any()
        }
    }
}
