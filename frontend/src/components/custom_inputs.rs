//! Inputs for custom fields, one per active definition by its kind (text, number, date, select,
//! multi-select as checkboxes), editing one `CustomValues` map. Inline errors come under the
//! names `schema::custom::error_key` gives (`custom.N`, N = position among the definitions).

use leptos::prelude::*;
use schema::custom::{CustomField, CustomValues, FieldKind, display, error_key};
use serde_json::Value;

use crate::components::field::Errors;
use crate::i18n::use_i18n;

#[component]
pub fn CustomInputs(defs: Vec<CustomField>, values: RwSignal<CustomValues>, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    defs.into_iter()
        .enumerate()
        .filter(|(_, d)| d.active)
        .map(|(i, d)| {
            let name = error_key(i);
            let id = format!("f-{name}");
            let err = move || errors.with(|e| e.get(name).cloned());
            let key = d.key.clone();
            let current = {
                let key = key.clone();
                move || values.with(|v| v.get(&key).map(display).unwrap_or_default())
            };
            let set = {
                let key = key.clone();
                move |v: String| {
                    values.update(|m| {
                        if v.is_empty() {
                            m.remove(&key);
                        } else {
                            m.insert(key.clone(), Value::String(v));
                        }
                    })
                }
            };
            let (zh, en) = (d.label_zh.clone(), d.label_en.clone());
            let label = move || if i18n.locale() == schema::Locale::ZhCn { zh.clone() } else { en.clone() };
            let control = match d.kind {
                FieldKind::Text | FieldKind::Number | FieldKind::Date => {
                    let kind = match d.kind {
                        FieldKind::Number => "text",
                        FieldKind::Date => "date",
                        _ => "text",
                    };
                    let mode = if d.kind == FieldKind::Number { "decimal" } else { "text" };
                    view! {
                        <input id=id.clone() name=name data-key=key.clone() type=kind inputmode=mode prop:value=current
                            aria-invalid=move || if err().is_some() { "true" } else { "false" }
                            on:input=move |ev| set(event_target_value(&ev))/>
                    }
                    .into_any()
                }
                FieldKind::Select => {
                    let options = d.options.clone();
                    view! {
                        <select id=id.clone() name=name data-key=key.clone() on:change=move |ev| set(event_target_value(&ev)) prop:value=current>
                            <option value="">{move || i18n.t().choose}</option>
                            {options.into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                        </select>
                    }
                    .into_any()
                }
                FieldKind::MultiSelect => {
                    let options = d.options.clone();
                    view! {
                        <div class="chips" id=id.clone() data-key=key.clone() role="group">
                            {options.into_iter().map(|o| {
                                let key = key.clone();
                                let key2 = key.clone();
                                let o2 = o.clone();
                                let on = move || values.with(|v| matches!(v.get(&key), Some(Value::Array(a)) if a.iter().any(|x| x == &Value::String(o2.clone()))));
                                let toggle = {
                                    let o = o.clone();
                                    move |_| values.update(|m| {
                                        let mut list: Vec<Value> = match m.get(&key2) { Some(Value::Array(a)) => a.clone(), _ => vec![] };
                                        let v = Value::String(o.clone());
                                        if let Some(p) = list.iter().position(|x| *x == v) { list.remove(p); } else { list.push(v); }
                                        if list.is_empty() { m.remove(&key2); } else { m.insert(key2.clone(), Value::Array(list)); }
                                    })
                                };
                                view! { <label class="chip"><input type="checkbox" prop:checked=on on:change=toggle/>" "{o}</label> }
                            }).collect_view()}
                        </div>
                    }
                    .into_any()
                }
            };
            view! {
                <div class="field" class:has-error=move || err().is_some()>
                    <label for=id>{label}{d.required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
                    {control}
                    <p class="field-error" id=format!("f-{name}-error") role="alert">{err}</p>
                </div>
            }
        })
        .collect_view()
}
