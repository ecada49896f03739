//! `/customers/handover`: move every customer one staff member owns to a successor (managers).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::customer::HandoverRequest;
use schema::staff::{CUSTOMER_ASSIGNERS, Staff};
use schema::{FieldErrors, FieldIssue};

use crate::api;
use crate::components::field::{SelectField, TextField};
use crate::components::form::{Banner, FormState, banner_view};
use crate::components::layout::RequireRole;
use crate::i18n::{Customers, StaffUi, use_i18n};

#[component]
pub fn HandoverPage() -> impl IntoView {
    view! { <RequireRole roles=CUSTOMER_ASSIGNERS><Handover/></RequireRole> }
}

#[component]
fn Handover() -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let staff = RwSignal::new(Vec::<Staff>::new());
    let (from, to, reason) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    leptos::task::spawn_local(async move {
        match api::all_staff().await {
            Ok(all) => staff.set(all),
            Err(e) => form.fail(&e, i18n),
        }
    });
    let options = Signal::derive(move || {
        let l = i18n.locale();
        staff
            .get()
            .into_iter()
            .map(|s| (s.id.to_string(), format!("{} · {} · {}", s.name, s.role.label(l), s.org_name)))
            .collect::<Vec<_>>()
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (f, t) = (from.get_untracked().parse::<i64>().ok(), to.get_untracked().parse::<i64>().ok());
        let mut errors = FieldErrors::new();
        if f.is_none() {
            errors.insert("from_staff_id", FieldIssue::Required);
        }
        if t.is_none() || t == f {
            errors.insert("to_staff_id", FieldIssue::InvalidChoice);
        }
        let checked = match (f, t) {
            (Some(f), Some(t)) if errors.is_empty() => {
                Ok(HandoverRequest { from_staff_id: f, to_staff_id: t, reason: reason.get_untracked() })
            }
            _ => Err(errors),
        };
        if !form.accept(&checked, i18n.locale()) {
            return;
        }
        let Ok(body) = checked else { return };
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::handover(&body).await {
                Ok(r) => form.banner.set(Some(Banner::Ok(format!(
                    "{}{}",
                    Customers::get(i18n.locale()).handover_done,
                    r.moved
                )))),
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    view! {
        <section class="page">
            <h1>{Customers::tr(|c| c.handover_title)}</h1>
            <p class="hint">{Customers::tr(|c| c.handover_hint)}</p>
            {banner_view(form.banner)}
            <form class="card form" on:submit=submit novalidate data-testid="handover-form">
                <SelectField name="from_staff_id" label=Customers::tr(|c| c.handover_from) value=from errors=form.errors options=options placeholder=StaffUi::tr(|c| c.select_placeholder)/>
                <SelectField name="to_staff_id" label=Customers::tr(|c| c.handover_to) value=to errors=form.errors options=options placeholder=StaffUi::tr(|c| c.select_placeholder)/>
                <TextField name="reason" label=Customers::tr(|c| c.handover_reason) value=reason errors=form.errors/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{Customers::tr(|c| c.handover_submit)}</button>
            </form>
        </section>
    }
}
