//! `/settings/canned` (admins): the agents' canned replies and phone scripts, edited as a whole.

use leptos::prelude::*;
use schema::request::{CannedKind, CannedReply};
use schema::staff::ADMIN_ONLY;

use crate::api;
use crate::components::layout::RequireRole;
use crate::components::list_editor::ListEditor;
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
    let list = ListEditor::new(Row::new, api::canned());
    let save = move |_| {
        let body = list.values(|r| Some(r.value()));
        list.save(
            i18n,
            schema::request::validate_canned(&body),
            async move { api::save_canned(&body).await },
        );
    };
    let add = move |_| list.add(&CannedReply::default());
    view! {
        <section class="page">
            <h1>{StaffUi::tr(|c| c.canned_title)}</h1>
            {list.banner()}
            <ul class="cards" data-testid="canned-rows">
                {move || list.rows.get().into_iter().enumerate().map(|(i, r)| view! {
                    <li class="card form">
                        <select aria-label=tr(|c| c.request_kind) on:change=move |ev| {
                            r.kind.set(if event_target_value(&ev) == CannedKind::Script.as_str() { CannedKind::Script } else { CannedKind::Reply })
                        }>
                            <option value=CannedKind::Script.as_str() selected=r.kind.get_untracked() == CannedKind::Script>{StaffUi::tr(|c| c.request_scripts)}</option>
                            <option value=CannedKind::Reply.as_str() selected=r.kind.get_untracked() == CannedKind::Reply>{StaffUi::tr(|c| c.request_canned)}</option>
                        </select>
                        <input aria-label=tr(|c| c.request_subject) bind:value=r.title/>
                        <textarea rows="2" aria-label=tr(|c| c.request_description) bind:value=r.body></textarea>
                        <button type="button" class="btn-link" on:click=move |_| list.remove(i)>{tr(|c| c.address_delete)}</button>
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
