//! The routes of `handlers::api_keys`.

use super::{Route, get, post, s};
use crate::handlers::api_keys;
use crate::policy::ADMIN;
use schema::integration::{ApiKey, ApiKeyInput, NewApiKey};

pub(super) const ROUTES: &[Route] = &[
    get("/api/v1/api-keys", "Integration keys (secrets are never shown again)", h!(api_keys::list))
        .staff(ADMIN)
        .ok(s::<Vec<ApiKey>>),
    post(
        "/api/v1/api-keys",
        "Create an integration key; the answer holds the key, once",
        h!(api_keys::create),
    )
    .staff(ADMIN)
    .body(s::<ApiKeyInput>)
    .created(s::<NewApiKey>),
    post(
        "/api/v1/api-keys/{id}/revoke",
        "Revoke an integration key: its next request is refused",
        h!(api_keys::revoke),
    )
    .staff(ADMIN),
];
