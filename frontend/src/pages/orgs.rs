//! `/orgs`: organisations within the caller's reach, as cards; admins can add one.

use crate::router::A;
use leptos::prelude::*;
use schema::org::{Org, OrgKind};
use schema::staff::ADMIN_ONLY;

use crate::api;
use crate::components::paged::{Paged, PagedView};
use crate::i18n::{Admin, StaffUi, tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn OrgsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let q = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let list = Paged::<Org>::new();
    let fetch = move |cursor: String| {
        let query = vec![("q", q.get_untracked()), ("kind", kind.get_untracked()), ("cursor", cursor)];
        async move { api::orgs(&query).await }
    };
    // Reload whenever a filter changes (and once at start).
    Effect::new(move |_| {
        q.track();
        kind.track();
        list.load(true, fetch);
    });
    let kinds = move || {
        let l = i18n.locale();
        OrgKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{k.label(l)}</option> }).collect_view()
    };

    view! {
        <section class="page">
            <div class="page-head">
                <h1>{StaffUi::tr(|c| c.orgs_title)}</h1>
                <Show when=move || session.allows(ADMIN_ONLY)>
                    <A href="/orgs/new" attr:class="btn btn-primary" attr:data-testid="new-org">{StaffUi::tr(|c| c.org_new)}</A>
                </Show>
            </div>
            <div class="filters" role="search">
                <input type="search" aria-label=tr(|c| c.search) placeholder=Admin::tr(|c| c.org_search_hint) bind:value=q/>
                <select aria-label=Admin::tr(|c| c.org_kind) on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="">{tr(|c| c.filter_all)}</option>
                    {kinds}
                </select>
            </div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="org-list" render=move |o: Org| {
                let l = i18n.locale();
                view! {
                    <li class="card card-link">
                        <A href=format!("/orgs/{}", o.id)>
                            <div class="card-title">{o.name.clone()}<span class="muted">" · "{o.code.clone()}</span></div>
                            <div class="card-meta">
                                <span class="tag">{o.kind.label(l)}</span>
                                <span>{o.region.clone()}</span>
                                {(!o.active).then(|| view! { <span class="tag tag-off">{Admin::get(i18n.locale()).inactive}</span> })}
                            </div>
                        </A>
                    </li>
                }
            }/>
        </section>
    }
}
