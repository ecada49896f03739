//! `/`: the workbench — who you are, where you sit, and the shortcuts your role can use.

use leptos::prelude::*;
use leptos_router::components::A;
use schema::staff::{ADMIN_ONLY, CUSTOMER_ROLES, PEOPLE_LEADS, Role};

use crate::i18n::{Catalog, tr, use_i18n};
use crate::session::use_session;

struct Shortcut {
    href: &'static str,
    label: fn(&Catalog) -> &'static str,
    roles: &'static [Role],
}

const SHORTCUTS: &[Shortcut] = &[
    Shortcut { href: "/customers", label: |t| t.customers_title, roles: CUSTOMER_ROLES },
    Shortcut { href: "/customers/new", label: |t| t.customer_new, roles: CUSTOMER_ROLES },
    Shortcut { href: "/orgs", label: |t| t.orgs_title, roles: &[] },
    Shortcut { href: "/orgs/new", label: |t| t.org_new, roles: ADMIN_ONLY },
    Shortcut { href: "/staff", label: |t| t.staff_title, roles: PEOPLE_LEADS },
    Shortcut { href: "/staff/new", label: |t| t.staff_new, roles: ADMIN_ONLY },
    Shortcut { href: "/audit", label: |t| t.audit_title, roles: ADMIN_ONLY },
    Shortcut { href: "/account", label: |t| t.change_password, roles: &[] },
];

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
                view! { <li><A href=x.href attr:class="shortcut">{move || label(i18n.t())}</A></li> }
            })
            .collect_view();
        Some(view! {
            <section class="page">
                <h1>{tr(|c| c.welcome)}", "{s.name.clone()}</h1>
                <dl class="card facts">
                    <dt>{tr(|c| c.your_role)}</dt><dd data-testid="my-role">{move || role.label(i18n.locale())}</dd>
                    <dt>{tr(|c| c.your_org)}</dt><dd data-testid="my-org">{s.org_name.clone()}</dd>
                </dl>
                <h2>{tr(|c| c.quick_links)}</h2>
                <ul class="shortcuts">{links}</ul>
            </section>
        })
    }
}
