//! `/customers/quality`: the data-quality lists — customers missing key fields, suspected
//! duplicates, and customers nobody has contacted for N days — each card linking to the record.

use crate::router::A;
use leptos::prelude::*;
use schema::quality::QualityItem;
use schema::staff::CUSTOMER_ROLES;

use crate::api;
use crate::components::layout::RequireRole;
use crate::components::paged::{Paged, PagedView, local_time};
use crate::i18n::{Customers, Text, tr_text, use_i18n};

#[component]
pub fn CustomerQualityPage() -> impl IntoView {
    view! { <RequireRole roles=CUSTOMER_ROLES><QualityView/></RequireRole> }
}

#[component]
fn QualityView() -> impl IntoView {
    let i18n = use_i18n();
    let check = RwSignal::new("missing".to_string());
    let days = RwSignal::new("30".to_string());
    let list = Paged::<QualityItem>::new();
    let fetch = move |cursor: String| {
        let query =
            vec![("check", check.get_untracked()), ("days", days.get_untracked()), ("cursor", cursor)];
        async move { api::quality(&query).await }
    };
    Effect::new(move |_| {
        check.track();
        days.track();
        list.load(true, fetch);
    });
    let tab = move |key: &'static str, label: Text| {
        view! {
            <button class=move || if check.get() == key { "tab tab-on" } else { "tab" } role="tab"
                attr:aria-selected=move || (check.get() == key).to_string() data-testid=format!("quality-{key}")
                on:click=move |_| check.set(key.to_string())>{tr_text(label)}</button>
        }
    };
    view! {
        <section class="page">
            <h1>{Customers::tr(|c| c.quality_title)}</h1>
            <nav class="tabs" role="tablist">
                {tab("missing", |l| Customers::get(l).quality_missing)}
                {tab("duplicates", |l| Customers::get(l).quality_duplicates)}
                {tab("stale", |l| Customers::get(l).quality_stale)}
            </nav>
            <Show when=move || check.get() == "stale">
                <div class="filters">
                    <label for="f-days">{Customers::tr(|c| c.quality_days)}</label>
                    <select id="f-days" on:change=move |ev| days.set(event_target_value(&ev)) prop:value=move || days.get()>
                        {[30, 60, 90, 180, 365].iter().map(|d| view! { <option value=d.to_string()>{*d}</option> }).collect_view()}
                    </select>
                </div>
            </Show>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="quality-list" render=move |q: QualityItem| {
                let l = i18n.locale();
                let c = q.customer;
                let last = q.last_contact_at.as_deref().map(|t| local_time(t, l)).unwrap_or_else(|| Customers::get(i18n.locale()).never_contacted.into());
                view! {
                    <li class="card card-link">
                        <A href=format!("/customers/{}", c.id)>
                            <div class="card-title">{c.name.clone()}</div>
                            <div class="card-meta">
                                {q.missing.iter().map(|m| view! { <span class="tag tag-warn">{m.label(l)}</span> }).collect_view()}
                                <span>{c.owner_name.clone().unwrap_or_default()}</span>
                                <span>{Customers::get(i18n.locale()).last_contact}": "{last}</span>
                            </div>
                        </A>
                    </li>
                }
            }/>
        </section>
    }
}
