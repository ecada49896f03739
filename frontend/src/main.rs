//! Waypost's staff app: Leptos, client-side rendered. Mobile-first, zh-CN first.

mod api;
mod app;
mod components;
mod i18n;
mod pages;
mod session;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
