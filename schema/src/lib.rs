//! Waypost's shared vocabulary: the DTOs that cross the wire, the enums with their rules, and the
//! validation newtypes that turn raw input into checked values. Both the worker and the front end
//! compile this crate, so a rule written here is enforced identically on both sides.
//!
//! No I/O and no `worker` dependency: everything here runs natively in `cargo test`.

pub mod attachment;
pub mod audit;
pub mod auth;
pub mod bulk;
pub mod catalog;
pub mod claim;
pub mod complaint;
pub mod credit;
pub mod custom;
pub mod customer;
pub mod de;
mod derive;
pub mod diff;
pub mod error;
pub mod health;
pub mod ids;
pub mod import;
pub mod integration;
pub mod interaction;
pub mod kb;
pub mod locale;
pub mod location;
pub mod lookup;
pub mod notify;
pub mod org;
pub mod page;
pub mod password;
pub mod pickup;
pub mod portal;
pub mod quality;
pub mod request;
pub mod request_status;
pub mod routing;
pub mod shipment;
pub mod sla;
pub mod staff;
pub mod survey;
pub mod validate;
pub mod value;
pub mod wire;

pub use error::{ApiErrorBody, ErrorCode, FieldErrors, FieldIssue, JsonType};
pub use locale::Locale;
