//! The staff app's root: context (language, session) and its route table. The portal has its own
//! root ([`crate::portal_app`]) and bundle.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Shell;
use crate::components::states::NotFound;
use crate::i18n::I18n;
use crate::pages;
use crate::session::Session;

#[component]
pub fn StaffApp() -> impl IntoView {
    let i18n = I18n::load();
    provide_context(i18n);
    provide_context(Session::start());
    crate::follow_lang(i18n);
    view! {
        <Router>
            <Routes fallback=|| view! { <main class="content"><NotFound/></main> }>
                <Route path=path!("/login") view=pages::login::LoginPage/>
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
