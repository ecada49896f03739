//! Waypost's API Worker. This file is the entry point and nothing else: it hands each API request
//! to the dispatcher in [`app`]; static assets never reach the Worker (`run_worker_first` is only
//! `/api/*`).

pub mod app;
pub mod auth;
pub mod csv;
pub mod ctx;
pub mod error;
pub mod handlers;
pub mod policy;
pub mod routes;
pub mod store;

#[cfg(target_arch = "wasm32")]
#[worker::event(fetch)]
async fn fetch(
    req: worker::Request,
    env: worker::Env,
    _ctx: worker::Context,
) -> worker::Result<worker::Response> {
    Ok(app::handle(req, env).await)
}
