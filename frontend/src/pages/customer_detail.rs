//! `/customers/:id`: one customer — warnings (blacklist, arrears, duplicates) above tabs for the
//! profile, its value, contacts, locations and timeline. The tab is in the URL (`?tab=timeline`), so a link
//! or the back button lands on the same view.

use crate::router::A;
use crate::router::{use_params_map, use_query_map};
use leptos::prelude::*;
use schema::customer::{CustomerDetail, MergeRequest};
use schema::staff::{CUSTOMER_ASSIGNERS, CUSTOMER_ROLES};

use super::customer_tabs::{ContactsTab, LocationsTab, PortalTab, TimelineTab, ValueTab};
use crate::api::{self, ApiError};
use crate::components::layout::RequireRole;
use crate::components::paged::local_time;
use crate::components::states::{ErrorState, Loading};
use crate::i18n::{Common, Customers, StaffUi, Text, use_i18n};
use crate::session::use_session;

#[component]
pub fn CustomerDetailPage() -> impl IntoView {
    view! { <RequireRole roles=CUSTOMER_ROLES><CustomerDetailView/></RequireRole> }
}

/// Fen as the archive shows money: `¥1234.56`.
pub(crate) fn money(fen: i64) -> String {
    format!("¥{}", schema::customer::fen_to_yuan(fen))
}

/// Picks a label from the catalogue.
type Label = Text;

/// The tabs: (query value, label).
const TABS: [(&str, Label); 6] = [
    ("profile", |l| Customers::get(l).profile),
    ("value", |l| Customers::get(l).tab_value),
    ("contacts", |l| StaffUi::get(l).contacts),
    ("locations", |l| Customers::get(l).tab_locations),
    ("timeline", |l| Common::get(l).tab_timeline),
    ("portal", |l| Customers::get(l).tab_portal),
];

