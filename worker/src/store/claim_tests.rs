//! Claims and attachment records against SQLite with the real migrations: filed once, corrected
//! only in review, decided once (version-checked), paid only when approved, the customer told at
//! each decision; at most 20 attachments per request.

use futures::executor::block_on;
use schema::claim::{ClaimStatus, ClaimType, ValidClaim, ValidDecision};
use schema::ids::RequestId;
use schema::request::{RequestInput, RequestKind};

use super::attachments::{self, NewAttachment};
use super::claims;
use super::customer_tests::{actor, create, setup};
use super::db::{Db, DbError};
use super::requests::{self, Author, Placement};
use crate::store::db::sql;

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn a_claim_is_filed_once_decided_once_and_paid_when_approved() {
    let db = setup();
    let c = create(&db, "顺达物流", "02100000001", &[], 1);
    super::customer_tests::portal_user(&db, c);
    let v =
        ok(RequestInput {
            kind: Some(RequestKind::Claim), subject: "外箱破损".into(), ..Default::default()
        }
        .validate(true));
    let at = Placement { org_id: 1, customer_id: Some(c), portal_user_id: None, shipment_id: None };
    let id = ok(block_on(requests::insert(&db, &v, &at, &Author::Customer("张伟".into()))));
    let claim = ValidClaim { claim_type: ClaimType::Damage, amount_claimed: 35_000 };
    ok(block_on(claims::file(&db, id, Some("WP202611200001"), &claim, &actor())));
    assert!(matches!(block_on(claims::file(&db, id, None, &claim, &actor())), Err(DbError::Unique(_))));
    let more = ValidClaim { amount_claimed: 40_000, ..claim };
    assert_eq!(block_on(claims::amend(&db, id, 7, &more, &actor())), Err(DbError::VersionConflict));
    ok(block_on(claims::amend(&db, id, 1, &more, &actor())));
    // Paying before approval changes nothing.
    assert_eq!(block_on(claims::pay(&db, id, 2, "转账 001", &actor())), Err(DbError::VersionConflict));
    let approve = ValidDecision::Approve { amount: 30_000, note: String::new() };
    ok(block_on(claims::decide(&db, id, 2, &approve, &actor())));
    let reject = ValidDecision::Reject { note: "重复".into() };
    assert_eq!(
        block_on(claims::decide(&db, id, 3, &reject, &actor())),
        Err(DbError::VersionConflict),
        "decided once"
    );
    ok(block_on(claims::pay(&db, id, 3, "转账 001", &actor())));
    let got = ok(block_on(claims::get(&db, id))).unwrap_or_else(|| panic!("claim"));
    assert_eq!(
        (got.status, got.amount_claimed, got.amount_approved),
        (ClaimStatus::Paid, 40_000, Some(30_000))
    );
    assert_eq!(got.paid_ref.as_deref(), Some("转账 001"));
    #[derive(serde::Deserialize)]
    struct M {
        params: String,
    }
    let told: Vec<M> =
        ok(block_on(db.all(sql!("SELECT params FROM outbox WHERE kind = 'claim_update' ORDER BY id"))));
    assert_eq!(told.len(), 2, "approved, then paid");
    assert!(told[0].params.contains("\"amount\":30000"), "{}", told[0].params);
    assert_eq!(ok(block_on(claims::agent_limit(&db))), 50_000);
}

#[test]
fn a_request_holds_at_most_twenty_attachments() {
    let db = setup();
    let v =
        ok(RequestInput { kind: Some(RequestKind::Claim), subject: "破损".into(), ..Default::default() }
            .validate(true));
    let at = Placement { org_id: 1, customer_id: None, portal_user_id: None, shipment_id: None };
    let id = ok(block_on(requests::insert(&db, &v, &at, &Author::Customer("张伟".into()))));
    for i in 0..21 {
        let key = format!("req/{id}/{i}");
        let a = NewAttachment {
            request_id: RequestId(id),
            r2_key: &key,
            name: "破损.jpg",
            content_type: "image/jpeg",
            size: 1000,
            from_customer: true,
            uploaded_by: "张伟",
        };
        let r = block_on(attachments::add(&db, &a));
        assert_eq!(r.is_ok(), i < 20, "attachment {i}: {r:?}");
    }
    let list = ok(block_on(attachments::list(&db, RequestId(id))));
    assert_eq!(list.len(), 20);
    assert!(list[0].from_customer && list[0].name == "破损.jpg");
    let one = ok(block_on(attachments::get(&db, RequestId(id), list[0].id))).map(|s| s.r2_key);
    assert_eq!(one.as_deref(), Some(format!("req/{id}/0").as_str()));
    assert!(
        ok(block_on(attachments::get(&db, RequestId(id + 1), list[0].id))).is_none(),
        "only through its request"
    );
}
