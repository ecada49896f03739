//! Ids whose mix-up would compile as bare integers: where a call names a record by its owner and
//! its own id (`addresses::get(customer, id)`), or names two kinds of record at once
//! (`interactions::create(customer, staff, …)`), the owner's id is one of these types, so swapping
//! the arguments is a type error rather than a record of someone else. On the wire they are plain
//! integers (`serde(transparent)`).

use serde::{Deserialize, Serialize};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

ids! {
    /// A customer (`customers.id`): the owner of addresses, locations, interactions, pickups.
    CustomerId,
    /// A staff member (`staff.id`): who logs an interaction, whose notices are read.
    StaffId,
    /// A service request (`requests.id`): the owner of attachments.
    RequestId,
    /// A portal user (`portal_users.id`): whose notices the portal shows.
    PortalUserId,
}
