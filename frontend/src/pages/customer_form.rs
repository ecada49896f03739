//! `/customers/new` and `/customers/:id/edit`: the customer form. New customers can bring their
//! first contacts; a duplicate warning appears as soon as the name or phone matches another.

use crate::router::A;
use crate::router::use_navigate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::customer::{
    ContactInput, Customer, CustomerDetail, CustomerInput, CustomerKind, CustomerSummary, LifecycleStatus,
    Tier,
};
use schema::staff::CUSTOMER_ROLES;

use crate::api::{self, ApiError};
use crate::components::field::{CheckField, Errors, SelectField, TextField};
use crate::components::form::{FormState, PathRecord, banner_view, enum_str, parse_enum};
use crate::components::layout::RequireRole;
use crate::i18n::{Common, Customers, StaffUi, Text, tr, tr_text, use_i18n};

#[derive(Clone, Copy, Default)]
struct Fields {
    kind: RwSignal<String>,
    name: RwSignal<String>,
    short_name: RwSignal<String>,
    industry: RwSignal<String>,
    province: RwSignal<String>,
    city: RwSignal<String>,
    district: RwSignal<String>,
    address: RwSignal<String>,
    source: RwSignal<String>,
    status: RwSignal<String>,
    tier: RwSignal<String>,
    licence_no: RwSignal<String>,
    id_no: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    tags: RwSignal<String>,
    notes: RwSignal<String>,
    blacklisted: RwSignal<bool>,
    blacklist_reason: RwSignal<String>,
    credit_limit: RwSignal<String>,
    arrears: RwSignal<String>,
    owner_id: RwSignal<Option<i64>>,
    version: RwSignal<Option<i64>>,
    custom: RwSignal<schema::custom::CustomValues>,
    /// The record being edited, as read: numbers shown masked are sent back masked and kept.
    stored: RwSignal<Option<Customer>>,
}

/// One contact row of a new customer.
#[derive(Clone, Copy)]
struct ContactRow {
    name: RwSignal<String>,
    title: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
}

impl ContactRow {
    fn new() -> Self {
        ContactRow {
            name: RwSignal::new(String::new()),
            title: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
        }
    }
}

/// Yuan as typed → fen; unparseable becomes -1, which validation shows as "must not be negative".
fn fen(yuan: &str) -> i64 {
    if yuan.trim().is_empty() { 0 } else { schema::customer::parse_yuan(yuan).unwrap_or(-1) }
}

fn yuan(fen: i64) -> String {
    if fen == 0 { String::new() } else { schema::customer::fen_to_yuan(fen) }
}

impl Fields {
    fn new() -> Self {
        Fields {
            kind: RwSignal::new("company".into()),
            status: RwSignal::new("prospect".into()),
            tier: RwSignal::new("regular".into()),
            ..Default::default()
        }
    }

    fn fill(&self, d: &CustomerDetail) {
        let c = &d.customer;
        self.kind.set(enum_str(&c.kind));
        self.name.set(c.name.clone());
        self.short_name.set(c.short_name.clone());
        self.industry.set(c.industry.clone());
        self.province.set(c.province.clone());
        self.city.set(c.city.clone());
        self.district.set(c.district.clone());
        self.address.set(c.address.clone());
        self.source.set(c.source.clone());
        self.status.set(enum_str(&c.status));
        self.tier.set(enum_str(&c.tier));
        self.licence_no.set(c.licence_no.clone().unwrap_or_default());
        self.id_no.set(c.id_no.clone().unwrap_or_default());
        self.phone.set(c.phone.clone());
        self.email.set(c.email.clone());
        self.tags.set(c.tags.join(", "));
        self.notes.set(c.notes.clone());
        self.blacklisted.set(c.blacklisted);
        self.blacklist_reason.set(c.blacklist_reason.clone());
        self.credit_limit.set(yuan(c.credit_limit));
        self.arrears.set(yuan(c.arrears));
        self.owner_id.set(c.owner_id);
        self.version.set(Some(c.version));
        self.custom.set(c.custom.clone());
        self.stored.set(Some(c.clone()));
    }

