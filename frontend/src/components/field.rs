//! Labelled form controls with their inline error, wired for screen readers
//! (`aria-invalid`, `aria-describedby`).

use std::collections::BTreeMap;

use leptos::prelude::*;

/// Field name → message, shown under each control.
pub type Errors = RwSignal<BTreeMap<String, String>>;

fn error_of(errors: Errors, name: &'static str) -> impl Fn() -> Option<String> + Copy {
    move || errors.with(|e| e.get(name).cloned())
}

/// A text-like input (`text`, `tel`, `email`, `password`, `date`).
#[component]
pub fn TextField(
    name: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    errors: Errors,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    let err = error_of(errors, name);
    let described = err_id.clone();
    view! {
        <div class="field" class:has-error=move || err().is_some()>
            <label for=id.clone()>{label}{required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                aria-invalid=move || if err().is_some() { "true" } else { "false" }
                aria-describedby=described
                bind:value=value
            />
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <p class="field-error" id=err_id role="alert">{err}</p>
        </div>
    }
}

/// A `<select>` with (value, label) options.
#[component]
pub fn SelectField(
    name: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    errors: Errors,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] placeholder: Signal<&'static str>,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    let err = error_of(errors, name);
    let described = err_id.clone();
    view! {
        <div class="field" class:has-error=move || err().is_some()>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                disabled=disabled
                aria-invalid=move || if err().is_some() { "true" } else { "false" }
                aria-describedby=described
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()
            >
                <option value="">{placeholder}</option>
                {move || options.get().into_iter().map(|(v, l)| {
                    let selected = value.get_untracked() == v;
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" id=err_id role="alert">{err}</p>
        </div>
    }
}

/// A checkbox.
#[component]
pub fn CheckField(
    name: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<bool>,
) -> impl IntoView {
    let id = format!("f-{name}");
    view! {
        <div class="field field-check">
            <input id=id.clone() name=name type="checkbox" bind:checked=value/>
            <label for=id>{label}</label>
        </div>
    }
}
