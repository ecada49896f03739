//! Request handlers, one module per resource. Each handler parses input into `schema` types,
//! calls `store`, and returns JSON; authorization already happened in `app`.

pub mod api_keys;
pub mod archive;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod claims;
pub mod complaints;
pub mod credit;
pub mod custom_fields;
pub mod customers;
pub mod health;
pub mod imports;
pub mod kb;
pub mod lookup;
pub mod orgs;
pub mod pickups;
pub mod portal;
pub mod portal_auth;
pub mod portal_requests;
pub mod portal_users;
pub mod reports;
pub mod requests;
pub mod shipments;
pub mod sla;
pub mod staff;
pub mod surveys;
pub mod timeline;
pub mod track;
pub mod value;
