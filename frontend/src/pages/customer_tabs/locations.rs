//! The locations tab (发货地点): list with the default first, add / edit / remove, make default.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::customer::CustomerDetail;
use schema::location::{Location, LocationInput, one_line};

use crate::api::{self, ApiError};
use crate::components::field::{CheckField, TextField};
use crate::components::form::{FormState, banner_view};
use crate::i18n::{Customers, StaffUi, tr, use_i18n};

#[component]
pub fn LocationsTab(
    id: i64,
    detail: CustomerDetail,
    state: RwSignal<Option<Result<CustomerDetail, ApiError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let open = RwSignal::new(false);
    // (id, version) of the location being edited; None when adding.
    let editing = RwSignal::new(None::<(i64, i64)>);
    let fields: [RwSignal<String>; 8] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [label, contact, phone, province, city, district, address, postcode] = fields;
    let is_default = RwSignal::new(false);
    let start = move |l: Option<Location>| {
        form.errors.set(Default::default());
        form.banner.set(None);
        editing.set(l.as_ref().map(|l| (l.id, l.version)));
        let l = l.unwrap_or(Location {
            id: 0,
            customer_id: id,
            label: String::new(),
            contact_name: String::new(),
            phone: String::new(),
            province: String::new(),
            city: String::new(),
            district: String::new(),
            address: String::new(),
            postcode: String::new(),
            is_default: false,
            notes: String::new(),
            version: 0,
        });
        for (s, v) in fields.iter().zip([
            l.label,
            l.contact_name,
            l.phone,
            l.province,
            l.city,
            l.district,
            l.address,
            l.postcode,
        ]) {
            s.set(v);
        }
        is_default.set(l.is_default);
        open.set(true);
    };
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = LocationInput {
            version: editing.get_untracked().map(|(_, v)| v),
            label: label.get_untracked(),
            contact_name: contact.get_untracked(),
            phone: phone.get_untracked(),
            province: province.get_untracked(),
            city: city.get_untracked(),
            district: district.get_untracked(),
            address: address.get_untracked(),
            postcode: postcode.get_untracked(),
            is_default: is_default.get_untracked(),
            notes: String::new(),
            ..Default::default()
        };
        if !form.accept(&body.validate(), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            let result = match editing.get_untracked() {
                Some((lid, _)) => api::update_location(id, lid, &body).await,
                None => api::add_location(id, &body).await,
            };
            match result {
                Ok(d) => {
                    open.set(false);
                    state.set(Some(Ok(d)));
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let remove = move |lid: i64| {
        leptos::task::spawn_local(async move {
            if api::delete_location(id, lid).await.is_ok() {
                state.set(Some(api::customer(id).await));
            }
        });
    };
    let cat = i18n.t();
    let locations = detail.locations.clone();
    view! {
        <div class="page-head">
            <h2>{Customers::get(i18n.locale()).tab_locations}</h2>
            <button class="btn" data-testid="add-location" on:click=move |_| start(None)>{Customers::get(i18n.locale()).location_add}</button>
        </div>
        {locations.is_empty().then(|| view! { <p class="state state-empty">{Customers::get(i18n.locale()).no_locations}</p> })}
        <ul class="cards" data-testid="location-list">
            {locations.into_iter().map(|l| {
                let for_edit = l.clone();
                let lid = l.id;
                let maps = format!("https://uri.amap.com/search?keyword={}", js_sys::encode_uri_component(&one_line(&l)));
                view! {
                    <li class="card">
                        <div class="card-title">{one_line(&l)}{l.is_default.then(|| view! { <span class="tag">{Customers::get(i18n.locale()).default_location}</span> })}</div>
                        <div class="card-meta"><span>{l.contact_name.clone()}</span><a href=format!("tel:{}", l.phone)>{l.phone.clone()}</a><span>{l.postcode.clone()}</span></div>
                        <div class="card-actions">
                            <a class="btn-link" href=maps target="_blank" rel="noopener">{Customers::get(i18n.locale()).tab_locations}" ↗"</a>
                            <button class="btn-link" on:click=move |_| start(Some(for_edit.clone()))>{cat.edit}</button>
                            <button class="btn-link" on:click=move |_| remove(lid)>{StaffUi::get(i18n.locale()).remove}</button>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
        <Show when=move || open.get()>
            <form class="card form" on:submit=save novalidate data-testid="location-form">
                {banner_view(form.banner)}
                <TextField name="label" label=Customers::tr(|c| c.location_label) value=label errors=form.errors/>
                <TextField name="province" label=Customers::tr(|c| c.province) value=province errors=form.errors/>
                <TextField name="city" label=Customers::tr(|c| c.city) value=city errors=form.errors/>
                <TextField name="district" label=Customers::tr(|c| c.district) value=district errors=form.errors/>
                <TextField name="address" label=tr(|c| c.address) value=address errors=form.errors required=true/>
                <TextField name="postcode" label=tr(|c| c.postcode) value=postcode errors=form.errors/>
                <TextField name="contact_name" label=Customers::tr(|c| c.contact_name) value=contact errors=form.errors/>
                <TextField name="phone" label=tr(|c| c.phone) value=phone errors=form.errors kind="tel"/>
                <CheckField name="is_default" label=Customers::tr(|c| c.set_default) value=is_default/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{move || i18n.t().save}</button>
            </form>
        </Show>
    }
}
