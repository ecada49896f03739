//! `/pickups` (dispatch list: status and day filters), `/pickups/new` (a booking taken on the
//! phone) and `/pickups/:id` (facts, history, and the actions the caller's role and the pickup's
//! status allow: dispatch, collected, failed, cancel).

use crate::router::A;
use crate::router::use_params_map;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::pickup::{AssignRequest, CollectRequest, Pickup, PickupDetail, PickupStatus, ReasonRequest};
use schema::staff::{DISPATCHERS, PICKUP_BOOKERS};

use crate::api::{self, ApiError};
use crate::components::event_form::EventForm;
use crate::components::field::{SelectField, TextField};
use crate::components::form::{Banner, FormState, banner_view};
use crate::components::paged::{Paged, PagedView, local_time};
use crate::components::pending::CopyNotice;
use crate::components::pickup::{PickupFacts, PickupForm, PickupHistory};
use crate::components::states::{ErrorState, Loading};
use crate::i18n::{Logistics, StaffUi, tr, use_i18n};
use crate::offline::{self, Action, Sent, use_queue};
use crate::session::use_session;

#[component]
pub fn PickupsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let status = RwSignal::new("requested".to_string());
    let day = RwSignal::new(String::new());
    let list = Paged::<Pickup>::new();
    let fetch = move |cursor: String| {
        let query =
            vec![("status", status.get_untracked()), ("day", day.get_untracked()), ("cursor", cursor)];
        async move { api::pickups(&query).await }
    };
    Effect::new(move |_| {
        status.track();
        day.track();
        list.load(true, fetch);
    });
    view! {
        <section class="page">
            <div class="page-head"><h1>{StaffUi::tr(|c| c.pickups_title)}</h1>
                {session.allows(PICKUP_BOOKERS).then(|| view! { <A href="/pickups/new" attr:class="btn btn-primary">{tr(|c| c.pickup_new)}</A> })}</div>
            <div class="filters">
                <select aria-label=tr(|c| c.pickup_status) data-testid="pickup-status-filter" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{tr(|c| c.filter_all)}</option>
                    {move || PickupStatus::ALL.iter().map(|s| {
                        let selected = status.get_untracked() == s.as_str();
                        view! { <option value=s.as_str() selected=selected>{s.label(i18n.locale())}</option> }
                    }).collect_view()}
                </select>
                <input type="date" aria-label=tr(|c| c.pickup_day) bind:value=day/>
            </div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="pickup-list" render=move |p: Pickup| {
                let l = i18n.locale();
                view! {
                    <li class="card card-link">
                        <A href=format!("/pickups/{}", p.id)>
                            <div class="card-title">{p.pickup_no.clone()}<span class="tag">{p.status.label(l)}</span></div>
                            <div class="card-meta">
                                <span>{p.customer_name.clone()}</span>
                                <span>{local_time(&p.window_start, l)}</span>
                                <span>{p.region.clone()}{p.address.clone()}</span>
                                {p.courier_name.clone().map(|n| view! { <span>{n}</span> })}
                            </div>
                        </A>
                    </li>
                }
            }/>
        </section>
    }
}

#[component]
pub fn PickupNewPage() -> impl IntoView {
    let customer = RwSignal::new(String::new());
    let exception = RwSignal::new(String::new());
    view! {
        <section class="page">
            <h1>{tr(|c| c.pickup_new)}</h1>
            <Standing customer=customer exception=exception/>
            <PickupForm customer=customer exception=exception/>
        </section>
    }
}

/// What the desk must know before booking for the customer typed in: blacklisted (and, for a
/// manager, the field for the exception's reason), in arrears or over the credit limit — and
/// whether the firm's policy refuses the booking for it.
#[component]
fn Standing(customer: RwSignal<String>, exception: RwSignal<String>) -> impl IntoView {
    use schema::credit::{CreditStanding, standing};
    let i18n = use_i18n();
    let found = RwSignal::new(None::<schema::customer::Customer>);
    let policy = LocalResource::new(api::credit_settings);
    Effect::new(move |_| {
        let Ok(id) = customer.get().trim().parse::<i64>() else {
            found.set(None);
            return;
        };
        leptos::task::spawn_local(async move {
            found.set(api::customer(id).await.ok().map(|d| d.customer));
        });
    });
    let manager = crate::session::use_session().allows(schema::staff::CUSTOMER_ASSIGNERS);
    let errors = RwSignal::new(Default::default());
    move || {
        let c = found.get()?;
        let t = Logistics::get(i18n.locale());
        let owes = standing(c.arrears, c.credit_limit);
        let blocked =
            policy.get().and_then(Result::ok).is_some_and(|p| schema::credit::gate(owes, p.policy).is_err());
        Some(view! {
            {c.blacklisted.then(|| view! {
                <div class="banner banner-error" role="alert" data-testid="standing-blacklisted">{t.standing_blacklisted}" "{c.blacklist_reason.clone()}</div>
                {manager.then(|| view! {
                    <TextField name="blacklist_override" label=Logistics::tr(|t| t.standing_exception) value=exception errors=errors/>
                })}
            })}
            {(owes != CreditStanding::Clear).then(|| view! {
                <div class=if blocked { "banner banner-error" } else { "banner banner-warn" } role="status" data-testid="standing-credit">
                    {format!("{} ¥{}", owes.label(i18n.locale()), schema::customer::fen_to_yuan(c.arrears))}
                    {blocked.then(|| format!(" · {}", t.standing_blocked))}
                </div>
            })}
        })
    }
}

