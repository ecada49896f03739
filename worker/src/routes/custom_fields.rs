//! The routes of `handlers::custom_fields`.

use super::{Route, get, patch, post, s};
use crate::handlers::custom_fields;
use crate::policy::{ADMIN, CUSTOMER_ROLES};
use schema::custom::{CustomField, CustomFieldInput};

pub(super) const ROUTES: &[Route] = &[
    get(
        "/api/v1/custom-fields",
        "Custom customer field definitions, in form order (inactive ones too)",
        h!(custom_fields::list),
    )
    .staff(CUSTOMER_ROLES)
    .ok(s::<Vec<CustomField>>),
    post("/api/v1/custom-fields", "Define a custom customer field (at most 20)", h!(custom_fields::create))
        .staff(ADMIN)
        .body(s::<CustomFieldInput>)
        .requires(&["kind"])
        .created(s::<CustomField>),
    patch(
        "/api/v1/custom-fields/{id}",
        "Change a field's labels, options, order, required and active flags (version-checked)",
        h!(custom_fields::update),
    )
    .staff(ADMIN)
    .body(s::<CustomFieldInput>)
    .requires(&["version", "kind"])
    .ok(s::<CustomField>),
];
