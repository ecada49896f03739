//! The HTTP suite: one test binary, a module per feature, all against the live `wrangler dev`
//! that `scripts/test` started (`WAYPOST_URL`).

mod archive;
mod audit;
mod auth;
mod bad_input;
mod claims;
mod complaints;
mod custom_fields;
mod customers;
mod document;
mod helpers;
mod idempotency;
mod imports;
mod kb;
mod lookup;
mod orgs;
mod pages;
mod portal;
mod requests;
mod round_trip;
mod route_roles;
mod scopes;
mod shipments;
mod sla;
mod staff;
mod surveys;
mod timeline;
mod value;
