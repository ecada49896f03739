//! Satisfaction surveys over HTTP: a resolved request invites the customer; they rate it once in
//! the portal (bad scores refused, a second answer 409); staff see the rating; a survey link
//! works without signing in, and a wrong link is 404.

use schema::interaction::TimelineItem;
use schema::request::{RequestDetail, RequestInput, RequestKind, RequestStatus, StatusChange};
use schema::survey::SurveyInput;
use waypost_http_tests::{Client, DEMO_PASSWORD, unique};

pub(crate) fn portal() -> Client {
    let mut c = Client::new();
    let r = c.portal_login("13912345678", DEMO_PASSWORD);
    assert_eq!(r.status, 200, "{}", r.raw);
    c
}

pub(crate) fn resolved_request(customer: &Client, subject: &str) -> RequestDetail {
    let new =
        RequestInput { kind: Some(RequestKind::Complaint), subject: subject.into(), ..Default::default() };
    let id = customer.portal_requests_create(&new).ok().request.id;
    let agent = Client::as_role("cs_agent");
    let d = agent.requests_get(id).ok();
    assert!(d.survey.is_none(), "no survey before resolution");
    let resolve =
        StatusChange {
            version: d.request.version, status: RequestStatus::Resolved, note: "已补发".into()
        };
    agent.requests_set_status(id, &resolve).ok()
}

fn rating(overall: i64) -> SurveyInput {
    SurveyInput { overall: Some(overall), ..Default::default() }
}

#[test]
fn the_customer_rates_a_resolved_request_once_and_staff_see_it() {
    let customer = portal();
    let d = resolved_request(&customer, &format!("外箱破损 #{}", unique()));
    let id = d.request.id;
    let mine = customer.portal_requests_get(id).ok();
    assert!(mine.survey.as_ref().is_some_and(|s| s.answered_at.is_none()), "the survey waits for them");
    let r = customer.surveys_answer_in_portal(id, &rating(6));
    assert_eq!(r.status, 422, "{}", r.raw);
    assert!(r.body["fields"]["overall"].is_string());
    let full = SurveyInput {
        speed: Some(5),
        attitude: Some(4),
        outcome: Some(3),
        comment: "处理及时".into(),
        ..rating(4)
    };
    customer.surveys_answer_in_portal(id, &full).ok();
    let again = customer.surveys_answer_in_portal(id, &rating(1));
    assert_eq!((again.status, again.code()), (409, "wrong_state"), "{}", again.raw);
    let agent = Client::as_role("cs_agent");
    let s = agent.requests_get(id).ok().survey.unwrap_or_default();
    assert_eq!((s.overall, s.outcome, s.comment.as_str()), (Some(4), Some(3), "处理及时"));
    // On the customer's timeline.
    let t = agent.timeline_timeline(1, &[("limit", "100")]).ok();
    let rated = t.items.iter().find_map(|i| match i {
        TimelineItem::Request(r) if r.id == id => Some(r.rating),
        _ => None,
    });
    assert_eq!(rated, Some(Some(4)), "{t:?}");
    // Another customer's request is not theirs to rate.
    assert_eq!(customer.surveys_answer_in_portal(999_999, &rating(5)).status, 404);
}

/// The token of a request's survey link, read from the invitation among the customer's portal
/// notices (its text carries the link).
pub(crate) fn link_token(customer: &Client, number: &str) -> String {
    let notices = customer.portal_notices().ok();
    let text = notices
        .iter()
        .filter(|n| n.kind == "request_survey")
        .map(|n| n.text.as_str())
        .find(|t| t.contains(number) && t.contains("/survey/"))
        .unwrap_or_else(|| panic!("no invitation: {notices:?}"));
    text.rsplit("/survey/").next().unwrap_or_default().chars().take(32).collect()
}

#[test]
fn a_survey_link_works_without_signing_in() {
    let customer = portal();
    let d = resolved_request(&customer, &format!("派送延误 #{}", unique()));
    let token = link_token(&customer, &d.request.number);
    let visitor = Client::new();
    let view = visitor.surveys_show(&token).ok();
    assert_eq!(view.number, d.request.number);
    assert!(view.survey.answered_at.is_none());
    let answer = SurveyInput { comment: "谢谢".into(), ..rating(5) };
    let answered = visitor.surveys_answer_by_link(&token, &answer).ok();
    assert_eq!(answered.survey.overall, Some(5));
    assert_eq!(visitor.surveys_answer_by_link(&token, &rating(1)).status, 409);
    assert_eq!(visitor.surveys_show("0123456789abcdef0123456789abcdef").status, 404);
    assert_eq!(visitor.surveys_show("not-a-token").status, 404);
}
