//! `/portal/notices` (shipment and pickup updates) and `/portal/account` (opt-ins, language,
//! sign-out).

use crate::router::A;
use crate::router::use_navigate;
use leptos::prelude::*;
use schema::notify::Notice;
use schema::portal::PortalPrefs;

use crate::api::{self, ApiError};
use crate::components::form::{Banner, FormState, banner_view};
use crate::components::paged::local_time;
use crate::components::states::{ErrorState, Loading};
use crate::i18n::{Portal, tr, use_i18n};
use crate::pages::portal::use_portal;

#[component]
pub fn PortalNoticesPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(None::<Result<Vec<Notice>, ApiError>>);
    let load = move || leptos::task::spawn_local(async move { state.set(Some(api::portal_notices().await)) });
    load();
    view! {
        <section class="page">
            <h1>{Portal::tr(|c| c.notices_title)}</h1>
            {move || match state.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
                Some(Ok(v)) if v.is_empty() => view! { <p class="hint">{Portal::tr(|c| c.notices_none)}</p> }.into_any(),
                Some(Ok(v)) => view! {
                    <ul class="cards" data-testid="portal-notices">
                        {v.into_iter().map(|n| {
                            let when = local_time(&n.created_at, i18n.locale());
                            let text = n.text.clone();
                            view! {
                                <li class="card">
                                    <div class="card-meta"><span>{when}</span></div>
                                    {match n.link {
                                        Some(href) => view! { <A href=href>{text}</A> }.into_any(),
                                        None => view! { <span>{text}</span> }.into_any(),
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
pub fn PortalAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let portal = use_portal();
    let navigate = use_navigate();
    let user = portal.me.get_untracked().map(|m| m.user);
    let notify_portal = RwSignal::new(user.as_ref().is_none_or(|u| u.notify_portal));
    let notify_message = RwSignal::new(user.as_ref().is_some_and(|u| u.notify_message));
    let form = FormState::new();
    let save = move |_| {
        let body = PortalPrefs {
            notify_portal: notify_portal.get_untracked(),
            notify_message: notify_message.get_untracked(),
            locale: i18n.locale().tag().to_string(),
        };
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::portal_prefs(&body).await {
                Ok(me) => {
                    portal.me.set(Some(me));
                    form.banner.set(Some(Banner::Ok(i18n.t().saved.into())));
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let sign_out = move |_| {
        leptos::task::spawn_local(async move {
            let _ = api::portal_logout().await;
            portal.me.set(None);
            navigate("/portal/login");
        });
    };
    view! {
        <section class="page">
            <h1>{Portal::tr(|c| c.portal_nav_account)}</h1>
            <div class="card form" data-testid="portal-prefs">
                {banner_view(form.banner)}
                {user.map(|u| view! { <p>{u.name}" · "{u.login}" · "{u.customer_name}</p> })}
                <label class="field-check"><input type="checkbox" data-testid="notify-portal" bind:checked=notify_portal/>" "{Portal::tr(|c| c.portal_notify_portal)}</label>
                <label class="field-check"><input type="checkbox" data-testid="notify-message" bind:checked=notify_message/>" "{Portal::tr(|c| c.portal_notify_message)}</label>
                <button type="button" class="btn btn-primary" data-testid="save-prefs" on:click=save disabled=move || form.pending.get()>{tr(|c| c.save)}</button>
            </div>
            <button type="button" class="btn" data-testid="portal-sign-out" on:click=sign_out>{tr(|c| c.sign_out)}</button>
        </section>
    }
}
