//! Helpers shared by the edit forms: turning validation results and API errors into the inline
//! messages and the banner.

use std::collections::BTreeMap;

use leptos::prelude::*;
use schema::{FieldErrors, Locale};

use crate::api::ApiError;

/// A banner above a form: success or failure text.
#[derive(Clone, Debug, PartialEq)]
pub enum Banner {
    Ok(String),
    Err(String),
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
