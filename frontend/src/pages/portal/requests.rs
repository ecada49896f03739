//! `/portal/requests` (my requests), `/portal/requests/new` (open one: an abnormal shipment, a
//! complaint, a claim …) and `/portal/requests/:id` (status and public history; answer; reopen a
//! resolved one within a week).

use crate::router::A;
use crate::router::{use_navigate, use_params_map, use_query_map};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::request::{
    AssignRequest, MessageInput, RequestDetail, RequestInput, RequestStatus, ServiceRequest,
};

use crate::api::{self, ApiError};
use crate::components::claim::{Attachments, ClaimFacts};
use crate::components::form::{FormState, banner_view, parse_enum};
use crate::components::paged::{Paged, PagedView, local_time};
use crate::components::request::{RequestEntries, RequestFields};
use crate::components::states::{ErrorState, Loading};
use crate::components::survey::{SurveyForm, SurveyResult};
use crate::i18n::{Portal, tr, use_i18n};

#[component]
pub fn PortalRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Paged::<ServiceRequest>::new();
    let fetch = move |cursor: String| async move { api::portal_requests(&[("cursor", cursor)]).await };
    list.load(true, fetch);
    view! {
        <section class="page">
            <div class="page-head"><h1>{tr(|c| c.requests_title)}</h1>
                <A href="/portal/requests/new" attr:class="btn btn-primary" attr:data-testid="new-request">{tr(|c| c.request_new)}</A></div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="portal-requests" render=move |r: ServiceRequest| {
                let l = i18n.locale();
                view! {
                    <li class="card card-link">
                        <A href=format!("/portal/requests/{}", r.id)>
                            <div class="card-title">{r.subject.clone()}<span class="tag">{r.status.label(l)}</span></div>
                            <div class="card-meta"><span>{r.number.clone()}</span><span>{r.kind.label(l)}</span><span>{local_time(&r.updated_at, l)}</span></div>
                        </A>
                    </li>
                }
            }/>
        </section>
    }
}

#[component]
pub fn PortalRequestNewPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let form = FormState::new();
    let kind = RwSignal::new("inquiry".to_string());
    let waybill = RwSignal::new(query.with_untracked(|q| q.get("waybill")).unwrap_or_default());
    let subject = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = RequestInput {
            kind: parse_enum(&kind.get_untracked()),
            waybill_no: waybill.get_untracked(),
            subject: subject.get_untracked(),
            description: description.get_untracked(),
            ..Default::default()
        };
        if !form.accept(&body.validate(true), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::portal_create_request(&body).await {
                Ok(d) => navigate(&format!("/portal/requests/{}", d.request.id)),
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    view! {
        <section class="page">
            <h1>{tr(|c| c.request_new)}</h1>
            <form class="card form" on:submit=submit novalidate data-testid="portal-request-form">
                {banner_view(form.banner)}
                <RequestFields kind=kind waybill=waybill subject=subject description=description errors=form.errors/>
                <button type="submit" class="btn btn-primary btn-block" disabled=move || form.pending.get()>{Portal::tr(|c| c.portal_submit)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn PortalRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let state = RwSignal::new(None::<Result<RequestDetail, ApiError>>);
    let load =
        move || leptos::task::spawn_local(async move { state.set(Some(api::portal_request(id()).await)) });
    Effect::new(move |_| {
        params.track();
        load();
    });
    let form = FormState::new();
    let reply = RwSignal::new(String::new());
    let send = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = MessageInput { body: reply.get_untracked(), public: true };
        if !form.accept(&body.validate(), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::portal_request_message(id(), &body).await {
                Ok(d) => {
                    reply.set(String::new());
                    state.set(Some(Ok(d)));
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let reopen = move |version: i64| {
        leptos::task::spawn_local(async move {
            match api::portal_reopen_request(id(), &AssignRequest { version, assignee_id: None }).await {
                Ok(d) => state.set(Some(Ok(d))),
                Err(e) => form.fail(&e, i18n),
            }
        })
    };
    let rate = Callback::new(move |body: schema::survey::SurveyInput| {
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::portal_survey(id(), &body).await {
                Ok(d) => state.set(Some(Ok(d))),
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    });
    move || match state.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
        Some(Ok(d)) => {
            let (l, cat) = (i18n.locale(), i18n.t());
            let r = d.request.clone();
            let can_reopen = r.status.can_become(RequestStatus::Reopened);
            view! {
                <section class="page" data-testid="portal-request">
                    <div class="page-head"><h1>{r.subject.clone()}</h1><span class="tag" data-testid="portal-request-status">{r.status.label(l)}</span></div>
                    {banner_view(form.banner)}
                    <p class="hint">{r.number.clone()}" · "{r.kind.label(l)}{r.waybill_no.clone().map(|w| format!(" · {w}"))}</p>
                    <p>{r.description.clone()}</p>
                    <RequestEntries entries=d.entries testid="portal-request-entries"/>
                    {d.claim.clone().map(|c| view! { <h2>{cat.claim_title}</h2><ClaimFacts claim=c/> })}
                    <Attachments request=r.id portal=true initial=d.attachments.clone()/>
                    {d.survey.clone().map(|s| if s.answered_at.is_some() {
                        view! { <h2>{cat.survey_rating}</h2><SurveyResult survey=s/> }.into_any()
                    } else {
                        view! { <SurveyForm submit=rate pending=form.pending/> }.into_any()
                    })}
                    {(r.status != RequestStatus::Closed).then(|| view! {
                        <form class="card form" on:submit=send novalidate data-testid="portal-reply-form">
                            <div class="field"><label for="f-body">{cat.request_reply}</label>
                                <textarea id="f-body" rows="3" bind:value=reply></textarea>
                                <p class="field-error" role="alert">{move || form.errors.with(|e| e.get("body").cloned())}</p></div>
                            <button type="submit" class="btn btn-primary" disabled=move || form.pending.get()>{cat.request_send}</button>
                        </form>
                    })}
                    {can_reopen.then(|| view! { <button type="button" class="btn" data-testid="reopen" on:click=move |_| reopen(r.version)>{Portal::get(l).request_reopen}</button> })}
                </section>
            }
            .into_any()
        }
    }
}
