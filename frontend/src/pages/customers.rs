//! `/customers`: the customer archive as cards, with search (two Chinese characters are enough)
//! and filters.

use crate::router::A;
use leptos::prelude::*;
use schema::customer::{CustomerSummary, LifecycleStatus, Tier};
use schema::staff::{CUSTOMER_ASSIGNERS, CUSTOMER_ROLES};

use crate::api;
use crate::components::layout::RequireRole;
use crate::components::paged::{Paged, PagedView};
use crate::i18n::{Customers, StaffUi, tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn CustomersPage() -> impl IntoView {
    view! { <RequireRole roles=CUSTOMER_ROLES><CustomerList/></RequireRole> }
}

#[component]
fn CustomerList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // `?status=` and `?tier=` open the list filtered (the pyramid's layers link here).
    let from_url =
        |key: &str| crate::router::use_query_map().with_untracked(|m| m.get(key)).unwrap_or_default();
    let q = RwSignal::new(String::new());
    let status = RwSignal::new(from_url("status"));
    let tier = RwSignal::new(from_url("tier"));
    let city = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let sort = RwSignal::new(String::new());
    // A custom select field and one of its options (`cf.<key>=<option>`).
    let cf_key = RwSignal::new(String::new());
    let cf_value = RwSignal::new(String::new());
    let defs = LocalResource::new(api::custom_fields);
    let select_defs = move || {
        defs.get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|d| d.active && !d.options.is_empty())
            .collect::<Vec<_>>()
    };
    let list = Paged::<CustomerSummary>::new();
    let selected = RwSignal::new(Vec::<i64>::new());
    let fetch = move |cursor: String| {
        let cf = format!("cf.{}", cf_key.get_untracked());
        let query = vec![
            ("q", q.get_untracked()),
            ("status", status.get_untracked()),
            ("tier", tier.get_untracked()),
            ("city", city.get_untracked()),
            ("tag", tag.get_untracked()),
            ("sort", sort.get_untracked()),
            (
                cf.as_str(),
                if cf_key.get_untracked().is_empty() { String::new() } else { cf_value.get_untracked() },
            ),
            ("cursor", cursor),
        ];
        let url = api::with_query("", &query);
        async move { api::customers_at(&url).await }
    };
    Effect::new(move |_| {
        q.track();
        status.track();
        tier.track();
        city.track();
        tag.track();
        sort.track();
        cf_value.track();
        list.load(true, fetch);
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{StaffUi::tr(|c| c.customers_title)}</h1>
                <div class="head-actions">
                    <Show when=move || session.allows(CUSTOMER_ASSIGNERS)>
                        <A href="/customers/handover" attr:class="btn" attr:data-testid="handover">{Customers::tr(|c| c.handover_title)}</A>
                    </Show>
                    <A href="/customers/quality" attr:class="btn" attr:data-testid="quality">{Customers::tr(|c| c.quality_title)}</A>
                    <A href="/customers/import" attr:class="btn" attr:data-testid="import">{Customers::tr(|c| c.import_title)}</A>
                    <a class="btn" data-testid="export" download="" rel="external"
                        href=move || api::with_query("/api/v1/customers/export.csv", &[("q", q.get()), ("status", status.get()), ("tier", tier.get()), ("city", city.get()), ("tag", tag.get())])>
                        {Customers::tr(|c| c.export_csv)}
                    </a>
                    <A href="/customers/new" attr:class="btn btn-primary" attr:data-testid="new-customer">{StaffUi::tr(|c| c.customer_new)}</A>
                </div>
            </div>
            <div class="filters" role="search">
                <input type="search" data-testid="customer-search" aria-label=tr(|c| c.search)
                    placeholder=Customers::tr(|c| c.customer_search_hint) bind:value=q/>
                <select aria-label=Customers::tr(|c| c.lifecycle) on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{tr(|c| c.filter_all)}</option>
                    {move || LifecycleStatus::ALL.iter().map(|s| view! { <option value=s.as_str() selected=status.get_untracked() == s.as_str()>{s.label(i18n.locale())}</option> }).collect_view()}
                </select>
                <select aria-label=StaffUi::tr(|c| c.tier) on:change=move |ev| tier.set(event_target_value(&ev))>
                    <option value="">{tr(|c| c.filter_all)}</option>
                    {move || Tier::ALL.iter().map(|t| view! { <option value=t.as_str() selected=tier.get_untracked() == t.as_str()>{t.label(i18n.locale())}</option> }).collect_view()}
                </select>
                <input type="search" data-testid="filter-city" aria-label=Customers::tr(|c| c.filter_city) placeholder=Customers::tr(|c| c.filter_city) bind:value=city/>
                <input type="search" data-testid="filter-tag" aria-label=Customers::tr(|c| c.filter_tag) placeholder=Customers::tr(|c| c.filter_tag) bind:value=tag/>
                <select aria-label=Customers::tr(|c| c.sort_label) data-testid="sort" on:change=move |ev| sort.set(event_target_value(&ev))>
                    <option value="">{Customers::tr(|c| c.sort_default)}</option>
                    <option value="updated">{Customers::tr(|c| c.sort_updated)}</option>
                    <option value="last_contact">{Customers::tr(|c| c.sort_last_contact)}</option>
                </select>
                <Show when=move || !select_defs().is_empty()>
                    <select aria-label=Customers::tr(|c| c.custom_filter) data-testid="cf-key" on:change=move |ev| { cf_key.set(event_target_value(&ev)); cf_value.set(String::new()); }>
                        <option value="">{Customers::tr(|c| c.custom_filter)}</option>
                        {move || select_defs().into_iter().map(|d| view! { <option value=d.key.clone()>{d.label(i18n.locale()).to_string()}</option> }).collect_view()}
                    </select>
                    <select aria-label=Customers::tr(|c| c.custom_filter) data-testid="cf-value" on:change=move |ev| cf_value.set(event_target_value(&ev))>
                        <option value="">{tr(|c| c.filter_all)}</option>
                        {move || select_defs().into_iter().find(|d| d.key == cf_key.get()).map(|d| d.options).unwrap_or_default()
                            .into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                    </select>
                </Show>
            </div>
            <super::customer_bulk::BulkBar selected=selected done=move |()| list.load(true, fetch)/>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="customer-list" render=move |c: CustomerSummary| {
                let l = i18n.locale();
                let id = c.id;
                view! {
                    <li class="card card-link card-select">
                        <input type="checkbox" class="select" aria-label=Customers::tr(|c| c.select_customer) data-testid="select"
                            prop:checked=move || selected.with(|s| s.contains(&id))
                            on:change=move |_| selected.update(|s| if let Some(i) = s.iter().position(|x| *x == id) { s.remove(i); } else { s.push(id); })/>
                        <A href=format!("/customers/{}", c.id)>
                            <div class="card-title">{c.name.clone()}</div>
                            <div class="card-meta">
                                <span class="tag">{c.tier.label(l)}</span>
                                <span>{c.status.label(l)}</span>
                                <span>{c.city.clone()}</span>
                                <span>{c.owner_name.clone().unwrap_or_default()}</span>
                                {c.blacklisted.then(|| view! { <span class="tag tag-warn">{Customers::get(i18n.locale()).blacklist_warning}</span> })}
                            </div>
                        </A>
                    </li>
                }
            }/>
        </section>
    }
}
