//! Surveys against SQLite with the real migrations: resolving opens one survey, plans the
//! follow-up call for the customer's owner and invites the opted-in portal users; the survey is
//! answered once; the rating shows on the customer's timeline.

use futures::executor::block_on;
use schema::ids::CustomerId;
use schema::interaction::TimelineItem;
use schema::request::{RequestInput, RequestKind, RequestStatus};
use schema::survey::SurveyInput;

use super::customer_tests::{create, setup};
use super::db::{Db, DbError};
use super::requests::{self, Author, Placement, RequestScope};
use super::surveys;
use crate::store::db::sql;

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn resolving_opens_one_survey_plans_the_follow_up_and_the_answer_counts_once() {
    let db = setup();
    let c = create(&db, "顺达物流", "02100000001", &[], 1);
    super::customer_tests::portal_user(&db, c);
    let v =
        ok(RequestInput {
            kind: Some(RequestKind::Complaint), subject: "破损".into(), ..Default::default()
        }
        .validate(true));
    let at = Placement { org_id: 1, customer_id: Some(c), portal_user_id: None, shipment_id: None };
    let id = ok(block_on(requests::insert(&db, &v, &at, &Author::Customer("张伟".into()))));
    assert_eq!(ok(block_on(surveys::for_request(&db, id))), None, "no survey before resolution");
    let staff = Author::Staff("李娜".into());
    ok(block_on(requests::set_status(&db, id, 1, RequestStatus::Resolved, "已赔付", &staff)));
    let s = ok(block_on(surveys::for_request(&db, id))).unwrap_or_default();
    assert!(s.answered_at.is_none() && !s.created_at.is_empty());
    // The owner (staff 1) has a follow-up call planned for the next day.
    #[derive(serde::Deserialize)]
    struct Planned {
        staff_id: i64,
        summary: String,
        due_at: String,
    }
    let planned: Vec<Planned> = ok(block_on(db.all(sql!(
        "SELECT staff_id, summary, due_at FROM interactions WHERE customer_id = ? AND status = 'planned'",
        c
    ))));
    assert_eq!(planned.len(), 1);
    assert_eq!(planned[0].staff_id, 1);
    assert!(planned[0].summary.starts_with("回访 SR-"), "{}", planned[0].summary);
    assert!(planned[0].due_at > s.created_at && planned[0].due_at.ends_with('Z'), "{}", planned[0].due_at);
    // The portal user is invited (a portal notice with the link's token).
    #[derive(serde::Deserialize)]
    struct Msg {
        params: String,
    }
    let msgs: Vec<Msg> =
        ok(block_on(db.all(sql!("SELECT params FROM outbox WHERE kind = 'request_survey'"))));
    assert_eq!(msgs.len(), 1);
    #[derive(serde::Deserialize)]
    struct Tok {
        token: String,
    }
    let tok: Tok = ok(serde_json::from_str(&msgs[0].params));
    assert!(schema::survey::is_token(&tok.token));
    let by = ok(block_on(surveys::by_token(&db, &tok.token))).map(|b| b.request_id);
    assert_eq!(by, Some(id));
    // Reopened and resolved again: still one survey.
    let v2 = block_on(requests::get(&db, &RequestScope::All, id)).ok().flatten().map_or(0, |r| r.version);
    ok(block_on(requests::set_status(&db, id, v2, RequestStatus::Reopened, "", &staff)));
    ok(block_on(requests::set_status(&db, id, v2 + 1, RequestStatus::Resolved, "已补发", &staff)));
    let n: Vec<Msg> = ok(block_on(db.all(sql!("SELECT params FROM outbox WHERE kind = 'request_survey'"))));
    assert_eq!(n.len(), 1, "one invitation per request and person");
    // Answered once; a second answer is refused and changes nothing.
    let answer = |overall| {
        let v = ok(SurveyInput { overall: Some(overall), speed: Some(4), ..Default::default() }.validate());
        block_on(surveys::answer(&db, id, &v))
    };
    ok(answer(5));
    assert_eq!(answer(1), Err(DbError::VersionConflict));
    let s = ok(block_on(surveys::for_request(&db, id))).unwrap_or_default();
    assert_eq!((s.overall, s.speed), (Some(5), Some(4)));
    let page = ok(block_on(super::interactions::timeline(&db, CustomerId(c), None, 50)));
    let rating = page.items.iter().find_map(|i| match i {
        TimelineItem::Request(r) if r.id == id => Some(r.rating),
        _ => None,
    });
    assert_eq!(rating, Some(Some(5)), "the rating shows on the customer's timeline");
}
