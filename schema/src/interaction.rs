//! The customer timeline: interactions (visits, calls, …) planned or done, with a manager's
//! comment (批复), merged with the customer's lifecycle changes. Later issues add shipments and
//! service requests as further [`TimelineItem`] variants.

use serde::{Deserialize, Serialize};

use crate::validate::{instant, optional_text, required_text};
use crate::{FieldErrors, FieldIssue, Locale};

crate::derive::openapi_derive! {
/// How the firm was in touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    Visit,
    Call,
    Email,
    Sms,
    Meeting,
    Note,
}

/// Planned (a follow-up to do), done, or called off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum InteractionStatus {
    Planned,
    Done,
    Cancelled,
}

/// One interaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    pub kind: InteractionKind,
    pub status: InteractionStatus,
    pub summary: String,
    /// When it is planned for (UTC, RFC 3339).
    pub due_at: Option<String>,
    /// When it happened.
    pub done_at: Option<String>,
    /// Who does / did it.
    pub staff_id: i64,
    pub staff_name: String,
    /// A manager's comment (批复), if any.
    pub comment: String,
    pub comment_by: Option<String>,
    pub comment_at: Option<String>,
    pub version: i64,
    pub created_at: String,
}

/// Log or plan an interaction (`POST`), or change one (`PATCH`, with `version`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct InteractionInput {
    #[serde(default, skip_serializing)]
    pub id: crate::de::ReadOnly<i64>,
    #[serde(default, skip_serializing)]
    pub customer_id: crate::de::ReadOnly<i64>,
    #[serde(default, skip_serializing)]
    pub customer_name: crate::de::ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub contact_name: crate::de::ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub staff_id: crate::de::ReadOnly<i64>,
    #[serde(default, skip_serializing)]
    pub staff_name: crate::de::ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub comment: crate::de::ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub comment_by: crate::de::ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub comment_at: crate::de::ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub created_at: crate::de::ReadOnly<String>,
    #[serde(default)]
    pub version: Option<i64>,
    #[cfg_attr(feature = "openapi", schemars(with = "InteractionKind"))]
    pub kind: Option<InteractionKind>,
    pub status: Option<InteractionStatus>,
    pub summary: String,
    #[serde(default)]
    pub contact_id: Option<i64>,
    /// Required when planned.
    #[serde(default)]
    pub due_at: Option<String>,
    /// When done; now if left out. Never in the future.
    #[serde(default)]
    pub done_at: Option<String>,
}

/// A manager's comment on an interaction (批复).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentInput {
    pub version: i64,
    pub comment: String,
}

/// A lifecycle change, as the timeline shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub id: i64,
    pub from_status: Option<crate::customer::LifecycleStatus>,
    pub to_status: crate::customer::LifecycleStatus,
    pub at: String,
    pub actor_name: String,
}

/// A recorded change to the customer (from the audit log): who did what to which fields — an
/// edit, a hand-over to another owner, a bulk change, a share, a merge. Only field names, never
/// values: the timeline is shown to roles that see identity numbers masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordChange {
    pub id: i64,
    pub at: String,
    pub actor_name: String,
    /// `update`, `handover`, `bulk_update`, `share`, `unshare`, `merge`, `import_merge`.
    pub action: String,
    pub fields: Vec<String>,
}

/// A shipment the customer sent, as its timeline shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipmentEntry {
    pub id: i64,
    pub waybill_no: String,
    pub status: crate::shipment::ShipmentStatus,
    pub dest_region: String,
    /// When the shipment was created.
    pub at: String,
}

/// A service request on its customer's timeline (when it was opened).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestMark {
    pub id: i64,
    pub number: String,
    pub kind: crate::request_status::RequestKind,
    pub status: crate::request_status::RequestStatus,
    pub subject: String,
    pub at: String,
    /// The customer's overall rating (1–5), once they answered the survey.
    #[serde(default)]
    pub rating: Option<i64>,
}

/// One entry of a customer's timeline, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimelineItem {
    Interaction(Box<Interaction>),
    Status(StatusChange),
    Change(RecordChange),
    Shipment(ShipmentEntry),
    Request(RequestMark),
}

/// A page of the timeline; `next_before` fetches older entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelinePage {
    pub items: Vec<TimelineItem>,
    pub next_before: Option<String>,
}
}

impl InteractionKind {
    pub const ALL: [InteractionKind; 6] = [
        InteractionKind::Visit,
        InteractionKind::Call,
        InteractionKind::Email,
        InteractionKind::Sms,
        InteractionKind::Meeting,
        InteractionKind::Note,
    ];

    crate::labels! {
        Visit: "拜访" | "Visit",
        Call: "电话" | "Call",
        Email: "邮件" | "E-mail",
        Sms: "短信" | "SMS",
        Meeting: "会议" | "Meeting",
        Note: "备注" | "Note",
    }
}

impl InteractionStatus {
    pub const ALL: [InteractionStatus; 3] =
        [InteractionStatus::Planned, InteractionStatus::Done, InteractionStatus::Cancelled];

    crate::labels! {
        Planned: "计划" | "Planned",
        Done: "已完成" | "Done",
        Cancelled: "已取消" | "Cancelled",
    }
}

