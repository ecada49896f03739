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
    /// Creates the session and starts the `/auth/me` check — except on the sign-in page of a
    /// device nobody is remembered on (signed out, or never signed in): there the answer would
    /// be a 401, logged in the console of every visitor. Anywhere else the cookie decides.
    pub fn start() -> Session {
        let s =
            Session { me: RwSignal::new(None), checked: RwSignal::new(false), offline: RwSignal::new(false) };
        let on_login =
            web_sys::window().and_then(|w| w.location().pathname().ok()).is_some_and(|p| p == "/login");
        if on_login && remembered().is_none() {
            s.checked.set(true);
        } else {
            s.refresh();
        }
        s
    }

    /// Re-asks the server who we are.
    pub fn refresh(self) {
        leptos::task::spawn_local(async move {
            match api::me().await {
                Ok(me) => {
                    remember(Some(&me));
                    self.me.set(Some(me));
                    self.offline.set(false);
                }
                // Opened without signal (a courier in a basement): carry on as the last person
                // signed in on this device; the first request that reaches the server decides.
                Err(ApiError::Offline) => {
                    self.offline.set(true);
                    if let Some(me) = remembered() {
                        self.me.set(Some(me));
                    }
                }
                Err(_) => {
                    remember(None);
                    self.me.set(None);
                }
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

    /// Signed in (the login's answer).
    pub fn signed_in(&self, me: Me) {
        remember(Some(&me));
        self.me.set(Some(me));
        self.offline.set(false);
    }

    /// Forgets the user after a 401 (the session ended elsewhere).
    pub fn expire(&self) {
        remember(None);
        self.me.set(None);
    }
}

/// The app's session.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

const REMEMBERED: &str = "waypost.me";

/// Keeps (or forgets) who is signed in on this device: name, role and org — what the shell needs
/// to open offline. The session itself stays in its HttpOnly cookie.
fn remember(me: Option<&Me>) {
    let Some(store) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else { return };
    let _ = match me.and_then(|m| serde_json::to_string(m).ok()) {
        Some(text) => store.set_item(REMEMBERED, &text),
        None => store.remove_item(REMEMBERED),
    };
}

fn remembered() -> Option<Me> {
    let store = web_sys::window()?.local_storage().ok().flatten()?;
    serde_json::from_str(&store.get_item(REMEMBERED).ok().flatten()?).ok()
}
