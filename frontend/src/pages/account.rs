//! `/account`: one's own details and password change.

use std::collections::BTreeMap;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::staff::PasswordChange;

use crate::api;
use crate::components::field::TextField;
use crate::components::form::{Banner, FormState, banner_view};
use crate::components::paged::local_time;
use crate::i18n::{Admin, StaffUi, use_i18n};
use crate::session::use_session;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let form = FormState::new();
    let (errors, banner, pending) = (form.errors, form.banner, form.pending);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.locale();
        let mut e = BTreeMap::new();
        if current.get_untracked().is_empty() {
            e.insert("current_password".to_string(), schema::FieldIssue::Required.message(locale));
        }
        if let Err(issue) = schema::password::check(&new.get_untracked(), &[]) {
            e.insert("new_password".to_string(), issue.message(locale));
        }
        errors.set(e.clone());
        if !e.is_empty() {
            return;
        }
        pending.set(true);
        let body =
            PasswordChange { current_password: current.get_untracked(), new_password: new.get_untracked() };
        leptos::task::spawn_local(async move {
            match api::change_password(&body).await {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    banner.set(Some(Banner::Ok(Admin::get(i18n.locale()).password_changed.into())));
                }
                Err(e) => form.fail(&e, i18n),
            }
            pending.set(false);
        });
    };

    view! {
        <section class="page">
            <h1>{Admin::tr(|c| c.account_title)}</h1>
            {move || session.me.get().map(|me| {
                let s = me.staff;
                let l = i18n.locale();
                view! {
                    <dl class="card facts">
                        <dt>{Admin::get(i18n.locale()).staff_name}</dt><dd>{s.name.clone()}</dd>
                        <dt>{StaffUi::get(i18n.locale()).your_role}</dt><dd>{s.role.label(l)}</dd>
                        <dt>{StaffUi::get(i18n.locale()).your_org}</dt><dd>{s.org_name.clone()}</dd>
                        <dt>{i18n.t().phone}</dt><dd>{s.phone.clone().unwrap_or_default()}</dd>
                        <dt>{StaffUi::get(i18n.locale()).email}</dt><dd>{s.email.clone().unwrap_or_default()}</dd>
                        <dt>{Admin::get(i18n.locale()).last_login}</dt><dd>{s.last_login_at.as_deref().map_or(Admin::get(i18n.locale()).never.to_string(), |t| local_time(t, l))}</dd>
                    </dl>
                }
            })}
            <form class="card form" on:submit=submit novalidate data-testid="password-form">
                <h2>{StaffUi::tr(|c| c.change_password)}</h2>
                <p class="hint">{Admin::tr(|c| c.change_password_hint)}</p>
                {banner_view(banner)}
                <TextField name="current_password" label=Signal::derive(move || Admin::get(i18n.locale()).current_password) value=current errors=errors
                    kind="password" autocomplete="current-password" required=true/>
                <TextField name="new_password" label=Signal::derive(move || Admin::get(i18n.locale()).new_password) value=new errors=errors
                    kind="password" autocomplete="new-password" required=true hint=Signal::derive(move || Admin::get(i18n.locale()).password_rules)/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || pending.get()>
                    {move || if pending.get() { StaffUi::get(i18n.locale()).saving } else { StaffUi::get(i18n.locale()).change_password }}
                </button>
            </form>
        </section>
    }
}
