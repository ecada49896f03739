//! The routes of `handlers::credit`.

use super::{Route, get, put, s};
use crate::handlers::credit;
use crate::policy::ADMIN;
use schema::credit::CreditSettings;

pub(super) const ROUTES: &[Route] = &[
    get(
        "/api/v1/settings/credit",
        "The credit policy: whether bookings of customers in arrears or over their credit limit are only warned about or refused",
        h!(credit::get),
    )
    .ok(s::<CreditSettings>),
    put("/api/v1/settings/credit", "Set the credit policy (admins)", h!(credit::set))
        .staff(ADMIN)
        .body(s::<CreditSettings>)
        .ok(s::<CreditSettings>),
];
