//! Waypost's Worker. This file is the entry point and nothing else: it hands each request to
//! [`app::handle`] — the API (`/api/*`) and the HTML pages it renders itself ([`site`]: public
//! tracking, the survey link). Static assets (the two apps) never reach the Worker
//! (wrangler.toml `run_worker_first`).

pub mod app;
pub mod auth;
pub mod csv;
pub mod ctx;
pub mod error;
pub mod handlers;
pub mod idempotent;
pub mod notify;
pub mod policy;
pub mod portal_codes;
pub mod routes;
pub mod service;
pub mod session;
pub mod site;
pub mod store;

/// The Cron Trigger (wrangler.toml `[triggers]`): the periodic sweeps. Failures are logged; the
/// next run retries.
#[cfg(target_arch = "wasm32")]
#[worker::event(scheduled)]
async fn scheduled(_event: worker::ScheduledEvent, env: worker::Env, _ctx: worker::ScheduleContext) {
    if let Err(e) = app::sweep(&env).await {
        worker::console_error!("scheduled sweep failed: {e:?}");
    }
}

#[cfg(target_arch = "wasm32")]
#[worker::event(fetch)]
async fn fetch(
    req: worker::Request,
    env: worker::Env,
    ctx: worker::Context,
) -> worker::Result<worker::Response> {
    Ok(app::handle(req, env, Some(ctx)).await)
}
