//! The staff app's entry point (served for every path outside `/portal`). Its root and its lazy
//! routes live in this binary, not in the library: a split function is an exported symbol, and
//! the portal binary would otherwise keep every staff page it reaches.

mod app;
mod lazy;

fn main() {
    waypost_frontend::booted();
    leptos::mount::mount_to_body(app::StaffApp);
}