#[component]
pub fn PickupDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let state = RwSignal::new(None::<Result<PickupDetail, ApiError>>);
    // Without a connection: the copy kept when this pickup was last opened.
    let copy_from = RwSignal::new(None::<String>);
    let load = move || {
        leptos::task::spawn_local(async move {
            let id = id();
            state
                .set(Some(offline::read_through(&offline::pickup_key(id), copy_from, api::pickup(id)).await));
        })
    };
    Effect::new(move |_| {
        params.track();
        load();
    });
    let queue = use_queue();
    queue.on_delivered(load);
    let session = use_session();
    move || match state.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
        Some(Ok(d)) => {
            let p = d.pickup.clone();
            view! {
                <section class="page" data-testid="pickup-detail">
                    <div class="page-head"><h1>{p.pickup_no.clone()}</h1><span>{p.customer_name.clone()}</span></div>
                    <CopyNotice copy_from=copy_from/>
                    <PendingFor pickup=p.id/>
                    <PickupFacts p=p.clone()/>
                    {match (p.shipment_id, p.waybill_no.clone()) {
                        (Some(sid), Some(wb)) if session.allows(schema::staff::EVENT_RECORDERS) =>
                            Some(view! { <EventForm shipment=sid label=wb on_saved=|_| ()/> }),
                        _ => None,
                    }}
                    {move || (!queue.waiting_for(p.id)).then(|| view! { <PickupActions p=p.clone() state=state/> })}
                    <PickupHistory steps=d.history/>
                </section>
            }
            .into_any()
        }
    }
}

