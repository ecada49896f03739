//! The staff app's root: context (language, session) and its route table. The portal has its own
//! root (`src/bin/portal/`) and bundle. Sign-in, the shell and the workbench are in the first
//! load; every other page comes in its area's chunk when first opened ([`crate::lazy`]).

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use waypost_frontend::components::layout::Shell;
use waypost_frontend::components::states::NotFound;
use waypost_frontend::components::update::UpdateBanner;
use waypost_frontend::i18n::I18n;
use waypost_frontend::pages;
use waypost_frontend::session::Session;

use waypost_frontend::lazy::page;

use crate::lazy;

#[component]
pub fn StaffApp() -> impl IntoView {
    let i18n = I18n::load();
    provide_context(i18n);
    let session = Session::start();
    provide_context(session);
    waypost_frontend::offline::Queue::start();
    waypost_frontend::follow_lang(i18n);
    // Signed in: the other chunks are fetched while the browser is idle.
    waypost_frontend::lazy::prefetch_after_sign_in(move || session.me.with(Option::is_some), lazy::ALL);
    view! {
        <UpdateBanner/>
        <Router>
            <Routes fallback=|| view! { <main class="content"><NotFound/></main> }>
                <Route path=path!("/login") view=pages::login::LoginPage/>
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("/") view=pages::home::HomePage/>
                    <Route path=path!("/customers") view=|| page(lazy::customers)/>
                    <Route path=path!("/customers/new") view=|| page(lazy::customer_form)/>
                    <Route path=path!("/customers/handover") view=|| page(lazy::handover)/>
                    <Route path=path!("/customers/import") view=|| page(lazy::customer_import)/>
                    <Route path=path!("/customers/quality") view=|| page(lazy::customer_quality)/>
                    <Route path=path!("/customers/:id/edit") view=|| page(lazy::customer_form)/>
                    <Route path=path!("/customers/:id") view=|| page(lazy::customer_detail)/>
                    <Route path=path!("/orgs") view=|| page(lazy::orgs)/>
                    <Route path=path!("/orgs/new") view=|| page(lazy::org_form)/>
                    <Route path=path!("/orgs/:id") view=|| page(lazy::org_form)/>
                    <Route path=path!("/staff") view=|| page(lazy::staff)/>
                    <Route path=path!("/staff/new") view=|| page(lazy::staff_form)/>
                    <Route path=path!("/staff/:id") view=|| page(lazy::staff_form)/>
                    <Route path=path!("/audit") view=|| page(lazy::audit)/>
                    <Route path=path!("/settings/fields") view=|| page(lazy::custom_fields)/>
                    <Route path=path!("/settings/api-keys") view=|| page(lazy::api_keys)/>
                    <Route path=path!("/settings/commitments") view=|| page(lazy::commitments)/>
                    <Route path=path!("/shipments") view=|| page(lazy::shipments)/>
                    <Route path=path!("/shipments/:id") view=|| page(lazy::shipment_detail)/>
                    <Route path=path!("/pickups") view=|| page(lazy::pickups)/>
                    <Route path=path!("/pickups/new") view=|| page(lazy::pickup_new)/>
                    <Route path=path!("/pickups/today") view=|| page(lazy::pickup_today)/>
                    <Route path=path!("/pickups/:id") view=|| page(lazy::pickup_detail)/>
                    <Route path=path!("/settings/outbox") view=|| page(lazy::outbox)/>
                    <Route path=path!("/settings/canned") view=|| page(lazy::canned)/>
                    <Route path=path!("/settings/sla") view=|| page(lazy::sla_settings)/>
                    <Route path=path!("/notices") view=|| page(lazy::notices)/>
                    <Route path=path!("/complaints") view=|| page(lazy::complaints)/>
                    <Route path=path!("/kb") view=|| page(lazy::kb)/>
                    <Route path=path!("/kb/new") view=|| page(lazy::kb_edit)/>
                    <Route path=path!("/kb/:id") view=|| page(lazy::kb_article)/>
                    <Route path=path!("/kb/:id/edit") view=|| page(lazy::kb_edit)/>
                    <Route path=path!("/lookup") view=|| page(lazy::lookup)/>
                    <Route path=path!("/requests") view=|| page(lazy::requests)/>
                    <Route path=path!("/requests/new") view=|| page(lazy::request_new)/>
                    <Route path=path!("/requests/:id") view=|| page(lazy::request_detail)/>
                    <Route path=path!("/account") view=|| page(lazy::account)/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
