//! The pickup booking form (portal and phone booking share it) and a pickup's facts and history.

use crate::router::use_navigate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::location::{Location, one_line};
use schema::pickup::{AddressEntry, Pickup, PickupInput, PickupStep};

use crate::api;
use crate::components::field::{SelectField, TextField};
use crate::components::form::{FormState, banner_view};
use crate::components::paged::local_time;
use crate::i18n::{tr, use_i18n};
use crate::pages::customer_tabs::to_instant;

/// Tomorrow's date in the browser's time zone, `YYYY-MM-DD`: bookings default to tomorrow
/// morning, a window that never straddles midnight.
fn tomorrow() -> String {
    let d = js_sys::Date::new_0();
    d.set_time(d.get_time() + 86_400_000.0);
    let p = |n: u32| format!("{n:02}");
    format!("{}-{}-{}", d.get_full_year(), p(d.get_month() + 1), p(d.get_date()))
}

/// Books a pickup: from the portal (`customer` None: the caller's own, with their locations and
/// address book), or by staff on the phone for `customer`.
#[component]
pub fn PickupForm(
    #[prop(optional)] customer: Option<RwSignal<String>>,
    #[prop(optional)] locations: Vec<Location>,
    #[prop(optional)] book: Vec<AddressEntry>,
    /// Staff: a manager's reason to book for a blacklisted customer (the audited exception).
    #[prop(optional)]
    exception: Option<RwSignal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let form = FormState::new();

    let default_location =
        locations.iter().find(|l| l.is_default).or(locations.first()).map(|l| l.id.to_string());
    let location = RwSignal::new(default_location.unwrap_or_default());
    let contact = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let day = RwSignal::new(tomorrow());
    let from = RwSignal::new("09:00".to_string());
    let to = RwSignal::new("11:00".to_string());
    let pieces = RwSignal::new("1".to_string());
    let weight = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let send_to = RwSignal::new(String::new());
    let consignee = RwSignal::new(String::new());
    let consignee_phone = RwSignal::new(String::new());
    let consignee_address = RwSignal::new(String::new());
    let dest = RwSignal::new(String::new());
    let location_options: Vec<(String, String)> =
        locations.iter().map(|l| (l.id.to_string(), one_line(l))).collect();
    let has_locations = !location_options.is_empty();
    let book_options: Vec<(String, String)> =
        book.iter().map(|e| (e.id.to_string(), format!("{} {} · {}", e.name, e.phone, e.address))).collect();
    let has_book = !book_options.is_empty();
    let portal = customer.is_none();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let at = |t: RwSignal<String>| {
            to_instant(&format!("{}T{}", day.get_untracked(), t.get_untracked())).unwrap_or_default()
        };
        let id = |s: RwSignal<String>| s.get_untracked().parse::<i64>().ok();
        let kg = weight.get_untracked().trim().parse::<f64>().unwrap_or(0.0);
        let body = PickupInput {
            customer_id: customer.and_then(id),
            location_id: id(location),
            contact_name: contact.get_untracked(),
            contact_phone: phone.get_untracked(),
            region: region.get_untracked(),
            address: address.get_untracked(),
            window_start: at(from),
            window_end: at(to),
            pieces: pieces.get_untracked().trim().parse().unwrap_or(0),
            weight_g: (kg * 1000.0).round() as i64,
            notes: notes.get_untracked(),
            address_id: id(send_to),
            consignee_name: consignee.get_untracked(),
            consignee_phone: consignee_phone.get_untracked(),
            consignee_address: consignee_address.get_untracked(),
            dest_region: dest.get_untracked(),
            blacklist_override: exception.map(|e| e.get_untracked()).unwrap_or_default(),
            ..Default::default()
        };
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            let r = if portal { api::portal_book(&body).await } else { api::create_pickup(&body).await };
            match r {
                Ok(d) => {
                    let base = if portal { "/portal/pickups" } else { "/pickups" };
                    navigate(&format!("{base}/{}", d.pickup.id));
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let new_address = move || location.get().is_empty();
    view! {
        <form class="card form" on:submit=submit novalidate data-testid="pickup-form">
            {banner_view(form.banner)}
            {customer.map(|c| view! { <TextField name="customer_id" label=tr(|c| c.pickup_customer) value=c errors=form.errors kind="number" required=true/> })}
            {has_locations.then(|| view! {
                <SelectField name="location_id" label=tr(|c| c.pickup_location) value=location errors=form.errors
                    options=Signal::stored(location_options.clone()) placeholder=tr(|c| c.pickup_new_address)/>
            })}
            <TextField name="contact_name" label=tr(|c| c.pickup_contact) value=contact errors=form.errors autocomplete="name" required=!has_locations/>
            <TextField name="contact_phone" label=tr(|c| c.pickup_contact_phone) value=phone errors=form.errors kind="tel" autocomplete="tel" required=!has_locations/>
            <Show when=new_address>
                <TextField name="region" label=tr(|c| c.pickup_region) value=region errors=form.errors/>
                <TextField name="address" label=tr(|c| c.address) value=address errors=form.errors autocomplete="street-address" required=true/>
            </Show>
            <fieldset class="field-row">
                <legend>{tr(|c| c.pickup_window)}</legend>
                <TextField name="window_day" label=tr(|c| c.pickup_day) value=day errors=form.errors kind="date"/>
                <TextField name="window_start" label=tr(|c| c.pickup_from) value=from errors=form.errors kind="time"/>
                <TextField name="window_end" label=tr(|c| c.pickup_to) value=to errors=form.errors kind="time"/>
            </fieldset>
            <TextField name="pieces" label=tr(|c| c.pickup_pieces) value=pieces errors=form.errors kind="number"/>
            <TextField name="weight_g" label=tr(|c| c.pickup_weight) value=weight errors=form.errors kind="number"/>
            {has_book.then(|| view! {
                <SelectField name="address_id" label=tr(|c| c.pickup_send_to) value=send_to errors=form.errors
                    options=Signal::stored(book_options.clone()) placeholder=tr(|c| c.choose)/>
            })}
            <Show when=move || send_to.get().is_empty()>
                <TextField name="consignee_name" label=tr(|c| c.pickup_consignee) value=consignee errors=form.errors/>
                <TextField name="consignee_phone" label=tr(|c| c.pickup_consignee_phone) value=consignee_phone errors=form.errors kind="tel"/>
                <TextField name="consignee_address" label=tr(|c| c.pickup_consignee_address) value=consignee_address errors=form.errors/>
                <TextField name="dest_region" label=tr(|c| c.pickup_dest_region) value=dest errors=form.errors/>
            </Show>
            <TextField name="notes" label=tr(|c| c.notes) value=notes errors=form.errors/>
            <button type="submit" class="btn btn-primary btn-block" data-testid="pickup-submit" disabled=move || form.pending.get()>{tr(|c| c.pickup_book)}</button>
        </form>
    }
}

/// A pickup's facts.
#[component]
pub fn PickupFacts(p: Pickup) -> impl IntoView {
    let i18n = use_i18n();
    let (l, cat) = (i18n.locale(), i18n.t());
    let window = format!("{} – {}", local_time(&p.window_start, l), local_time(&p.window_end, l));
    view! {
        <dl class="card facts">
            <dt>{cat.pickup_status}</dt><dd><span class="tag" data-testid="pickup-status">{p.status.label(l)}</span>
                {(!p.fail_reason.is_empty()).then(|| format!(" {}", p.fail_reason))}</dd>
            <dt>{cat.pickup_window}</dt><dd>{window}</dd>
            <dt>{cat.pickup_contact}</dt><dd>{p.contact_name.clone()}" "<a href=format!("tel:{}", p.contact_phone)>{p.contact_phone.clone()}</a></dd>
            <dt>{cat.address}</dt><dd>{p.region.clone()}{p.address.clone()}</dd>
            <dt>{cat.pickup_pieces}</dt><dd>{p.pieces}</dd>
            {(!p.consignee_name.is_empty()).then(|| view! { <dt>{cat.pickup_consignee}</dt><dd>{p.consignee_name.clone()}" · "{p.dest_region.clone()}{p.consignee_address.clone()}</dd> })}
            {p.courier_name.clone().map(|n| view! { <dt>{cat.pickup_courier}</dt><dd>{p.org_name.clone().unwrap_or_default()}" "{n}" "{p.courier_phone.clone().unwrap_or_default()}</dd> })}
            {p.waybill_no.clone().map(|w| view! { <dt>{cat.pickup_waybill}</dt><dd data-testid="pickup-waybill">{w}</dd> })}
        </dl>
    }
}

/// A pickup's history, oldest first.
#[component]
pub fn PickupHistory(steps: Vec<PickupStep>) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.locale();
    view! {
        <h2>{tr(|c| c.pickup_history)}</h2>
        <ol class="cards timeline" data-testid="pickup-history">
            {steps.into_iter().map(|s| view! {
                <li class="card"><div class="card-meta"><span>{local_time(&s.at, l)}</span><span>{s.actor.clone()}</span></div>
                    <div><strong>{s.status.label(l)}</strong>" "{s.note.clone()}</div></li>
            }).collect_view()}
        </ol>
    }
}
