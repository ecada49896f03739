//! `GET /api/v1/lookup?phone=`: the caller-lookup screen's data in one request.

use schema::lookup::{CallerCustomer, CallerLookup};
use schema::page::PageRequest;
use schema::validate::Phone;
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::requests::{self, RequestFilter};
use crate::store::shipments::{self, ShipmentFilter};
use crate::store::{customers, lookup};

/// Shipments and requests shown per customer.
const RECENT: u32 = 5;

pub async fn lookup(ctx: Ctx) -> Result<Response> {
    let raw = ctx.query("phone").unwrap_or_default();
    let phone: String = Phone::parse(&raw).map_err(|e| AppError::field("phone", e))?.into();
    let db = ctx.db()?;
    let scope = ctx.scope.customers()?;
    let page = PageRequest { limit: RECENT, after: None };
    let mut found = Vec::new();
    for customer in lookup::customers_by_phone(&db, scope, &phone).await? {
        let id = customer.id;
        let contacts = customers::contacts(&db, id).await?;
        let f = RequestFilter { customer_id: Some(id), open: true, ..Default::default() };
        let open_requests = requests::list(&db, ctx.scope.requests()?, &f, page).await?.items;
        let f = ShipmentFilter { customer_id: Some(id), ..Default::default() };
        let recent_shipments = shipments::search(&db, Some(scope), &f, page).await?.items;
        found.push(CallerCustomer { customer, contacts, open_requests, recent_shipments });
    }
    // The same visibility as shipment search: sales staff see their customers' only.
    let f = ShipmentFilter { q: Some(phone.clone()), ..Default::default() };
    let as_consignee = shipments::search(&db, ctx.scope.shipments()?, &f, page).await?.items;
    ctx.ok(&CallerLookup { phone, customers: found, as_consignee })
}
