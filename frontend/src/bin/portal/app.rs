//! The customer portal's root: its own session (the `wp_portal` cookie), language and route
//! table. Built as its own bundle and served for `/portal/*`: the sign-in page, the shell and the
//! shipment list are the first load; the other pages arrive as chunks ([`crate::lazy`]).

use leptos::prelude::*;

use waypost_frontend::components::states::NotFound;
use waypost_frontend::i18n::I18n;
use waypost_frontend::lazy::page;
use waypost_frontend::pages::portal::{self, PortalSession};
use waypost_frontend::router::{Route, Router, under};

use crate::lazy;

/// The portal's pages, matched in order (a literal segment before a `:param` in its place).
static ROUTES: &[Route] = &[
    Route { path: "/portal/login", view: || portal::auth::PortalLoginPage().into_any(), in_shell: false },
    Route { path: "/portal/register", view: || page(lazy::register), in_shell: false },
    Route { path: "/portal/activate", view: || page(lazy::activate), in_shell: false },
    Route { path: "/portal/reset", view: || page(lazy::reset), in_shell: false },
    Route { path: "/portal", view: || portal::shipments::PortalShipmentsPage().into_any(), in_shell: true },
    Route { path: "/portal/shipments/:id", view: || page(lazy::shipment), in_shell: true },
    Route { path: "/portal/pickups", view: || page(lazy::pickups), in_shell: true },
    Route { path: "/portal/pickups/new", view: || page(lazy::book), in_shell: true },
    Route { path: "/portal/pickups/:id", view: || page(lazy::pickup), in_shell: true },
    Route { path: "/portal/requests", view: || page(lazy::requests), in_shell: true },
    Route { path: "/portal/requests/new", view: || page(lazy::request_new), in_shell: true },
    Route { path: "/portal/requests/:id", view: || page(lazy::request), in_shell: true },
    Route { path: "/portal/addresses", view: || page(lazy::addresses), in_shell: true },
    Route { path: "/portal/notices", view: || page(lazy::notices), in_shell: true },
    Route { path: "/portal/account", view: || page(lazy::account), in_shell: true },
];

/// The portal is everything under `/portal`; other links (the staff app, tracking) load anew.
fn owns(path: &str) -> bool {
    under(path, "/portal")
}

#[component]
pub fn PortalApp() -> impl IntoView {
    let i18n = I18n::load();
    provide_context(i18n);
    let session = PortalSession::new();
    provide_context(session);
    waypost_frontend::follow_lang(i18n);
    // Signed in: the other chunks' files are fetched while the browser is idle.
    waypost_frontend::lazy::prefetch_after_sign_in(move || session.me.with(Option::is_some));
    view! {
        <Router routes=ROUTES owns=owns shell=|| portal::PortalShell().into_any()
            fallback=|| view! { <main class="content"><NotFound/></main> }.into_any()/>
    }
}
