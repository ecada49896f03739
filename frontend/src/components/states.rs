//! The distinct states a page can be in besides "here is your data": loading, empty, forbidden,
//! not found, offline, and failed — each with its own words and a way forward.

use crate::router::{A, Redirect};
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::tr;
use crate::session::use_session;

#[component]
pub fn Loading() -> impl IntoView {
    view! { <div class="state state-loading" role="status" aria-live="polite"><span class="spinner" aria-hidden="true"></span>{tr(|c| c.loading)}</div> }
}

#[component]
pub fn Empty() -> impl IntoView {
    view! { <div class="state state-empty" data-state="empty">{tr(|c| c.empty)}</div> }
}

#[component]
pub fn Forbidden() -> impl IntoView {
    view! {
        <section class="state state-forbidden" data-state="forbidden">
            <h2>{tr(|c| c.forbidden_title)}</h2>
            <p>{tr(|c| c.forbidden_body)}</p>
            <A href="/">{tr(|c| c.back_home)}</A>
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="state state-not-found" data-state="not-found">
            <h2>{tr(|c| c.not_found_title)}</h2>
            <p>{tr(|c| c.not_found_body)}</p>
            <A href="/">{tr(|c| c.back_home)}</A>
        </section>
    }
}

#[component]
pub fn Offline(#[prop(into)] retry: Callback<()>) -> impl IntoView {
    view! {
        <section class="state state-offline" data-state="offline" role="alert">
            <h2>{tr(|c| c.offline_title)}</h2>
            <p>{tr(|c| c.offline_body)}</p>
            <button class="btn" on:click=move |_| retry.run(())>{tr(|c| c.retry)}</button>
        </section>
    }
}

/// Shows the state that fits an API error.
#[component]
pub fn ErrorState(error: ApiError, #[prop(into)] retry: Callback<()>) -> impl IntoView {
    let session = use_session();
    match error {
        ApiError::Offline => view! { <Offline retry=retry/> }.into_any(),
        ApiError::Forbidden => view! { <Forbidden/> }.into_any(),
        ApiError::NotFound => view! { <NotFound/> }.into_any(),
        ApiError::Unauthenticated => {
            session.expire();
            view! { <Redirect path="/login"/> }.into_any()
        }
        other => view! {
            <section class="state state-error" data-state="error" role="alert">
                <h2>{tr(|c| c.error_title)}</h2>
                <p>{other.message()}</p>
                <button class="btn" on:click=move |_| retry.run(())>{tr(|c| c.retry)}</button>
            </section>
        }
        .into_any(),
    }
}
