//! `/orgs/new` and `/orgs/:id`: create or edit an organisation (admins); others see it read-only.

use crate::router::use_navigate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::org::{Org, OrgInput, OrgKind, OrgUpdate};
use schema::staff::ADMIN_ONLY;

use crate::api;
use crate::components::field::{CheckField, SelectField, TextField};
use crate::components::form::{FormState, PathRecord, banner_view, enum_str, parse_enum};
use crate::components::states::Forbidden;
use crate::i18n::{Admin, StaffUi, use_i18n};
use crate::session::use_session;

#[derive(Clone, Copy, Default)]
struct Fields {
    kind: RwSignal<String>,
    parent: RwSignal<String>,
    code: RwSignal<String>,
    name: RwSignal<String>,
    region: RwSignal<String>,
    address: RwSignal<String>,
    phone: RwSignal<String>,
    active: RwSignal<bool>,
    version: RwSignal<i64>,
}

impl Fields {
    fn new() -> Self {
        Fields { active: RwSignal::new(true), ..Default::default() }
    }

    fn fill(&self, o: &Org) {
        self.kind.set(enum_str(&o.kind));
        self.parent.set(o.parent_id.map(|p| p.to_string()).unwrap_or_default());
        self.code.set(o.code.clone());
        self.name.set(o.name.clone());
        self.region.set(o.region.clone());
        self.address.set(o.address.clone());
        self.phone.set(o.phone.clone());
        self.active.set(o.active);
        self.version.set(o.version);
    }
}

#[component]
pub fn OrgFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let orgs = RwSignal::new(Vec::<Org>::new());
    let f = Fields::new();
    let record = PathRecord::new(move |id| async move {
        if session.allows(ADMIN_ONLY)
            && let Ok(all) = api::all_orgs().await
        {
            orgs.set(all);
        }
        match id {
            Some(id) => api::org(id).await.map(|o| f.fill(&o)),
            None => Ok(()),
        }
    });
    let (id, is_new) = (move || record.id(), move || record.is_new());
    let admin = move || session.allows(ADMIN_ONLY);
    let form = FormState::new();
    let errors = form.errors;
    let pending = form.pending;

    let parent_options = Signal::derive(move || {
        let kind = parse_enum::<OrgKind>(&f.kind.get());
        let me = id();
        orgs.get()
            .into_iter()
            .filter(|o| o.active && Some(o.id) != me && kind.is_none_or(|k| k.may_have_parent(Some(o.kind))))
            .map(|o| (o.id.to_string(), format!("{} ({})", o.name, o.code)))
            .collect::<Vec<_>>()
    });
    let kind_options = Signal::derive(move || {
        let l = i18n.locale();
        OrgKind::ALL.iter().map(|k| (enum_str(k), k.label(l).to_string())).collect::<Vec<_>>()
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.locale();
        let parent_id = f.parent.get_untracked().parse::<i64>().ok();
        let (code, name, region, address, phone) = (
            f.code.get_untracked(),
            f.name.get_untracked(),
            f.region.get_untracked(),
            f.address.get_untracked(),
            f.phone.get_untracked(),
        );
        if let Some(id) = id() {
            let body = OrgUpdate {
                version: f.version.get_untracked(),
                parent_id,
                code,
                name,
                region,
                address,
                phone,
                active: f.active.get_untracked(),
                ..Default::default()
            };
            if !form.accept(&body.validate(), locale) {
                return;
            }
            form.pending.set(true);
            leptos::task::spawn_local(async move {
                let result = api::update_org(id, &body).await;
                form.settle_update(result, i18n, || api::org(id), move |o| f.fill(o)).await;
            });
        } else {
            let body = OrgInput {
                parent_id,
                kind: parse_enum(&f.kind.get_untracked()),
                code,
                name,
                region,
                address,
                phone,
            };
            if !form.accept(&body.validate(), locale) {
                return;
            }
            form.pending.set(true);
            leptos::task::spawn_local(async move {
                match api::create_org(&body).await {
                    Ok(_) => navigate("/orgs"),
                    Err(e) => form.fail(&e, i18n),
                }
                form.pending.set(false);
            });
        }
    };

    move || {
        if is_new() && !admin() {
            return view! { <Forbidden/> }.into_any();
        }
        record.view(move || view! {
                <section class="page">
                    <h1>{move || if is_new() { StaffUi::get(i18n.locale()).org_new } else { Admin::get(i18n.locale()).org_edit }}</h1>
                    {banner_view(form.banner)}
                    <form class="card form" on:submit=submit novalidate data-testid="org-form">
                        <fieldset disabled=move || !admin()>
                            <SelectField name="kind" label=Signal::derive(move || Admin::get(i18n.locale()).org_kind) value=f.kind errors=errors
                                options=kind_options placeholder=Signal::derive(move || StaffUi::get(i18n.locale()).select_placeholder) disabled=!is_new()/>
                            <SelectField name="parent_id" label=Signal::derive(move || Admin::get(i18n.locale()).org_parent) value=f.parent errors=errors
                                options=parent_options placeholder=Signal::derive(move || Admin::get(i18n.locale()).none_root)/>
                            <TextField name="code" label=Signal::derive(move || Admin::get(i18n.locale()).org_code) value=f.code errors=errors required=true/>
                            <TextField name="name" label=Signal::derive(move || StaffUi::get(i18n.locale()).org_name) value=f.name errors=errors required=true/>
                            <TextField name="region" label=Signal::derive(move || Admin::get(i18n.locale()).org_region) value=f.region errors=errors/>
                            <TextField name="address" label=Signal::derive(move || StaffUi::get(i18n.locale()).org_address) value=f.address errors=errors/>
                            <TextField name="phone" label=Signal::derive(move || i18n.t().phone) value=f.phone errors=errors kind="tel"/>
                            <Show when=move || !is_new()>
                                <CheckField name="active" label=Signal::derive(move || StaffUi::get(i18n.locale()).active) value=f.active/>
                            </Show>
                        </fieldset>
                        <Show when=admin>
                            <button type="submit" class="btn btn-primary btn-block" disabled=move || pending.get()>
                                {move || if pending.get() { StaffUi::get(i18n.locale()).saving } else { i18n.t().save }}
                            </button>
                        </Show>
                    </form>
                </section>
            }
            .into_any())
    }
}
