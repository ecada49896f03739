//! The contacts tab of a customer: contacts with add / edit / remove, and sharing with colleagues.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::customer::{Contact, ContactInput, CustomerDetail};

use crate::api::{self, ApiError};
use crate::components::field::{CheckField, TextField};
use crate::components::form::{FormState, banner_view};
use crate::i18n::{Customers, StaffUi, tr, use_i18n};

/// The customer's contacts and shares; `state` is the detail page's record, replaced after saves.
#[component]
pub fn ContactsTab(
    id: i64,
    detail: CustomerDetail,
    state: RwSignal<Option<Result<CustomerDetail, ApiError>>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = move || id;
    let load = move || reload.run(());
    // The contact editor: empty for "add", filled for "edit" (then `editing` holds id and version).
    let form = FormState::new();
    let editing = RwSignal::new(None::<(i64, i64)>);
    let (name, title, phone, email) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let primary = RwSignal::new(false);
    let birthday = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let start_edit = move |c: Option<Contact>| {
        form.errors.set(Default::default());
        form.banner.set(None);
        match c {
            Some(c) => {
                editing.set(Some((c.id, c.version)));
                name.set(c.name);
                title.set(c.title);
                phone.set(c.phone);
                email.set(c.email);
                primary.set(c.is_primary);
                birthday.set(c.birthday.unwrap_or_default());
            }
            None => {
                editing.set(None);
                for s in [name, title, phone, email, birthday] {
                    s.set(String::new());
                }
                primary.set(false);
            }
        }
        open.set(true);
    };
    let save_contact = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = ContactInput {
            version: editing.get_untracked().map(|(_, v)| v),
            name: name.get_untracked(),
            title: title.get_untracked(),
            phone: phone.get_untracked(),
            email: email.get_untracked(),
            is_primary: primary.get_untracked(),
            birthday: Some(birthday.get_untracked()).filter(|b| !b.is_empty()),
            ..Default::default()
        };
        let checked = body.validate().map_err(|list| list.into_iter().collect::<schema::FieldErrors>());
        if !form.accept(&checked, i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            let result = match editing.get_untracked() {
                Some((cid, _)) => api::update_contact(id(), cid, &body).await,
                None => api::add_contact(id(), &body).await,
            };
            match result {
                Ok(d) => {
                    state.set(Some(Ok(d)));
                    open.set(false);
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    // Sharing: a colleague's phone or e-mail; failures show in the contact form's banner area.
    let share_form = FormState::new();
    let share_login = RwSignal::new(String::new());
    let share = move |ev: SubmitEvent| {
        ev.prevent_default();
        let login = share_login.get_untracked();
        leptos::task::spawn_local(async move {
            match api::share_customer(id(), &login).await {
                Ok(d) => {
                    share_login.set(String::new());
                    share_form.errors.set(Default::default());
                    share_form.banner.set(None);
                    state.set(Some(Ok(d)));
                }
                Err(e) => share_form.fail(&e, i18n),
            }
        });
    };
    let unshare = move |staff: i64| {
        leptos::task::spawn_local(async move {
            match api::unshare_customer(id(), staff).await {
                Ok(()) => load(),
                Err(e) => share_form.fail(&e, i18n),
            }
        });
    };
    let remove = move |cid: i64| {
        leptos::task::spawn_local(async move {
            if api::delete_contact(id(), cid).await.is_ok() {
                load();
            }
        });
    };

    let cat = i18n.t();
    let contacts = detail.contacts.clone();
    let shares = detail.shares.clone();
    view! {
                    <div class="page-head">
                        <h2>{StaffUi::get(i18n.locale()).contacts}</h2>
                        <button class="btn" data-testid="add-contact" on:click=move |_| start_edit(None)>{Customers::get(i18n.locale()).contact_add}</button>
                    </div>
                    {contacts.is_empty().then(|| view! { <p class="state state-empty">{Customers::get(i18n.locale()).no_contacts}</p> })}
                    <ul class="cards" data-testid="contact-list">
                        {contacts.into_iter().map(|ct| {
                            let for_edit = ct.clone();
                            let cid = ct.id;
                            view! {
                                <li class="card">
                                    <div class="card-title">{ct.name.clone()}{(!ct.title.is_empty()).then(|| view! { <span class="muted">" · "{ct.title.clone()}</span> })}
                                        {ct.is_primary.then(|| view! { <span class="tag">{Customers::get(i18n.locale()).primary_contact}</span> })}</div>
                                    <div class="card-meta"><a href=format!("tel:{}", ct.phone)>{ct.phone.clone()}</a><span>{ct.email.clone()}</span></div>
                                    <div class="card-actions">
                                        <button class="btn-link" on:click=move |_| start_edit(Some(for_edit.clone()))>{cat.edit}</button>
                                        <button class="btn-link" on:click=move |_| remove(cid)>{StaffUi::get(i18n.locale()).remove}</button>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <h2>{Customers::get(i18n.locale()).shares}</h2>
                    <div class="card" data-testid="shares">
                        {banner_view(share_form.banner)}
                        {shares.is_empty().then(|| view! { <p class="muted">{Customers::get(i18n.locale()).not_shared}</p> })}
                        <ul class="chips">{shares.into_iter().map(|s| {
                            let sid = s.staff_id;
                            view! { <li>{s.name}" · "{s.org_name}" "<button class="btn-link" on:click=move |_| unshare(sid)>{StaffUi::get(i18n.locale()).remove}</button></li> }
                        }).collect_view()}</ul>
                        <form class="inline-form" on:submit=share novalidate>
                            <TextField name="login" label=Customers::tr(|c| c.share_login) value=share_login errors=share_form.errors kind="tel"/>
                            <button type="submit" class="btn">{Customers::get(i18n.locale()).share_submit}</button>
                        </form>
                    </div>
                    <Show when=move || open.get()>
                        <form class="card form" on:submit=save_contact novalidate data-testid="contact-form">
                            {banner_view(form.banner)}
                            <TextField name="name" label=Customers::tr(|c| c.contact_name) value=name errors=form.errors required=true/>
                            <TextField name="title" label=Customers::tr(|c| c.contact_title) value=title errors=form.errors/>
                            <TextField name="phone" label=tr(|c| c.phone) value=phone errors=form.errors kind="tel"/>
                            <TextField name="email" label=StaffUi::tr(|c| c.email) value=email errors=form.errors kind="email"/>
                            <TextField name="birthday" label=Customers::tr(|c| c.birthday) value=birthday errors=form.errors kind="date"/>
                            <CheckField name="is_primary" label=Customers::tr(|c| c.primary_contact) value=primary/>
                            <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{move || i18n.t().save}</button>
                        </form>
                    </Show>
    }
}