#[component]
fn CustomerDetailView() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let tab = move || query.with(|q| q.get("tab")).unwrap_or_else(|| "profile".into());
    let state = RwSignal::new(None::<Result<CustomerDetail, ApiError>>);
    let load = move || {
        leptos::task::spawn_local(async move { state.set(Some(api::customer(id()).await)) });
    };
    Effect::new(move |_| {
        params.track();
        load();
    });
    let reload = Callback::new(move |()| load());
    let session = use_session();
    // Merges a duplicate into this customer, after the user confirms; both versions as just read.
    let merge = move |other: i64| {
        let ok = web_sys::window()
            .and_then(|w| w.confirm_with_message(Customers::get(i18n.locale()).merge_confirm).ok())
            .unwrap_or(false);
        let Some(Some(Ok(here))) = state.try_get_untracked() else { return };
        if !ok {
            return;
        }
        leptos::task::spawn_local(async move {
            let result = match api::customer(other).await {
                Ok(from) => {
                    let body = MergeRequest {
                        from_id: other,
                        version: here.customer.version,
                        from_version: from.customer.version,
                    };
                    api::merge_customer(here.customer.id, &body).await
                }
                Err(e) => Err(e),
            };
            state.set(Some(result));
        });
    };

    move || match state.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
        Some(Ok(d)) => {
            let c = d.customer.clone();
            let cat = i18n.t();
            let l = i18n.locale();
            let over = c.credit_limit > 0 && c.arrears > c.credit_limit;
            let duplicates = d.duplicates.clone();
            let cid = c.id;
            let current = tab();
            let body = match current.as_str() {
                "contacts" => {
                    view! { <ContactsTab id=cid detail=d.clone() state=state reload=reload/> }.into_any()
                }
                "locations" => view! { <LocationsTab id=cid detail=d.clone() state=state/> }.into_any(),
                "timeline" => view! { <TimelineTab id=cid contacts=d.contacts.clone()/> }.into_any(),
                "portal" => view! { <PortalTab id=cid/> }.into_any(),
                "value" => view! { <ValueTab id=cid/> }.into_any(),
                _ => view! { {profile(&d, cat, l)}<CustomProfile values=d.customer.custom.clone()/> }
                    .into_any(),
            };
            view! {
                <section class="page" data-testid="customer-detail">
                    <div class="page-head">
                        <h1>{c.name.clone()}</h1>
                        <A href=format!("/customers/{}/edit", c.id) attr:class="btn" attr:data-testid="edit-customer">{cat.edit}</A>
                    </div>
                    {c.blacklisted.then(|| view! { <div class="banner banner-error" role="alert">{Customers::get(i18n.locale()).blacklist_warning}": "{c.blacklist_reason.clone()}</div> })}
                    {(c.arrears > 0).then(|| view! {
                        <div class="banner banner-warn" role="status">{Customers::get(i18n.locale()).arrears_warning}" "{money(c.arrears)}{over.then(|| format!(" · {}", Customers::get(i18n.locale()).over_credit))}</div>
                    })}
                    {(!duplicates.is_empty()).then(|| view! {
                        <div class="banner banner-warn" role="status" data-testid="duplicates"><strong>{Customers::get(i18n.locale()).possible_duplicates}</strong>
                            <ul>{duplicates.into_iter().map(|x| {
                                let other = x.id;
                                view! {
                                    <li><A href=format!("/customers/{}", x.id)>{x.name}</A>
                                        {session.allows(CUSTOMER_ASSIGNERS).then(|| view! {
                                            " "<button class="btn-link" data-testid="merge" on:click=move |_| merge(other)>{Customers::get(i18n.locale()).merge_here}</button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}</ul>
                        </div>
                    })}
                    <nav class="tabs" role="tablist">
                        {TABS.iter().map(|(key, label)| {
                            let selected = current == *key;
                            view! {
                                <A href=format!("/customers/{cid}?tab={key}") attr:role="tab" attr:aria-selected=selected.to_string()
                                   attr:class=if selected { "tab tab-on" } else { "tab" } attr:data-testid=format!("tab-{key}")>{label(i18n.locale())}</A>
                            }
                        }).collect_view()}
                    </nav>
                    {body}
                </section>
            }
            .into_any()
        }
    }
}

/// The profile tab: label → value rows, rendered by one loop.
fn profile(d: &CustomerDetail, cat: &'static Common, l: schema::Locale) -> impl IntoView {
    let (cu, staff) = (Customers::get(l), StaffUi::get(l));
    let c = &d.customer;
    let facts: Vec<(&'static str, String)> = vec![
        (cu.customer_kind, c.kind.label(l).into()),
        (cu.lifecycle, c.status.label(l).into()),
        (staff.tier, c.tier.label(l).into()),
        (cat.phone, c.phone.clone()),
        (staff.email, c.email.clone()),
        (staff.org_address, format!("{}{}{} {}", c.province, c.city, c.district, c.address)),
        (
            if c.id_no.is_some() { cu.id_no } else { cu.licence_no },
            c.licence_no.clone().or(c.id_no.clone()).unwrap_or_default(),
        ),
        (cu.owner, c.owner_name.clone().unwrap_or_default()),
        (cu.tags, c.tags.join("、")),
        (cu.credit_limit, money(c.credit_limit)),
        (cu.last_contact, c.last_contact_at.as_deref().map(|t| local_time(t, l)).unwrap_or_default()),
        (cat.notes, c.notes.clone()),
    ];
    view! {
        <dl class="card facts" data-testid="profile">
            {facts.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
        </dl>
    }
}

/// The custom fields of the profile: one row per definition with a value.
#[component]
fn CustomProfile(values: schema::custom::CustomValues) -> impl IntoView {
    let i18n = use_i18n();
    let defs = LocalResource::new(api::custom_fields);
    move || {
        let l = i18n.locale();
        let rows: Vec<(String, String)> = defs
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|d| values.get(&d.key).map(|v| (d.label(l).to_string(), schema::custom::display(v))))
            .collect();
        (!rows.is_empty()).then(|| {
            view! {
                <dl class="card facts" data-testid="custom-profile">
                    {rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            }
        })
    }
}
