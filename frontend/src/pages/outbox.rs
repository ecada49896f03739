//! `/settings/outbox` (admins): every message the firm sent or tried to — with the development
//! provider, the texts themselves — and a button to deliver what is due now.

use leptos::prelude::*;
use schema::notify::{Channel, MessageStatus, OutboxMessage};

use crate::api;
use crate::components::paged::{Paged, PagedView, local_time};
use crate::i18n::{Admin, StaffUi, tr, use_i18n};

fn status_label(s: MessageStatus, t: &Admin) -> &'static str {
    match s {
        MessageStatus::Pending => t.outbox_status_pending,
        MessageStatus::Sent => t.outbox_status_sent,
        MessageStatus::Failed => t.outbox_status_failed,
    }
}

fn channel_label(c: Channel) -> &'static str {
    match c {
        Channel::Email => "e-mail",
        Channel::Sms => "SMS",
        Channel::Portal => "portal",
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(String::new());
    let recipient = RwSignal::new(String::new());
    let list = Paged::<OutboxMessage>::new();
    let fetch = move |cursor: String| {
        let query = vec![
            ("status", status.get_untracked()),
            ("recipient", recipient.get_untracked()),
            ("cursor", cursor),
        ];
        async move { api::outbox(&query).await }
    };
    Effect::new(move |_| {
        status.track();
        recipient.track();
        list.load(true, fetch);
    });
    let deliver = move |_| {
        leptos::task::spawn_local(async move {
            let _ = api::deliver_outbox().await;
            list.load(true, fetch);
        })
    };
    view! {
        <section class="page">
            <div class="page-head"><h1>{StaffUi::tr(|c| c.outbox_title)}</h1>
                <button type="button" class="btn" data-testid="deliver-now" on:click=deliver>{Admin::tr(|c| c.outbox_deliver)}</button></div>
            <div class="filters">
                <input type="search" aria-label=Admin::tr(|c| c.outbox_recipient) placeholder=Admin::tr(|c| c.outbox_recipient) bind:value=recipient/>
                <select aria-label=tr(|c| c.pickup_status) on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{tr(|c| c.filter_all)}</option>
                    {move || [MessageStatus::Pending, MessageStatus::Sent, MessageStatus::Failed].into_iter().map(|s| {
                        let v = crate::components::form::enum_str(&s);
                        view! { <option value=v>{status_label(s, Admin::get(i18n.locale()))}</option> }
                    }).collect_view()}
                </select>
            </div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="outbox-list" render=move |m: OutboxMessage| {
                let l = i18n.locale();
                view! {
                    <li class="card">
                        <div class="card-title">{channel_label(m.channel)}" · "{m.recipient.clone()}<span class="tag">{status_label(m.status, Admin::get(i18n.locale()))}</span></div>
                        <div class="card-meta"><span>{local_time(&m.created_at, l)}</span><span>{m.kind.clone()}</span>
                            <span>{Admin::tr(|c| c.outbox_attempts)}": "{m.attempts}</span><span>{m.provider.clone()}</span><span>{m.last_error.clone()}</span></div>
                        <p class="outbox-body">{m.body.clone()}</p>
                    </li>
                }
            }/>
        </section>
    }
}
