//! Portal sign-in (`/portal/login`), sign-up (`/portal/register`), invitation
//! (`/portal/activate`) and password reset (`/portal/reset`). The three code flows share one
//! form: a login, "send code" where the visitor asks for one, then the code and a password.

use crate::router::A;
use crate::router::{use_navigate, use_query_map};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::auth::LoginRequest;
use schema::portal::{CodeConfirm, CodePurpose, CodeRequest};

use crate::api;
use crate::components::field::TextField;
use crate::components::form::{Banner, FormState, banner_view};
use crate::components::layout::LangSwitch;
use crate::i18n::{Portal, tr, use_i18n};
use crate::pages::portal::use_portal;

#[component]
pub fn PortalLoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let portal = use_portal();
    let navigate = use_navigate();
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.pending.set(true);
        let body = LoginRequest { login: login.get_untracked(), password: password.get_untracked() };
        leptos::task::spawn_local(async move {
            match api::portal_login(&body).await {
                Ok(me) => {
                    portal.signed_in(me);
                    navigate("/portal");
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    view! {
        <main class="login-page">
            <form class="card login-card" on:submit=submit novalidate data-testid="portal-login">
                <div class="login-head"><h1>{Portal::tr(|c| c.portal_title)}</h1><LangSwitch/></div>
                <p class="hint">{Portal::tr(|c| c.portal_login_hint)}</p>
                {banner_view(form.banner)}
                <TextField name="login" label=tr(|c| c.login_field) value=login errors=form.errors autocomplete="username" required=true/>
                <TextField name="password" label=tr(|c| c.password) value=password errors=form.errors kind="password" autocomplete="current-password" required=true/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{tr(|c| c.sign_in)}</button>
                <p class="login-links">
                    <A href="/portal/register">{Portal::tr(|c| c.portal_no_account)}</A>" · "
                    <A href="/portal/reset">{Portal::tr(|c| c.portal_forgot)}</A>" · "
                    <A href="/portal/activate">{Portal::tr(|c| c.portal_have_invite)}</A>
                </p>
            </form>
        </main>
    }
}

/// Which code flow a page runs.
#[derive(Clone, Copy, PartialEq)]
enum Flow {
    Register,
    Activate,
    Reset,
}

#[component]
pub fn PortalRegisterPage() -> impl IntoView {
    view! { <CodeFlow flow=Flow::Register/> }
}

#[component]
pub fn PortalActivatePage() -> impl IntoView {
    view! { <CodeFlow flow=Flow::Activate/> }
}

#[component]
pub fn PortalResetPage() -> impl IntoView {
    view! { <CodeFlow flow=Flow::Reset/> }
}

#[component]
fn CodeFlow(flow: Flow) -> impl IntoView {
    let i18n = use_i18n();
    let portal = use_portal();
    let navigate = use_navigate();
    let query = use_query_map();
    let login = RwSignal::new(query.with_untracked(|q| q.get("login")).unwrap_or_default());
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    let send_code = move |_| {
        let purpose = if flow == Flow::Reset { CodePurpose::Reset } else { CodePurpose::Register };
        let body = CodeRequest { purpose, login: login.get_untracked() };
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::portal_code(&body).await {
                Ok(()) => {
                    form.errors.set(Default::default());
                    form.banner.set(Some(Banner::Ok(Portal::get(i18n.locale()).portal_code_sent.into())));
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = CodeConfirm {
            login: login.get_untracked(),
            code: code.get_untracked(),
            password: password.get_untracked(),
            name: name.get_untracked(),
            company: company.get_untracked(),
        };
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            let result = match flow {
                Flow::Register => api::portal_register(&body).await.map(Some),
                Flow::Activate => api::portal_activate(&body).await.map(Some),
                Flow::Reset => api::portal_reset(&body).await.map(|()| None),
            };
            match result {
                Ok(Some(me)) => {
                    portal.signed_in(me);
                    navigate("/portal");
                }
                Ok(None) => {
                    form.errors.set(Default::default());
                    form.banner
                        .set(Some(Banner::Ok(Portal::get(i18n.locale()).portal_password_changed.into())));
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let title = move || match flow {
        Flow::Register => Portal::get(i18n.locale()).portal_register_title,
        Flow::Activate => Portal::get(i18n.locale()).portal_activate_title,
        Flow::Reset => Portal::get(i18n.locale()).portal_reset_title,
    };
    view! {
        <main class="login-page">
            <form class="card login-card" on:submit=submit novalidate data-testid="portal-code-flow">
                <div class="login-head"><h1>{title}</h1><LangSwitch/></div>
                {banner_view(form.banner)}
                <TextField name="login" label=tr(|c| c.login_field) value=login errors=form.errors kind="tel" autocomplete="username" required=true/>
                {(flow != Flow::Activate).then(|| view! {
                    <button type="button" class="btn" data-testid="send-code" on:click=send_code disabled=move || form.pending.get()>{Portal::tr(|c| c.portal_send_code)}</button>
                })}
                <TextField name="code" label=Portal::tr(|c| c.portal_code) value=code errors=form.errors autocomplete="one-time-code" required=true/>
                {(flow == Flow::Register).then(|| view! {
                    <TextField name="name" label=Portal::tr(|c| c.portal_your_name) value=name errors=form.errors autocomplete="name" required=true/>
                    <TextField name="company" label=Portal::tr(|c| c.portal_company) value=company errors=form.errors autocomplete="organization"/>
                })}
                <TextField name="password" label=Portal::tr(|c| c.portal_new_password) value=password errors=form.errors kind="password" autocomplete="new-password" required=true/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{Portal::tr(|c| c.portal_submit)}</button>
                <p class="login-links"><A href="/portal/login">{Portal::tr(|c| c.portal_back_login)}</A></p>
            </form>
        </main>
    }
}
