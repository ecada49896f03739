//! One component per route.

pub mod account;
pub mod api_keys;
pub mod audit;
pub mod commitments;
pub mod custom_fields;
pub mod customer_bulk;
pub mod customer_detail;
pub mod customer_form;
pub mod customer_import;
pub mod customer_quality;
pub mod customer_tabs;
pub mod customers;
pub mod handover;
pub mod home;
pub mod login;
pub mod org_form;
pub mod orgs;
pub mod outbox;
pub mod pickup_today;
pub mod pickups;
pub mod portal;
pub mod requests;
pub mod shipments;
pub mod staff;
pub mod staff_form;
pub mod track;
