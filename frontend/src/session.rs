//! Who is signed in, shared through context. Checked once at start-up with `/auth/me`; every 401
//! afterwards clears it, which sends the user to the sign-in page.

use leptos::prelude::*;
use schema::auth::Me;
use schema::staff::Role;

use crate::api::{self, ApiError};

/// The session state.
#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<Me>>,
    /// Whether the start-up check has answered.
    pub checked: RwSignal<bool>,
    /// The start-up check could not reach the server.
    pub offline: RwSignal<bool>,
}

impl Session {
    /// Creates the session and starts the `/auth/me` check.
    pub fn start() -> Session {
        let s =
            Session { me: RwSignal::new(None), checked: RwSignal::new(false), offline: RwSignal::new(false) };
        s.refresh();
        s
    }

    /// Re-asks the server who we are.
    pub fn refresh(self) {
        leptos::task::spawn_local(async move {
            match api::me().await {
                Ok(me) => {
                    self.me.set(Some(me));
                    self.offline.set(false);
                }
                Err(ApiError::Offline) => self.offline.set(true),
                Err(_) => self.me.set(None),
            }
            self.checked.set(true);
        });
    }

    /// The signed-in role (tracked).
    pub fn role(&self) -> Option<Role> {
        self.me.with(|m| m.as_ref().map(|m| m.staff.role))
    }

    /// Whether the signed-in role is among `roles` (empty = any).
    pub fn allows(&self, roles: &[Role]) -> bool {
        self.role().is_some_and(|r| roles.is_empty() || roles.contains(&r))
    }

    /// Forgets the user after a 401 (the session ended elsewhere).
    pub fn expire(&self) {
        self.me.set(None);
    }
}

/// The app's session.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
