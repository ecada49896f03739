//! The distinct states a page can be in besides "here is your data": loading, empty, forbidden,
//! not found, offline, and failed — each with its own words and a way forward.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};

use crate::api::ApiError;
use crate::i18n::use_i18n;
use crate::session::use_session;

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <div class="state state-loading" role="status" aria-live="polite"><span class="spinner" aria-hidden="true"></span>{move || i18n.t().loading}</div> }
}

#[component]
pub fn Empty() -> impl IntoView {
    let i18n = use_i18n();
    view! { <div class="state state-empty" data-state="empty">{move || i18n.t().empty}</div> }
}

#[component]
pub fn Forbidden() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="state state-forbidden" data-state="forbidden">
            <h2>{move || i18n.t().forbidden_title}</h2>
            <p>{move || i18n.t().forbidden_body}</p>
            <A href="/">{move || i18n.t().back_home}</A>
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="state state-not-found" data-state="not-found">
            <h2>{move || i18n.t().not_found_title}</h2>
            <p>{move || i18n.t().not_found_body}</p>
            <A href="/">{move || i18n.t().back_home}</A>
        </section>
    }
}

#[component]
pub fn Offline(#[prop(into)] retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="state state-offline" data-state="offline" role="alert">
            <h2>{move || i18n.t().offline_title}</h2>
            <p>{move || i18n.t().offline_body}</p>
            <button class="btn" on:click=move |_| retry.run(())>{move || i18n.t().retry}</button>
        </section>
    }
}

/// Shows the state that fits an API error.
#[component]
pub fn ErrorState(error: ApiError, #[prop(into)] retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
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
                <h2>{move || i18n.t().error_title}</h2>
                <p>{other.message()}</p>
                <button class="btn" on:click=move |_| retry.run(())>{move || i18n.t().retry}</button>
            </section>
        }
        .into_any(),
    }
}
