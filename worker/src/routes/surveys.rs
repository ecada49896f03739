//! The routes of `handlers::surveys`.

use super::{Route, get, post, s};
use crate::handlers::surveys;
use crate::policy::ScopeKind::Requests;
use schema::request::RequestDetail;
use schema::survey::{SurveyInput, SurveyView};

pub(super) const ROUTES: &[Route] = &[
    post(
        "/api/v1/portal/requests/{id}/survey",
        "Rate one of my resolved requests (once; 409 when already rated)",
        h!(surveys::answer_in_portal),
    )
    .portal()
    .scope(&[Requests])
    .body(s::<SurveyInput>)
    .ok(s::<RequestDetail>),
    get(
        "/api/v1/public/survey/{token}",
        "A satisfaction survey by its link: the request's number and subject, and whether it was answered",
        h!(surveys::show),
    )
    .public()
    .ok(s::<SurveyView>),
    post(
        "/api/v1/public/survey/{token}",
        "Answer a satisfaction survey by its link (once; 409 when already answered)",
        h!(surveys::answer_by_link),
    )
    .public()
    .body(s::<SurveyInput>)
    .ok(s::<SurveyView>),
];
