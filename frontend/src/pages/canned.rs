//! `/settings/canned` (admins): the agents' canned replies and phone scripts, edited as a whole.

use leptos::prelude::*;
use schema::request::{CannedKind, CannedReply};
use schema::staff::ADMIN_ONLY;

use crate::api;
use crate::components::layout::RequireRole;
use crate::i18n::{Admin, StaffUi, tr, use_i18n};

#[component]
pub fn CannedPage() -> impl IntoView {
    view! { <RequireRole roles=ADMIN_ONLY><Editor/></RequireRole> }
}

/// One editable entry.
#[derive(Clone, Copy)]
struct Row {
    kind: RwSignal<CannedKind>,
    title: RwSignal<String>,
    body: RwSignal<String>,
}

impl Row {
    fn new(c: &CannedReply) -> Row {
        Row {
            kind: RwSignal::new(c.kind),
            title: RwSignal::new(c.title.clone()),
            body: RwSignal::new(c.body.clone()),
        }
    }

    fn value(&self) -> CannedReply {
        CannedReply {
            kind: self.kind.get_untracked(),
            title: self.title.get_untracked(),
            body: self.body.get_untracked(),
        }
    }
}

#[component]
fn Editor() -> impl IntoView {
    let i18n = use_i18n();
    let rows = RwSignal::new(Vec::<Row>::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let fill = move |list: Vec<CannedReply>| rows.set(list.iter().map(Row::new).collect());
    leptos::task::spawn_local(async move {
        if let Ok(list) = api::canned().await {
            fill(list);
        }
    });
    let save = move |_| {
        let body: Vec<CannedReply> = rows.get_untracked().iter().map(Row::value).collect();
        if let Err(e) = schema::request::validate_canned(&body) {
            let l = i18n.locale();
            message.set(Some((false, e.values().map(|i| i.message(l)).collect::<Vec<_>>().join(" "))));
            return;
        }
        leptos::task::spawn_local(async move {
            match api::save_canned(&body).await {
                Ok(list) => {
                    fill(list);
                    message.set(Some((true, i18n.t().saved.to_string())));
                }
                Err(e) => message.set(Some((false, e.message()))),
            }
        });
    };
    let add = move |_| {
        rows.update(|r| r.push(Row::new(&CannedReply::default())));
    };
    view! {
        <section class="page">
            <h1>{StaffUi::tr(|c| c.canned_title)}</h1>
            {move || message.get().map(|(ok, m)| view! {
                <div class=if ok { "banner banner-ok" } else { "banner banner-error" } role="status">{m}</div>
            })}
            <ul class="cards" data-testid="canned-rows">
                {move || rows.get().into_iter().enumerate().map(|(i, r)| view! {
                    <li class="card form">
                        <select aria-label=tr(|c| c.request_kind) on:change=move |ev| {
                            r.kind.set(if event_target_value(&ev) == CannedKind::Script.as_str() { CannedKind::Script } else { CannedKind::Reply })
                        }>
                            <option value=CannedKind::Script.as_str() selected=r.kind.get_untracked() == CannedKind::Script>{StaffUi::tr(|c| c.request_scripts)}</option>
                            <option value=CannedKind::Reply.as_str() selected=r.kind.get_untracked() == CannedKind::Reply>{StaffUi::tr(|c| c.request_canned)}</option>
                        </select>
                        <input aria-label=tr(|c| c.request_subject) bind:value=r.title/>
                        <textarea rows="2" aria-label=tr(|c| c.request_description) bind:value=r.body></textarea>
                        <button type="button" class="btn-link" on:click=move |_| rows.update(|v| { v.remove(i); })>{tr(|c| c.address_delete)}</button>
                    </li>
                }).collect_view()}
            </ul>
            <div class="card-actions">
                <button type="button" class="btn" on:click=add>{Admin::tr(|c| c.canned_add)}</button>
                <button type="button" class="btn btn-primary" data-testid="save-canned" on:click=save>{tr(|c| c.save)}</button>
            </div>
        </section>
    }
}
