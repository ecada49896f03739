//! Pieces reused across pages.

pub mod field;
pub mod form;
pub mod layout;
pub mod paged;
pub mod states;
