//! `/pickups/today`: the courier's day on a phone — pickups in window order, a tap to call the
//! contact, a tap to open the address in a map, and each one's page to mark it collected or not.
//! Without signal the list is the copy from the last sync (its time shown), with the writes the
//! phone still holds on top ([`crate::offline`]).

use crate::router::A;
use leptos::prelude::*;
use schema::pickup::Pickup;

use crate::api::{self, ApiError};
use crate::components::paged::local_time;
use crate::components::pending::{CopyNotice, PendingList};
use crate::components::states::{ErrorState, Loading};
use crate::i18n::{Logistics, StaffUi, tr, use_i18n};
use crate::offline;

#[component]
pub fn PickupTodayPage() -> impl IntoView {
    let i18n = use_i18n();
    let day = RwSignal::new(String::new());
    let state = RwSignal::new(None::<Result<Vec<Pickup>, ApiError>>);
    let copy_from = RwSignal::new(None::<String>);
    let queue = offline::use_queue();
    let load = move || {
        let d = day.get_untracked();
        leptos::task::spawn_local(async move {
            let r = offline::read_through(&offline::day_key(&d), copy_from, api::pickups_today(&d)).await;
            state.set(Some(r));
        })
    };
    // Writes from the queue delivered: read the list again (statuses moved).
    queue.on_delivered(load);
    Effect::new(move |_| {
        day.track();
        load();
    });
    view! {
        <section class="page">
            <div class="page-head"><h1>{StaffUi::tr(|c| c.pickups_today)}</h1>
                <input type="date" aria-label=tr(|c| c.pickup_day) bind:value=day/></div>
            <CopyNotice copy_from=copy_from/>
            <PendingList/>
            {move || match state.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
                Some(Ok(v)) if v.is_empty() => view! { <p class="hint">{Logistics::tr(|c| c.pickup_none_today)}</p> }.into_any(),
                Some(Ok(v)) => view! {
                    <ul class="cards" data-testid="today-list">
                        {v.into_iter().map(|p| {
                            let l = i18n.locale();
                            let place = format!("{}{}", p.region, p.address);
                            let map = format!("https://uri.amap.com/search?keyword={}", js_sys::encode_uri_component(&place));
                            view! {
                                <li class="card" data-testid="today-item">
                                    <A href=format!("/pickups/{}", p.id)>
                                        <div class="card-title">{local_time(&p.window_start, l)}" · "{p.customer_name.clone()}<span class="tag">{p.status.label(l)}</span></div>
                                    </A>
                                    <div class="card-meta"><span>{place}</span><span>{tr(|c| c.pickup_pieces)}" "{p.pieces}</span></div>
                                    <div class="card-actions">
                                        <a class="btn" href=format!("tel:{}", p.contact_phone)>{Logistics::tr(|c| c.pickup_call)}" "{p.contact_name.clone()}</a>
                                        <a class="btn" href=map target="_blank" rel="noopener">{Logistics::tr(|c| c.pickup_map)}</a>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}
