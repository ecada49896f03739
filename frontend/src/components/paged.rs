//! A keyset-paged list held in signals: first page on (re)load, more pages appended by
//! "load more". Stale answers (filters changed while a request was out) are dropped.

use std::future::Future;

use leptos::prelude::*;
use schema::page::Page;

use crate::api::{ApiError, ApiResult};
use crate::components::states::{Empty, ErrorState, Loading};
use crate::i18n::tr;

/// The list's state.
pub struct Paged<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    pub next: RwSignal<Option<String>>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    generation: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Paged<T> {}

impl<T: Clone + Send + Sync + 'static> Default for Paged<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Clone + Send + Sync + 'static> Paged<T> {
    pub fn new() -> Self {
        Paged {
            items: RwSignal::new(Vec::new()),
            next: RwSignal::new(None),
            loading: RwSignal::new(true),
            error: RwSignal::new(None),
            generation: RwSignal::new(0),
        }
    }

    /// Loads the first page (`reset`) or the next one; `fetch` gets the cursor ("" for the first).
    pub fn load<F, Fut>(self, reset: bool, fetch: F)
    where
        F: FnOnce(String) -> Fut + 'static,
        Fut: Future<Output = ApiResult<Page<T>>> + 'static,
    {
        let cursor = if reset { String::new() } else { self.next.get_untracked().unwrap_or_default() };
        if reset {
            self.generation.update(|g| *g += 1);
            self.error.set(None);
        }
        let generation = self.generation.get_untracked();
        self.loading.set(true);
        leptos::task::spawn_local(async move {
            let result = fetch(cursor).await;
            if self.generation.get_untracked() != generation {
                return;
            }
            match result {
                Ok(page) => {
                    if reset {
                        self.items.set(page.items);
                    } else {
                        self.items.update(|v| v.extend(page.items));
                    }
                    self.next.set(page.next_cursor);
                }
                Err(e) => self.error.set(Some(e)),
            }
            self.loading.set(false);
        });
    }
}

/// Renders a paged list: its error, loading and empty states, the cards (`render` makes one `<li>`
/// per item), and "load more" while there is a next page. `load(true)` reloads from the start,
/// `load(false)` appends the next page.
#[component]
pub fn PagedView<T, F, V>(
    list: Paged<T>,
    #[prop(into)] load: Callback<bool>,
    testid: &'static str,
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        {move || {
            if let Some(e) = list.error.get() {
                return view! { <ErrorState error=e retry=move |_| load.run(true)/> }.into_any();
            }
            let items = list.items.get();
            if items.is_empty() {
                return if list.loading.get() { view! { <Loading/> }.into_any() } else { view! { <Empty/> }.into_any() };
            }
            let render = render.clone();
            view! { <ul class="cards" data-testid=testid>{items.into_iter().map(render).collect_view()}</ul> }.into_any()
        }}
        <Show when=move || list.next.with(Option::is_some)>
            <button class="btn btn-block" disabled=move || list.loading.get() on:click=move |_| load.run(false)>
                {tr(|c| c.load_more)}
            </button>
        </Show>
    }
}

/// The local time of an RFC 3339 instant, in the UI's language.
pub fn local_time(iso: &str, locale: schema::Locale) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    d.to_locale_string(locale.tag(), &wasm_bindgen::JsValue::UNDEFINED).into()
}
