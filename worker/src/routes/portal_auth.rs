//! The routes of `handlers::portal_auth`.

use super::{Route, get, patch, post, s};
use crate::handlers::portal_auth;
use schema::auth::LoginRequest;
use schema::portal::{CodeConfirm, CodeRequest, PortalMe, PortalPrefs};

pub(super) const ROUTES: &[Route] = &[
    post(
        "/api/v1/portal/auth/code",
        "Send a sign-up or password-reset code to a phone or e-mail (always 202)",
        h!(portal_auth::request_code),
    )
    .public()
    .body(s::<CodeRequest>)
    .accepted(s::<()>),
    post(
        "/api/v1/portal/auth/register",
        "Create a portal account with a sign-up code; signs in",
        h!(portal_auth::register),
    )
    .public()
    .body(s::<CodeConfirm>)
    .created(s::<PortalMe>),
    post(
        "/api/v1/portal/auth/activate",
        "Accept a staff invitation (set the password with its code); signs in",
        h!(portal_auth::activate),
    )
    .public()
    .body(s::<CodeConfirm>)
    .ok(s::<PortalMe>),
    post(
        "/api/v1/portal/auth/reset",
        "Set a new password with a reset code; ends every session",
        h!(portal_auth::reset),
    )
    .public()
    .body(s::<CodeConfirm>),
    post(
        "/api/v1/portal/auth/login",
        "Portal sign-in (sets the `wp_portal` cookie); throttled",
        h!(portal_auth::login),
    )
    .public()
    .body(s::<LoginRequest>)
    .ok(s::<PortalMe>),
    post("/api/v1/portal/auth/logout", "Portal sign-out", h!(portal_auth::logout)).portal(),
    get("/api/v1/portal/me", "The signed-in portal user", h!(portal_auth::me)).portal().ok(s::<PortalMe>),
    patch("/api/v1/portal/me", "Notification opt-ins and language", h!(portal_auth::prefs))
        .portal()
        .body(s::<PortalPrefs>)
        .ok(s::<PortalMe>),
];
