//! The signed-in shell: a top bar, the role-aware navigation (a bottom bar on a phone, a side bar
//! on a desktop — the same markup, placed by CSS), and the page. Signed-out visitors are sent to
//! the sign-in page; a page a role may not use shows the forbidden state.

use crate::router::{A, Outlet, Redirect};
use leptos::prelude::*;
use schema::Locale;
use schema::staff::{ADMIN_ONLY, CUSTOMER_ROLES, DISPATCHERS, PEOPLE_LEADS, Role};

use crate::api;
use crate::components::nav::{NavBar, NavEntry};
use crate::components::states::{Loading, Offline};
use crate::i18n::{Common, StaffUi, tr, use_i18n};
use crate::session::use_session;

/// One navigation entry: path, label, icon, roles (empty = everyone).
struct NavItem {
    href: &'static str,
    label: fn(Locale) -> &'static str,
    icon: &'static str,
    roles: &'static [Role],
}

/// Who answers the hotline (caller lookup in the navigation).
const CS_DESK: &[Role] = &[Role::Admin, Role::CsAgent, Role::CsSupervisor, Role::CsManager];

const NAV: &[NavItem] = &[
    NavItem { href: "/", label: |l| StaffUi::get(l).nav_home, icon: "⌂", roles: &[] },
    NavItem {
        href: "/customers",
        label: |l| StaffUi::get(l).nav_customers,
        icon: "★",
        roles: CUSTOMER_ROLES,
    },
    NavItem { href: "/lookup", label: |l| StaffUi::get(l).lookup_title, icon: "☎", roles: CS_DESK },
    NavItem { href: "/requests", label: |l| Common::get(l).requests_title, icon: "✎", roles: &[] },
    NavItem { href: "/shipments", label: |l| StaffUi::get(l).shipments_title, icon: "✉", roles: &[] },
    NavItem { href: "/pickups", label: |l| StaffUi::get(l).pickups_title, icon: "⇪", roles: DISPATCHERS },
    NavItem {
        href: "/pickups/today",
        label: |l| StaffUi::get(l).pickups_today,
        icon: "⇪",
        roles: &[Role::Courier],
    },
    NavItem { href: "/orgs", label: |l| StaffUi::get(l).nav_orgs, icon: "▦", roles: &[] },
    NavItem { href: "/staff", label: |l| StaffUi::get(l).nav_staff, icon: "☺", roles: PEOPLE_LEADS },
    NavItem { href: "/audit", label: |l| StaffUi::get(l).nav_audit, icon: "☰", roles: ADMIN_ONLY },
    NavItem { href: "/account", label: |l| StaffUi::get(l).nav_account, icon: "⚙", roles: &[] },
];

/// The language switch (also on the sign-in page).
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="button" class="btn-link lang-switch" data-testid="lang-switch" on:click=move |_| i18n.toggle()>
            {tr(|c| c.switch_lang)}
        </button>
    }
}

#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let sign_out = move |_| {
        leptos::task::spawn_local(async move {
            let _ = api::logout().await;
            session.expire();
        });
    };
    move || {
        if !session.checked.get() {
            return view! { <Loading/> }.into_any();
        }
        if session.offline.get() && session.me.with(Option::is_none) {
            return view! { <Offline retry=move |_| session.refresh()/> }.into_any();
        }
        let Some(me) = session.me.get() else { return view! { <Redirect path="/login"/> }.into_any() };
        let role = me.staff.role;
        let items: Vec<NavEntry> = NAV
            .iter()
            .filter(|n| n.roles.is_empty() || n.roles.contains(&role))
            .map(|n| NavEntry { href: n.href, label: n.label, icon: n.icon })
            .collect();
        let name = me.staff.name.clone();
        // Unread notices (SLA warnings, escalations), fetched when the shell mounts.
        let unread = RwSignal::new(0i64);
        leptos::task::spawn_local(async move {
            if let Ok(u) = api::unread_notices().await {
                unread.set(u.n);
            }
        });
        view! {
            <div class="shell">
                <header class="topbar">
                    <a class="brand" href="/">{StaffUi::tr(|c| c.app_name)}</a>
                    <div class="topbar-actions">
                        <A href="/notices" attr:class="bell" attr:data-testid="bell" attr:aria-label=move || StaffUi::get(i18n.locale()).staff_notices_title>
                            "🔔"{move || (unread.get() > 0).then(|| view! { <span class="bell-count" data-testid="unread">{unread.get()}</span> })}
                        </A>
                        <span class="who" data-testid="who">{name}" · "{move || role.label(i18n.locale())}</span>
                        <LangSwitch/>
                        <button type="button" class="btn-link" data-testid="sign-out" on:click=sign_out>{tr(|c| c.sign_out)}</button>
                    </div>
                </header>
                <NavBar items=items label="main"/>
                <main class="content" id="main"><Outlet/></main>
            </div>
        }
        .into_any()
    }
}

/// Renders children only for the given roles, the forbidden state for anyone else.
#[component]
pub fn RequireRole(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    move || {
        if session.allows(roles) {
            children().into_any()
        } else {
            view! { <crate::components::states::Forbidden/> }.into_any()
        }
    }
}
