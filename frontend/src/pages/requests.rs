//! `/requests` (mine, my org's queue, all; status and kind filters), `/requests/new` (taken on
//! the phone, at the counter or from an e-mail) and `/requests/:id` (history, status moves the
//! request allows, claim, forward to another org, public reply or internal note).

use crate::router::A;
use crate::router::{use_navigate, use_params_map, use_query_map};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::request::{
    AssignRequest, CannedKind, ForwardRequest, MessageInput, RequestChannel, RequestDetail, RequestInput,
    RequestKind, RequestStatus, ServiceRequest, StatusChange,
};

use crate::api::{self, ApiError};
use crate::components::claim::{Attachments, ClaimFacts, ClaimPanel};
use crate::components::complaint::ComplaintPanel;
use crate::components::field::{SelectField, TextField};
use crate::components::form::{FormState, banner_view, parse_enum};
use crate::components::paged::{Paged, PagedView, local_time};
use crate::components::request::{RequestEntries, RequestFields};
use crate::components::sla::{SlaBadge, SlaFacts};
use crate::components::states::{ErrorState, Loading};
use crate::components::survey::SurveyResult;
use crate::i18n::{Service, StaffUi, Text, tr, use_i18n};

#[component]
pub fn RequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let view_ = RwSignal::new("mine".to_string());
    let status = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let list = Paged::<ServiceRequest>::new();
    let fetch = move |cursor: String| {
        let open = if status.get_untracked().is_empty() { "true".to_string() } else { String::new() };
        let query = vec![
            ("view", view_.get_untracked()),
            ("status", status.get_untracked()),
            ("kind", kind.get_untracked()),
            ("open", open),
            ("cursor", cursor),
        ];
        async move { api::requests(&query).await }
    };
    Effect::new(move |_| {
        view_.track();
        status.track();
        kind.track();
        list.load(true, fetch);
    });
    // Open requests in reach by kind: a tap filters the list.
    let counts = RwSignal::new(Vec::<(RequestKind, i64)>::new());
    leptos::task::spawn_local(async move {
        if let Ok(rows) = api::request_counts().await {
            let mut by: Vec<(RequestKind, i64)> = Vec::new();
            for r in rows {
                match by.iter_mut().find(|(k, _)| *k == r.kind) {
                    Some((_, n)) => *n += r.n,
                    None => by.push((r.kind, r.n)),
                }
            }
            counts.set(by);
        }
    });
    let tab = move |key: &'static str, label: Text| {
        view! {
            <button type="button" class=move || if view_.get() == key { "tab tab-on" } else { "tab" }
                data-testid=format!("requests-{key}") on:click=move |_| view_.set(key.to_string())>{move || label(i18n.locale())}</button>
        }
    };
    view! {
        <section class="page">
            <div class="page-head"><h1>{tr(|c| c.requests_title)}</h1>
                <A href="/requests/new" attr:class="btn btn-primary">{tr(|c| c.request_new)}</A></div>
            <div class="chips-row" data-testid="request-counts">
                {move || counts.get().into_iter().map(|(k, n)| view! {
                    <button type="button" class="btn-link" on:click=move |_| { view_.set("all".into()); kind.set(k.as_str().into()); }>
                        {k.label(i18n.locale())}" "{n}</button>
                }).collect_view()}
            </div>
            <nav class="tabs">{tab("mine", |l| Service::get(l).requests_mine)}{tab("queue", |l| Service::get(l).requests_queue)}{tab("breaching", |l| Service::get(l).requests_breaching)}{tab("all", |l| Service::get(l).requests_all)}</nav>
            <div class="filters">
                <select aria-label=Service::tr(|c| c.request_status) on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{Service::tr(|c| c.requests_open)}</option>
                    {move || RequestStatus::ALL.iter().map(|s| view! { <option value=s.as_str()>{s.label(i18n.locale())}</option> }).collect_view()}
                </select>
                <select aria-label=tr(|c| c.request_kind) prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="">{tr(|c| c.filter_all)}</option>
                    {move || RequestKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{k.label(i18n.locale())}</option> }).collect_view()}
                </select>
            </div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="request-list" render=move |r: ServiceRequest| {
                let l = i18n.locale();
                view! {
                    <li class="card card-link">
                        <A href=format!("/requests/{}", r.id)>
                            <div class="card-title">{r.number.clone()}" "{r.subject.clone()}<span class="tag">{r.status.label(l)}</span>
                                <SlaBadge sla=r.sla.clone()/></div>
                            <div class="card-meta">
                                <span>{r.kind.label(l)}</span>
                                <span>{r.customer_name.clone().unwrap_or(r.contact_name.clone())}</span>
                                <span>{r.org_name.clone()}</span>
                                <span>{r.assignee_name.clone().unwrap_or_default()}</span>
                                <span>{local_time(&r.created_at, l)}</span>
                            </div>
                        </A>
                    </li>
                }
            }/>
        </section>
    }
}

