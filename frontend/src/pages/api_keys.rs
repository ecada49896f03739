//! `/settings/api-keys`: integration keys for the firm's TMS/WMS (admins). A new key is shown
//! once; revoking stops it on its next request.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::integration::ApiKey;
use schema::staff::ADMIN_ONLY;

use crate::api;
use crate::components::layout::RequireRole;
use crate::components::paged::local_time;
use crate::i18n::{Admin, StaffUi, use_i18n};

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    view! { <RequireRole roles=ADMIN_ONLY><KeysView/></RequireRole> }
}

#[component]
fn KeysView() -> impl IntoView {
    let i18n = use_i18n();
    let keys = RwSignal::new(Vec::<ApiKey>::new());
    let reload = move || {
        leptos::task::spawn_local(async move {
            if let Ok(k) = api::api_keys().await {
                keys.set(k);
            }
        })
    };
    reload();
    let name = RwSignal::new(String::new());
    let fresh = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let create = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        leptos::task::spawn_local(async move {
            match api::create_api_key(&n).await {
                Ok(k) => {
                    fresh.set(Some(k.key));
                    problem.set(None);
                    name.set(String::new());
                    reload();
                }
                Err(e) => problem.set(Some(e.message())),
            }
        });
    };
    let revoke = move |id: i64| {
        leptos::task::spawn_local(async move {
            if api::revoke_api_key(id).await.is_ok() {
                reload();
            }
        });
    };
    view! {
        <section class="page">
            <h1>{StaffUi::tr(|c| c.keys_title)}</h1>
            <p class="muted">{Admin::tr(|c| c.keys_hint)}</p>
            <form class="card inline-form" on:submit=create data-testid="key-form">
                <input aria-label=Admin::tr(|c| c.keys_name) placeholder=Admin::tr(|c| c.keys_name) bind:value=name/>
                <button type="submit" class="btn btn-primary">{Admin::tr(|c| c.keys_create)}</button>
            </form>
            {move || problem.get().map(|p| view! { <div class="banner banner-error" role="alert">{p}</div> })}
            {move || fresh.get().map(|k| view! {
                <div class="banner" role="status" data-testid="new-key"><strong>{Admin::tr(|c| c.keys_once)}</strong><pre>{k}</pre></div>
            })}
            <ul class="cards" data-testid="key-list">
                {move || keys.get().into_iter().map(|k| {
                    let l = i18n.locale();
                    let id = k.id;
                    let live = k.revoked_at.is_none();
                    view! {
                        <li class="card">
                            <div class="card-title">{k.name.clone()}" "<span class="muted">{format!("wpk_{}_…", k.prefix)}</span>
                                {(!live).then(|| view! { <span class="tag tag-off">{Admin::get(i18n.locale()).keys_revoked}</span> })}</div>
                            <div class="card-meta"><span>{k.created_by_name.clone().unwrap_or_default()}</span>
                                <span>{local_time(&k.created_at, l)}</span>
                                <span>{k.last_used_at.as_deref().map(|t| local_time(t, l)).unwrap_or_default()}</span></div>
                            {live.then(|| view! { <div class="card-actions"><button class="btn-link" on:click=move |_| revoke(id)>{Admin::get(i18n.locale()).keys_revoke}</button></div> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
