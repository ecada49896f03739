//! The timeline tab: interactions and lifecycle changes, newest first, with a form to log an
//! interaction or plan a follow-up, buttons to mark a follow-up done or cancel it, and the
//! manager's comment (批复).

use crate::router::A;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::customer::Contact;
use schema::interaction::{
    CommentInput, Interaction, InteractionInput, InteractionKind, InteractionStatus, TimelineItem,
};
use schema::staff::CUSTOMER_ASSIGNERS;

use crate::api;
use crate::components::field::{SelectField, TextField};
use crate::components::form::{FormState, banner_view};
use crate::components::paged::local_time;
use crate::i18n::{Customers, StaffUi, tr, use_i18n};
use crate::session::use_session;

/// `datetime-local` input (browser time) → UTC RFC 3339, what the API takes.
pub fn to_instant(local: &str) -> Option<String> {
    if local.is_empty() {
        return None;
    }
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(local));
    (!d.get_time().is_nan()).then(|| String::from(d.to_iso_string()))
}

#[component]
pub fn TimelineTab(id: i64, contacts: Vec<Contact>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let me = move || session.me.with(|m| m.as_ref().map(|m| m.staff.id));
    let manager = move || session.allows(CUSTOMER_ASSIGNERS);
    let items = RwSignal::new(Vec::<TimelineItem>::new());
    let next = RwSignal::new(None::<String>);
    let failed = RwSignal::new(false);
    let fetch = move |before: String| {
        leptos::task::spawn_local(async move {
            match api::timeline(id, &before).await {
                Ok(page) => {
                    if before.is_empty() {
                        items.set(page.items);
                    } else {
                        items.update(|v| v.extend(page.items));
                    }
                    next.set(page.next_before);
                    failed.set(false);
                }
                Err(_) => failed.set(true),
            }
        });
    };
    fetch(String::new());

    let form = FormState::new();
    let kind = RwSignal::new("call".to_string());
    let status = RwSignal::new("done".to_string());
    let summary = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let planned = status.get_untracked() == "planned";
        let at = to_instant(&when.get_untracked());
        let body = InteractionInput {
            version: None,
            kind: crate::components::form::parse_enum(&kind.get_untracked()),
            status: crate::components::form::parse_enum(&status.get_untracked()),
            summary: summary.get_untracked(),
            contact_id: contact.get_untracked().parse().ok(),
            due_at: if planned { at.clone() } else { None },
            done_at: if planned { None } else { at },
            ..Default::default()
        };
        let now = String::from(js_sys::Date::new_0().to_iso_string());
        if !form.accept(&body.validate(&now), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::add_interaction(id, &body).await {
                Ok(_) => {
                    summary.set(String::new());
                    when.set(String::new());
                    fetch(String::new());
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    // Marks a follow-up done or cancelled (keeping its other fields).
    let settle = move |i: Interaction, to: InteractionStatus| {
        let body = InteractionInput {
            version: Some(i.version),
            kind: Some(i.kind),
            status: Some(to),
            summary: i.summary.clone(),
            contact_id: i.contact_id,
            due_at: i.due_at.clone(),
            done_at: None,
            ..Default::default()
        };
        leptos::task::spawn_local(async move {
            if let Err(e) = api::update_interaction(id, i.id, &body).await {
                form.fail(&e, i18n);
            }
            fetch(String::new());
        });
    };
    let comment = move |i: &Interaction, text: String| {
        let (iid, version) = (i.id, i.version);
        leptos::task::spawn_local(async move {
            if let Err(e) = api::comment_interaction(id, iid, &CommentInput { version, comment: text }).await
            {
                form.fail(&e, i18n);
            }
            fetch(String::new());
        });
    };

    let kinds = Signal::derive(move || {
        let l = i18n.locale();
        InteractionKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label(l).to_string())).collect()
    });
    let statuses = Signal::derive(move || {
        let l = i18n.locale();
        [InteractionStatus::Done, InteractionStatus::Planned]
            .iter()
            .map(|s| (s.as_str().to_string(), s.label(l).to_string()))
            .collect()
    });
    let contact_options: Vec<(String, String)> =
        contacts.iter().map(|c| (c.id.to_string(), c.name.clone())).collect();
    let contact_options = Signal::derive(move || contact_options.clone());
    let when_label = Signal::derive(move || {
        if status.get() == "planned" {
            Customers::get(i18n.locale()).due_at
        } else {
            StaffUi::get(i18n.locale()).done_at
        }
    });

    let card = move |item: TimelineItem| {
        let cat = Customers::get(i18n.locale());
        let l = i18n.locale();
        match item {
            TimelineItem::Status(s) => view! {
                <li class="card tl-status">
                    <div class="card-meta"><span>{local_time(&s.at, l)}</span><span>{s.actor_name}</span></div>
                    <div>{cat.lifecycle_change}": "{s.from_status.map(|f| f.label(l)).unwrap_or("—")}" → "{s.to_status.label(l)}</div>
                </li>
            }
            .into_any(),
            TimelineItem::Shipment(s) => view! {
                <li class="card" data-testid="timeline-shipment">
                    <div class="card-meta"><span>{local_time(&s.at, l)}</span><span>{s.dest_region.clone()}</span></div>
                    <div><A href=format!("/shipments/{}", s.id)>{s.waybill_no.clone()}</A>" "<span class="tag">{s.status.label(l)}</span></div>
                </li>
            }
            .into_any(),
            TimelineItem::Request(r) => view! {
                <li class="card" data-testid="timeline-request">
                    <div class="card-meta"><span>{local_time(&r.at, l)}</span><span>{r.kind.label(l)}</span></div>
                    <div><A href=format!("/requests/{}", r.id)>{r.number.clone()}</A>" "{r.subject.clone()}" "<span class="tag">{r.status.label(l)}</span>
                        {r.rating.map(|n| view! { " "<span class="tag tag-ok" data-testid="timeline-rating">{"★".repeat(n.clamp(0, 5) as usize)}</span> })}</div>
                </li>
            }
            .into_any(),
            TimelineItem::Change(c) => view! {
                <li class="card tl-status" data-testid="record-change">
                    <div class="card-meta"><span>{local_time(&c.at, l)}</span><span>{c.actor_name.clone()}</span></div>
                    <div>{schema::interaction::change_label(&c.action, l)}": "
                        {c.fields.iter().map(|f| schema::interaction::change_field_label(f, l)).collect::<Vec<_>>().join("、")}</div>
                </li>
            }
            .into_any(),
            TimelineItem::Interaction(i) => {
                let i = *i;
                let when = i.done_at.clone().or(i.due_at.clone()).unwrap_or(i.created_at.clone());
                let overdue = i.status == InteractionStatus::Planned
                    && i.due_at.as_deref().is_some_and(|d| d < String::from(js_sys::Date::new_0().to_iso_string()).as_str());
                let mine = me() == Some(i.staff_id) || manager();
                let open = i.status == InteractionStatus::Planned && mine;
                let (for_done, for_cancel, for_comment) = (i.clone(), i.clone(), i.clone());
                let draft = RwSignal::new(String::new());
                view! {
                    <li class="card" data-testid="interaction">
                        <div class="card-title">
                            <span class="tag">{i.kind.label(l)}</span>
                            <span class=if overdue { "tag tag-warn" } else { "tag" }>{if overdue { cat.overdue } else { i.status.label(l) }}</span>
                            " "{i.summary.clone()}
                        </div>
                        <div class="card-meta">
                            <span>{local_time(&when, l)}</span><span>{i.staff_name.clone()}</span>
                            <span>{i.contact_name.clone().unwrap_or_default()}</span>
                        </div>
                        {(!i.comment.is_empty()).then(|| view! {
                            <p class="comment" data-testid="comment"><strong>{cat.manager_comment}" · "{i.comment_by.clone().unwrap_or_default()}": "</strong>{i.comment.clone()}</p>
                        })}
                        {open.then(|| view! {
                            <div class="card-actions">
                                <button class="btn-link" data-testid="mark-done" on:click=move |_| settle(for_done.clone(), InteractionStatus::Done)>{cat.mark_done}</button>
                                <button class="btn-link" on:click=move |_| settle(for_cancel.clone(), InteractionStatus::Cancelled)>{cat.cancel_plan}</button>
                            </div>
                        })}
                        {manager().then(|| view! {
                            <form class="inline-form" data-testid="comment-form" on:submit=move |ev: SubmitEvent| {
                                ev.prevent_default();
                                comment(&for_comment, draft.get_untracked());
                            }>
                                <input aria-label=cat.manager_comment bind:value=draft/>
                                <button type="submit" class="btn">{cat.comment_submit}</button>
                            </form>
                        })}
                    </li>
                }
                .into_any()
            }
        }
    };

    view! {
        <form class="card form" on:submit=save novalidate data-testid="interaction-form">
            <h2>{move || Customers::get(i18n.locale()).interaction_add}</h2>
            {banner_view(form.banner)}
            <SelectField name="kind" label=Customers::tr(|c| c.interaction_kind) value=kind errors=form.errors options=kinds placeholder=tr(|c| c.choose)/>
            <SelectField name="status" label=StaffUi::tr(|c| c.interaction_status) value=status errors=form.errors options=statuses placeholder=tr(|c| c.choose)/>
            <TextField name="summary" label=StaffUi::tr(|c| c.summary) value=summary errors=form.errors required=true/>
            <div class="field" class:has-error=move || form.errors.with(|e| e.contains_key("due_at") || e.contains_key("done_at"))>
                <label for="f-when">{when_label}</label>
                <input id="f-when" name="when" type="datetime-local" bind:value=when/>
                <p class="field-error" id="f-when-error" role="alert">{move || form.errors.with(|e| e.get("due_at").or(e.get("done_at")).cloned())}</p>
            </div>
            <SelectField name="contact_id" label=Customers::tr(|c| c.contact_name) value=contact errors=form.errors options=contact_options placeholder=tr(|c| c.choose)/>
            <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{move || i18n.t().save}</button>
        </form>
        <h2>{move || i18n.t().tab_timeline}</h2>
        <Show when=move || failed.get()><p class="state state-error">{move || i18n.t().error_title}</p></Show>
        <Show when=move || items.with(Vec::is_empty) && !failed.get()><p class="state state-empty">{move || Customers::get(i18n.locale()).no_timeline}</p></Show>
        <ul class="cards timeline" data-testid="timeline">{move || items.get().into_iter().map(card).collect_view()}</ul>
        <Show when=move || next.with(Option::is_some)>
            <button class="btn btn-block" on:click=move |_| fetch(next.get_untracked().unwrap_or_default())>{move || i18n.t().load_more}</button>
        </Show>
    }
}
