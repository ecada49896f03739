//! Waypost's two browser apps — the staff app and the customer portal — as one library and two
//! binaries (`src/bin/staff/`, `src/bin/portal/`). Each binary mounts its own root, so the
//! linker keeps only the pages and strings that root reaches: a customer on a phone never
//! downloads the staff pages. Public tracking and the survey link are HTML pages rendered by the
//! Worker (no wasm at all). Mobile-first, zh-CN first.

pub mod api;
pub mod components;
pub mod i18n;
pub mod lazy;
pub mod offline;
pub mod pages;
pub mod router;
pub mod session;

/// Sets `<html lang>` to follow the chosen language (both apps).
pub fn follow_lang(i18n: i18n::I18n) {
    use leptos::prelude::*;
    Effect::new(move |_| {
        let tag = i18n.locale().tag();
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = el.set_attribute("lang", tag);
        }
    });
}

/// Removes the start-up notice the HTML shell shows until the app mounts (`#boot`).
pub fn booted() {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        el.remove();
    }
}
