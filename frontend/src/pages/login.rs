//! `/login`: staff sign-in by phone or e-mail.

use std::collections::BTreeMap;

use crate::router::Redirect;
use crate::router::use_navigate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::FieldIssue;
use schema::auth::LoginRequest;

use crate::api::{self, ApiError};
use crate::components::field::TextField;
use crate::components::layout::LangSwitch;
use crate::i18n::{StaffUi, use_i18n};
use crate::session::use_session;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(BTreeMap::new());
    let banner = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.locale();
        let mut e = BTreeMap::new();
        if login.get_untracked().trim().is_empty() {
            e.insert("login".to_string(), FieldIssue::Required.message(locale));
        }
        if password.get_untracked().is_empty() {
            e.insert("password".to_string(), FieldIssue::Required.message(locale));
        }
        errors.set(e.clone());
        if !e.is_empty() {
            return;
        }
        pending.set(true);
        banner.set(None);
        let body = LoginRequest { login: login.get_untracked(), password: password.get_untracked() };
        leptos::task::spawn_local(async move {
            match api::login(&body).await {
                Ok(me) => {
                    session.signed_in(me);
                    session.checked.set(true);
                    session.offline.set(false);
                    navigate("/");
                }
                Err(ApiError::Offline) => banner.set(Some(i18n.t().offline_body.to_string())),
                Err(e) => banner.set(Some(e.message())),
            }
            pending.set(false);
        });
    };

    view! {
        <Show when=move || session.me.with(Option::is_none) fallback=|| view! { <Redirect path="/"/> }>
            <main class="login-page">
                <form class="card login-card" on:submit=submit novalidate>
                    <div class="login-head">
                        <h1>{StaffUi::tr(|c| c.app_name)}</h1>
                        <LangSwitch/>
                    </div>
                    <h2>{StaffUi::tr(|c| c.login_title)}</h2>
                    <p class="hint">{StaffUi::tr(|c| c.login_hint)}</p>
                    {move || banner.get().map(|m| view! { <div class="banner banner-error" role="alert" data-testid="login-error">{m}</div> })}
                    <TextField name="login" label=Signal::derive(move || i18n.t().login_field) value=login errors=errors
                        autocomplete="username" required=true/>
                    <TextField name="password" label=Signal::derive(move || i18n.t().password) value=password errors=errors
                        kind="password" autocomplete="current-password" required=true/>
                    <button type="submit" class="btn btn-primary btn-block" disabled=move || pending.get()>
                        {move || if pending.get() { StaffUi::get(i18n.locale()).signing_in } else { i18n.t().sign_in }}
                    </button>
                </form>
            </main>
        </Show>
    }
}
