//! The UI's message catalogues, one file per area, one line per key carrying both languages
//! (`key: "zh-CN" | "en",`, the same [`schema::catalog!`] format as the Worker's tracking page):
//! a translator reads both side by side, and a key missing a language does not compile. zh-CN is
//! the default. The portal links only [`Common`] and [`Portal`]; the staff app [`StaffUi`] and
//! its areas (all in its main module: wasm-split moves functions, not data). Labels of domain
//! values (statuses, kinds) are `label()` in `schema` (`schema::labels!`), in the same form.

use leptos::prelude::*;
use schema::Locale;

/// Declares an area's catalogue ([`schema::catalog!`]) and its reactive accessor `Area::tr`.
macro_rules! area {
    ($(#[$meta:meta])* pub struct $name:ident { $($key:ident: $zh:literal | $en:literal,)* }) => {
        schema::catalog! {
            $(#[$meta])*
            pub struct $name { $($key: $zh | $en,)* }
        }

        impl $name {
            /// A string of this area as a reactive value (see [`crate::i18n::tr`]).
            pub fn tr(pick: fn(&$name) -> &'static str) -> leptos::prelude::Signal<&'static str> {
                let i18n = $crate::i18n::use_i18n();
                leptos::prelude::Signal::derive(move || pick($name::get(i18n.locale())))
            }
        }
    };
}
use area;

mod admin;
mod common;
mod customers;
mod logistics;
mod portal;
mod reports;
mod service;
mod staff;

pub use admin::Admin;
pub use common::Common;
pub use customers::Customers;
pub use logistics::Logistics;
pub use portal::Portal;
pub use reports::Reports;
pub use service::Service;
pub use staff::StaffUi;

const STORAGE_KEY: &str = "waypost.locale";

/// The current locale, provided at the root.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Locale>);

impl I18n {
    /// Reads the saved choice (zh-CN if none).
    pub fn load() -> I18n {
        let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        I18n(RwSignal::new(saved.as_deref().and_then(Locale::from_tag).unwrap_or_default()))
    }

    /// The shared strings in the current locale (tracked); an area's are `Area::get(i18n.locale())`.
    pub fn t(&self) -> &'static Common {
        Common::get(self.0.get())
    }

    /// The current locale (tracked).
    pub fn locale(&self) -> Locale {
        self.0.get()
    }

    /// Switches language and remembers it on this device.
    pub fn toggle(&self) {
        let next = if self.0.get_untracked() == Locale::ZhCn { Locale::En } else { Locale::ZhCn };
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, next.tag());
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = doc.set_attribute("lang", next.tag());
        }
        self.0.set(next);
    }
}

/// The saved locale, for code outside the reactive tree (the API client's `Accept-Language`).
pub fn saved_locale() -> Locale {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .as_deref()
        .and_then(Locale::from_tag)
        .unwrap_or_default()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The app's i18n handle.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::load)
}

/// A shared string as a reactive value; an area's string is `Area::tr(|c| c.key)`. Takes a plain
/// function pointer, so every use shares one instantiation of the reactive-text code (a
/// `move || i18n.t().x` closure per call site is a new type each time, and the wasm grows with each).
pub fn tr(pick: fn(&Common) -> &'static str) -> Signal<&'static str> {
    Common::tr(pick)
}

/// A string picked by locale from any area's catalogue: the type of label tables whose entries
/// come from more than one area (`|l| Customers::get(l).tags`).
pub type Text = fn(Locale) -> &'static str;

/// A [`Text`] as a reactive value.
pub fn tr_text(text: Text) -> Signal<&'static str> {
    let i18n = use_i18n();
    Signal::derive(move || text(i18n.locale()))
}
