//! The root: context (language, session) and the route table of the app.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Shell;
use crate::components::states::NotFound;
use crate::i18n::I18n;
use crate::pages;
use crate::session::Session;

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::load();
    provide_context(i18n);
    provide_context(Session::start());
    provide_context(pages::portal::PortalSession::new());
    Effect::new(move |_| {
        let tag = i18n.locale().tag();
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = el.set_attribute("lang", tag);
        }
    });
    view! {
        <Router>
            <Routes fallback=|| view! { <main class="content"><NotFound/></main> }>
                <Route path=path!("/login") view=pages::login::LoginPage/>
                <Route path=path!("/track") view=pages::track::TrackPage/>
                <Route path=path!("/track/:waybill") view=pages::track::TrackPage/>
                <Route path=path!("/survey/:token") view=pages::survey::SurveyPage/>
                <Route path=path!("/portal/login") view=pages::portal::auth::PortalLoginPage/>
                <Route path=path!("/portal/register") view=pages::portal::auth::PortalRegisterPage/>
                <Route path=path!("/portal/activate") view=pages::portal::auth::PortalActivatePage/>
                <Route path=path!("/portal/reset") view=pages::portal::auth::PortalResetPage/>
                <ParentRoute path=path!("/portal") view=pages::portal::PortalShell>
                    <Route path=path!("") view=pages::portal::shipments::PortalShipmentsPage/>
                    <Route path=path!("/shipments/:id") view=pages::portal::shipments::PortalShipmentPage/>
                    <Route path=path!("/pickups") view=pages::portal::pickups::PortalPickupsPage/>
                    <Route path=path!("/pickups/new") view=pages::portal::pickups::PortalBookPage/>
                    <Route path=path!("/pickups/:id") view=pages::portal::pickups::PortalPickupPage/>
                    <Route path=path!("/requests") view=pages::portal::requests::PortalRequestsPage/>
                    <Route path=path!("/requests/new") view=pages::portal::requests::PortalRequestNewPage/>
                    <Route path=path!("/requests/:id") view=pages::portal::requests::PortalRequestPage/>
                    <Route path=path!("/addresses") view=pages::portal::addresses::PortalAddressesPage/>
                    <Route path=path!("/notices") view=pages::portal::notices::PortalNoticesPage/>
                    <Route path=path!("/account") view=pages::portal::notices::PortalAccountPage/>
                </ParentRoute>
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("/") view=pages::home::HomePage/>
                    <Route path=path!("/customers") view=pages::customers::CustomersPage/>
                    <Route path=path!("/customers/new") view=pages::customer_form::CustomerFormPage/>
                    <Route path=path!("/customers/handover") view=pages::handover::HandoverPage/>
                    <Route path=path!("/customers/import") view=pages::customer_import::CustomerImportPage/>
                    <Route path=path!("/customers/quality") view=pages::customer_quality::CustomerQualityPage/>
                    <Route path=path!("/customers/:id/edit") view=pages::customer_form::CustomerFormPage/>
                    <Route path=path!("/customers/:id") view=pages::customer_detail::CustomerDetailPage/>
                    <Route path=path!("/orgs") view=pages::orgs::OrgsPage/>
                    <Route path=path!("/orgs/new") view=pages::org_form::OrgFormPage/>
                    <Route path=path!("/orgs/:id") view=pages::org_form::OrgFormPage/>
                    <Route path=path!("/staff") view=pages::staff::StaffPage/>
                    <Route path=path!("/staff/new") view=pages::staff_form::StaffFormPage/>
                    <Route path=path!("/staff/:id") view=pages::staff_form::StaffFormPage/>
                    <Route path=path!("/audit") view=pages::audit::AuditPage/>
                    <Route path=path!("/settings/fields") view=pages::custom_fields::CustomFieldsPage/>
                    <Route path=path!("/settings/api-keys") view=pages::api_keys::ApiKeysPage/>
                    <Route path=path!("/settings/commitments") view=pages::commitments::CommitmentsPage/>
                    <Route path=path!("/shipments") view=pages::shipments::ShipmentsPage/>
                    <Route path=path!("/shipments/:id") view=pages::shipments::ShipmentDetailPage/>
                    <Route path=path!("/pickups") view=pages::pickups::PickupsPage/>
                    <Route path=path!("/pickups/new") view=pages::pickups::PickupNewPage/>
                    <Route path=path!("/pickups/today") view=pages::pickup_today::PickupTodayPage/>
                    <Route path=path!("/pickups/:id") view=pages::pickups::PickupDetailPage/>
                    <Route path=path!("/settings/outbox") view=pages::outbox::OutboxPage/>
                    <Route path=path!("/settings/canned") view=pages::canned::CannedPage/>
                    <Route path=path!("/settings/sla") view=pages::sla_settings::SlaSettingsPage/>
                    <Route path=path!("/notices") view=pages::notices::NoticesPage/>
                    <Route path=path!("/complaints") view=pages::complaints::ComplaintsPage/>
                    <Route path=path!("/kb") view=pages::kb::KbPage/>
                    <Route path=path!("/kb/new") view=pages::kb::KbEditPage/>
                    <Route path=path!("/kb/:id") view=pages::kb::KbArticlePage/>
                    <Route path=path!("/kb/:id/edit") view=pages::kb::KbEditPage/>
                    <Route path=path!("/lookup") view=pages::lookup::LookupPage/>
                    <Route path=path!("/requests") view=pages::requests::RequestsPage/>
                    <Route path=path!("/requests/new") view=pages::requests::RequestNewPage/>
                    <Route path=path!("/requests/:id") view=pages::requests::RequestDetailPage/>
                    <Route path=path!("/account") view=pages::account::AccountPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
