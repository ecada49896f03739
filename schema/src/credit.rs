//! Credit and arrears (客户信用度 / 欠费管理): where a customer stands with its money, and what the
//! firm does about it when it books a pickup — warn, or refuse until it is settled, as an admin
//! sets. One rule for the portal, the phone and the API alike (`service::pickups::book`).

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

crate::derive::openapi_derive! {
/// Owing nothing; owing money (欠款); owing more than the credit limit (超信用额度).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditStanding {
    Clear,
    InArrears,
    OverLimit,
}

/// What a booking does about a customer's debts: only warn (the default), refuse when over the
/// credit limit, or refuse whenever money is owed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CreditPolicy {
    #[default]
    Warn,
    BlockOverLimit,
    BlockArrears,
}

/// The admin's setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CreditSettings {
    pub policy: CreditPolicy,
}
}

crate::wire_names!(CreditStanding, CreditPolicy);

/// A customer's standing from what it owes and its limit (fen; a limit of 0 means none is set,
/// so only "in arrears" applies).
pub fn standing(arrears: i64, credit_limit: i64) -> CreditStanding {
    if arrears <= 0 {
        CreditStanding::Clear
    } else if credit_limit > 0 && arrears > credit_limit {
        CreditStanding::OverLimit
    } else {
        CreditStanding::InArrears
    }
}

/// Whether a booking may go ahead under `policy`: the standing to warn about, or 409
/// `credit_blocked`.
pub fn gate(standing: CreditStanding, policy: CreditPolicy) -> Result<CreditStanding, ErrorCode> {
    use CreditStanding::*;
    match (policy, standing) {
        (CreditPolicy::BlockArrears, InArrears | OverLimit) | (CreditPolicy::BlockOverLimit, OverLimit) => {
            Err(ErrorCode::CreditBlocked)
        }
        _ => Ok(standing),
    }
}

impl CreditStanding {
    crate::labels! {
        Clear: "无欠款" | "Nothing owed",
        InArrears: "有欠款" | "In arrears",
        OverLimit: "已超信用额度" | "Over the credit limit",
    }
}

impl CreditPolicy {
    /// All policies, mildest first.
    pub const ALL: [CreditPolicy; 3] =
        [CreditPolicy::Warn, CreditPolicy::BlockOverLimit, CreditPolicy::BlockArrears];

    crate::labels! {
        Warn: "仅提醒,照常下单" | "Warn only, book as usual",
        BlockOverLimit: "超信用额度时暂停下单" | "Refuse bookings over the credit limit",
        BlockArrears: "有欠款即暂停下单" | "Refuse bookings while anything is owed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CreditStanding::*;

    #[test]
    fn standing_and_gate() {
        assert_eq!(standing(0, 0), Clear);
        assert_eq!(standing(100, 0), InArrears, "no limit set: owing is arrears");
        assert_eq!(standing(100, 100), InArrears, "at the limit is not over it");
        assert_eq!(standing(101, 100), OverLimit);
        assert_eq!(gate(OverLimit, CreditPolicy::Warn), Ok(OverLimit));
        assert_eq!(gate(InArrears, CreditPolicy::BlockOverLimit), Ok(InArrears));
        assert_eq!(gate(OverLimit, CreditPolicy::BlockOverLimit), Err(ErrorCode::CreditBlocked));
        assert_eq!(gate(InArrears, CreditPolicy::BlockArrears), Err(ErrorCode::CreditBlocked));
        assert_eq!(gate(Clear, CreditPolicy::BlockArrears), Ok(Clear));
    }
}
