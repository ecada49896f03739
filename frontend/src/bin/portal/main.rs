//! The customer portal's entry point (served for `/portal` and everything below it).

fn main() {
    leptos::mount::mount_to_body(waypost_frontend::portal_app::PortalApp);
}
