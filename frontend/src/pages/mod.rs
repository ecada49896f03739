//! One component per route.

pub mod account;
pub mod audit;
pub mod home;
pub mod login;
pub mod org_form;
pub mod orgs;
pub mod staff;
pub mod staff_form;
