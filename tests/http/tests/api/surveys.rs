//! Satisfaction surveys over HTTP: a resolved request invites the customer; they rate it once in
//! the portal (bad scores refused, a second answer 409); staff see the rating; a survey link
//! works without signing in, and a wrong link is 404.

use schema::request::RequestDetail;
use serde_json::json;
use waypost_http_tests::{Client, DEMO_PASSWORD};

pub(crate) fn portal() -> Client {
    let mut c = Client::new();
    let r = c.portal_login("13912345678", DEMO_PASSWORD);
    assert_eq!(r.status, 200, "{}", r.raw);
    c
}

pub(crate) fn resolved_request(customer: &Client, subject: &str) -> RequestDetail {
    let r = customer.post("/api/v1/portal/requests", &json!({"kind": "complaint", "subject": subject}));
    assert_eq!(r.status, 201, "{}", r.raw);
    let id = r.body["request"]["id"].as_i64().unwrap_or_default();
    let agent = Client::as_role("cs_agent");
    let d: RequestDetail = agent.get(&format!("/api/v1/requests/{id}")).json();
    assert!(d.survey.is_none(), "no survey before resolution");
    let r = agent.post(
        &format!("/api/v1/requests/{id}/status"),
        &json!({"version": d.request.version, "status": "resolved", "note": "已补发"}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    r.json()
}

#[test]
fn the_customer_rates_a_resolved_request_once_and_staff_see_it() {
    let customer = portal();
    let d = resolved_request(&customer, &format!("外箱破损 #{}", waypost_http_tests::unique()));
    let id = d.request.id;
    let mine: RequestDetail = customer.get(&format!("/api/v1/portal/requests/{id}")).json();
    assert!(mine.survey.as_ref().is_some_and(|s| s.answered_at.is_none()), "the survey waits for them");
    let r = customer.post(&format!("/api/v1/portal/requests/{id}/survey"), &json!({"overall": 6}));
    assert_eq!(r.status, 422, "{}", r.raw);
    assert!(r.body["fields"]["overall"].is_string());
    let r = customer.post(
        &format!("/api/v1/portal/requests/{id}/survey"),
        &json!({"overall": 4, "speed": 5, "attitude": 4, "outcome": 3, "comment": "处理及时"}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    let again = customer.post(&format!("/api/v1/portal/requests/{id}/survey"), &json!({"overall": 1}));
    assert_eq!((again.status, again.code()), (409, "wrong_state"), "{}", again.raw);
    let staff: RequestDetail = Client::as_role("cs_agent").get(&format!("/api/v1/requests/{id}")).json();
    let s = staff.survey.unwrap_or_default();
    assert_eq!((s.overall, s.outcome, s.comment.as_str()), (Some(4), Some(3), "处理及时"));
    // On the customer's timeline.
    let t = Client::as_role("cs_agent").get("/api/v1/customers/1/timeline?limit=100");
    let item =
        t.body["items"].as_array().into_iter().flatten().find(|i| i["type"] == "request" && i["id"] == id);
    assert_eq!(item.map(|i| i["rating"].clone()), Some(json!(4)), "{}", t.raw);
    // Another customer's request is not theirs to rate.
    let r = customer.post("/api/v1/portal/requests/999999/survey", &json!({"overall": 5}));
    assert_eq!(r.status, 404);
}

/// The token of a request's survey link, read from the invitation among the customer's portal
/// notices (its text carries the link).
pub(crate) fn link_token(customer: &Client, number: &str) -> String {
    let notices = customer.get("/api/v1/portal/notices");
    assert_eq!(notices.status, 200, "{}", notices.raw);
    let body = notices
        .body
        .as_array()
        .into_iter()
        .flatten()
        .filter(|n| n["kind"] == "request_survey")
        .filter_map(|n| n["text"].as_str())
        .find(|t| t.contains(number) && t.contains("/survey/"))
        .map(String::from)
        .unwrap_or_else(|| panic!("no invitation: {}", notices.raw));
    body.rsplit("/survey/").next().unwrap_or_default().chars().take(32).collect()
}

#[test]
fn a_survey_link_works_without_signing_in() {
    let customer = portal();
    let d = resolved_request(&customer, &format!("派送延误 #{}", waypost_http_tests::unique()));
    let token = link_token(&customer, &d.request.number);
    let visitor = Client::new();
    let r = visitor.get(&format!("/api/v1/public/survey/{token}"));
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(r.body["number"], d.request.number.as_str());
    assert!(r.body["survey"]["answered_at"].is_null());
    let r =
        visitor.post(&format!("/api/v1/public/survey/{token}"), &json!({"overall": 5, "comment": "谢谢"}));
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(r.body["survey"]["overall"], 5);
    assert_eq!(visitor.post(&format!("/api/v1/public/survey/{token}"), &json!({"overall": 1})).status, 409);
    assert_eq!(visitor.get("/api/v1/public/survey/0123456789abcdef0123456789abcdef").status, 404);
    assert_eq!(visitor.get("/api/v1/public/survey/not-a-token").status, 404);
}
