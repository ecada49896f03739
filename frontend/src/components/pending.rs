//! Writes the device still holds ([`crate::offline`]): pending until the connection returns, or
//! refused by the server — then with the server's reason and a button to dismiss it.

use leptos::prelude::*;

use crate::components::paged::local_time;
use crate::i18n::{Logistics, use_i18n};
use crate::offline::{Action, Write, use_queue};

#[component]
pub fn PendingWrite(w: Write) -> impl IntoView {
    let i18n = use_i18n();
    let queue = use_queue();
    let what = move |c: &Logistics| match w.action {
        Action::Collect { .. } => c.pickup_collect,
        Action::Fail { .. } => c.pickup_fail,
        Action::Event { .. } => c.event_add,
    };
    let id = w.id.clone();
    let when = local_time(&w.created_at, i18n.locale());
    match w.refused.clone() {
        None => view! {
            <div class="banner pending" role="status" data-testid="pending-write" data-write=w.id.clone()>
                <strong>{Logistics::tr(|c| c.offline_pending)}</strong>" · "{move || what(Logistics::get(i18n.locale()))}" · "{w.label.clone()}" · "{when}
            </div>
        }
        .into_any(),
        Some(reason) => view! {
            <div class="banner banner-error" role="alert" data-testid="refused-write" data-write=w.id.clone()>
                <strong>{Logistics::tr(|c| c.offline_refused)}</strong>" · "{move || what(Logistics::get(i18n.locale()))}" · "{w.label.clone()}
                <p data-testid="refused-reason">{reason}</p>
                <button type="button" class="btn" data-testid="dismiss-write"
                    on:click=move |_| { let id = id.clone(); leptos::task::spawn_local(async move { queue.dismiss(id).await }) }>
                    {Logistics::tr(|c| c.offline_dismiss)}
                </button>
            </div>
        }
        .into_any(),
    }
}

/// "Offline: showing the copy from the last sync, <time>" while `copy_from` holds that time.
#[component]
pub fn CopyNotice(copy_from: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        copy_from.get().map(|at| {
            view! {
                <p class="banner" role="status" data-testid="offline-copy">{Logistics::tr(|c| c.offline_copy)}" "{local_time(&at, i18n.locale())}</p>
            }
        })
    }
}

/// Every write the device holds, newest last (the courier's day list shows them on top).
#[component]
pub fn PendingList() -> impl IntoView {
    let queue = use_queue();
    move || {
        let all = queue.writes.get();
        (!all.is_empty()).then(|| {
            view! {
                <div class="pending-list" data-testid="pending-list">
                    {all.into_iter().map(|w| view! { <PendingWrite w=w/> }).collect_view()}
                </div>
            }
        })
    }
}
