//! The tabs of the customer detail page, one component each.

mod contacts;
mod locations;
mod portal;
mod timeline;
mod value;

pub use contacts::ContactsTab;
pub use locations::LocationsTab;
pub use portal::PortalTab;
pub use timeline::{TimelineTab, to_instant};
pub use value::ValueTab;
