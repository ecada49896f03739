//! Complaints over HTTP: an agent classifies a complaint (an unknown cause is refused, a stale
//! version loses); marking it severe alerts the supervisor at once; the counts by cause include
//! it; admins edit the causes, others may not; only complaints are classified.

use schema::request::RequestDetail;
use serde_json::json;
use waypost_http_tests::Client;

#[test]
fn a_severe_complaint_is_classified_alerted_and_counted() {
    let agent = Client::as_role("cs_agent");
    let r = agent.post(
        "/api/v1/requests",
        &json!({"kind": "complaint", "channel": "phone", "subject": format!("快递员态度恶劣 #{}", waypost_http_tests::unique())}),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    let d: RequestDetail = r.json();
    let path = format!("/api/v1/requests/{}/complaint", d.request.id);
    let body = |version: i64, cause: &str, severity: &str| json!({"version": version, "target": "staff", "cause": cause, "severity": severity});
    let r = agent.send("PUT", &path, &body(d.request.version, "aliens", "minor"));
    assert_eq!(r.status, 422, "{}", r.raw);
    assert!(r.body["fields"]["cause"].is_string());
    let supervisor = Client::as_role("cs_supervisor");
    let unread = || supervisor.get("/api/v1/notices/unread").body["n"].as_i64().unwrap_or(-1);
    let before = unread();
    let r = agent.send("PUT", &path, &body(d.request.version, "staff_attitude", "severe"));
    assert_eq!(r.status, 200, "{}", r.raw);
    let c: RequestDetail = r.json();
    assert_eq!(c.request.complaint_cause.as_deref(), Some("staff_attitude"));
    assert!(unread() > before, "the supervisor is alerted at once");
    let notices = supervisor.get("/api/v1/notices?limit=100");
    assert!(
        notices.body["items"].as_array().is_some_and(|a| a
            .iter()
            .any(|n| n["request_id"] == d.request.id && n["kind"] == "complaint_alert")),
        "{}",
        notices.raw
    );
    assert_eq!(agent.send("PUT", &path, &body(d.request.version, "damage", "minor")).status, 409, "stale");

    let stats = agent.get("/api/v1/complaints/stats");
    assert_eq!(stats.status, 200, "{}", stats.raw);
    let n = stats
        .body
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["cause"] == "staff_attitude")
        .filter_map(|r| r["n"].as_i64())
        .sum::<i64>();
    assert!(n >= 1, "{}", stats.raw);
    assert_eq!(agent.get("/api/v1/complaints/stats?bucket=year").status, 400);
    assert_eq!(agent.get("/api/v1/complaints/stats?since=2026-13-01").status, 400);

    // Only complaints are classified; only admins edit the causes.
    let inquiry =
        agent.post("/api/v1/requests", &json!({"kind": "inquiry", "channel": "phone", "subject": "查件"}));
    let other = inquiry.body["request"]["id"].as_i64().unwrap_or_default();
    let r = agent.send("PUT", &format!("/api/v1/requests/{other}/complaint"), &body(1, "damage", "minor"));
    assert_eq!(r.status, 409, "{}", r.raw);
    let causes = agent.get("/api/v1/complaint-causes");
    assert!(causes.raw.contains("hub_delay"), "{}", causes.raw);
    assert_eq!(agent.send("PUT", "/api/v1/complaint-causes", &causes.body).status, 403);
    let admin = Client::as_role("admin");
    let bad = json!([{"code": "Bad Code", "label_zh": "x", "label_en": ""}]);
    assert_eq!(admin.send("PUT", "/api/v1/complaint-causes", &bad).status, 422);
    assert_eq!(admin.get("/api/v1/complaint-causes").raw, causes.raw, "nothing changed");
}
