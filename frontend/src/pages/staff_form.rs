//! `/staff/new` and `/staff/:id`: create or edit a staff account and reset its password (admins);
//! supervisors and managers see it read-only.

use crate::router::use_navigate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::org::{Department, Org};
use schema::staff::{ADMIN_ONLY, PEOPLE_LEADS, PasswordReset, Role, Staff, StaffInput, StaffUpdate};

use crate::api;
use crate::components::field::{CheckField, SelectField, TextField};
use crate::components::form::{Banner, FormState, PathRecord, banner_view, enum_str, parse_enum};
use crate::components::layout::RequireRole;
use crate::components::states::Forbidden;
use crate::i18n::{Admin, StaffUi, use_i18n};
use crate::session::use_session;

#[derive(Clone, Copy, Default)]
struct Fields {
    org: RwSignal<String>,
    role: RwSignal<String>,
    department: RwSignal<String>,
    name: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    password: RwSignal<String>,
    active: RwSignal<bool>,
    version: RwSignal<i64>,
}

impl Fields {
    fn new() -> Self {
        Fields { active: RwSignal::new(true), ..Default::default() }
    }

    fn fill(&self, s: &Staff) {
        self.org.set(s.org_id.to_string());
        self.role.set(enum_str(&s.role));
        self.department.set(enum_str(&s.department));
        self.name.set(s.name.clone());
        self.phone.set(s.phone.clone().unwrap_or_default());
        self.email.set(s.email.clone().unwrap_or_default());
        self.active.set(s.active);
        self.version.set(s.version);
    }
}

#[component]
pub fn StaffFormPage() -> impl IntoView {
    view! { <RequireRole roles=PEOPLE_LEADS><StaffForm/></RequireRole> }
}

