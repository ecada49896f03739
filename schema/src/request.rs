//! Service requests (工单): inquiries (incl. abnormal shipments 不正常查询), complaints, claims,
//! consultations, suggestions and pickup problems; routing between orgs, public replies and
//! internal notes. Their kinds and statuses (and the moves between statuses, defined once for the
//! worker and the front end) are in [`crate::request_status`].

use serde::{Deserialize, Serialize};

pub use crate::request_status::{RequestKind, RequestStatus};
use crate::validate::{optional_text, required_text};
use crate::{FieldErrors, FieldIssue};

crate::derive::openapi_derive! {
/// How a request came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestChannel {
    Portal,
    Phone,
    WalkIn,
    Email,
    /// "Report a problem" on the public tracking page.
    TrackingPage,
    /// Opened by the system (an exception or overdue shipment).
    Automatic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

/// A request as lists and the detail show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceRequest {
    pub id: i64,
    /// SR-20261123-0042.
    pub number: String,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub priority: Priority,
    pub channel: RequestChannel,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub contact_name: String,
    pub contact_phone: String,
    pub waybill_no: Option<String>,
    pub shipment_id: Option<i64>,
    pub subject: String,
    pub description: String,
    pub org_id: i64,
    pub org_name: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub resolved_at: Option<String>,
    /// A complaint's classification (none until classified).
    #[serde(default)]
    pub complaint_target: Option<crate::complaint::ComplaintTarget>,
    #[serde(default)]
    pub complaint_cause: Option<String>,
    #[serde(default)]
    pub severity: Option<crate::complaint::Severity>,
    /// Targets, clock and time left (none when no policy applied).
    #[serde(default, deserialize_with = "crate::de::json_text_opt")]
    pub sla: Option<crate::sla::Sla>,
}

/// Open requests in the caller's reach, per kind and status (the list page's summary).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestCount {
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub n: i64,
}

/// One entry of a request's history: a reply, an internal note, a status change or a hop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestEntry {
    pub id: i64,
    pub at: String,
    /// `reply` (public), `note` (internal), `status`, `forward`, `assign`.
    pub kind: String,
    pub body: String,
    pub author: String,
    /// The customer wrote it (portal), not staff.
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub from_customer: bool,
    pub status: Option<RequestStatus>,
    pub org_name: Option<String>,
}

/// A request with its history, oldest entry first (the portal gets public entries only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub request: ServiceRequest,
    pub entries: Vec<RequestEntry>,
    /// The statuses the request may move to now (for the buttons; the server checks again).
    pub next: Vec<RequestStatus>,
    /// The satisfaction survey, once resolved.
    #[serde(default)]
    pub survey: Option<crate::survey::Survey>,
    /// A claim request's claim, once filed.
    #[serde(default)]
    pub claim: Option<crate::claim::Claim>,
    /// Evidence and other files, oldest first.
    #[serde(default)]
    pub attachments: Vec<crate::attachment::Attachment>,
}

/// A new request: by staff (customer optional, channel given) or from the portal (the caller's
/// customer, channel `portal`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RequestInput {
    #[cfg_attr(feature = "openapi", schemars(with = "RequestKind"))]
    pub kind: Option<RequestKind>,
    #[serde(default)]
    pub customer_id: Option<i64>,
    #[serde(default)]
    pub channel: Option<RequestChannel>,
    #[serde(default)]
    pub priority: Option<Priority>,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub waybill_no: String,
    pub subject: String,
    #[serde(default)]
    pub description: String,
}

/// `POST /api/v1/requests/{id}/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub version: i64,
    pub status: RequestStatus,
    /// Why (required when resolving: the resolution the customer reads).
    #[serde(default)]
    pub note: String,
}

/// `POST /api/v1/requests/{id}/forward`: to another org's queue, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForwardRequest {
    pub version: i64,
    pub org_id: i64,
    pub reason: String,
}

/// `POST /api/v1/requests/{id}/assign` (a colleague) and `…/claim` (oneself; no assignee).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    pub version: i64,
    #[serde(default)]
    pub assignee_id: Option<i64>,
}

/// `POST /api/v1/requests/{id}/messages`: a public reply or (staff only) an internal note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageInput {
    pub body: String,
    /// Staff: `false` for an internal note. The portal always writes public replies.
    #[serde(default = "yes")]
    pub public: bool,
}
}

fn yes() -> bool {
    true
}

impl RequestChannel {}

impl Priority {}

/// A request after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRequest {
    pub kind: RequestKind,
    pub channel: RequestChannel,
    pub priority: Priority,
    pub contact_name: String,
    pub contact_phone: String,
    pub waybill_no: Option<String>,
    pub subject: String,
    pub description: String,
}

