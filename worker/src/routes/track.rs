//! The routes of `handlers::track`.

use super::{Route, get, post, s};
use crate::handlers::track;
use schema::shipment::{ProblemReport, PublicTracking};

pub(super) const ROUTES: &[Route] = &[
    get(
        "/api/v1/public/track/{waybill_no}",
        "Track a waybill without signing in; names and phones masked unless `last4` matches",
        h!(track::track),
    )
    .public()
    .query(&[("last4", "Last four digits of the consignee's or shipper's phone: unmasks the details")])
    .ok(s::<PublicTracking>),
    post(
        "/api/v1/public/track/{waybill_no}/report",
        "Report a problem with a shipment from the public tracking page",
        h!(track::report),
    )
    .public()
    .body(s::<ProblemReport>),
];
