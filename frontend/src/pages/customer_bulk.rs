//! The bulk-action bar of the customer list: shown while customers are selected; one action
//! (tier, status, tag, or — for managers — owner) applied to the whole selection.

use leptos::prelude::*;
use schema::bulk::{BulkAction, BulkRequest};
use schema::customer::{LifecycleStatus, Tier};
use schema::staff::CUSTOMER_ASSIGNERS;

use crate::api;
use crate::i18n::{Customers, tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn BulkBar(selected: RwSignal<Vec<i64>>, #[prop(into)] done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let kind = RwSignal::new("set_tier".to_string());
    let value = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let staff = LocalResource::new(move || async move {
        if session.allows(CUSTOMER_ASSIGNERS) { api::all_staff().await.unwrap_or_default() } else { vec![] }
    });
    let options = move || -> Vec<(String, String)> {
        let l = i18n.locale();
        match kind.get().as_str() {
            "set_tier" => Tier::ALL.iter().map(|t| (t.as_str().into(), t.label(l).into())).collect(),
            "set_status" => {
                LifecycleStatus::ALL.iter().map(|s| (s.as_str().into(), s.label(l).into())).collect()
            }
            "assign" => staff
                .get()
                .unwrap_or_default()
                .into_iter()
                .filter(|s| schema::staff::CUSTOMER_ROLES.contains(&s.role))
                .map(|s| (s.id.to_string(), format!("{} · {}", s.name, s.org_name)))
                .collect(),
            _ => vec![],
        }
    };
    let apply = move |_| {
        let v = value.get_untracked();
        let action = match kind.get_untracked().as_str() {
            "set_tier" => crate::components::form::parse_enum(&v).map(|tier| BulkAction::SetTier { tier }),
            "set_status" => {
                crate::components::form::parse_enum(&v).map(|status| BulkAction::SetStatus { status })
            }
            "add_tag" => Some(BulkAction::AddTag { tag: v }),
            "remove_tag" => Some(BulkAction::RemoveTag { tag: v }),
            "assign" => v.parse().ok().map(|owner_id| BulkAction::Assign { owner_id }),
            _ => None,
        };
        let Some(action) = action else { return };
        let req = BulkRequest { ids: selected.get_untracked(), action };
        leptos::task::spawn_local(async move {
            match api::bulk(&req).await {
                Ok(r) => {
                    message.set(Some(format!("{}{}", Customers::get(i18n.locale()).bulk_done, r.changed)));
                    selected.set(vec![]);
                    done.run(());
                }
                Err(e) => message.set(Some(e.message())),
            }
        });
    };
    view! {
        {move || message.get().map(|m| view! { <div class="banner" role="status" data-testid="bulk-message">{m}</div> })}
        <Show when=move || !selected.with(Vec::is_empty)>
            <div class="card bulk-bar" data-testid="bulk-bar">
                <strong>{Customers::tr(|c| c.bulk_selected)}" "{move || selected.with(Vec::len)}</strong>
                <select aria-label=Customers::tr(|c| c.bulk_action) data-testid="bulk-kind" on:change=move |ev| { kind.set(event_target_value(&ev)); value.set(String::new()); }>
                    <option value="set_tier">{Customers::tr(|c| c.bulk_set_tier)}</option>
                    <option value="set_status">{Customers::tr(|c| c.bulk_set_status)}</option>
                    <option value="add_tag">{Customers::tr(|c| c.bulk_add_tag)}</option>
                    <option value="remove_tag">{Customers::tr(|c| c.bulk_remove_tag)}</option>
                    {move || session.allows(CUSTOMER_ASSIGNERS).then(|| view! { <option value="assign">{Customers::tr(|c| c.bulk_assign)}</option> })}
                </select>
                {move || if kind.get().ends_with("_tag") {
                    view! { <input aria-label=Customers::tr(|c| c.tags) data-testid="bulk-value" bind:value=value/> }.into_any()
                } else {
                    view! {
                        <select aria-label=Customers::tr(|c| c.bulk_action) data-testid="bulk-value" on:change=move |ev| value.set(event_target_value(&ev))>
                            <option value="">{tr(|c| c.choose)}</option>
                            {options().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                        </select>
                    }.into_any()
                }}
                <button class="btn btn-primary" data-testid="bulk-apply" on:click=apply>{Customers::tr(|c| c.bulk_apply)}</button>
                <button class="btn" on:click=move |_| selected.set(vec![])>{Customers::tr(|c| c.bulk_clear)}</button>
            </div>
        </Show>
    }
}
