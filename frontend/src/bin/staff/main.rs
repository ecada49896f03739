//! The staff app's entry point (served for every path outside `/portal`).

fn main() {
    leptos::mount::mount_to_body(waypost_frontend::staff_app::StaffApp);
}
