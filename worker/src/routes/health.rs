//! The routes of `handlers::health`.

use super::{Route, get, s};
use crate::handlers::health;
use schema::health::Health;

pub(super) const ROUTES: &[Route] =
    &[get("/api/v1/health", "Version, and whether D1 and KV answer", h!(health::get))
        .public()
        .ok(s::<Health>)];