#[component]
pub fn RequestNewPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let form = FormState::new();
    let kind = RwSignal::new("inquiry".to_string());
    let channel = RwSignal::new("phone".to_string());
    // From the caller-lookup screen: the customer is already known.
    let customer =
        RwSignal::new(use_query_map().with_untracked(|q| q.get("customer_id")).unwrap_or_default());
    let contact = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let waybill = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let channels = Signal::derive(move || {
        let t = Service::get(i18n.locale());
        vec![
            ("phone".to_string(), t.channel_phone.to_string()),
            ("walk_in".to_string(), t.channel_walk_in.to_string()),
            ("email".to_string(), t.channel_email.to_string()),
        ]
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = RequestInput {
            kind: parse_enum(&kind.get_untracked()),
            customer_id: customer.get_untracked().trim().parse().ok(),
            channel: parse_enum::<RequestChannel>(&channel.get_untracked()),
            priority: None,
            contact_name: contact.get_untracked(),
            contact_phone: phone.get_untracked(),
            waybill_no: waybill.get_untracked(),
            subject: subject.get_untracked(),
            description: description.get_untracked(),
        };
        if !form.accept(&body.validate(false), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::create_request(&body).await {
                Ok(d) => navigate(&format!("/requests/{}", d.request.id)),
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    view! {
        <section class="page">
            <h1>{tr(|c| c.request_new)}</h1>
            <form class="card form" on:submit=submit novalidate data-testid="request-form">
                {banner_view(form.banner)}
                <RequestFields kind=kind waybill=waybill subject=subject description=description errors=form.errors/>
                <SelectField name="channel" label=Service::tr(|c| c.request_channel) value=channel errors=form.errors options=channels placeholder=tr(|c| c.choose)/>
                <TextField name="customer_id" label=tr(|c| c.pickup_customer) value=customer errors=form.errors kind="number"/>
                <TextField name="contact_name" label=tr(|c| c.pickup_contact) value=contact errors=form.errors/>
                <TextField name="contact_phone" label=tr(|c| c.pickup_contact_phone) value=phone errors=form.errors kind="tel"/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{tr(|c| c.save)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let state = RwSignal::new(None::<Result<RequestDetail, ApiError>>);
    let load = move || leptos::task::spawn_local(async move { state.set(Some(api::request(id()).await)) });
    Effect::new(move |_| {
        params.track();
        load();
    });
    let orgs = RwSignal::new(Vec::<(String, String)>::new());
    leptos::task::spawn_local(async move {
        if let Ok(all) = api::all_orgs().await {
            orgs.set(all.into_iter().filter(|o| o.active).map(|o| (o.id.to_string(), o.name)).collect());
        }
    });
    // Canned replies fill the reply box; phone scripts are read out on a call.
    let canned = RwSignal::new(Vec::<schema::request::CannedReply>::new());
    leptos::task::spawn_local(async move {
        if let Ok(c) = api::canned().await {
            canned.set(c);
        }
    });
    let form = FormState::new();
    let note = RwSignal::new(String::new());
    let reply = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let to_org = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let done = move |r: Result<RequestDetail, ApiError>| {
        match r {
            Ok(d) => {
                state.set(Some(Ok(d)));
                form.errors.set(Default::default());
                form.banner.set(None);
            }
            Err(e) => form.fail(&e, i18n),
        }
        form.pending.set(false);
    };
    let version = move || {
        state.with_untracked(|s| s.as_ref().and_then(|r| r.as_ref().ok()).map_or(0, |d| d.request.version))
    };
    let move_to = move |to: RequestStatus| {
        form.pending.set(true);
        let body = StatusChange { version: version(), status: to, note: note.get_untracked() };
        leptos::task::spawn_local(async move {
            let r = api::request_status(id(), &body).await;
            if r.is_ok() {
                note.set(String::new());
            }
            done(r);
        });
    };
    let claim = move |_| {
        form.pending.set(true);
        let body = AssignRequest { version: version(), assignee_id: None };
        leptos::task::spawn_local(async move { done(api::claim_request(id(), &body).await) });
    };
    let send = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = MessageInput { body: reply.get_untracked(), public: !internal.get_untracked() };
        if !form.accept(&body.validate(), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            let r = api::request_message(id(), &body).await;
            if r.is_ok() {
                reply.set(String::new());
            }
            done(r);
        });
    };
    let forward = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = ForwardRequest {
            version: version(),
            org_id: to_org.get_untracked().parse().unwrap_or(0),
            reason: reason.get_untracked(),
        };
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            let r = api::forward_request(id(), &body).await;
            if r.is_ok() {
                reason.set(String::new());
            }
            done(r);
        });
    };
    move || match state.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
        Some(Ok(d)) => {
            let (l, cat) = (i18n.locale(), i18n.t());
            let r = d.request.clone();
            let open = r.status.is_open();
            let unclaimed = open && r.assignee_id.is_none();
            view! {
                <section class="page" data-testid="request-detail">
                    <div class="page-head"><h1>{r.number.clone()}</h1><span class="tag" data-testid="request-status">{r.status.label(l)}</span></div>
                    {banner_view(form.banner)}
                    <SlaFacts sla=r.sla.clone()/>
                    <dl class="card facts">
                        <dt>{cat.request_subject}</dt><dd>{r.subject.clone()}</dd>
                        <dt>{cat.request_kind}</dt><dd>{r.kind.label(l)}</dd>
                        <dt>{cat.pickup_customer}</dt><dd>{r.customer_name.clone().unwrap_or_default()}" "{r.contact_name.clone()}" "{r.contact_phone.clone()}</dd>
                        {r.waybill_no.clone().map(|w| view! { <dt>{cat.pickup_waybill}</dt><dd>{w}</dd> })}
                        <dt>{StaffUi::get(l).request_org}</dt><dd data-testid="request-org">{r.org_name.clone()}</dd>
                        <dt>{Service::get(l).request_assignee}</dt><dd data-testid="request-assignee">{r.assignee_name.clone().unwrap_or_default()}</dd>
                        <dt>{cat.request_description}</dt><dd>{r.description.clone()}</dd>
                    </dl>
                    <div class="card form" data-testid="request-actions">
                        {unclaimed.then(|| view! { <button type="button" class="btn btn-primary" data-testid="claim" on:click=claim>{Service::get(l).request_claim}</button> })}
                        <TextField name="note" label=Service::tr(|c| c.request_note) value=note errors=form.errors/>
                        <div class="card-actions">
                            {d.next.iter().map(|s| {
                                let s = *s;
                                view! { <button type="button" class="btn" data-testid=format!("to-{}", s.as_str())
                                    disabled=move || form.pending.get() on:click=move |_| move_to(s)>{s.label(l)}</button> }
                            }).collect_view()}
                        </div>
                    </div>
                    <crate::pages::kb::KbSuggestions kind=r.kind/>
                    <details class="card" data-testid="scripts">
                        <summary>{StaffUi::get(l).request_scripts}</summary>
                        <ul class="plain">{move || canned.get().into_iter().filter(|c| c.kind == CannedKind::Script).map(|c| view! {
                            <li><strong>{c.title}</strong>" "{c.body}</li>
                        }).collect_view()}</ul>
                    </details>
                    <form class="card form" on:submit=send novalidate data-testid="reply-form">
                        <select aria-label=StaffUi::tr(|c| c.request_canned) data-testid="canned" on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(usize::MAX);
                            if let Some(c) = canned.get_untracked().into_iter().filter(|c| c.kind == CannedKind::Reply).nth(i) {
                                reply.set(c.body);
                            }
                        }>
                            <option value="">{StaffUi::tr(|c| c.request_canned)}</option>
                            {move || canned.get().into_iter().filter(|c| c.kind == CannedKind::Reply).enumerate().map(|(i, c)| view! {
                                <option value=i.to_string()>{c.title}</option>
                            }).collect_view()}
                        </select>
                        <div class="field"><label for="f-body">{cat.request_reply}</label>
                            <textarea id="f-body" rows="3" bind:value=reply></textarea>
                            <p class="field-error" role="alert">{move || form.errors.with(|e| e.get("body").cloned())}</p></div>
                        <label class="field-check"><input type="checkbox" data-testid="internal" bind:checked=internal/>" "{Service::get(l).request_internal}</label>
                        <button type="submit" class="btn btn-primary" disabled=move || form.pending.get()>{cat.request_send}</button>
                    </form>
                    {open.then(|| view! {
                        <form class="card form" on:submit=forward novalidate data-testid="forward-form">
                            <SelectField name="org_id" label=Service::tr(|c| c.request_forward_to) value=to_org errors=form.errors
                                options=Signal::derive(move || orgs.get()) placeholder=tr(|c| c.choose)/>
                            <TextField name="reason" label=StaffUi::tr(|c| c.pickup_reason) value=reason errors=form.errors/>
                            <button type="submit" class="btn" disabled=move || form.pending.get()>{Service::tr(|c| c.request_forward)}</button>
                        </form>
                    })}
                    {if r.kind == RequestKind::Claim && crate::session::use_session().allows(schema::staff::CLAIM_HANDLERS) {
                        view! { <ClaimPanel request=r.id claim=d.claim.clone() done=Callback::new(move |d| done(Ok(d)))/> }.into_any()
                    } else {
                        d.claim.clone().map(|c| view! { <h2>{cat.claim_title}</h2><ClaimFacts claim=c/> }).into_any()
                    }}
                    {(r.kind == RequestKind::Complaint).then(|| view! {
                        <ComplaintPanel request=r.clone() done=Callback::new(move |d| done(Ok(d)))/>
                    })}
                    <Attachments request=r.id portal=false initial=d.attachments.clone()/>
                    {d.survey.clone().map(|s| view! { <h2>{cat.survey_rating}</h2><SurveyResult survey=s/> })}
                    <h2>{cat.pickup_history}</h2>
                    <RequestEntries entries=d.entries testid="request-entries"/>
                </section>
            }
            .into_any()
        }
    }
}
