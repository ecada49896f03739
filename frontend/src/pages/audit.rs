//! `/audit`: the audit log with filters (admins).

use leptos::prelude::*;
use schema::audit::AuditEntry;
use schema::staff::ADMIN_ONLY;

use crate::api;
use crate::components::layout::RequireRole;
use crate::components::paged::{Paged, PagedView, local_time};
use crate::i18n::{Admin, StaffUi, tr, use_i18n};

fn action_label(t: &Admin, action: &str) -> String {
    match action {
        "create" => t.action_create.into(),
        "update" => t.action_update.into(),
        "deactivate" => t.action_deactivate.into(),
        "password_reset" => t.action_password_reset.into(),
        "password_change" => t.action_password_change.into(),
        other => other.into(),
    }
}

fn entity_label(t: &Admin, entity: &str) -> String {
    match entity {
        "org" => t.entity_org.into(),
        "staff" => t.entity_staff.into(),
        other => other.into(),
    }
}

fn show(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "—".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    view! { <RequireRole roles=ADMIN_ONLY><AuditList/></RequireRole> }
}

#[component]
fn AuditList() -> impl IntoView {
    let i18n = use_i18n();
    let entity = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let since = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let list = Paged::<AuditEntry>::new();
    let fetch = move |cursor: String| {
        let query = vec![
            ("entity", entity.get_untracked()),
            ("action", action.get_untracked()),
            ("since", since.get_untracked()),
            ("until", until.get_untracked()),
            ("cursor", cursor),
        ];
        async move { api::audit(&query).await }
    };
    Effect::new(move |_| {
        entity.track();
        action.track();
        since.track();
        until.track();
        list.load(true, fetch);
    });
    let actions = ["create", "update", "deactivate", "password_reset", "password_change"];
    view! {
        <section class="page">
            <h1>{StaffUi::tr(|c| c.audit_title)}</h1>
            <div class="filters" role="search">
                <select aria-label=Admin::tr(|c| c.audit_entity) on:change=move |ev| entity.set(event_target_value(&ev))>
                    <option value="">{tr(|c| c.filter_all)}</option>
                    <option value="org">{Admin::tr(|c| c.entity_org)}</option>
                    <option value="staff">{Admin::tr(|c| c.entity_staff)}</option>
                </select>
                <select aria-label=Admin::tr(|c| c.audit_action) on:change=move |ev| action.set(event_target_value(&ev))>
                    <option value="">{tr(|c| c.filter_all)}</option>
                    {move || actions.iter().map(|a| view! { <option value=*a>{action_label(Admin::get(i18n.locale()), a)}</option> }).collect_view()}
                </select>
                <label class="inline">{Admin::tr(|c| c.audit_since)}<input type="date" bind:value=since/></label>
                <label class="inline">{Admin::tr(|c| c.audit_until)}<input type="date" bind:value=until/></label>
            </div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="audit-list" render=move |e: AuditEntry| {
                let t = Admin::get(i18n.locale());
                let changes = e.diff.as_object().cloned().unwrap_or_default().into_iter().map(|(k, v)| {
                    view! { <li><code>{k}</code>": "{show(&v["from"])}" → "{show(&v["to"])}</li> }
                }).collect_view();
                view! {
                    <li class="card">
                        <div class="card-title">{action_label(t, &e.action)}" · "{entity_label(t, &e.entity)}" #"{e.entity_id}</div>
                        <div class="card-meta"><span>{local_time(&e.at, i18n.locale())}</span><span>{t.audit_by}": "{e.actor_name.clone()}</span></div>
                        <ul class="diff">{changes}</ul>
                    </li>
                }
            }/>
        </section>
    }
}
