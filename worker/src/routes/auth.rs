//! The routes of `handlers::auth`.

use super::{Route, get, post, s};
use crate::handlers::auth;
use schema::auth::{LoginRequest, Me};
use schema::staff::PasswordChange;

pub(super) const ROUTES: &[Route] = &[
    post(
        "/api/v1/auth/login",
        "Sign in with phone or e-mail and password; sets the session cookie",
        h!(auth::login),
    )
    .public()
    .body(s::<LoginRequest>)
    .ok(s::<Me>),
    post("/api/v1/auth/logout", "End this session everywhere", h!(auth::logout)),
    get("/api/v1/auth/me", "The signed-in caller", h!(auth::me)).ok(s::<Me>),
    post(
        "/api/v1/auth/password",
        "Change one's own password; ends one's other sessions",
        h!(auth::change_password),
    )
    .body(s::<PasswordChange>),
];