impl RequestInput {
    /// Checks every field; `portal` fixes the channel.
    pub fn validate(&self, portal: bool) -> Result<ValidRequest, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut take = |field: &'static str, r: Result<String, FieldIssue>| {
            r.map_err(|e| errors.insert(field, e)).unwrap_or_default()
        };
        let subject = take("subject", required_text(&self.subject, 100));
        let description = take("description", optional_text(&self.description, 4000));
        let contact_name = take("contact_name", optional_text(&self.contact_name, 40));
        let contact_phone = if self.contact_phone.trim().is_empty() {
            String::new()
        } else {
            take("contact_phone", crate::validate::Phone::parse(&self.contact_phone).map(String::from))
        };
        let waybill_no = if self.waybill_no.trim().is_empty() {
            None
        } else {
            Some(take("waybill_no", crate::validate::waybill_no(&self.waybill_no)))
        };
        if self.kind.is_none() {
            errors.insert("kind", FieldIssue::Required);
        }
        let channel = if portal { Some(RequestChannel::Portal) } else { self.channel };
        if channel.is_none() {
            errors.insert("channel", FieldIssue::Required);
        }
        if errors.is_empty() {
            Ok(ValidRequest {
                kind: self.kind.unwrap_or(RequestKind::Inquiry),
                channel: channel.unwrap_or(RequestChannel::Phone),
                priority: self.priority.unwrap_or(Priority::Normal),
                contact_name,
                contact_phone,
                waybill_no,
                subject,
                description,
            })
        } else {
            Err(errors)
        }
    }
}

impl MessageInput {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        required_text(&self.body, 4000).map_err(|e| FieldErrors::from([("body", e)]))
    }
}

crate::wire_names!(RequestChannel, Priority, CannedKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_rules() {
        let e = RequestInput { subject: " ".into(), waybill_no: "x1".into(), ..Default::default() }
            .validate(false)
            .err()
            .unwrap_or_default();
        assert_eq!(e.get("subject"), Some(&FieldIssue::Required));
        assert_eq!(e.get("kind"), Some(&FieldIssue::Required));
        assert_eq!(e.get("channel"), Some(&FieldIssue::Required));
        assert_eq!(e.get("waybill_no"), Some(&FieldIssue::InvalidWaybill));
        let ok = RequestInput {
            kind: Some(RequestKind::Inquiry),
            subject: "两天没有更新".into(),
            waybill_no: "wp 2026 1120 0002".into(),
            ..Default::default()
        }
        .validate(true)
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok.channel, RequestChannel::Portal);
        assert_eq!(ok.waybill_no.as_deref(), Some("WP202611200002"));
        assert_eq!(ok.priority, Priority::Normal);
    }
}

crate::derive::openapi_derive! {
/// Which shipment events open an inquiry by themselves (for VIP and contracted customers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutoRequestSettings {
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub on_exception: bool,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub on_overdue: bool,
}

/// What a canned text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CannedKind {
    /// Inserted into a reply to the customer.
    #[default]
    Reply,
    /// Read out on a call.
    Script,
}

/// A canned reply (inserted into a reply) or a phone script (read out on a call).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CannedReply {
    pub kind: CannedKind,
    pub title: String,
    pub body: String,
}
}

/// Most canned replies and scripts kept.
pub const MAX_CANNED: usize = 200;

/// Checks a whole list (admins replace it as a whole): titles ≤ 40, bodies ≤ 1000.
pub fn validate_canned(rows: &[CannedReply]) -> Result<Vec<CannedReply>, FieldErrors> {
    let mut errors = FieldErrors::new();
    if rows.len() > MAX_CANNED {
        errors.insert("rows", FieldIssue::TooMany { max: MAX_CANNED });
    }
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let title = required_text(&r.title, 40).map_err(|e| errors.entry("title").or_insert(e).clone());
        let body = required_text(&r.body, 1000).map_err(|e| errors.entry("body").or_insert(e).clone());
        if let (Ok(title), Ok(body)) = (title, body) {
            out.push(CannedReply { kind: r.kind, title, body });
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

#[cfg(test)]
mod canned_tests {
    use super::*;

    #[test]
    fn canned_lists_are_checked_as_a_whole() {
        let ok = CannedReply { kind: CannedKind::Script, title: "开场白".into(), body: " 您好 ".into() };
        assert_eq!(validate_canned(std::slice::from_ref(&ok)).map(|v| v[0].body.clone()), Ok("您好".into()));
        let bad = CannedReply { kind: CannedKind::Reply, title: String::new(), body: "x".into() };
        let e = validate_canned(&[ok, bad]).err().unwrap_or_default();
        assert_eq!(e.get("title"), Some(&FieldIssue::Required));
        // The kind is one of two, by its type: anything else does not parse.
        assert!(serde_json::from_str::<CannedReply>(r#"{"kind":"poem","title":"t","body":"b"}"#).is_err());
    }
}
