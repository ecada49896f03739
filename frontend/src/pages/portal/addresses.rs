//! `/portal/addresses`: the address book (寄送清单) — consignees the customer sends to often,
//! offered when booking a pickup.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::pickup::{AddressEntry, AddressInput};

use crate::api::{self, ApiError};
use crate::components::field::TextField;
use crate::components::form::{FormState, banner_view};
use crate::components::states::{Empty, ErrorState, Loading};
use crate::i18n::{Portal, tr, use_i18n};

#[component]
pub fn PortalAddressesPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(None::<Result<Vec<AddressEntry>, ApiError>>);
    let load =
        move || leptos::task::spawn_local(async move { state.set(Some(api::portal_addresses().await)) });
    load();
    let form = FormState::new();
    let (label, name, phone, region, address, postcode) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    // (id, version) of the entry being changed; None when adding.
    let editing = RwSignal::new(None::<(i64, i64)>);
    let edit = move |e: AddressEntry| {
        editing.set(Some((e.id, e.version)));
        for (s, v) in [
            (label, e.label),
            (name, e.name),
            (phone, e.phone),
            (region, e.region),
            (address, e.address),
            (postcode, e.postcode),
        ] {
            s.set(v);
        }
    };
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = AddressInput {
            version: editing.get_untracked().map(|(_, v)| v),
            label: label.get_untracked(),
            name: name.get_untracked(),
            phone: phone.get_untracked(),
            region: region.get_untracked(),
            address: address.get_untracked(),
            postcode: postcode.get_untracked(),
            ..Default::default()
        };
        if !form.accept(&body.validate(), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            let r = match editing.get_untracked() {
                Some((id, _)) => api::portal_update_address(id, &body).await,
                None => api::portal_add_address(&body).await,
            };
            match r {
                Ok(_) => {
                    for s in [label, name, phone, region, address, postcode] {
                        s.set(String::new());
                    }
                    editing.set(None);
                    load();
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let remove = move |id: i64| {
        leptos::task::spawn_local(async move {
            if let Err(e) = api::portal_delete_address(id).await {
                form.fail(&e, i18n);
            }
            load();
        })
    };
    view! {
        <section class="page">
            <h1>{Portal::tr(|c| c.portal_nav_addresses)}</h1>
            {move || match state.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
                Some(Ok(v)) if v.is_empty() => view! { <Empty/> }.into_any(),
                Some(Ok(v)) => view! {
                    <ul class="cards" data-testid="address-book">
                        {v.into_iter().map(|e| view! {
                            <li class="card">
                                <div class="card-title">{e.name.clone()}" "{e.phone.clone()}
                                    {(!e.label.is_empty()).then(|| view! { <span class="tag">{e.label.clone()}</span> })}</div>
                                <div class="card-meta"><span>{e.region.clone()}{e.address.clone()}</span></div>
                                <div class="card-actions">
                                    <button type="button" class="btn-link" on:click={let e = e.clone(); move |_| edit(e.clone())}>{tr(|c| c.edit)}</button>
                                    <button type="button" class="btn-link" on:click=move |_| remove(e.id)>{tr(|c| c.address_delete)}</button>
                                </div>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <form class="card form" on:submit=add novalidate data-testid="address-form">
                <h2>{Portal::tr(|c| c.address_add)}</h2>
                {banner_view(form.banner)}
                <TextField name="name" label=tr(|c| c.address_name) value=name errors=form.errors required=true/>
                <TextField name="phone" label=tr(|c| c.phone) value=phone errors=form.errors kind="tel" required=true/>
                <TextField name="region" label=tr(|c| c.pickup_region) value=region errors=form.errors/>
                <TextField name="address" label=tr(|c| c.address) value=address errors=form.errors required=true/>
                <TextField name="postcode" label=tr(|c| c.postcode) value=postcode errors=form.errors/>
                <TextField name="label" label=Portal::tr(|c| c.address_label) value=label errors=form.errors/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{tr(|c| c.save)}</button>
            </form>
        </section>
    }
}
