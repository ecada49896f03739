//! `/shipments` and `/shipments/:id`: staff shipment search (waybill or its start, phone,
//! status) and a shipment's detail with its events; hubs, couriers and service record events.

use crate::router::A;
use crate::router::use_params_map;
use leptos::prelude::*;
use schema::shipment::{OrgAttention, Shipment, ShipmentDetail, ShipmentStatus};

use crate::api::{self, ApiError};
use crate::components::event_form::EventForm;
use crate::components::paged::{Paged, PagedView, local_time};
use crate::components::states::{ErrorState, Loading};
use crate::i18n::{Logistics, StaffUi, tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn ShipmentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let overdue = RwSignal::new(false);
    let org = RwSignal::new(String::new());
    let list = Paged::<Shipment>::new();
    let fetch = move |cursor: String| {
        let late = if overdue.get_untracked() { "true".to_string() } else { String::new() };
        let query = vec![
            ("q", q.get_untracked()),
            ("status", status.get_untracked()),
            ("overdue", late),
            ("org_id", org.get_untracked()),
            ("cursor", cursor),
        ];
        async move { api::shipments(&query).await }
    };
    Effect::new(move |_| {
        q.track();
        status.track();
        overdue.track();
        org.track();
        list.load(true, fetch);
    });
    // Per-org attention: a tap filters the list to that org's overdue or exception shipments.
    let attention = RwSignal::new(Vec::<OrgAttention>::new());
    leptos::task::spawn_local(async move {
        if let Ok(a) = api::attention().await {
            attention.set(a);
        }
    });
    let pick = move |o: Option<i64>, late: bool| {
        org.set(o.map(|o| o.to_string()).unwrap_or_default());
        overdue.set(late);
        status.set(if late { String::new() } else { "exception".into() });
    };
    view! {
        <section class="page">
            <h1>{StaffUi::tr(|c| c.shipments_title)}</h1>
            <Show when=move || attention.with(|a| !a.is_empty())>
                <div class="card" data-testid="attention">
                    <h2>{Logistics::tr(|c| c.attention_title)}</h2>
                    <ul class="attention">
                        {move || attention.get().into_iter().map(|a| {
                            let name = a.org_name.clone().unwrap_or_else(|| Logistics::get(i18n.locale()).attention_no_org.to_string());
                            view! {
                                <li><span>{name}</span>
                                    <button type="button" class="btn-link" on:click=move |_| pick(a.org_id, true)>{Logistics::tr(|c| c.attention_overdue)}" "{a.overdue}</button>
                                    <button type="button" class="btn-link" on:click=move |_| pick(a.org_id, false)>{Logistics::tr(|c| c.attention_exception)}" "{a.exception}</button></li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            </Show>
            <div class="filters" role="search">
                <input type="search" data-testid="shipment-search" aria-label=tr(|c| c.search) placeholder=Logistics::tr(|c| c.shipment_search_hint) bind:value=q/>
                <select aria-label=StaffUi::tr(|c| c.interaction_status) on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{tr(|c| c.filter_all)}</option>
                    {move || ShipmentStatus::ALL.iter().map(|s| view! { <option value=s.as_str()>{s.label(i18n.locale())}</option> }).collect_view()}
                </select>
                <label class="field-check"><input type="checkbox" data-testid="only-overdue" bind:checked=overdue/>" "{Logistics::tr(|c| c.only_overdue)}</label>
            </div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="shipment-list" render=move |s: Shipment| {
                let l = i18n.locale();
                view! {
                    <li class="card card-link">
                        <A href=format!("/shipments/{}", s.id)>
                            <div class="card-title">{s.waybill_no.clone()}<span class="tag">{s.status.label(l)}</span>
                                {s.overdue.then(|| view! { <span class="tag tag-warn">{Logistics::get(i18n.locale()).track_late}</span> })}
                                {s.delay_eligible.then(|| view! { <span class="tag tag-warn">{Logistics::get(i18n.locale()).delay_eligible}</span> })}</div>
                            <div class="card-meta">
                                <span>{s.customer_name.clone().unwrap_or_else(|| s.shipper_name.clone())}</span>
                                <span>{s.origin_region.clone()}" → "{s.dest_region.clone()}</span>
                                <span>{s.consignee_name.clone()}</span>
                            </div>
                        </A>
                    </li>
                }
            }/>
        </section>
    }
}

#[component]
pub fn ShipmentDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let state = RwSignal::new(None::<Result<ShipmentDetail, ApiError>>);
    let load = move || leptos::task::spawn_local(async move { state.set(Some(api::shipment(id()).await)) });
    Effect::new(move |_| {
        params.track();
        load();
    });
    move || match state.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
        Some(Ok(d)) => {
            let s = d.shipment;
            let l = i18n.locale();
            let cat = i18n.t();
            let may_record = session.allows(schema::staff::EVENT_RECORDERS);
            view! {
                <section class="page" data-testid="shipment-detail">
                    <div class="page-head"><h1>{s.waybill_no.clone()}</h1><span class="tag" data-testid="shipment-status">{s.status.label(l)}</span></div>
                    <dl class="card facts">
                        <dt>{Logistics::get(i18n.locale()).track_shipper}</dt><dd>{s.customer_name.clone().unwrap_or(s.shipper_name.clone())}" "{s.shipper_phone.clone()}</dd>
                        <dt>{cat.track_consignee}</dt><dd>{s.consignee_name.clone()}" "<a href=format!("tel:{}", s.consignee_phone)>{s.consignee_phone.clone()}</a></dd>
                        <dt>{cat.address}</dt><dd>{s.consignee_address.clone()}</dd>
                        <dt>{cat.track_route}</dt><dd>{s.origin_region.clone()}" → "{s.dest_region.clone()}</dd>
                        <dt>{cat.track_committed}</dt><dd>{s.committed_at.as_deref().map(|c| local_time(c, l)).unwrap_or_default()}</dd>
                    </dl>
                    {may_record.then(|| view! {
                        <EventForm shipment=s.id label=s.waybill_no.clone() on_saved=move |d| state.set(Some(Ok(d)))/>
                    })}
                    <h2>{cat.tab_timeline}</h2>
                    <ol class="cards timeline" data-testid="shipment-events">
                        {d.events.into_iter().map(|e| view! {
                            <li class="card"><div class="card-meta"><span>{local_time(&e.at, l)}</span><span>{e.location.clone()}</span><span>{e.operator.clone()}</span></div>
                                <div><strong>{e.kind.label(l)}</strong>" "{e.description.clone()}</div></li>
                        }).collect_view()}
                    </ol>
                </section>
            }
            .into_any()
        }
    }
}
