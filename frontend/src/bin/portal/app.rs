//! The customer portal's root: its own session (the `wp_portal` cookie), language and route
//! table. Built as its own bundle (`src/bin/portal.rs`) and served by the Worker for `/portal/*`.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::states::NotFound;
use crate::i18n::I18n;
use crate::pages::portal::{self, PortalSession};

#[component]
pub fn PortalApp() -> impl IntoView {
    let i18n = I18n::load();
    provide_context(i18n);
    provide_context(PortalSession::new());
    crate::follow_lang(i18n);
    view! {
        <Router>
            <Routes fallback=|| view! { <main class="content"><NotFound/></main> }>
                <Route path=path!("/portal/login") view=portal::auth::PortalLoginPage/>
                <Route path=path!("/portal/register") view=portal::auth::PortalRegisterPage/>
                <Route path=path!("/portal/activate") view=portal::auth::PortalActivatePage/>
                <Route path=path!("/portal/reset") view=portal::auth::PortalResetPage/>
                <ParentRoute path=path!("/portal") view=portal::PortalShell>
                    <Route path=path!("") view=portal::shipments::PortalShipmentsPage/>
                    <Route path=path!("/shipments/:id") view=portal::shipments::PortalShipmentPage/>
                    <Route path=path!("/pickups") view=portal::pickups::PortalPickupsPage/>
                    <Route path=path!("/pickups/new") view=portal::pickups::PortalBookPage/>
                    <Route path=path!("/pickups/:id") view=portal::pickups::PortalPickupPage/>
                    <Route path=path!("/requests") view=portal::requests::PortalRequestsPage/>
                    <Route path=path!("/requests/new") view=portal::requests::PortalRequestNewPage/>
                    <Route path=path!("/requests/:id") view=portal::requests::PortalRequestPage/>
                    <Route path=path!("/addresses") view=portal::addresses::PortalAddressesPage/>
                    <Route path=path!("/notices") view=portal::notices::PortalNoticesPage/>
                    <Route path=path!("/account") view=portal::notices::PortalAccountPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
