//! What a request is about and where it is in its life, with the moves between statuses: the
//! words a request, its SLA clock and the timeline share. They live apart from `request`
//! so that `sla` can use them while a request's summary carries its SLA.

use serde::{Deserialize, Serialize};

crate::derive::openapi_derive! {
/// What a request is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Incl. abnormal-shipment queries (不正常查询).
    Inquiry,
    Complaint,
    Claim,
    Consultation,
    Suggestion,
    PickupProblem,
}

/// Where a request is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    New,
    Assigned,
    InProgress,
    WaitingCustomer,
    WaitingInternal,
    Resolved,
    Closed,
    Reopened,
}
}

impl RequestKind {
    pub const ALL: [RequestKind; 6] = [
        RequestKind::Inquiry,
        RequestKind::Complaint,
        RequestKind::Claim,
        RequestKind::Consultation,
        RequestKind::Suggestion,
        RequestKind::PickupProblem,
    ];

    crate::labels! {
        Inquiry: "查询" | "Inquiry",
        Complaint: "投诉" | "Complaint",
        Claim: "索赔" | "Claim",
        Consultation: "咨询" | "Consultation",
        Suggestion: "建议" | "Suggestion",
        PickupProblem: "取件问题" | "Pickup problem",
    }
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 8] = [
        RequestStatus::New,
        RequestStatus::Assigned,
        RequestStatus::InProgress,
        RequestStatus::WaitingCustomer,
        RequestStatus::WaitingInternal,
        RequestStatus::Resolved,
        RequestStatus::Closed,
        RequestStatus::Reopened,
    ];

    /// The statuses a person may move a request to from this one. `assigned` is reached by
    /// assigning or claiming (which also set the assignee), not by a bare status change.
    pub fn next(self) -> &'static [RequestStatus] {
        use RequestStatus::*;
        match self {
            New | Reopened => &[InProgress, WaitingCustomer, WaitingInternal, Resolved, Closed],
            Assigned => &[InProgress, WaitingCustomer, WaitingInternal, Resolved],
            InProgress => &[WaitingCustomer, WaitingInternal, Resolved],
            WaitingCustomer | WaitingInternal => &[InProgress, Resolved],
            Resolved => &[Closed, Reopened],
            Closed => &[Reopened],
        }
    }

    /// Whether `self → to` is allowed.
    pub fn can_become(self, to: RequestStatus) -> bool {
        self.next().contains(&to)
    }

    /// The statuses in which a request is done with (every other is open).
    pub const DONE: [RequestStatus; 2] = [RequestStatus::Resolved, RequestStatus::Closed];

    /// Still being worked on (counts in queues and lists of open requests).
    pub fn is_open(self) -> bool {
        !Self::DONE.contains(&self)
    }

    crate::labels! {
        New: "新建" | "New",
        Assigned: "已分派" | "Assigned",
        InProgress: "处理中" | "In progress",
        WaitingCustomer: "等待客户" | "Waiting for customer",
        WaitingInternal: "等待内部" | "Waiting internally",
        Resolved: "已解决" | "Resolved",
        Closed: "已关闭" | "Closed",
        Reopened: "已重开" | "Reopened",
    }
}

crate::wire_names!(RequestKind, RequestStatus);

#[cfg(test)]
mod tests {
    use super::*;
    use RequestStatus::*;

    #[test]
    fn every_status_can_leave_and_none_skips_the_rules() {
        for s in RequestStatus::ALL {
            assert!(!s.next().is_empty(), "{s:?} is a dead end");
            assert!(!s.can_become(s), "{s:?} → itself");
            assert!(!s.can_become(Assigned), "assigned only by assigning");
        }
        assert!(!Closed.can_become(InProgress), "a closed request must be reopened first");
        assert!(Resolved.can_become(Reopened) && Closed.can_become(Reopened));
        assert!(WaitingCustomer.can_become(InProgress));
        assert!(!Resolved.is_open() && !Closed.is_open() && Reopened.is_open());
    }
}
