//! Recording a tracking event by hand (hub, courier, service): on the shipment's page and, for the
//! courier, on a collected pickup's. Goes through the device's queue ([`crate::offline`]), so it
//! works without signal and is sent once when the connection returns.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::shipment::{EventInput, ShipmentDetail, ShipmentStatus};

use crate::components::field::{SelectField, TextField};
use crate::components::form::{Banner, FormState, banner_view, parse_enum};
use crate::i18n::{Logistics, StaffUi, tr, use_i18n};
use crate::offline::{Action, Sent, use_queue};
use crate::pages::customer_tabs::to_instant;

#[component]
pub fn EventForm(
    shipment: i64,
    /// The waybill, for the pending list.
    label: String,
    /// Called with the shipment as the server now has it.
    #[prop(into)]
    on_saved: Callback<ShipmentDetail>,
) -> impl IntoView {
    let i18n = use_i18n();
    let queue = use_queue();
    let form = FormState::new();
    let kind = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let label = StoredValue::new(label);
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        // The time of the tap, not of the upload: a queued event keeps when it happened.
        let now = String::from(js_sys::Date::new_0().to_iso_string());
        let body = EventInput {
            waybill_no: String::new(),
            at: to_instant(&when.get_untracked()).unwrap_or(now),
            kind: parse_enum(&kind.get_untracked()),
            location: location.get_untracked(),
            description: description.get_untracked(),
            ..Default::default()
        };
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match queue.send(label.get_value(), Action::Event { shipment, body }).await {
                Ok(sent) => {
                    description.set(String::new());
                    form.errors.set(Default::default());
                    match sent {
                        Sent::Shipment(d) => {
                            form.banner.set(Some(Banner::Ok(i18n.t().saved.to_string())));
                            on_saved.run(d);
                        }
                        _ => form
                            .banner
                            .set(Some(Banner::Ok(Logistics::get(i18n.locale()).offline_queued.to_string()))),
                    }
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let kinds = Signal::derive(move || {
        let l = i18n.locale();
        ShipmentStatus::ALL[1..].iter().map(|k| (k.as_str().to_string(), k.label(l).to_string())).collect()
    });
    view! {
        <form class="card form" on:submit=save novalidate data-testid="event-form">
            <h2>{Logistics::tr(|c| c.event_add)}</h2>
            {banner_view(form.banner)}
            <SelectField name="type" label=StaffUi::tr(|c| c.interaction_status) value=kind errors=form.errors options=kinds placeholder=tr(|c| c.choose)/>
            <div class="field"><label for="f-when">{StaffUi::tr(|c| c.done_at)}</label><input id="f-when" type="datetime-local" bind:value=when/>
                <p class="field-error" role="alert">{move || form.errors.with(|e| e.get("at").cloned())}</p></div>
            <TextField name="location" label=Logistics::tr(|c| c.event_location) value=location errors=form.errors/>
            <TextField name="description" label=StaffUi::tr(|c| c.summary) value=description errors=form.errors/>
            <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{tr(|c| c.save)}</button>
        </form>
    }
}
