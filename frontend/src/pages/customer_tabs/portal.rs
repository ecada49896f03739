//! The portal tab: the customer's portal accounts (invited, active, disabled), an invitation
//! form (the code goes to the person's phone or e-mail through the outbox), switching off / on.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::portal::{InviteRequest, PortalStatus, PortalUser, PortalUserUpdate};

use crate::api::{self, ApiError};
use crate::components::field::TextField;
use crate::components::form::{FormState, banner_view};
use crate::components::paged::local_time;
use crate::components::states::{ErrorState, Loading};
use crate::i18n::{Customers, tr, use_i18n};

fn status_label(s: PortalStatus, t: &Customers) -> &'static str {
    match s {
        PortalStatus::Invited => t.portal_status_invited,
        PortalStatus::Active => t.portal_status_active,
        PortalStatus::Disabled => t.portal_status_disabled,
    }
}

#[component]
pub fn PortalTab(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(None::<Result<Vec<PortalUser>, ApiError>>);
    let load = move || leptos::task::spawn_local(async move { state.set(Some(api::portal_users(id).await)) });
    load();
    let form = FormState::new();
    let name = RwSignal::new(String::new());
    let login = RwSignal::new(String::new());
    let invite = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = InviteRequest { name: name.get_untracked(), login: login.get_untracked() };
        if !form.accept(&body.validate(), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::invite_portal_user(id, &body).await {
                Ok(_) => {
                    name.set(String::new());
                    login.set(String::new());
                    load();
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let toggle = move |u: PortalUser| {
        let status =
            if u.status == PortalStatus::Active { PortalStatus::Disabled } else { PortalStatus::Active };
        leptos::task::spawn_local(async move {
            if let Err(e) =
                api::update_portal_user(u.id, &PortalUserUpdate { version: u.version, status }).await
            {
                form.fail(&e, i18n);
            }
            load();
        })
    };
    view! {
        <div class="tab-body" data-testid="portal-tab">
            <h2>{Customers::tr(|c| c.portal_users_title)}</h2>
            {banner_view(form.banner)}
            {move || match state.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
                Some(Ok(users)) => view! {
                    <ul class="cards" data-testid="portal-users">
                        {users.into_iter().map(|u| {
                            let (l, t) = (i18n.locale(), Customers::get(i18n.locale()));
                            let switchable = u.status != PortalStatus::Invited;
                            let label = if u.status == PortalStatus::Active { t.portal_disable } else { t.portal_enable };
                            let last = u.last_login_at.as_deref().map(|x| local_time(x, l)).unwrap_or_default();
                            let uu = u.clone();
                            view! {
                                <li class="card">
                                    <div class="card-title">{u.name.clone()}" "{u.login.clone()}<span class="tag">{status_label(u.status, t)}</span></div>
                                    <div class="card-meta"><span>{last}</span></div>
                                    {switchable.then(|| view! { <button type="button" class="btn-link" on:click=move |_| toggle(uu.clone())>{label}</button> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <form class="card form" on:submit=invite novalidate data-testid="invite-form">
                <h3>{Customers::tr(|c| c.portal_invite)}</h3>
                <TextField name="name" label=tr(|c| c.address_name) value=name errors=form.errors required=true/>
                <TextField name="login" label=Customers::tr(|c| c.portal_invite_login) value=login errors=form.errors required=true/>
                <button type="submit" class="btn btn-primary" disabled=move || form.pending.get()>{Customers::tr(|c| c.portal_invite)}</button>
            </form>
        </div>
    }
}
