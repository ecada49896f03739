//! The customer portal (`/portal/...`): its own session (the `wp_portal` cookie), its own shell
//! and navigation, mobile-first. Staff pages and portal pages never share a session.

pub mod addresses;
pub mod auth;
pub mod notices;
pub mod pickups;
pub mod requests;
pub mod shipments;

use crate::router::{Outlet, Redirect};
use leptos::prelude::*;
use schema::Locale;
use schema::portal::PortalMe;

use crate::api::{self, ApiError};
use crate::components::layout::LangSwitch;
use crate::components::nav::{NavBar, NavEntry};
use crate::components::states::{Loading, Offline};
use crate::i18n::{Common, Portal};

/// Who is signed in to the portal; checked when a portal page first needs it.
#[derive(Clone, Copy)]
pub struct PortalSession {
    pub me: RwSignal<Option<PortalMe>>,
    pub checked: RwSignal<bool>,
    pub offline: RwSignal<bool>,
}

impl Default for PortalSession {
    fn default() -> Self {
        Self::new()
    }
}

impl PortalSession {
    pub fn new() -> Self {
        PortalSession {
            me: RwSignal::new(None),
            checked: RwSignal::new(false),
            offline: RwSignal::new(false),
        }
    }

    /// Re-asks the server.
    pub fn refresh(self) {
        leptos::task::spawn_local(async move {
            match api::portal_me().await {
                Ok(me) => {
                    self.me.set(Some(me));
                    self.offline.set(false);
                }
                Err(ApiError::Offline) => self.offline.set(true),
                Err(_) => self.me.set(None),
            }
            self.checked.set(true);
        });
    }

    /// A fresh sign-in (or sign-up) answer.
    pub fn signed_in(self, me: PortalMe) {
        self.me.set(Some(me));
        self.checked.set(true);
        self.offline.set(false);
    }
}

pub fn use_portal() -> PortalSession {
    expect_context::<PortalSession>()
}

/// A catalogue label.
type Label = fn(Locale) -> &'static str;

/// The portal's navigation: (path, label, icon).
const NAV: &[(&str, Label, &str)] = &[
    ("/portal", |l| Portal::get(l).portal_nav_shipments, "✉"),
    ("/portal/pickups", |l| Portal::get(l).portal_nav_pickups, "⇪"),
    ("/portal/requests", |l| Common::get(l).requests_title, "✎"),
    ("/portal/addresses", |l| Portal::get(l).portal_nav_addresses, "☷"),
    ("/portal/notices", |l| Portal::get(l).portal_nav_notices, "♪"),
    ("/portal/account", |l| Portal::get(l).portal_nav_account, "⚙"),
];

/// The signed-in portal frame; visitors go to the portal's sign-in page.
#[component]
pub fn PortalShell() -> impl IntoView {
    let portal = use_portal();
    if !portal.checked.get_untracked() {
        portal.refresh();
    }
    move || {
        if !portal.checked.get() {
            return view! { <Loading/> }.into_any();
        }
        if portal.offline.get() && portal.me.with(Option::is_none) {
            return view! { <Offline retry=move |_| portal.refresh()/> }.into_any();
        }
        let Some(me) = portal.me.get() else { return view! { <Redirect path="/portal/login"/> }.into_any() };
        let items: Vec<NavEntry> =
            NAV.iter().map(|(href, label, icon)| NavEntry { href, label: *label, icon }).collect();
        view! {
            <div class="shell portal">
                <header class="topbar">
                    <a class="brand" href="/portal">{Portal::tr(|c| c.portal_title)}</a>
                    <div class="topbar-actions">
                        <span class="who" data-testid="portal-who">{me.user.name.clone()}" · "{me.user.customer_name.clone()}</span>
                        <LangSwitch/>
                    </div>
                </header>
                <NavBar items=items label="portal"/>
                <main class="content" id="main"><Outlet/></main>
            </div>
        }
        .into_any()
    }
}
