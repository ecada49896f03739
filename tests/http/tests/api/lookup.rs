//! Caller lookup over HTTP: a number finds its customer (by a contact's phone), the contacts, the
//! open requests and recent shipments, and parcels addressed to it — within the caller's scope.

use serde_json::json;
use waypost_http_tests::{Client, unique, unique_phone};

#[test]
fn a_number_opens_its_customer_with_requests_and_shipments() {
    let agent = Client::as_role("cs_agent");
    let phone = unique_phone();
    let r = agent.post(
        "/api/v1/customers",
        &json!({"kind": "company", "name": format!("来电测试{}有限公司", unique()), "city": "上海市",
                "contacts": [{"name": "周敏", "phone": phone, "is_primary": true}]}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let customer = r.body["customer"]["id"].as_i64().unwrap_or_default();
    let r = agent.post(
        "/api/v1/requests",
        &json!({"kind": "inquiry", "channel": "phone", "customer_id": customer, "subject": "询问月结"}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let request = r.body["request"]["id"].as_i64().unwrap_or_default();
    let waybill = format!("WP{:012}", u64::from(unique()) * 1000 + 9);
    let r = agent.post(
        "/api/v1/shipments",
        &json!({"waybill_no": waybill, "consignee_name": "周敏", "consignee_phone": phone,
                "consignee_address": "上海市长宁区 1 号", "service_code": "standard"}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);

    let found = agent.get(&format!("/api/v1/lookup?phone={phone}"));
    assert_eq!(found.status, 200, "{}", found.raw);
    let c = &found.body["customers"][0];
    assert_eq!(c["customer"]["id"], customer);
    assert_eq!(c["contacts"][0]["name"], "周敏");
    assert_eq!(c["open_requests"][0]["id"], request);
    assert_eq!(found.body["as_consignee"][0]["waybill_no"], waybill.as_str());

    // A sales rep who does not own that customer does not find it.
    let rep = Client::as_role("sales_rep").get(&format!("/api/v1/lookup?phone={phone}"));
    assert_eq!(rep.status, 200);
    assert_eq!(rep.body["customers"], json!([]));
    let bad = agent.get("/api/v1/lookup?phone=12");
    assert_eq!((bad.status, bad.code()), (422, "validation_failed"));
}
