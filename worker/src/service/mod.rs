//! Rules that more than one entry point applies — staff and portal handlers, the pages the Worker
//! renders, the other resources' handlers — each written once, between the handlers (which parse,
//! call and answer) and the store (which holds the SQL and the rules that are only data).

pub mod customers;
pub mod pickups;
pub mod surveys;
pub mod tracking;
