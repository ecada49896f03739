//! The routes of `handlers::attachments`.

use super::{Route, get, post, s};
use crate::handlers::attachments;
use crate::policy::ScopeKind::Requests;
use schema::attachment::Attachment;

pub(super) const ROUTES: &[Route] = &[
    post(
        "/api/v1/requests/{id}/attachments",
        "Attach a file (the raw body; JPEG, PNG, WebP or PDF by its bytes, ≤ 10 MiB: 415 / 413 otherwise; ≤ 20 per request)",
        h!(attachments::staff_upload),
    ).scope(&[Requests])
    .query(&[("name", "The file's name")])
    .created(s::<Vec<Attachment>>),
    get(
        "/api/v1/requests/{id}/attachments/{attachment_id}",
        "Download an attachment (its own content type, sandboxed)",
        h!(attachments::staff_download),
    ).scope(&[Requests])
    .ok(s::<String>),
    post(
        "/api/v1/portal/requests/{id}/attachments",
        "Add evidence to one of my requests (the raw body; JPEG, PNG, WebP or PDF, ≤ 10 MiB)",
        h!(attachments::portal_upload),
    )
    .portal().scope(&[Requests])
    .query(&[("name", "The file's name")])
    .created(s::<Vec<Attachment>>),
    get(
        "/api/v1/portal/requests/{id}/attachments/{attachment_id}",
        "Download an attachment of one of my requests",
        h!(attachments::portal_download),
    )
    .portal().scope(&[Requests])
    .ok(s::<String>),
];
