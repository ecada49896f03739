//! Claims over HTTP, as the story goes: a customer reports a damaged parcel and adds a
//! photo; an agent files the claim; the agent may not approve above the limit (403), the CS
//! manager does; the agent records the payment; the customer sees it paid. Files of the wrong
//! type (415) or too large (413) are refused and stored nowhere; other callers get 404.

use schema::claim::{ClaimDecision, ClaimInput, ClaimPayment, ClaimStatus, ClaimType};
use schema::request::{RequestChannel, RequestDetail, RequestInput, RequestKind};
use waypost_http_tests::{Client, DEMO_PASSWORD, unique};

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01 a tiny photo of a crushed box";

fn portal() -> Client {
    let mut c = Client::new();
    let r = c.portal_login("13912345678", DEMO_PASSWORD);
    assert_eq!(r.status, 200, "{}", r.raw);
    c
}

fn claim(claim_type: ClaimType, amount: i64) -> ClaimInput {
    ClaimInput { claim_type: Some(claim_type), amount_claimed: Some(amount), version: None }
}

#[test]
fn a_damage_claim_with_a_photo_goes_through_approval_to_paid() {
    let customer = portal();
    let report = RequestInput {
        kind: Some(RequestKind::Claim),
        waybill_no: "WP202611200001".into(),
        subject: format!("外箱压坏 #{}", unique()),
        ..Default::default()
    };
    let id = customer.portal_requests_create(&report).ok().request.id;

    // Evidence: a photo is taken; a script and an oversized file are not, and leave nothing.
    let upload = |bytes: &[u8], content_type: &str| {
        customer.attachments_portal_upload(id, "破损.jpg", content_type, bytes)
    };
    let r = upload(b"<script>alert(1)</script>", "image/jpeg");
    assert_eq!((r.status, r.code()), (415, "unsupported_file_type"), "{}", r.raw);
    let big = vec![0xFFu8; 10 * 1024 * 1024 + 1];
    let r = upload(&big, "image/jpeg");
    assert_eq!((r.status, r.code()), (413, "file_too_large"), "{}", r.raw);
    let kept =
        upload(JPEG, "application/octet-stream").status_is(201).json::<Vec<schema::attachment::Attachment>>();
    assert_eq!(kept.len(), 1, "only the photo is kept: {kept:?}");
    assert_eq!((kept[0].name.as_str(), kept[0].content_type.as_str()), ("破损.jpg", "image/jpeg"));
    let attachment = kept[0].id;
    assert_eq!(customer.attachments_portal_upload(999_999, "x.jpg", "image/jpeg", JPEG).status, 404);

    // Staff open the photo; hub staff (not their org's request) do not see it at all.
    let agent = Client::as_role("cs_agent");
    let file = agent.attachments_staff_download(id, attachment);
    assert_eq!(file.status, 200);
    assert_eq!(file.header("content-type"), Some("image/jpeg"));
    assert_eq!(file.header("content-security-policy"), Some("sandbox"));
    assert_eq!(file.header("x-content-type-options"), Some("nosniff"));
    let hub = Client::as_role("hub_ops");
    assert_eq!(hub.attachments_staff_download(id, attachment).status, 404);
    assert_eq!(customer.attachments_portal_download(id, attachment).status, 200);

    // The agent files the claim; bad amounts are refused.
    assert_eq!(agent.claims_file(id, &claim(ClaimType::Damage, 0)).status, 422);
    let d = agent.claims_file(id, &claim(ClaimType::Damage, 80_000)).ok();
    let filed = d.claim.unwrap_or_else(|| panic!("no claim"));
    assert_eq!((filed.status, filed.waybill_no.as_deref()), (ClaimStatus::Review, Some("WP202611200001")));
    assert_eq!(d.attachments.len(), 1);
    let again = agent.claims_file(id, &claim(ClaimType::Damage, 1));
    assert_eq!(again.status, 409, "filed once: {}", again.raw);

    // ¥800 is above the agents' ¥500: the agent may not approve it, the CS manager may.
    let approve = |amount| ClaimDecision {
        version: filed.version,
        approve: true,
        amount: Some(amount),
        note: String::new(),
    };
    let r = agent.claims_decide(id, &approve(80_000));
    assert_eq!((r.status, r.code()), (403, "over_approval_limit"), "{}", r.raw);
    let r = agent.claims_decide(id, &approve(90_000));
    assert_eq!(r.status, 422, "more than claimed: {}", r.raw);
    let manager = Client::as_role("cs_manager");
    let approved: RequestDetail = manager.claims_decide(id, &approve(80_000)).ok();
    let c = approved.claim.unwrap_or_else(|| panic!("claim"));
    assert_eq!((c.status, c.amount_approved), (ClaimStatus::Approved, Some(80_000)));
    let refuse = ClaimDecision { version: filed.version, approve: false, amount: None, note: "x".into() };
    let stale = manager.claims_decide(id, &refuse);
    assert_eq!(stale.status, 409, "{}", stale.raw);

    let pay = |reference: &str| ClaimPayment { version: c.version, reference: reference.into() };
    assert_eq!(agent.claims_pay(id, &pay(" ")).status, 422);
    agent.claims_pay(id, &pay("网银转账 20261201-88")).ok();

    // The customer sees it paid, with the photo.
    let mine = customer.portal_requests_get(id).ok();
    let c = mine.claim.unwrap_or_else(|| panic!("claim"));
    assert_eq!((c.status, c.amount_approved), (ClaimStatus::Paid, Some(80_000)));
    assert_eq!(mine.attachments.len(), 1);
    // Couriers do not handle claims.
    let courier = Client::as_role("courier");
    assert_eq!(courier.claims_pay(id, &ClaimPayment { version: 1, reference: "x".into() }).status, 403);
}

#[test]
fn a_delay_claim_starts_from_the_waybill() {
    let agent = Client::as_role("cs_agent");
    let new = |kind, waybill: &str, subject: &str| RequestInput {
        kind: Some(kind),
        channel: Some(RequestChannel::Phone),
        customer_id: Some(1),
        waybill_no: waybill.into(),
        subject: subject.into(),
        ..Default::default()
    };
    let id = agent.requests_create(&new(RequestKind::Claim, "WP202611200001", "超时赔付")).ok().request.id;
    let p = agent.claims_prefill(id, &[("type", "delay")]).ok();
    let ship = agent.shipments_search(&[("q", "WP202611200001")]).ok();
    assert_eq!(p.amount_claimed, ship.items[0].fee, "the freight");
    assert_eq!(p.waybill_no, "WP202611200001");
    // Not a claim: no claim to file on it.
    let other = agent.requests_create(&new(RequestKind::Inquiry, "", "查件")).ok().request.id;
    let r = agent.claims_file(other, &claim(ClaimType::Delay, 100));
    assert_eq!(r.status, 409, "{}", r.raw);
}
