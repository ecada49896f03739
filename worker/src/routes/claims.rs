//! The routes of `handlers::claims`.

use super::{Route, get, post, put, s};
use crate::handlers::claims;
use crate::policy::ScopeKind::Requests;
use crate::policy::{ADMIN, CLAIM_HANDLERS};
use schema::claim::{ClaimDecision, ClaimInput, ClaimPayment, ClaimPrefill, ClaimSettings};
use schema::request::RequestDetail;

pub(super) const ROUTES: &[Route] = &[
    put(
        "/api/v1/requests/{id}/claim",
        "File a claim request's claim (type, amount in fen), or correct it in review with its `version`",
        h!(claims::file),
    )
    .staff(CLAIM_HANDLERS).scope(&[Requests])
    .body(s::<ClaimInput>)
    .ok(s::<RequestDetail>),
    get(
        "/api/v1/requests/{id}/claim/prefill",
        "What a delay or COD claim starts from: the waybill's freight or COD amount and its committed and delivery times",
        h!(claims::prefill),
    )
    .staff(CLAIM_HANDLERS).scope(&[Requests])
    .query(&[("type", "delay (default) | cod")])
    .ok(s::<ClaimPrefill>),
    post(
        "/api/v1/requests/{id}/claim/decide",
        "Approve (with the amount) or reject (with the reason) a claim; above the approval limit only a CS manager or admin (403 over_approval_limit)",
        h!(claims::decide),
    )
    .staff(CLAIM_HANDLERS).scope(&[Requests])
    .body(s::<ClaimDecision>)
    .ok(s::<RequestDetail>),
    post("/api/v1/requests/{id}/claim/pay", "Record the payment of an approved claim", h!(claims::pay))
        .staff(CLAIM_HANDLERS).scope(&[Requests])
        .body(s::<ClaimPayment>)
        .ok(s::<RequestDetail>),
    get("/api/v1/claim-settings", "The claim approval limit for agents (fen)", h!(claims::settings))
        .ok(s::<ClaimSettings>),
    put(
        "/api/v1/claim-settings",
        "Set the claim approval limit for agents (admins)",
        h!(claims::set_settings),
    )
    .staff(ADMIN)
    .body(s::<ClaimSettings>)
    .ok(s::<ClaimSettings>),
];
