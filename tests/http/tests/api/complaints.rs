//! Complaints over HTTP: an agent classifies a complaint (an unknown cause is refused, a stale
//! version loses); marking it severe alerts the supervisor at once; the counts by cause include
//! it; admins edit the causes, others may not; only complaints are classified.

use schema::complaint::{Classification, ComplaintCause, ComplaintTarget, Severity};
use schema::request::{RequestChannel, RequestDetail, RequestInput, RequestKind};
use waypost_http_tests::{Client, unique};

fn request(kind: RequestKind, subject: &str) -> RequestInput {
    crate::helpers::request(kind, RequestChannel::Phone, None, subject)
}

fn classify(version: i64, cause: &str, severity: Severity) -> Classification {
    Classification { version, target: ComplaintTarget::Staff, cause: cause.into(), severity }
}

#[test]
fn a_severe_complaint_is_classified_alerted_and_counted() {
    let agent = Client::as_role("cs_agent");
    let new = request(RequestKind::Complaint, &format!("快递员态度恶劣 #{}", unique()));
    let d: RequestDetail = agent.requests_create(&new).status_is(201).json();
    let (id, v) = (d.request.id, d.request.version);
    let r = agent.complaints_classify(id, &classify(v, "aliens", Severity::Minor));
    assert_eq!(r.status, 422, "{}", r.raw);
    assert!(r.body["fields"]["cause"].is_string());
    let supervisor = Client::as_role("cs_supervisor");
    let unread = || supervisor.sla_unread().ok().n;
    let before = unread();
    let c = agent.complaints_classify(id, &classify(v, "staff_attitude", Severity::Severe)).ok();
    assert_eq!(c.request.complaint_cause.as_deref(), Some("staff_attitude"));
    assert!(unread() > before, "the supervisor is alerted at once");
    let notices = supervisor.sla_notices(&[("limit", "100")]).ok();
    assert!(notices.items.iter().any(|n| n.request_id == id && n.kind == "complaint_alert"), "{notices:?}");
    assert_eq!(agent.complaints_classify(id, &classify(v, "damage", Severity::Minor)).status, 409, "stale");

    let stats = agent.complaints_stats(&[]).ok();
    let n: i64 = stats.iter().filter(|r| r.cause.as_deref() == Some("staff_attitude")).map(|r| r.n).sum();
    assert!(n >= 1, "{stats:?}");
    assert_eq!(agent.complaints_stats(&[("bucket", "year")]).status, 400);
    assert_eq!(agent.complaints_stats(&[("since", "2026-13-01")]).status, 400);

    // Only complaints are classified; only admins edit the causes.
    let other = agent.requests_create(&request(RequestKind::Inquiry, "查件")).ok().request.id;
    let r = agent.complaints_classify(other, &classify(1, "damage", Severity::Minor));
    assert_eq!(r.status, 409, "{}", r.raw);
    let causes = agent.complaints_causes().ok();
    assert!(causes.iter().any(|c| c.code == "hub_delay"), "{causes:?}");
    assert_eq!(agent.complaints_replace_causes(&causes).status, 403);
    let admin = Client::as_role("admin");
    let bad = ComplaintCause {
        code: "Bad Code".into(),
        label_zh: "x".into(),
        label_en: String::new(),
        active: true,
    };
    assert_eq!(admin.complaints_replace_causes(&vec![bad]).status, 422);
    assert_eq!(admin.complaints_causes().ok(), causes, "nothing changed");
}
