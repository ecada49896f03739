//! Claims over HTTP, as the story goes: a customer reports a damaged parcel and adds a
//! photo; an agent files the claim; the agent may not approve above the limit (403), the CS
//! manager does; the agent records the payment; the customer sees it paid. Files of the wrong
//! type (415) or too large (413) are refused and stored nowhere; other callers get 404.

use schema::claim::ClaimStatus;
use schema::request::RequestDetail;
use serde_json::json;
use waypost_http_tests::{Client, DEMO_PASSWORD};

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01 a tiny photo of a crushed box";

fn portal() -> Client {
    let mut c = Client::new();
    let r = c.portal_login("13912345678", DEMO_PASSWORD);
    assert_eq!(r.status, 200, "{}", r.raw);
    c
}

fn upload(c: &Client, path: &str, bytes: &[u8], content_type: &str) -> waypost_http_tests::Resp {
    c.request("POST", path, Some(bytes), &[("Content-Type", content_type)])
}

#[test]
fn a_damage_claim_with_a_photo_goes_through_approval_to_paid() {
    let customer = portal();
    let r = customer.post(
        "/api/v1/portal/requests",
        &json!({"kind": "claim", "waybill_no": "WP202611200001", "subject": format!("外箱压坏 #{}", waypost_http_tests::unique())}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let id = r.body["request"]["id"].as_i64().unwrap_or_default();

    // Evidence: a photo is taken; a script and an oversized file are not, and leave nothing.
    let path = format!("/api/v1/portal/requests/{id}/attachments?name=%E7%A0%B4%E6%8D%9F.jpg");
    let r = upload(&customer, &path, b"<script>alert(1)</script>", "image/jpeg");
    assert_eq!((r.status, r.code()), (415, "unsupported_file_type"), "{}", r.raw);
    let big = vec![0xFFu8; 10 * 1024 * 1024 + 1];
    let r = upload(&customer, &path, &big, "image/jpeg");
    assert_eq!((r.status, r.code()), (413, "file_too_large"), "{}", r.raw);
    let r = upload(&customer, &path, JPEG, "application/octet-stream");
    assert_eq!(r.status, 201, "{}", r.raw);
    assert_eq!(r.body.as_array().map(Vec::len), Some(1), "only the photo is kept: {}", r.raw);
    assert_eq!(
        (r.body[0]["name"].as_str(), r.body[0]["content_type"].as_str()),
        (Some("破损.jpg"), Some("image/jpeg"))
    );
    let attachment = r.body[0]["id"].as_i64().unwrap_or_default();
    assert_eq!(
        upload(&customer, "/api/v1/portal/requests/999999/attachments", JPEG, "image/jpeg").status,
        404
    );

    // Staff open the photo; hub staff (not their org's request) do not see it at all.
    let agent = Client::as_role("cs_agent");
    let file = agent.get(&format!("/api/v1/requests/{id}/attachments/{attachment}"));
    assert_eq!(file.status, 200);
    assert_eq!(file.header("content-type"), Some("image/jpeg"));
    assert_eq!(file.header("content-security-policy"), Some("sandbox"));
    assert_eq!(file.header("x-content-type-options"), Some("nosniff"));
    let hub = Client::as_role("hub_ops");
    assert_eq!(hub.get(&format!("/api/v1/requests/{id}/attachments/{attachment}")).status, 404);
    assert_eq!(customer.get(&format!("/api/v1/portal/requests/{id}/attachments/{attachment}")).status, 200);

    // The agent files the claim; bad amounts are refused.
    let r = agent.send(
        "PUT",
        &format!("/api/v1/requests/{id}/claim"),
        &json!({"claim_type": "damage", "amount_claimed": 0}),
    );
    assert_eq!(r.status, 422, "{}", r.raw);
    let r = agent.send(
        "PUT",
        &format!("/api/v1/requests/{id}/claim"),
        &json!({"claim_type": "damage", "amount_claimed": 80000}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    let d: RequestDetail = r.json();
    let claim = d.claim.unwrap_or_else(|| panic!("no claim: {}", r.raw));
    assert_eq!((claim.status, claim.waybill_no.as_deref()), (ClaimStatus::Review, Some("WP202611200001")));
    assert_eq!(d.attachments.len(), 1);
    let again = agent.send(
        "PUT",
        &format!("/api/v1/requests/{id}/claim"),
        &json!({"claim_type": "damage", "amount_claimed": 1}),
    );
    assert_eq!(again.status, 409, "filed once: {}", again.raw);

    // ¥800 is above the agents' ¥500: the agent may not approve it, the CS manager may.
    let decide =
        |c: &Client, body: serde_json::Value| c.post(&format!("/api/v1/requests/{id}/claim/decide"), &body);
    let r = decide(&agent, json!({"version": claim.version, "approve": true, "amount": 80000}));
    assert_eq!((r.status, r.code()), (403, "over_approval_limit"), "{}", r.raw);
    let r = decide(&agent, json!({"version": claim.version, "approve": true, "amount": 90000}));
    assert_eq!(r.status, 422, "more than claimed: {}", r.raw);
    let manager = Client::as_role("cs_manager");
    let r = decide(&manager, json!({"version": claim.version, "approve": true, "amount": 80000}));
    assert_eq!(r.status, 200, "{}", r.raw);
    let approved: RequestDetail = r.json();
    let c = approved.claim.unwrap_or_else(|| panic!("claim"));
    assert_eq!((c.status, c.amount_approved), (ClaimStatus::Approved, Some(80000)));
    let stale = decide(&manager, json!({"version": claim.version, "approve": false, "note": "x"}));
    assert_eq!(stale.status, 409, "{}", stale.raw);

    let pay = |body: serde_json::Value| agent.post(&format!("/api/v1/requests/{id}/claim/pay"), &body);
    assert_eq!(pay(json!({"version": c.version, "reference": " "})).status, 422);
    let r = pay(json!({"version": c.version, "reference": "网银转账 20261201-88"}));
    assert_eq!(r.status, 200, "{}", r.raw);

    // The customer sees it paid, with the photo.
    let mine: RequestDetail = customer.get(&format!("/api/v1/portal/requests/{id}")).json();
    let c = mine.claim.unwrap_or_else(|| panic!("claim"));
    assert_eq!((c.status, c.amount_approved), (ClaimStatus::Paid, Some(80000)));
    assert_eq!(mine.attachments.len(), 1);
    // Couriers do not handle claims.
    let courier = Client::as_role("courier");
    assert_eq!(
        courier
            .post(&format!("/api/v1/requests/{id}/claim/pay"), &json!({"version": 1, "reference": "x"}))
            .status,
        403
    );
}

#[test]
fn a_delay_claim_starts_from_the_waybill() {
    let agent = Client::as_role("cs_agent");
    let r = agent.post(
        "/api/v1/requests",
        &json!({"kind": "claim", "channel": "phone", "customer_id": 1, "waybill_no": "WP202611200001", "subject": "超时赔付"}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let id = r.body["request"]["id"].as_i64().unwrap_or_default();
    let p = agent.get(&format!("/api/v1/requests/{id}/claim/prefill?type=delay"));
    assert_eq!(p.status, 200, "{}", p.raw);
    let ship = agent.get("/api/v1/shipments?q=WP202611200001");
    let fee = ship.body["items"][0]["fee"].as_i64();
    assert_eq!(p.body["amount_claimed"].as_i64(), fee, "the freight: {}", ship.raw);
    assert_eq!(p.body["waybill_no"], "WP202611200001");
    // Not a claim: no claim to file on it.
    let inquiry =
        agent.post("/api/v1/requests", &json!({"kind": "inquiry", "channel": "phone", "subject": "查件"}));
    let other = inquiry.body["request"]["id"].as_i64().unwrap_or_default();
    let r = agent.send(
        "PUT",
        &format!("/api/v1/requests/{other}/claim"),
        &json!({"claim_type": "delay", "amount_claimed": 100}),
    );
    assert_eq!(r.status, 409, "{}", r.raw);
}