/// An interaction's fields after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidInteraction {
    pub kind: InteractionKind,
    pub status: InteractionStatus,
    pub summary: String,
    pub contact_id: Option<i64>,
    pub due_at: Option<String>,
    /// Set for done interactions (now, when the input leaves it out).
    pub done_at: Option<String>,
}

impl InteractionInput {
    /// Checks the fields against `now` (an [`instant`]): done times may not lie in the future,
    /// planned ones need a due time.
    pub fn validate(&self, now: &str) -> Result<ValidInteraction, FieldErrors> {
        let mut errors = FieldErrors::new();
        let summary = required_text(&self.summary, 1000).map_err(|e| errors.insert("summary", e)).ok();
        let kind = self.kind.ok_or(FieldIssue::Required).map_err(|e| errors.insert("kind", e)).ok();
        let status = self.status.unwrap_or(InteractionStatus::Done);
        let parse = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(instant);
        let due_at = match parse(&self.due_at) {
            Some(Ok(t)) => Some(t),
            Some(Err(e)) => {
                errors.insert("due_at", e);
                None
            }
            None if status == InteractionStatus::Planned => {
                errors.insert("due_at", FieldIssue::Required);
                None
            }
            None => None,
        };
        let done_at = match (status, parse(&self.done_at)) {
            (InteractionStatus::Done, Some(Ok(t))) if t.as_str() > now => {
                errors.insert("done_at", FieldIssue::InFuture);
                None
            }
            (InteractionStatus::Done, Some(Ok(t))) => Some(t),
            (_, Some(Err(e))) => {
                errors.insert("done_at", e);
                None
            }
            (InteractionStatus::Done, None) => Some(now.to_string()),
            _ => None,
        };
        match (summary, kind) {
            (Some(summary), Some(kind)) if errors.is_empty() => {
                Ok(ValidInteraction { kind, status, summary, contact_id: self.contact_id, due_at, done_at })
            }
            _ => Err(errors),
        }
    }
}

/// How a recorded change reads on the timeline.
#[rustfmt::skip]
pub fn change_label(action: &str, locale: Locale) -> &'static str {
    let zh = locale == Locale::ZhCn;
    match action {
        "update" => if zh { "修改了资料" } else { "edited" },
        "handover" => if zh { "移交了客户" } else { "handed over" },
        "bulk_update" => if zh { "批量修改" } else { "bulk change" },
        "share" => if zh { "共享给同事" } else { "shared" },
        "unshare" => if zh { "取消共享" } else { "stopped sharing" },
        "merge" => if zh { "合并了重复客户" } else { "merged a duplicate in" },
        "import_merge" => if zh { "导入时合并" } else { "merged by an import" },
        _ => if zh { "变更" } else { "changed" },
    }
}

/// The name of a changed field for people (customer fields, the owner, shares, merges).
#[rustfmt::skip]
pub fn change_field_label(field: &str, locale: Locale) -> String {
    let zh = locale == Locale::ZhCn;
    let special = match field {
        "owner_id" => Some(if zh { "负责人" } else { "owner" }),
        "shared_with" => Some(if zh { "共享同事" } else { "shared with" }),
        "merged_from" => Some(if zh { "合并来源" } else { "merged from" }),
        "reason" => Some(if zh { "原因" } else { "reason" }),
        "blacklisted" => Some(if zh { "黑名单" } else { "blacklist" }),
        "blacklist_reason" => Some(if zh { "黑名单原因" } else { "blacklist reason" }),
        "arrears" => Some(if zh { "欠款" } else { "arrears" }),
        "custom" => Some(if zh { "自定义字段" } else { "custom fields" }),
        _ => None,
    };
    special
        .or_else(|| Some(crate::import::field_label(field, locale)).filter(|l| !l.is_empty()))
        .unwrap_or(field)
        .to_string()
}

/// Validates a manager's comment.
pub fn comment(raw: &str) -> Result<String, FieldIssue> {
    optional_text(raw, 1000)
}

crate::wire_names!(InteractionKind, InteractionStatus);

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-11-25T06:00:00.000Z";

    #[test]
    fn planned_needs_a_due_time_and_done_defaults_to_now() {
        let planned = InteractionInput {
            kind: Some(InteractionKind::Visit),
            status: Some(InteractionStatus::Planned),
            summary: "季度拜访".into(),
            ..Default::default()
        };
        assert_eq!(
            planned.validate(NOW).err().unwrap_or_default().get("due_at"),
            Some(&FieldIssue::Required)
        );
        let done = InteractionInput {
            kind: Some(InteractionKind::Call),
            summary: "回访".into(),
            ..Default::default()
        };
        let v = done.validate(NOW).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(v.status, InteractionStatus::Done);
        assert_eq!(v.done_at.as_deref(), Some(NOW));
    }

    #[test]
    fn done_in_the_future_and_missing_fields_are_refused() {
        let e = InteractionInput {
            status: Some(InteractionStatus::Done),
            done_at: Some("2027-01-01T00:00Z".into()),
            ..Default::default()
        }
        .validate(NOW)
        .err()
        .unwrap_or_default();
        assert_eq!(e.get("done_at"), Some(&FieldIssue::InFuture));
        assert_eq!(e.get("summary"), Some(&FieldIssue::Required));
        assert_eq!(e.get("kind"), Some(&FieldIssue::Required));
    }
}
