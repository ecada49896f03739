//! The customer portal's root: its own session (the `wp_portal` cookie), language and route
//! table. Built as its own bundle and served for `/portal/*`: the sign-in page, the shell and the
//! shipment list are the first load; the other pages arrive as chunks ([`crate::lazy`]).

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use waypost_frontend::components::states::NotFound;
use waypost_frontend::i18n::I18n;
use waypost_frontend::lazy::page;
use waypost_frontend::pages::portal::{self, PortalSession};

use crate::lazy;

#[component]
pub fn PortalApp() -> impl IntoView {
    let i18n = I18n::load();
    provide_context(i18n);
    let session = PortalSession::new();
    provide_context(session);
    waypost_frontend::follow_lang(i18n);
    // Signed in: the other chunks are fetched while the browser is idle.
    waypost_frontend::lazy::prefetch_after_sign_in(move || session.me.with(Option::is_some), lazy::ALL);
    view! {
        <Router>
            <Routes fallback=|| view! { <main class="content"><NotFound/></main> }>
                <Route path=path!("/portal/login") view=portal::auth::PortalLoginPage/>
                <Route path=path!("/portal/register") view=|| page(lazy::register)/>
                <Route path=path!("/portal/activate") view=|| page(lazy::activate)/>
                <Route path=path!("/portal/reset") view=|| page(lazy::reset)/>
                <ParentRoute path=path!("/portal") view=portal::PortalShell>
                    <Route path=path!("") view=portal::shipments::PortalShipmentsPage/>
                    <Route path=path!("/shipments/:id") view=|| page(lazy::shipment)/>
                    <Route path=path!("/pickups") view=|| page(lazy::pickups)/>
                    <Route path=path!("/pickups/new") view=|| page(lazy::book)/>
                    <Route path=path!("/pickups/:id") view=|| page(lazy::pickup)/>
                    <Route path=path!("/requests") view=|| page(lazy::requests)/>
                    <Route path=path!("/requests/new") view=|| page(lazy::request_new)/>
                    <Route path=path!("/requests/:id") view=|| page(lazy::request)/>
                    <Route path=path!("/addresses") view=|| page(lazy::addresses)/>
                    <Route path=path!("/notices") view=|| page(lazy::notices)/>
                    <Route path=path!("/account") view=|| page(lazy::account)/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
