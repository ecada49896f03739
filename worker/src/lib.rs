//! Waypost's API Worker. This file is the entry point and nothing else: it hands each request to
//! the route table and each scheduled event to the sweeps.

pub mod store;
pub mod auth;
pub mod error;
pub mod policy;
