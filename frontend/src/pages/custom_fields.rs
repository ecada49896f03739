//! `/settings/fields`: custom customer fields (admins). A list of definitions and one form that
//! adds a field or edits the one picked; key and kind are fixed once created, fields are
//! deactivated rather than deleted.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::custom::{CustomField, CustomFieldInput, FieldKind};
use schema::staff::ADMIN_ONLY;

use crate::api;
use crate::components::field::{CheckField, SelectField, TextField};
use crate::components::form::{FormState, banner_view, enum_str, parse_enum};
use crate::components::layout::RequireRole;
use crate::i18n::{Admin, StaffUi, tr, use_i18n};

#[component]
pub fn CustomFieldsPage() -> impl IntoView {
    view! { <RequireRole roles=ADMIN_ONLY><FieldsView/></RequireRole> }
}

#[component]
fn FieldsView() -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(Vec::<CustomField>::new());
    let reload = move || {
        leptos::task::spawn_local(async move {
            if let Ok(all) = api::custom_fields().await {
                list.set(all);
            }
        })
    };
    reload();
    let form = FormState::new();
    let editing = RwSignal::new(None::<(i64, i64)>);
    let key = RwSignal::new(String::new());
    let label_zh = RwSignal::new(String::new());
    let label_en = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let options = RwSignal::new(String::new());
    let position = RwSignal::new("0".to_string());
    let required = RwSignal::new(false);
    let active = RwSignal::new(true);
    let start = move |f: Option<CustomField>| {
        form.errors.set(Default::default());
        form.banner.set(None);
        editing.set(f.as_ref().map(|f| (f.id, f.version)));
        key.set(f.as_ref().map(|f| f.key.clone()).unwrap_or_default());
        label_zh.set(f.as_ref().map(|f| f.label_zh.clone()).unwrap_or_default());
        label_en.set(f.as_ref().map(|f| f.label_en.clone()).unwrap_or_default());
        kind.set(f.as_ref().map(|f| enum_str(&f.kind)).unwrap_or_default());
        options.set(f.as_ref().map(|f| f.options.join("\n")).unwrap_or_default());
        position.set(f.as_ref().map_or(0, |f| f.position).to_string());
        required.set(f.as_ref().is_some_and(|f| f.required));
        active.set(f.as_ref().is_none_or(|f| f.active));
    };
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = CustomFieldInput {
            version: editing.get_untracked().map(|(_, v)| v),
            key: key.get_untracked(),
            label_zh: label_zh.get_untracked(),
            label_en: label_en.get_untracked(),
            kind: parse_enum(&kind.get_untracked()),
            options: options
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            required: required.get_untracked(),
            position: position.get_untracked().trim().parse().unwrap_or(0),
            active: active.get_untracked(),
            ..Default::default()
        };
        if !form.accept(&body.validate(), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            let r = match editing.get_untracked() {
                Some((id, _)) => api::update_custom_field(id, &body).await,
                None => api::create_custom_field(&body).await,
            };
            match r {
                Ok(_) => {
                    start(None);
                    form.banner.set(Some(crate::components::form::Banner::Ok(i18n.t().saved.into())));
                    reload();
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let kinds = Signal::derive(move || {
        let l = i18n.locale();
        FieldKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label(l).to_string())).collect()
    });
    view! {
        <section class="page">
            <h1>{StaffUi::tr(|c| c.fields_title)}</h1>
            <p class="muted">{Admin::tr(|c| c.fields_hint)}</p>
            <ul class="cards" data-testid="field-list">
                {move || list.get().into_iter().map(|f| {
                    let l = i18n.locale();
                    let for_edit = f.clone();
                    view! {
                        <li class="card">
                            <div class="card-title">{f.label(l).to_string()}" "<span class="muted">{f.key.clone()}</span>
                                {(!f.active).then(|| view! { <span class="tag tag-off">{Admin::get(i18n.locale()).inactive}</span> })}</div>
                            <div class="card-meta"><span class="tag">{f.kind.label(l)}</span><span>{f.options.join("、")}</span></div>
                            <div class="card-actions"><button class="btn-link" on:click=move |_| start(Some(for_edit.clone()))>{i18n.t().edit}</button></div>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="card form" on:submit=save novalidate data-testid="field-form">
                <h2>{move || if editing.get().is_some() { i18n.t().edit } else { Admin::get(i18n.locale()).fields_new }}</h2>
                {banner_view(form.banner)}
                <TextField name="key" label=Admin::tr(|c| c.fields_key) value=key errors=form.errors required=true hint=Admin::tr(|c| c.fields_key_hint)/>
                <TextField name="label_zh" label=Admin::tr(|c| c.fields_label_zh) value=label_zh errors=form.errors required=true/>
                <TextField name="label_en" label=Admin::tr(|c| c.fields_label_en) value=label_en errors=form.errors required=true/>
                <SelectField name="kind" label=Admin::tr(|c| c.fields_kind) value=kind errors=form.errors options=kinds placeholder=tr(|c| c.choose)/>
                <div class="field" class:has-error=move || form.errors.with(|e| e.contains_key("options"))>
                    <label for="f-options">{Admin::tr(|c| c.fields_options)}</label>
                    <textarea id="f-options" rows="4" bind:value=options></textarea>
                    <p class="field-error" id="f-options-error" role="alert">{move || form.errors.with(|e| e.get("options").cloned())}</p>
                </div>
                <TextField name="position" label=Admin::tr(|c| c.fields_position) value=position errors=form.errors kind="number"/>
                <CheckField name="required" label=Admin::tr(|c| c.fields_required) value=required/>
                <CheckField name="active" label=StaffUi::tr(|c| c.active) value=active/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{move || i18n.t().save}</button>
            </form>
        </section>
    }
}
