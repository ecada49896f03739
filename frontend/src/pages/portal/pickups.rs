//! `/portal/pickups` (my bookings), `/portal/pickups/new` (book) and `/portal/pickups/:id` (status
//! and history; cancel before collection).

use crate::router::A;
use crate::router::use_params_map;
use leptos::prelude::*;
use schema::pickup::{Pickup, PickupDetail, PickupStatus, ReasonRequest};

use crate::api::{self, ApiError};
use crate::components::form::{FormState, banner_view};
use crate::components::paged::{Paged, PagedView, local_time};
use crate::components::pickup::{PickupFacts, PickupForm, PickupHistory};
use crate::components::states::{ErrorState, Loading};
use crate::i18n::{Portal, tr, use_i18n};

#[component]
pub fn PortalPickupsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Paged::<Pickup>::new();
    let fetch = move |cursor: String| async move { api::portal_pickups(&[("cursor", cursor)]).await };
    list.load(true, fetch);
    view! {
        <section class="page">
            <div class="page-head"><h1>{Portal::tr(|c| c.portal_nav_pickups)}</h1>
                <A href="/portal/pickups/new" attr:class="btn btn-primary" attr:data-testid="book-pickup">{tr(|c| c.pickup_new)}</A></div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="portal-pickups" render=move |p: Pickup| {
                let l = i18n.locale();
                view! {
                    <li class="card card-link">
                        <A href=format!("/portal/pickups/{}", p.id)>
                            <div class="card-title">{p.pickup_no.clone()}<span class="tag">{p.status.label(l)}</span></div>
                            <div class="card-meta"><span>{local_time(&p.window_start, l)}</span><span>{p.address.clone()}</span></div>
                        </A>
                    </li>
                }
            }/>
        </section>
    }
}

#[component]
pub fn PortalBookPage() -> impl IntoView {
    let state = RwSignal::new(None::<Result<(Vec<_>, Vec<_>), ApiError>>);
    let load = move || {
        leptos::task::spawn_local(async move {
            let r = match (api::portal_locations().await, api::portal_addresses().await) {
                (Ok(l), Ok(a)) => Ok((l, a)),
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            state.set(Some(r));
        })
    };
    load();
    view! {
        <section class="page">
            <h1>{tr(|c| c.pickup_new)}</h1>
            {move || match state.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
                Some(Ok((locations, book))) => view! { <PickupForm locations=locations book=book/> }.into_any(),
            }}
        </section>
    }
}

#[component]
pub fn PortalPickupPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let state = RwSignal::new(None::<Result<PickupDetail, ApiError>>);
    let load =
        move || leptos::task::spawn_local(async move { state.set(Some(api::portal_pickup(id()).await)) });
    Effect::new(move |_| {
        params.track();
        load();
    });
    let form = FormState::new();
    let cancel = move |version: i64| {
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::portal_cancel_pickup(id(), &ReasonRequest { version, reason: String::new() }).await {
                Ok(d) => state.set(Some(Ok(d))),
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    move || match state.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
        Some(Ok(d)) => {
            let p = d.pickup.clone();
            let cancellable = p.status.can_become(PickupStatus::Cancelled);
            view! {
                <section class="page" data-testid="portal-pickup">
                    <h1>{p.pickup_no.clone()}</h1>
                    {banner_view(form.banner)}
                    <PickupFacts p=p.clone()/>
                    {p.shipment_id.map(|s| view! { <A href=format!("/portal/shipments/{s}") attr:class="btn">{Portal::tr(|c| c.portal_nav_shipments)}</A> })}
                    {cancellable.then(|| view! {
                        <button type="button" class="btn btn-danger" data-testid="cancel-pickup" disabled=move || form.pending.get()
                            on:click=move |_| cancel(p.version)>{tr(|c| c.pickup_cancel)}</button>
                    })}
                    <PickupHistory steps=d.history/>
                </section>
            }
            .into_any()
        }
    }
}
