//! Caller lookup (来电弹屏): one phone number in, everything an agent needs on one screen —
//! the customers it belongs to (their own number or a contact's), their contacts, open service
//! requests and latest shipments, and shipments where the caller is the consignee.

use serde::{Deserialize, Serialize};

use crate::customer::{Contact, CustomerSummary};
use crate::request::ServiceRequest;
use crate::shipment::Shipment;

crate::derive::openapi_derive! {
/// One customer the number belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallerCustomer {
    pub customer: CustomerSummary,
    pub contacts: Vec<Contact>,
    pub open_requests: Vec<ServiceRequest>,
    pub recent_shipments: Vec<Shipment>,
}

/// `GET /api/v1/lookup?phone=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallerLookup {
    /// The number as normalised.
    pub phone: String,
    pub customers: Vec<CallerCustomer>,
    /// Shipments addressed to this number (the caller may be a consignee).
    pub as_consignee: Vec<Shipment>,
}
}
