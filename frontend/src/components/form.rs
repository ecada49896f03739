//! Helpers shared by the edit forms: turning validation results and API errors into the inline
//! messages and the banner.

use std::collections::BTreeMap;
use std::future::Future;

use leptos::prelude::*;
use schema::{FieldErrors, Locale};

use crate::api::{ApiError, ApiResult};
use crate::i18n::I18n;

/// A banner above a form: success or failure text.
#[derive(Clone, Debug, PartialEq)]
pub enum Banner {
    Ok(String),
    Err(String),
}

/// What every edit form keeps besides its fields: inline messages, the banner, a save in flight.
#[derive(Clone, Copy)]
pub struct FormState {
    pub errors: RwSignal<BTreeMap<String, String>>,
    pub banner: RwSignal<Option<Banner>>,
    pub pending: RwSignal<bool>,
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

impl FormState {
    pub fn new() -> Self {
        FormState {
            errors: RwSignal::new(BTreeMap::new()),
            banner: RwSignal::new(None),
            pending: RwSignal::new(false),
        }
    }

    /// Shows client-side validation issues; `true` when there are none and the save may go ahead.
    pub fn accept<T>(&self, checked: &Result<T, FieldErrors>, locale: Locale) -> bool {
        self.banner.set(None);
        match checked {
            Ok(_) => {
                self.errors.set(BTreeMap::new());
                true
            }
            Err(e) => {
                self.errors.set(local_errors(e, locale));
                false
            }
        }
    }

    /// Shows an API failure: field messages inline, the message in the banner.
    pub fn fail(&self, e: &ApiError, i18n: I18n) {
        let (fields, msg) = api_errors(e, i18n.t().offline_body);
        self.errors.set(fields);
        self.banner.set(Some(Banner::Err(msg)));
    }

    /// Settles an update: on success `fill` the form and say "saved"; on a version conflict fetch
    /// the current record with `reload`, `fill` it and say so (never a silent overwrite); else fail.
    pub async fn settle_update<T, R, Fut>(
        self,
        result: ApiResult<T>,
        i18n: I18n,
        reload: R,
        fill: impl Fn(&T),
    ) where
        R: FnOnce() -> Fut,
        Fut: Future<Output = ApiResult<T>>,
    {
        match result {
            Ok(v) => {
                fill(&v);
                self.banner.set(Some(Banner::Ok(i18n.t().saved.into())));
            }
            Err(ApiError::Conflict(_)) => {
                if let Ok(v) = reload().await {
                    fill(&v);
                }
                self.banner.set(Some(Banner::Err(i18n.t().conflict_reload.into())));
            }
            Err(e) => self.fail(&e, i18n),
        }
        self.pending.set(false);
    }
}

/// Client-side validation issues → messages.
pub fn local_errors(errors: &FieldErrors, locale: Locale) -> BTreeMap<String, String> {
    errors.iter().map(|(k, v)| (k.to_string(), v.message(locale))).collect()
}

/// An API error → field messages (if any) and a banner message.
pub fn api_errors(e: &ApiError, offline_text: &str) -> (BTreeMap<String, String>, String) {
    let fields = match e {
        ApiError::Rejected(b) => b.fields.clone().unwrap_or_default(),
        _ => BTreeMap::new(),
    };
    let msg = match e {
        ApiError::Offline => offline_text.to_string(),
        other => other.message(),
    };
    (fields.into_iter().collect(), msg)
}

/// Renders the banner, if any.
pub fn banner_view(b: RwSignal<Option<Banner>>) -> impl IntoView {
    move || {
        b.get().map(|b| match b {
            Banner::Ok(m) => {
                view! { <div class="banner banner-ok" role="status" data-testid="banner-ok">{m}</div> }
                    .into_any()
            }
            Banner::Err(m) => {
                view! { <div class="banner banner-error" role="alert" data-testid="banner-error">{m}</div> }
                    .into_any()
            }
        })
    }
}

/// Parses an enum from its wire name (as held by a `<select>`).
pub fn parse_enum<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    if s.is_empty() {
        return None;
    }
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

/// The wire name of an enum value.
pub fn enum_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}
