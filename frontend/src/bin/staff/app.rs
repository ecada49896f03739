//! The staff app's root: context (language, session) and its route table. The portal has its own
//! root (`src/bin/portal/`) and bundle. Sign-in, the shell and the workbench are in the first
//! load; every other page comes in its area's chunk when first opened ([`crate::lazy`]).

use leptos::prelude::*;

use waypost_frontend::components::layout::Shell;
use waypost_frontend::components::states::NotFound;
use waypost_frontend::components::update::UpdateBanner;
use waypost_frontend::i18n::I18n;
use waypost_frontend::pages;
use waypost_frontend::router::{Route, Router, under};
use waypost_frontend::session::Session;

use waypost_frontend::lazy::page;

use crate::lazy;

/// The staff app's pages, matched in order (a literal segment before a `:param` in its place).
static ROUTES: &[Route] = &[
    Route { path: "/login", view: || pages::login::LoginPage().into_any(), in_shell: false },
    Route { path: "/", view: || pages::home::HomePage().into_any(), in_shell: true },
    Route { path: "/customers", view: || page(lazy::customers), in_shell: true },
    Route { path: "/customers/new", view: || page(lazy::customer_form), in_shell: true },
    Route { path: "/customers/handover", view: || page(lazy::handover), in_shell: true },
    Route { path: "/customers/import", view: || page(lazy::customer_import), in_shell: true },
    Route { path: "/customers/quality", view: || page(lazy::customer_quality), in_shell: true },
    Route { path: "/customers/at-risk", view: || page(lazy::at_risk), in_shell: true },
    Route { path: "/customers/:id/edit", view: || page(lazy::customer_form), in_shell: true },
    Route { path: "/customers/:id", view: || page(lazy::customer_detail), in_shell: true },
    Route { path: "/orgs", view: || page(lazy::orgs), in_shell: true },
    Route { path: "/orgs/new", view: || page(lazy::org_form), in_shell: true },
    Route { path: "/orgs/:id", view: || page(lazy::org_form), in_shell: true },
    Route { path: "/staff", view: || page(lazy::staff), in_shell: true },
    Route { path: "/staff/new", view: || page(lazy::staff_form), in_shell: true },
    Route { path: "/staff/:id", view: || page(lazy::staff_form), in_shell: true },
    Route { path: "/audit", view: || page(lazy::audit), in_shell: true },
    Route { path: "/settings/fields", view: || page(lazy::custom_fields), in_shell: true },
    Route { path: "/settings/api-keys", view: || page(lazy::api_keys), in_shell: true },
    Route { path: "/settings/commitments", view: || page(lazy::commitments), in_shell: true },
    Route { path: "/shipments", view: || page(lazy::shipments), in_shell: true },
    Route { path: "/shipments/:id", view: || page(lazy::shipment_detail), in_shell: true },
    Route { path: "/pickups", view: || page(lazy::pickups), in_shell: true },
    Route { path: "/pickups/new", view: || page(lazy::pickup_new), in_shell: true },
    Route { path: "/pickups/today", view: || page(lazy::pickup_today), in_shell: true },
    Route { path: "/pickups/:id", view: || page(lazy::pickup_detail), in_shell: true },
    Route { path: "/settings/outbox", view: || page(lazy::outbox), in_shell: true },
    Route { path: "/settings/canned", view: || page(lazy::canned), in_shell: true },
    Route { path: "/settings/sla", view: || page(lazy::sla_settings), in_shell: true },
    Route { path: "/settings/value", view: || page(lazy::value_rules), in_shell: true },
    Route { path: "/reports/value", view: || page(lazy::value_report), in_shell: true },
    Route { path: "/notices", view: || page(lazy::notices), in_shell: true },
    Route { path: "/complaints", view: || page(lazy::complaints), in_shell: true },
    Route { path: "/kb", view: || page(lazy::kb), in_shell: true },
    Route { path: "/kb/new", view: || page(lazy::kb_edit), in_shell: true },
    Route { path: "/kb/:id", view: || page(lazy::kb_article), in_shell: true },
    Route { path: "/kb/:id/edit", view: || page(lazy::kb_edit), in_shell: true },
    Route { path: "/lookup", view: || page(lazy::lookup), in_shell: true },
    Route { path: "/requests", view: || page(lazy::requests), in_shell: true },
    Route { path: "/requests/new", view: || page(lazy::request_new), in_shell: true },
    Route { path: "/requests/:id", view: || page(lazy::request_detail), in_shell: true },
    Route { path: "/account", view: || page(lazy::account), in_shell: true },
];

/// Everything but the portal, the Worker's public pages and the API is a staff page.
fn owns(path: &str) -> bool {
    !["/portal", "/track", "/survey", "/api"].iter().any(|p| under(path, p))
}

#[component]
pub fn StaffApp() -> impl IntoView {
    let i18n = I18n::load();
    provide_context(i18n);
    let session = Session::start();
    provide_context(session);
    waypost_frontend::offline::Queue::start();
    waypost_frontend::follow_lang(i18n);
    // Signed in: the other chunks' files are fetched while the browser is idle.
    waypost_frontend::lazy::prefetch_after_sign_in(move || session.me.with(Option::is_some));
    view! {
        <UpdateBanner/>
        <Router routes=ROUTES owns=owns shell=|| Shell().into_any()
            fallback=|| view! { <main class="content"><NotFound/></main> }.into_any()/>
    }
}
