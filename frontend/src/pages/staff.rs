//! `/staff`: staff within the caller's reach (admins, supervisors, managers).

use crate::router::A;
use leptos::prelude::*;
use schema::staff::{ADMIN_ONLY, PEOPLE_LEADS, Role, Staff};

use crate::api;
use crate::components::layout::RequireRole;
use crate::components::paged::{Paged, PagedView};
use crate::i18n::{Admin, StaffUi, tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn StaffPage() -> impl IntoView {
    view! { <RequireRole roles=PEOPLE_LEADS><StaffList/></RequireRole> }
}

#[component]
fn StaffList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let q = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let list = Paged::<Staff>::new();
    let fetch = move |cursor: String| {
        let query = vec![("q", q.get_untracked()), ("role", role.get_untracked()), ("cursor", cursor)];
        async move { api::staff_list(&query).await }
    };
    Effect::new(move |_| {
        q.track();
        role.track();
        list.load(true, fetch);
    });
    let roles = move || {
        let l = i18n.locale();
        Role::ALL.iter().map(|r| view! { <option value=r.as_str()>{r.label(l)}</option> }).collect_view()
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{StaffUi::tr(|c| c.staff_title)}</h1>
                <Show when=move || session.allows(ADMIN_ONLY)>
                    <A href="/staff/new" attr:class="btn btn-primary" attr:data-testid="new-staff">{StaffUi::tr(|c| c.staff_new)}</A>
                </Show>
            </div>
            <div class="filters" role="search">
                <input type="search" aria-label=tr(|c| c.search) placeholder=Admin::tr(|c| c.staff_search_hint) bind:value=q/>
                <select aria-label=Admin::tr(|c| c.staff_role) on:change=move |ev| role.set(event_target_value(&ev))>
                    <option value="">{tr(|c| c.filter_all)}</option>
                    {roles}
                </select>
            </div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="staff-list" render=move |s: Staff| {
                let l = i18n.locale();
                view! {
                    <li class="card card-link">
                        <A href=format!("/staff/{}", s.id)>
                            <div class="card-title">{s.name.clone()}<span class="muted">" · "{s.role.label(l)}</span></div>
                            <div class="card-meta">
                                <span>{s.org_name.clone()}</span>
                                <span>{s.phone.clone().or(s.email.clone()).unwrap_or_default()}</span>
                                {(!s.active).then(|| view! { <span class="tag tag-off">{Admin::get(i18n.locale()).inactive}</span> })}
                            </div>
                        </A>
                    </li>
                }
            }/>
        </section>
    }
}
