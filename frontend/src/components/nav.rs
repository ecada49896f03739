//! The navigation of both apps' shells: a bottom bar on a phone, a side bar on a desktop (the
//! same markup, placed by CSS). A phone's bar holds at most [`BAR_SLOTS`] entries: with more
//! sections, the first four stay and 更多 (more) opens a sheet with the rest. Each section is one
//! element — on a desktop the sheet is laid out as part of the side bar (`display: contents`).

use crate::router::A;
use leptos::prelude::*;

use schema::Locale;

use crate::i18n::use_i18n;

/// Entries a phone's bottom bar shows at once (five fit a 360-px screen with their labels).
pub const BAR_SLOTS: usize = 5;

/// One section: path, label, icon.
#[derive(Clone, Copy)]
pub struct NavEntry {
    pub href: &'static str,
    pub label: fn(Locale) -> &'static str,
    pub icon: &'static str,
}

#[component]
pub fn NavBar(items: Vec<NavEntry>, label: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let more_open = RwSignal::new(false);
    let on_bar = if items.len() > BAR_SLOTS { BAR_SLOTS - 1 } else { items.len() };
    let link = move |n: NavEntry| {
        let text = n.label;
        view! {
            <A href=n.href exact=true attr:class="nav-item" attr:data-nav=n.href on:click=move |_| more_open.set(false)>
                <span class="nav-icon" aria-hidden="true">{n.icon}</span>
                <span class="nav-label">{move || text(i18n.locale())}</span>
            </A>
        }
    };
    let bar = items.iter().take(on_bar).map(|n| link(*n)).collect_view();
    let extras: Vec<NavEntry> = items.iter().skip(on_bar).copied().collect();
    let more = (!extras.is_empty()).then(|| {
        let sheet = extras.into_iter().map(link).collect_view();
        view! {
            <button type="button" class="nav-item nav-more" data-testid="nav-more" aria-haspopup="true"
                aria-expanded=move || more_open.get().to_string() aria-controls="nav-sheet"
                on:click=move |_| more_open.update(|o| *o = !*o)>
                <span class="nav-icon" aria-hidden="true">"⋯"</span>
                <span class="nav-label">{move || i18n.t().nav_more}</span>
            </button>
            <div class="nav-backdrop" hidden=move || !more_open.get() on:click=move |_| more_open.set(false)></div>
            <div id="nav-sheet" class="nav-sheet" data-testid="nav-sheet" class:open=move || more_open.get()
                on:keydown=move |ev| if ev.key() == "Escape" { more_open.set(false) }>
                {sheet}
            </div>
        }
    });
    view! { <nav class="nav" aria-label=label>{bar}{more}</nav> }
}
