//! Pieces the staff and portal request pages share: the fields of a new request and the history.

use leptos::prelude::*;
use schema::request::{RequestEntry, RequestKind};

use crate::components::field::{SelectField, TextField};
use crate::components::paged::local_time;
use crate::i18n::{tr, use_i18n};

/// Kind, waybill, subject and description of a new request.
#[component]
pub fn RequestFields(
    kind: RwSignal<String>,
    waybill: RwSignal<String>,
    subject: RwSignal<String>,
    description: RwSignal<String>,
    errors: RwSignal<std::collections::BTreeMap<String, String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kinds = Signal::derive(move || {
        RequestKind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), k.label(i18n.locale()).to_string()))
            .collect()
    });
    view! {
        <SelectField name="kind" label=tr(|c| c.request_kind) value=kind errors=errors options=kinds placeholder=tr(|c| c.choose)/>
        <TextField name="waybill_no" label=tr(|c| c.pickup_waybill) value=waybill errors=errors/>
        <TextField name="subject" label=tr(|c| c.request_subject) value=subject errors=errors required=true/>
        <div class="field"><label for="f-description">{tr(|c| c.request_description)}</label>
            <textarea id="f-description" rows="4" bind:value=description></textarea></div>
    }
}

/// A request's history, oldest first: replies, notes (marked), hops, assignments, statuses.
#[component]
pub fn RequestEntries(entries: Vec<RequestEntry>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let (l, cat) = (i18n.locale(), i18n.t());
    view! {
        <ol class="cards timeline" data-testid=testid>
            {entries.into_iter().map(|e| {
                let what = match e.kind.as_str() {
                    "reply" => cat.request_entry_reply.to_string(),
                    "note" => cat.request_entry_note.to_string(),
                    "forward" => format!("{} {}", cat.request_entry_forward, e.org_name.clone().unwrap_or_default()),
                    "assign" => cat.request_entry_assign.to_string(),
                    _ => e.status.map(|s| s.label(l).to_string()).unwrap_or_default(),
                };
                view! {
                    <li class="card" class:entry-note=e.kind == "note">
                        <div class="card-meta"><span>{local_time(&e.at, l)}</span><span>{e.author.clone()}</span><strong>{what}</strong></div>
                        <div>{e.body.clone()}</div>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
