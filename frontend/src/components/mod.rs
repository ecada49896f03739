//! Pieces reused across pages.

pub mod claim;
pub mod complaint;
pub mod custom_inputs;
pub mod event_form;
pub mod field;
pub mod form;
pub mod layout;
pub mod list_editor;
pub mod nav;
pub mod paged;
pub mod pending;
pub mod pickup;
pub mod request;
pub mod sla;
pub mod states;
pub mod survey;
pub mod update;
