//! A complaint's classification on its request page: what it is about, its cause from the
//! firm's list, and its severity (severe alerts supervisors and managers).

use leptos::prelude::*;
use schema::complaint::{Classification, ComplaintTarget, Severity};
use schema::request::{RequestDetail, ServiceRequest};

use crate::api;
use crate::components::field::SelectField;
use crate::components::form::{FormState, banner_view, parse_enum};
use crate::i18n::{Service, StaffUi, tr, use_i18n};

#[component]
pub fn ComplaintPanel(request: ServiceRequest, done: Callback<RequestDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let target = RwSignal::new(request.complaint_target.map_or("shipment", |t| t.as_str()).to_string());
    let cause = RwSignal::new(request.complaint_cause.clone().unwrap_or_default());
    let severity = RwSignal::new(request.severity.map_or("minor", |s| s.as_str()).to_string());
    let causes = RwSignal::new(Vec::<(String, String)>::new());
    leptos::task::spawn_local(async move {
        if let Ok(list) = api::complaint_causes().await {
            let l = i18n.locale();
            causes.set(
                list.iter().filter(|c| c.active).map(|c| (c.code.clone(), c.label(l).to_string())).collect(),
            );
        }
    });
    let (id, version) = (request.id, request.version);
    let save = move |_| {
        let (Some(t), Some(s)) = (parse_enum(&target.get_untracked()), parse_enum(&severity.get_untracked()))
        else {
            return;
        };
        let body = Classification { version, target: t, cause: cause.get_untracked(), severity: s };
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::classify_complaint(id, &body).await {
                Ok(d) => done.run(d),
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let targets = Signal::derive(move || {
        ComplaintTarget::ALL
            .iter()
            .map(|t| (t.as_str().to_string(), t.label(i18n.locale()).to_string()))
            .collect()
    });
    let severities = Signal::derive(move || {
        Severity::ALL.iter().map(|s| (s.as_str().to_string(), s.label(i18n.locale()).to_string())).collect()
    });
    view! {
        <div class="card form" data-testid="complaint-panel">
            <h2>{Service::tr(|c| c.complaint_title)}</h2>
            {banner_view(form.banner)}
            <SelectField name="target" label=Service::tr(|c| c.complaint_target) value=target errors=form.errors options=targets placeholder=tr(|c| c.choose)/>
            <SelectField name="cause" label=StaffUi::tr(|c| c.complaint_cause) value=cause errors=form.errors options=Signal::derive(move || causes.get()) placeholder=tr(|c| c.choose)/>
            <SelectField name="severity" label=Service::tr(|c| c.complaint_severity) value=severity errors=form.errors options=severities placeholder=tr(|c| c.choose)/>
            <button type="button" class="btn btn-primary" data-testid="classify" disabled=move || form.pending.get() on:click=save>{tr(|c| c.save)}</button>
        </div>
    }
}
