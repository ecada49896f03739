//! Pages loaded when they are opened. Each binary declares its chunks with [`chunk!`]; the
//! splitter in `scripts/build-frontend` (`xtask split-wasm`, the library behind Leptos' `#[lazy]`)
//! cuts every chunk out of the binary, so the first load carries the shell, sign-in and the first
//! page only. The split functions live in the binaries, not here: each is an exported symbol,
//! which would keep one app's pages alive in the other's bundle.
//!
//! Leptos' own `#[lazy]`/`LazyRoute` would panic — and so abort the whole wasm instance — when a
//! chunk cannot be fetched (a lift, a tunnel). Here every split function is `fallible`: a failed
//! fetch becomes `Load::Failed`, the page says so and offers a retry, and the loader forgets the
//! failure so the retry fetches again. Once signed in, the other chunks' files are fetched while
//! the browser is idle (not on Save-Data): downloaded into the HTTP cache, not compiled — the
//! first page's main thread does not also compile pages nobody has opened yet — and the next
//! tap reads its chunk from the cache.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;
use wasm_bindgen::JsCast;

use crate::components::states::Loading;
use crate::i18n::tr;

/// A page's view, built inside its chunk.
pub type PageResult = Result<AnyView, SplitLoaderError>;

/// A page's chunk on its way: what every route hands [`page`], one type for all of them, so the
/// loading, failure and retry views are compiled once rather than once per route (they were 9 KB
/// of the staff app's first load, once per route's future type).
pub type PageFuture = Pin<Box<dyn Future<Output = PageResult>>>;

/// Declares the pages of one chunk: per page, a function named after it that starts fetching the
/// chunk and building the page (a [`PageFuture`]; the split function itself sits in a module
/// named after the chunk).
#[macro_export]
macro_rules! chunk {
    ($chunk:ident: $($name:ident => $page:path),+ $(,)?) => {
        mod $chunk {
            use super::*;
            $(
                #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
                pub fn $name() -> $crate::lazy::PageResult {
                    Ok(::leptos::prelude::untrack(|| ::leptos::prelude::IntoAny::into_any($page())))
                }
            )+
        }
        $(
            pub fn $name() -> $crate::lazy::PageFuture {
                Box::pin($chunk::$name())
            }
        )+
    };
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Load {
    Pending,
    Failed,
    Ready,
}

/// A route's view that fetches its chunk, showing [`Loading`] meanwhile and a retry if the fetch
/// fails. The page is built under this route's owner (its params, its session), as if inline.
pub fn page(load: fn() -> PageFuture) -> AnyView {
    let state = RwSignal::new(Load::Pending);
    let built = StoredValue::new_local(None::<AnyView>);
    let fetch = move || {
        state.set(Load::Pending);
        spawn_local(ScopedFuture::new_untracked(async move {
            let outcome = load().await;
            let next = match outcome {
                Ok(view) => {
                    built.try_set_value(Some(view));
                    Load::Ready
                }
                Err(_) => Load::Failed,
            };
            state.try_set(next);
        }));
    };
    fetch();
    (move || {
        match state.get() {
        Load::Pending => view! { <Loading/> }.into_any(),
        Load::Failed => view! {
            <section class="state state-offline" data-state="chunk-failed" role="alert">
                    <h2>{tr(|c| c.chunk_failed_title)}</h2>
                    <p>{tr(|c| c.chunk_failed_body)}</p>
                    <button class="btn" data-testid="chunk-retry" on:click=move |_| fetch()>{tr(|c| c.retry)}</button>
            </section>
        }
        .into_any(),
        Load::Ready => built.try_update_value(Option::take).flatten().unwrap_or_else(|| ().into_any()),
    }
    })
    .into_any()
}

/// Once `signed_in` turns true, fetches the app's chunk files while the browser is idle (both
/// apps' roots).
pub fn prefetch_after_sign_in(signed_in: impl Fn() -> bool + 'static) {
    Effect::new(move |_| {
        if signed_in() {
            prefetch_when_idle();
        }
    });
}

/// Adds a `<link rel="prefetch">` for every chunk file the HTML lists (`<meta name="waypost-
/// chunks">`, written by scripts/build-frontend), once, when the browser is idle, unless the user
/// asked to save data. The browser fetches them at its lowest priority; failures are ignored
/// here (opening the page fetches again).
pub fn prefetch_when_idle() {
    static STARTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if STARTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let save_data = js_sys::Reflect::get(&window.navigator(), &"connection".into())
        .ok()
        .filter(|c| !c.is_undefined())
        .and_then(|c| js_sys::Reflect::get(&c, &"saveData".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if save_data {
        return;
    }
    let run = wasm_bindgen::closure::Closure::once_into_js(move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let files = doc
            .query_selector("meta[name=waypost-chunks]")
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_default();
        let Some(head) = doc.head() else { return };
        for href in files.split_ascii_whitespace() {
            if let Ok(link) = doc.create_element("link") {
                let _ = link.set_attribute("rel", "prefetch");
                let _ = link.set_attribute("href", href);
                let _ = head.append_child(&link);
            }
        }
    });
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match idle {
        Some(f) => {
            let _ = f.call1(&window, &run);
        }
        None => {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 2000);
        }
    }
}