/// The moves open to the caller: dispatch (dispatchers), collected / failed (the courier or a
/// dispatcher), cancel (dispatchers).
#[component]
fn PickupActions(p: Pickup, state: RwSignal<Option<Result<PickupDetail, ApiError>>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = FormState::new();
    let dispatcher = session.allows(DISPATCHERS);
    let (id, version) = (p.id, p.version);
    let done = move |r: Result<PickupDetail, ApiError>| match r {
        Ok(d) => state.set(Some(Ok(d))),
        Err(e) => form.fail(&e, i18n),
    };
    // Collected / failed go through the device's queue: sent now if there is a connection, kept
    // and sent later (same id, so once) if not.
    let queue = use_queue();
    let label = StoredValue::new(p.pickup_no.clone());
    let queued = move |r: Result<Sent, ApiError>| match r {
        Ok(Sent::Pickup(d)) => state.set(Some(Ok(d))),
        Ok(_) => form.banner.set(Some(Banner::Ok(Logistics::get(i18n.locale()).offline_queued.to_string()))),
        Err(e) => form.fail(&e, i18n),
    };
    // Dispatch: an outlet, then one of its couriers.
    let couriers = RwSignal::new(Vec::<schema::staff::Staff>::new());
    if dispatcher && p.status.can_become(PickupStatus::Assigned) {
        leptos::task::spawn_local(async move {
            if let Ok(c) = api::couriers().await {
                couriers.set(c);
            }
        });
    }
    let org = RwSignal::new(p.org_id.map(|o| o.to_string()).unwrap_or_default());
    let courier = RwSignal::new(p.courier_id.map(|c| c.to_string()).unwrap_or_default());
    let orgs = Signal::derive(move || {
        let mut seen: Vec<(String, String)> = Vec::new();
        for c in couriers.get() {
            let key = c.org_id.to_string();
            if !seen.iter().any(|(k, _)| *k == key) {
                seen.push((key, c.org_name.clone()));
            }
        }
        seen
    });
    let in_org = Signal::derive(move || {
        let o = org.get();
        couriers
            .get()
            .into_iter()
            .filter(|c| c.org_id.to_string() == o)
            .map(|c| (c.id.to_string(), c.name))
            .collect()
    });
    let assign = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = AssignRequest {
            version,
            org_id: org.get_untracked().parse().unwrap_or(0),
            courier_id: courier.get_untracked().parse().unwrap_or(0),
        };
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            done(api::assign_pickup(id, &body).await);
            form.pending.set(false);
        });
    };
    let waybill = RwSignal::new(String::new());
    let consignee = RwSignal::new(String::new());
    let consignee_phone = RwSignal::new(String::new());
    let consignee_address = RwSignal::new(String::new());
    let needs_consignee = p.consignee_name.is_empty();
    let collect = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = CollectRequest {
            version,
            waybill_no: waybill.get_untracked(),
            consignee_name: consignee.get_untracked(),
            consignee_phone: consignee_phone.get_untracked(),
            consignee_address: consignee_address.get_untracked(),
            dest_region: String::new(),
        };
        form.pending.set(true);
        let label = label.get_value();
        leptos::task::spawn_local(async move {
            queued(queue.send(label, Action::Collect { pickup: id, body }).await);
            form.pending.set(false);
        });
    };
    let reason = RwSignal::new(String::new());
    let close = move |action: &'static str| {
        let body = ReasonRequest { version, reason: reason.get_untracked() };
        form.pending.set(true);
        let label = label.get_value();
        leptos::task::spawn_local(async move {
            if action == "fail" {
                queued(queue.send(label, Action::Fail { pickup: id, body }).await);
            } else {
                done(api::close_pickup(id, action, &body, None).await);
            }
            form.pending.set(false);
        });
    };
    let can = |to: PickupStatus| p.status.can_become(to);
    let may_assign = dispatcher && can(PickupStatus::Assigned);
    let may_collect = can(PickupStatus::Collected);
    let may_cancel = dispatcher && can(PickupStatus::Cancelled);
    view! {
        {banner_view(form.banner)}
        {may_assign.then(|| view! {
            <form class="card form" on:submit=assign novalidate data-testid="assign-form">
                <h2>{Logistics::tr(|c| c.pickup_assign)}</h2>
                <SelectField name="org_id" label=Logistics::tr(|c| c.pickup_outlet) value=org errors=form.errors options=orgs placeholder=tr(|c| c.choose)/>
                <SelectField name="courier_id" label=tr(|c| c.pickup_courier) value=courier errors=form.errors options=in_org placeholder=tr(|c| c.choose)/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{Logistics::tr(|c| c.pickup_assign)}</button>
            </form>
        })}
        {may_collect.then(|| view! {
            <form class="card form" on:submit=collect novalidate data-testid="collect-form">
                <h2>{Logistics::tr(|c| c.pickup_collect)}</h2>
                <TextField name="waybill_no" label=tr(|c| c.pickup_waybill) value=waybill errors=form.errors required=true/>
                {needs_consignee.then(|| view! {
                    <TextField name="consignee_name" label=tr(|c| c.pickup_consignee) value=consignee errors=form.errors/>
                    <TextField name="consignee_phone" label=tr(|c| c.pickup_consignee_phone) value=consignee_phone errors=form.errors kind="tel"/>
                    <TextField name="consignee_address" label=tr(|c| c.pickup_consignee_address) value=consignee_address errors=form.errors/>
                })}
                <button type="submit" class="btn btn-primary btn-block" data-testid="collect" disabled=move || form.pending.get()>{Logistics::tr(|c| c.pickup_collect)}</button>
            </form>
        })}
        {(may_collect || may_cancel).then(|| view! {
            <div class="card form" data-testid="close-form">
                <TextField name="reason" label=StaffUi::tr(|c| c.pickup_reason) value=reason errors=form.errors/>
                {may_collect.then(|| view! { <button type="button" class="btn" data-testid="fail" on:click=move |_| close("fail")>{Logistics::tr(|c| c.pickup_fail)}</button> })}
                {may_cancel.then(|| view! { <button type="button" class="btn btn-danger" on:click=move |_| close("cancel")>{tr(|c| c.pickup_cancel)}</button> })}
            </div>
        })}
    }
}

/// This pickup's writes still on the device: pending (sent when the signal returns) or refused
/// by the server (with its reason).
#[component]
fn PendingFor(pickup: i64) -> impl IntoView {
    let queue = use_queue();
    move || {
        queue
            .writes
            .get()
            .into_iter()
            .filter(|w| w.pickup() == Some(pickup))
            .map(|w| view! { <crate::components::pending::PendingWrite w=w/> })
            .collect_view()
    }
}
