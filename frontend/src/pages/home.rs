//! `/`: the workbench — who you are, where you sit, the shortcuts your role can use (the at-risk
//! list among them) and your follow-ups. It is part of the first load: a card that reads the
//! at-risk list here cost 12.6 KB brotli (its types' decoding), so the list stays a page.

use crate::router::A;
use leptos::prelude::*;
use schema::Locale;
use schema::staff::{ADMIN_ONLY, CUSTOMER_ROLES, PEOPLE_LEADS, PICKUP_BOOKERS, REPORT_ROLES, Role};

use crate::components::states::ErrorState;
use crate::i18n::{Common, StaffUi, use_i18n};
use crate::session::use_session;

struct Shortcut {
    href: &'static str,
    label: fn(Locale) -> &'static str,
    roles: &'static [Role],
}

const SHORTCUTS: &[Shortcut] = &[
    Shortcut { href: "/customers", label: |l| StaffUi::get(l).customers_title, roles: CUSTOMER_ROLES },
    Shortcut { href: "/customers/new", label: |l| StaffUi::get(l).customer_new, roles: CUSTOMER_ROLES },
    Shortcut { href: "/orgs", label: |l| StaffUi::get(l).orgs_title, roles: &[] },
    Shortcut { href: "/orgs/new", label: |l| StaffUi::get(l).org_new, roles: ADMIN_ONLY },
    Shortcut { href: "/staff", label: |l| StaffUi::get(l).staff_title, roles: PEOPLE_LEADS },
    Shortcut { href: "/staff/new", label: |l| StaffUi::get(l).staff_new, roles: ADMIN_ONLY },
    Shortcut { href: "/audit", label: |l| StaffUi::get(l).audit_title, roles: ADMIN_ONLY },
    Shortcut { href: "/settings/fields", label: |l| StaffUi::get(l).fields_title, roles: ADMIN_ONLY },
    Shortcut { href: "/settings/api-keys", label: |l| StaffUi::get(l).keys_title, roles: ADMIN_ONLY },
    Shortcut { href: "/settings/commitments", label: |l| StaffUi::get(l).commit_title, roles: ADMIN_ONLY },
    Shortcut { href: "/settings/outbox", label: |l| StaffUi::get(l).outbox_title, roles: ADMIN_ONLY },
    Shortcut { href: "/settings/canned", label: |l| StaffUi::get(l).canned_title, roles: ADMIN_ONLY },
    Shortcut { href: "/settings/sla", label: |l| StaffUi::get(l).sla_settings, roles: ADMIN_ONLY },
    Shortcut { href: "/settings/value", label: |l| StaffUi::get(l).value_settings, roles: ADMIN_ONLY },
    Shortcut { href: "/reports/value", label: |l| StaffUi::get(l).pyramid_title, roles: REPORT_ROLES },
    Shortcut { href: "/customers/at-risk", label: |l| StaffUi::get(l).at_risk_title, roles: CUSTOMER_ROLES },
    Shortcut { href: "/notices", label: |l| StaffUi::get(l).staff_notices_title, roles: &[] },
    Shortcut { href: "/complaints", label: |l| StaffUi::get(l).complaints_title, roles: &[] },
    Shortcut { href: "/kb", label: |l| StaffUi::get(l).kb_title, roles: &[] },
    Shortcut { href: "/pickups/new", label: |l| Common::get(l).pickup_new, roles: PICKUP_BOOKERS },
    Shortcut { href: "/shipments", label: |l| StaffUi::get(l).shipments_title, roles: &[] },
    Shortcut { href: "/track", label: |l| StaffUi::get(l).track_title, roles: &[] },
    Shortcut { href: "/account", label: |l| StaffUi::get(l).change_password, roles: &[] },
];

/// The signed-in person's planned interactions, overdue first, each linking to its customer's
/// timeline.
#[component]
fn FollowUps() -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(crate::api::follow_ups);
    view! {
        <h2>{StaffUi::tr(|c| c.follow_ups)}</h2>
        <ul class="cards" data-testid="follow-ups">
            {move || list.get().map(|r| match r {
                Ok(v) if v.is_empty() => view! { <li class="state state-empty">{StaffUi::tr(|c| c.no_follow_ups)}</li> }.into_any(),
                Ok(v) => {
                    let now = String::from(js_sys::Date::new_0().to_iso_string());
                    v.into_iter().map(|i| {
                        let due = i.due_at.clone().unwrap_or_default();
                        let late = due < now;
                        view! {
                            <li class="card">
                                <A href=format!("/customers/{}?tab=timeline", i.customer_id)>{i.customer_name.clone()}</A>
                                <div class="card-meta">
                                    <span class=if late { "tag tag-warn" } else { "tag" }>{crate::components::paged::local_time(&due, i18n.locale())}</span>
                                    <span>{i.kind.label(i18n.locale())}</span><span>{i.summary.clone()}</span>
                                </div>
                            </li>
                        }
                    }).collect_view().into_any()
                }
                // Offline, a session that ended, a server refusal: each with its own words and retry.
                Err(e) => view! { <li><ErrorState error=e retry=move |_| list.refetch()/></li> }.into_any(),
            })}
        </ul>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || {
        let me = session.me.get()?;
        let s = me.staff;
        let role = s.role;
        let links = SHORTCUTS
            .iter()
            .filter(|x| x.roles.is_empty() || x.roles.contains(&role))
            .map(|x| {
                let label = x.label;
                // Public tracking is a page the Worker renders, outside this app: a full load.
                if x.href == "/track" {
                    return view! { <li><a href=x.href rel="external" class="shortcut">{move || label(i18n.locale())}</a></li> }.into_any();
                }
                view! { <li><A href=x.href attr:class="shortcut">{move || label(i18n.locale())}</A></li> }.into_any()
            })
            .collect_view();
        Some(view! {
            <section class="page">
                <h1>{StaffUi::tr(|c| c.welcome)}", "{s.name.clone()}</h1>
                <dl class="card facts">
                    <dt>{StaffUi::tr(|c| c.your_role)}</dt><dd data-testid="my-role">{move || role.label(i18n.locale())}</dd>
                    <dt>{StaffUi::tr(|c| c.your_org)}</dt><dd data-testid="my-org">{s.org_name.clone()}</dd>
                </dl>
                <h2>{StaffUi::tr(|c| c.quick_links)}</h2>
                <ul class="shortcuts">{links}</ul>
                {CUSTOMER_ROLES.contains(&role).then(|| view! { <FollowUps/> })}
            </section>
        })
    }
}