#[component]
fn StaffForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let orgs = RwSignal::new(Vec::<Org>::new());
    let f = Fields::new();
    let record = PathRecord::new(move |id| async move {
        if let Ok(all) = api::all_orgs().await {
            orgs.set(all);
        }
        match id {
            Some(id) => api::staff(id).await.map(|s| f.fill(&s)),
            None => Ok(()),
        }
    });
    let (id, is_new) = (move || record.id(), move || record.is_new());
    let admin = move || session.allows(ADMIN_ONLY);
    let form = FormState::new();
    let errors = form.errors;
    let pending = form.pending;
    let new_password = RwSignal::new(String::new());
    let pw = FormState::new();
    let pw_errors = pw.errors;
    // A new account's department follows its role until someone picks one.
    Effect::new(move |_| {
        if let Some(r) = parse_enum::<Role>(&f.role.get())
            && is_new()
        {
            f.department.set(enum_str(&r.default_department()));
        }
    });

    let org_options = Signal::derive(move || {
        orgs.get()
            .into_iter()
            .filter(|o| o.active)
            .map(|o| (o.id.to_string(), format!("{} ({})", o.name, o.code)))
            .collect::<Vec<_>>()
    });
    let role_options = Signal::derive(move || {
        let l = i18n.locale();
        Role::ALL.iter().map(|r| (enum_str(r), r.label(l).to_string())).collect::<Vec<_>>()
    });
    let dept_options = Signal::derive(move || {
        let l = i18n.locale();
        Department::ALL.iter().map(|d| (enum_str(d), d.label(l).to_string())).collect::<Vec<_>>()
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let locale = i18n.locale();
        let org_id = f.org.get_untracked().parse::<i64>().ok();
        let role: Option<Role> = parse_enum(&f.role.get_untracked());
        let department: Option<Department> = parse_enum(&f.department.get_untracked());
        let (name, phone, email) = (f.name.get_untracked(), f.phone.get_untracked(), f.email.get_untracked());
        if let Some(id) = id() {
            let (Some(org_id), Some(role), Some(department)) = (org_id, role, department) else { return };
            let active = f.active.get_untracked();
            let version = f.version.get_untracked();
            let body = StaffUpdate {
                version,
                org_id,
                department,
                role,
                name,
                phone,
                email,
                active,
                // Read-only fields the server ignores (what it answers can be sent back as it is).
                id: Default::default(),
                org_name: Default::default(),
                last_login_at: Default::default(),
                created_at: Default::default(),
                updated_at: Default::default(),
            };
            if !form.accept(&body.validate(), locale) {
                return;
            }
            form.pending.set(true);
            leptos::task::spawn_local(async move {
                let result = api::update_staff(id, &body).await;
                form.settle_update(result, i18n, || api::staff(id), move |s| f.fill(s)).await;
            });
        } else {
            let password = f.password.get_untracked();
            let body = StaffInput { org_id, department, role, name, phone, email, password };
            if !form.accept(&body.validate(), locale) {
                return;
            }
            form.pending.set(true);
            leptos::task::spawn_local(async move {
                match api::create_staff(&body).await {
                    Ok(_) => navigate("/staff"),
                    Err(e) => form.fail(&e, i18n),
                }
                form.pending.set(false);
            });
        }
    };

    let reset = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(id) = id() else { return };
        let locale = i18n.locale();
        let body = PasswordReset { new_password: new_password.get_untracked() };
        let checked = schema::password::check(&body.new_password, &[])
            .map_err(|issue| schema::FieldErrors::from([("new_password", issue)]));
        if !pw.accept(&checked, locale) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::reset_password(id, &body).await {
                Ok(()) => {
                    new_password.set(String::new());
                    pw.banner.set(Some(Banner::Ok(i18n.t().saved.into())));
                }
                Err(e) => pw.fail(&e, i18n),
            }
        });
    };

    move || {
        if is_new() && !admin() {
            return view! { <Forbidden/> }.into_any();
        }
        record.view(move || view! {
                <section class="page">
                    <h1>{move || if is_new() { StaffUi::get(i18n.locale()).staff_new } else { Admin::get(i18n.locale()).staff_edit }}</h1>
                    {banner_view(form.banner)}
                    <form class="card form" on:submit=submit novalidate data-testid="staff-form">
                        <fieldset disabled=move || !admin()>
                            <TextField name="name" label=Signal::derive(move || Admin::get(i18n.locale()).staff_name) value=f.name errors=errors required=true/>
                            <SelectField name="org_id" label=Signal::derive(move || Admin::get(i18n.locale()).staff_org) value=f.org errors=errors
                                options=org_options placeholder=Signal::derive(move || StaffUi::get(i18n.locale()).select_placeholder)/>
                            <SelectField name="role" label=Signal::derive(move || Admin::get(i18n.locale()).staff_role) value=f.role errors=errors
                                options=role_options placeholder=Signal::derive(move || StaffUi::get(i18n.locale()).select_placeholder)/>
                            <SelectField name="department" label=Signal::derive(move || Admin::get(i18n.locale()).staff_department) value=f.department errors=errors
                                options=dept_options placeholder=Signal::derive(move || StaffUi::get(i18n.locale()).select_placeholder)/>
                            <TextField name="phone" label=Signal::derive(move || i18n.t().phone) value=f.phone errors=errors kind="tel"/>
                            <TextField name="email" label=Signal::derive(move || StaffUi::get(i18n.locale()).email) value=f.email errors=errors kind="email"/>
                            <Show when=is_new>
                                <TextField name="password" label=Signal::derive(move || Admin::get(i18n.locale()).initial_password) value=f.password errors=errors
                                    kind="password" autocomplete="new-password" required=true hint=Signal::derive(move || Admin::get(i18n.locale()).password_rules)/>
                            </Show>
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
                    <Show when=move || admin() && !is_new()>
                        <form class="card form" on:submit=reset novalidate data-testid="reset-form">
                            <h2>{Admin::tr(|c| c.reset_password)}</h2>
                            <p class="hint">{Admin::tr(|c| c.reset_password_hint)}</p>
                            {banner_view(pw.banner)}
                            <TextField name="new_password" label=Signal::derive(move || Admin::get(i18n.locale()).new_password) value=new_password errors=pw_errors
                                kind="password" autocomplete="new-password" hint=Signal::derive(move || Admin::get(i18n.locale()).password_rules)/>
                            <button type="submit" class="btn btn-block">{Admin::tr(|c| c.reset_password)}</button>
                        </form>
                    </Show>
                </section>
            }
            .into_any())
    }
}
