//! The routes of `handlers::reports`.

use super::{Route, get, s};
use crate::handlers::reports;
use crate::policy::ScopeKind::{Customers, Orgs};
use crate::policy::{CUSTOMER_ROLES, REPORT_ROLES};
use schema::page::Page;
use schema::value::{AtRiskCustomer, Pyramid};

const ORG: &[(&str, &str)] =
    &[("org_id", "An org within the caller's reach (its subtree); none: the whole reach")];

const AT_RISK: &[(&str, &str)] =
    &[("org_id", "An org within the caller's reach (its subtree)"), ("owner_id", "The owner's staff id")];

pub(super) const ROUTES: &[Route] = &[
    get(
        "/api/v1/reports/pyramid",
        "The value pyramid: customers, shipping customers, freight and customers in arrears per tier, as of the last nightly pass",
        h!(reports::pyramid),
    )
    .staff(REPORT_ROLES)
    .scope(&[Orgs])
    .query(ORG)
    .ok(s::<Pyramid>),
    get(
        "/api/v1/reports/pyramid.csv",
        "The value pyramid as CSV (UTF-8 with BOM; money in yuan)",
        h!(reports::pyramid_csv),
    )
    .staff(REPORT_ROLES)
    .scope(&[Orgs])
    .query(ORG)
    .ok(s::<String>),
    get(
        "/api/v1/reports/at-risk",
        "Customers at risk within the caller's customers (a rep: their own), the most valuable first, with whether a follow-up is planned",
        h!(reports::at_risk),
    )
    .staff(CUSTOMER_ROLES)
    .scope(&[Customers, Orgs])
    .paged()
    .query(AT_RISK)
    .ok(s::<Page<AtRiskCustomer>>),
];
