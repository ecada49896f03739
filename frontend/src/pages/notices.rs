//! `/notices`: what the signed-in person has been told — SLA warnings, breaches and escalations,
//! complaint alerts — newest first, each opening its request; unread ones marked until read.

use crate::router::A;
use leptos::prelude::*;
use schema::sla::StaffNotice;

use crate::api;
use crate::components::paged::{Paged, PagedView, local_time};
use crate::i18n::{Service, StaffUi, use_i18n};

fn label(kind: &str, t: &Service) -> &'static str {
    match kind {
        "sla_warn" => t.notice_sla_warn,
        "sla_breach" => t.notice_sla_breach,
        "sla_escalate" => t.notice_sla_escalate,
        _ => t.notice_complaint_alert,
    }
}

#[component]
pub fn NoticesPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Paged::<StaffNotice>::new();
    let fetch = |cursor: String| async move { api::notices(cursor).await };
    list.load(true, fetch);
    let read_all = move |_| {
        leptos::task::spawn_local(async move {
            if api::read_notices(Vec::new()).await.is_ok() {
                list.load(true, fetch);
            }
        });
    };
    view! {
        <section class="page">
            <div class="page-head"><h1>{StaffUi::tr(|c| c.staff_notices_title)}</h1>
                <button type="button" class="btn" data-testid="read-all" on:click=read_all>{Service::tr(|c| c.notices_read_all)}</button></div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="notice-list" render=move |n: StaffNotice| {
                let (l, t) = (i18n.locale(), Service::get(i18n.locale()));
                let due = (!n.due_at.is_empty()).then(|| format!("{} {}", t.sla_due, local_time(&n.due_at, l)));
                view! {
                    <li class="card card-link" class:notice-unread=n.read_at.is_none()>
                        <A href=format!("/requests/{}", n.request_id)>
                            <div class="card-title"><span class="tag tag-warn">{label(&n.kind, t)}</span>" "{n.number.clone()}" "{n.subject.clone()}</div>
                            <div class="card-meta"><span>{local_time(&n.created_at, l)}</span><span>{due}</span></div>
                        </A>
                    </li>
                }
            }/>
        </section>
    }
}
