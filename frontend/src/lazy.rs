//! Pages loaded when they are opened. Each binary declares its chunks with [`chunk!`]; the
//! splitter in `scripts/build-frontend` (`xtask split-wasm`, the library behind Leptos' `#[lazy]`)
//! cuts every chunk out of the binary, so the first load carries the shell, sign-in and the first
//! page only. The split functions live in the binaries, not here: each is an exported symbol,
//! which would keep one app's pages alive in the other's bundle.
//!
//! Leptos' own `#[lazy]`/`LazyRoute` would panic — and so abort the whole wasm instance — when a
//! chunk cannot be fetched (a lift, a tunnel). Here every split function is `fallible`: a failed
//! fetch becomes `Load::Failed`, the page says so and offers a retry, and the loader forgets the
//! failure so the retry fetches again. Once signed in, the other chunks are fetched while the
//! browser is idle (not on Save-Data), so the next tap rarely waits.

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

/// A chunk's preload function, as [`prefetch_when_idle`] takes it.
pub type Preload = fn() -> Pin<Box<dyn Future<Output = Result<(), SplitLoaderError>>>>;

/// Declares the pages of one chunk: per page, a function named after it that starts fetching the
/// chunk and building the page (a [`PageFuture`], the split function itself sits in a module
/// named after the chunk), and `$preload`, which fetches the chunk without showing anything.
#[macro_export]
macro_rules! chunk {
    ($chunk:ident, $preload:ident: $first:ident => $first_page:path $(, $name:ident => $page:path)* $(,)?) => {
        mod $chunk {
            use super::*;
            #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
            pub fn $first() -> $crate::lazy::PageResult {
                Ok(::leptos::prelude::untrack(|| ::leptos::prelude::IntoAny::into_any($first_page())))
            }
            $(
                #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
                pub fn $name() -> $crate::lazy::PageResult {
                    Ok(::leptos::prelude::untrack(|| ::leptos::prelude::IntoAny::into_any($page())))
                }
            )*
        }
        pub use $chunk::$preload;
        pub fn $first() -> $crate::lazy::PageFuture {
            Box::pin($chunk::$first())
        }
        $(
            pub fn $name() -> $crate::lazy::PageFuture {
                Box::pin($chunk::$name())
            }
        )*
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

/// Once `signed_in` turns true, fetches `chunks` while the browser is idle (both apps' roots).
pub fn prefetch_after_sign_in(signed_in: impl Fn() -> bool + 'static, chunks: &'static [Preload]) {
    Effect::new(move |_| {
        if signed_in() {
            prefetch_when_idle(chunks);
        }
    });
}

/// Fetches `chunks` while the browser is idle, one after another, unless the user asked to save
/// data. Failures are ignored here: opening the page retries.
pub fn prefetch_when_idle(chunks: &'static [Preload]) {
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
        spawn_local(async move {
            for preload in chunks {
                let _ = preload().await;
            }
        })
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
