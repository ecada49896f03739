//! The customer portal's entry point (served for `/portal` and everything below it). Its root and
//! its chunks live in this binary (see `waypost_frontend::lazy` for why).

mod app;
mod lazy;

fn main() {
    waypost_frontend::booted();
    leptos::mount::mount_to_body(app::PortalApp);
}
