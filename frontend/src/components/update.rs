//! The "new version" prompt of the staff app. `index.html` registers the service worker; when a
//! new deployment's worker is installed and waiting, it keeps a handle in `window.__waypostUpdate`
//! and fires `waypost-update` (the handle is kept because the worker may be found before this app
//! has mounted). The banner offers the reload: `accept()` tells the waiting worker to take over,
//! and `index.html` reloads the page when it has. The strings live with the app's others.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::StaffUi;

const HANDLE: &str = "__waypostUpdate";

/// The handle `index.html` left, if a new version is waiting.
fn waiting() -> Option<JsValue> {
    let w = web_sys::window()?;
    js_sys::Reflect::get(&w, &HANDLE.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// Lets the waiting version take over (the page reloads when it has).
fn accept() {
    let Some(handle) = waiting() else { return };
    if let Some(f) = js_sys::Reflect::get(&handle, &"accept".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = f.call0(&handle);
    }
}

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let shown = RwSignal::new(waiting().is_some());
    let listener = window_event_listener_untyped("waypost-update", move |_| shown.set(waiting().is_some()));
    on_cleanup(move || listener.remove());
    move || {
        shown.get().then(|| {
            view! {
                <div id="update-banner" class="update-banner" role="status" data-testid="update-banner">
                    {StaffUi::tr(|c| c.update_available)}
                    <button type="button" class="btn btn-primary" data-testid="update-reload" on:click=move |_| accept()>
                        {StaffUi::tr(|c| c.update_reload)}
                    </button>
                </div>
            }
        })
    }
}
