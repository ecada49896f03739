//! Caller lookup over HTTP: a number finds its customer (by a contact's phone), the contacts, the
//! open requests and recent shipments, and parcels addressed to it — within the caller's scope.

use schema::request::{RequestChannel, RequestKind};
use schema::shipment::ShipmentInput;
use waypost_http_tests::{Client, unique, unique_phone};

use crate::helpers::{company_with_contact, request};

#[test]
fn a_number_opens_its_customer_with_requests_and_shipments() {
    let agent = Client::as_role("cs_agent");
    let phone = unique_phone();
    let company = company_with_contact(&format!("来电测试{}有限公司", unique()), "周敏", &phone);
    let customer = agent.customers_create(&company).ok().customer.id;
    let ask = request(RequestKind::Inquiry, RequestChannel::Phone, Some(customer), "询问月结");
    let asked = agent.requests_create(&ask).ok().request.id;
    let waybill = format!("WP{:012}", u64::from(unique()) * 1000 + 9);
    let parcel = ShipmentInput {
        waybill_no: waybill.clone(),
        consignee_name: "周敏".into(),
        consignee_phone: phone.clone(),
        consignee_address: "上海市长宁区 1 号".into(),
        service_code: "standard".into(),
        pieces: 1,
        ..Default::default()
    };
    agent.shipments_create(&parcel).status_is(201);

    let found = agent.lookup_lookup(&[("phone", &phone)]).ok();
    let c = &found.customers[0];
    assert_eq!(c.customer.id, customer);
    assert_eq!(c.contacts[0].name, "周敏");
    assert_eq!(c.open_requests[0].id, asked);
    assert_eq!(found.as_consignee[0].waybill_no, waybill);

    // A sales rep who does not own that customer does not find it.
    let rep = Client::as_role("sales_rep").lookup_lookup(&[("phone", &phone)]).ok();
    assert!(rep.customers.is_empty(), "{rep:?}");
    let bad = agent.lookup_lookup(&[("phone", "12")]);
    assert_eq!((bad.status, bad.code()), (422, "validation_failed"));
}
