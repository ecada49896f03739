//! The routes of `handlers::imports`.

use super::{Route, post, s};
use crate::handlers::imports;
use crate::policy::CUSTOMER_ROLES;
use crate::policy::ScopeKind::Customers;
use schema::import::{ImportReport, ImportRequest};

pub(super) const ROUTES: &[Route] = &[post(
    "/api/v1/customers/import",
    "Import one chunk (≤ 200 rows) of a CSV: per-row report; valid rows committed in one batch; \
                  replaying a chunk returns its stored report",
    h!(imports::import),
)
.staff(CUSTOMER_ROLES)
.scope(&[Customers])
.body(s::<ImportRequest>)
.ok(s::<ImportReport>)];