    fn input(&self, contacts: Vec<ContactInput>) -> CustomerInput {
        let g = |x: RwSignal<String>| x.get_untracked();
        CustomerInput {
            version: self.version.get_untracked(),
            kind: parse_enum(&g(self.kind)),
            name: g(self.name),
            short_name: g(self.short_name),
            industry: g(self.industry),
            province: g(self.province),
            city: g(self.city),
            district: g(self.district),
            address: g(self.address),
            source: g(self.source),
            status: parse_enum(&g(self.status)),
            tier: parse_enum(&g(self.tier)),
            licence_no: g(self.licence_no),
            id_no: g(self.id_no),
            phone: g(self.phone),
            email: g(self.email),
            tags: g(self.tags)
                .split([',', '，', '、'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect(),
            notes: g(self.notes),
            owner_id: self.owner_id.get_untracked(),
            blacklisted: self.blacklisted.get_untracked(),
            blacklist_reason: g(self.blacklist_reason),
            credit_limit: fen(&g(self.credit_limit)),
            arrears: fen(&g(self.arrears)),
            contacts,
            custom: self.custom.get_untracked(),
            ..Default::default()
        }
    }
}

#[component]
pub fn CustomerFormPage() -> impl IntoView {
    view! { <RequireRole roles=CUSTOMER_ROLES><CustomerForm/></RequireRole> }
}

/// A duplicate warning: links to customers that look like the one being entered.
fn duplicate_list(found: Vec<CustomerSummary>, title: &'static str) -> impl IntoView {
    (!found.is_empty()).then(|| {
        view! {
            <div class="banner banner-warn" role="status" data-testid="duplicates">
                <strong>{title}</strong>
                <ul>{found.into_iter().map(|c| view! {
                    <li><A href=format!("/customers/{}", c.id)>{c.name}</A>" · "{c.owner_name.unwrap_or_default()}</li>
                }).collect_view()}</ul>
            </div>
        }
    })
}

type PlainField = (&'static str, Text, RwSignal<String>, &'static str);

/// The customer form's plain text inputs, in display order.
fn plain_fields(f: &Fields) -> [PlainField; 12] {
    [
        ("short_name", |l| Customers::get(l).short_name, f.short_name, "text"),
        ("industry", |l| Customers::get(l).industry, f.industry, "text"),
        ("province", |l| Customers::get(l).province, f.province, "text"),
        ("city", |l| Customers::get(l).city, f.city, "text"),
        ("district", |l| Customers::get(l).district, f.district, "text"),
        ("address", |l| StaffUi::get(l).org_address, f.address, "text"),
        ("email", |l| StaffUi::get(l).email, f.email, "email"),
        ("source", |l| Customers::get(l).source, f.source, "text"),
        ("tags", |l| Customers::get(l).tags, f.tags, "text"),
        ("notes", |l| Common::get(l).notes, f.notes, "text"),
        ("credit_limit", |l| Customers::get(l).credit_limit, f.credit_limit, "text"),
        ("arrears", |l| Customers::get(l).arrears, f.arrears, "text"),
    ]
}

#[component]
fn CustomerForm() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let f = Fields::new();
    let record = PathRecord::new(move |id| async move {
        match id {
            Some(id) => api::customer(id).await.map(|d| f.fill(&d)),
            None => Ok(()),
        }
    });
    let id = move || record.id();
    let form = FormState::new();
    let errors: Errors = form.errors;
    let rows = RwSignal::new(vec![ContactRow::new()]);
    let dups = RwSignal::new(Vec::<CustomerSummary>::new());
    let defs = LocalResource::new(api::custom_fields);
    let check_duplicates = move |_| {
        let (name, phone) = (f.name.get_untracked(), f.phone.get_untracked());
        leptos::task::spawn_local(async move {
            if let Ok(found) = api::customer_duplicates(&name, &phone, id()).await {
                dups.set(found);
            }
        });
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let contacts: Vec<ContactInput> = if id().is_some() {
            Vec::new()
        } else {
            rows.get_untracked()
                .iter()
                .filter(|r| {
                    !r.name.get_untracked().trim().is_empty() || !r.phone.get_untracked().trim().is_empty()
                })
                .enumerate()
                .map(|(i, r)| ContactInput {
                    name: r.name.get_untracked(),
                    title: r.title.get_untracked(),
                    phone: r.phone.get_untracked(),
                    email: r.email.get_untracked(),
                    is_primary: i == 0,
                    ..Default::default()
                })
                .collect()
        };
        let body = f.input(contacts);
        // The form's rules and the custom fields' rules, shown together.
        let mut checked = match f.stored.get_untracked() {
            Some(stored) => body.validate_edit(&stored),
            None => body.validate(),
        }
        .map(|_| ());
        let definitions = defs.get_untracked().and_then(Result::ok).unwrap_or_default();
        if let Err(more) = schema::custom::validate_values(&definitions, &body.custom) {
            let mut all = checked.err().unwrap_or_default();
            all.extend(more);
            checked = Err(all);
        }
        if !form.accept(&checked, i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            let result = match id() {
                Some(id) => api::update_customer(id, &body).await,
                None => api::create_customer(&body).await,
            };
            match result {
                Ok(d) => navigate(&format!("/customers/{}", d.customer.id)),
                Err(ApiError::Conflict(_)) => {
                    if let Some(id) = id()
                        && let Ok(d) = api::customer(id).await
                    {
                        f.fill(&d);
                    }
                    form.banner
                        .set(Some(crate::components::form::Banner::Err(i18n.t().conflict_reload.into())));
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };

    let kind_opts = Signal::derive(move || {
        let l = i18n.locale();
        [CustomerKind::Company, CustomerKind::Person]
            .iter()
            .map(|k| (enum_str(k), k.label(l).to_string()))
            .collect::<Vec<_>>()
    });
    let status_opts = Signal::derive(move || {
        let l = i18n.locale();
        LifecycleStatus::ALL.iter().map(|k| (enum_str(k), k.label(l).to_string())).collect::<Vec<_>>()
    });
    let tier_opts = Signal::derive(move || {
        let l = i18n.locale();
        Tier::ALL.iter().map(|k| (enum_str(k), k.label(l).to_string())).collect::<Vec<_>>()
    });

    move || {
        record.view(move || view! {
            <section class="page">
                <h1>{move || if id().is_some() { Customers::get(i18n.locale()).customer_edit } else { StaffUi::get(i18n.locale()).customer_new }}</h1>
                {banner_view(form.banner)}
                {move || duplicate_list(dups.get(), Customers::get(i18n.locale()).possible_duplicates)}
                <form class="card form" on:submit=submit novalidate data-testid="customer-form">
                    <SelectField name="kind" label=Customers::tr(|c| c.customer_kind) value=f.kind errors=errors options=kind_opts placeholder=StaffUi::tr(|c| c.select_placeholder)/>
                    <div on:focusout=check_duplicates>
                        <TextField name="name" label=Customers::tr(|c| c.customer_name) value=f.name errors=errors required=true/>
                        <TextField name="phone" label=tr(|c| c.phone) value=f.phone errors=errors kind="tel"/>
                    </div>
                    <SelectField name="status" label=Customers::tr(|c| c.lifecycle) value=f.status errors=errors options=status_opts placeholder=StaffUi::tr(|c| c.select_placeholder)/>
                    <SelectField name="tier" label=StaffUi::tr(|c| c.tier) value=f.tier errors=errors options=tier_opts placeholder=StaffUi::tr(|c| c.select_placeholder)/>
                    <Show when=move || f.kind.get() == "company" fallback=move || view! {
                        <TextField name="id_no" label=Customers::tr(|c| c.id_no) value=f.id_no errors=errors/>
                    }>
                        <TextField name="licence_no" label=Customers::tr(|c| c.licence_no) value=f.licence_no errors=errors/>
                    </Show>
                    // The plain text fields, from one table: one rendering path instead of one per field.
                    {plain_fields(&f).into_iter().map(|(name, label, value, kind)| view! {
                        <TextField name=name label=tr_text(label) value=value errors=errors kind=kind/>
                    }).collect_view()}
                    {move || defs.get().and_then(Result::ok).map(|d| view! {
                        <crate::components::custom_inputs::CustomInputs defs=d values=f.custom errors=errors/>
                    })}
                    <CheckField name="blacklisted" label=StaffUi::tr(|c| c.blacklisted) value=f.blacklisted/>
                    <Show when=move || f.blacklisted.get()>
                        <TextField name="blacklist_reason" label=Customers::tr(|c| c.blacklist_reason) value=f.blacklist_reason errors=errors required=true/>
                    </Show>
                    <Show when=move || id().is_none()>
                        <fieldset class="contacts-editor">
                            <legend>{StaffUi::tr(|c| c.contacts)}</legend>
                            {move || rows.get().into_iter().enumerate().map(|(i, r)| contact_row(i, r, errors)).collect_view()}
                            <button type="button" class="btn" data-testid="add-contact-row" on:click=move |_| rows.update(|v| v.push(ContactRow::new()))>
                                {StaffUi::tr(|c| c.add_row)}
                            </button>
                        </fieldset>
                    </Show>
                    <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>
                        {move || if form.pending.get() { StaffUi::get(i18n.locale()).saving } else { i18n.t().save }}
                    </button>
                </form>
            </section>
        }
        .into_any())
    }
}

/// One contact row (new customers): name, title, phone, e-mail, each with its inline error.
fn contact_row(i: usize, r: ContactRow, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let input = move |field: &'static str, label: Text, value: RwSignal<String>, kind: &'static str| {
        let key = format!("contacts.{i}.{field}");
        let id = format!("f-contacts-{i}-{field}");
        let err_key = key.clone();
        let err = Memo::new(move |_| errors.with(|e| e.get(&err_key).cloned()));
        view! {
            <div class="field" class:has-error=move || err.get().is_some()>
                <label for=id.clone()>{move || label(i18n.locale())}</label>
                <input id=id.clone() type=kind bind:value=value aria-invalid=move || if err.get().is_some() { "true" } else { "false" }/>
                <p class="field-error" role="alert">{move || err.get()}</p>
            </div>
        }
    };
    view! {
        <div class="contact-row" data-testid=format!("contact-row-{i}")>
            {input("name", |l| Customers::get(l).contact_name, r.name, "text")}
            {input("title", |l| Customers::get(l).contact_title, r.title, "text")}
            {input("phone", |l| Common::get(l).phone, r.phone, "tel")}
            {input("email", |l| StaffUi::get(l).email, r.email, "email")}
        </div>
    }
}
