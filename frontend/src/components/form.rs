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

/// An edit page's record, named by the path's `id` (none on a "new" page): whenever the id
/// changes, and on [`PathRecord::retry`], `load(id)` fetches what the page shows and fills its
/// fields; `state` is `None` while that runs, then how it went (the page's loading and error
/// states). The org, staff and customer forms share it.
#[derive(Clone, Copy)]
pub struct PathRecord {
    raw: Memo<Option<String>>,
    pub state: RwSignal<Option<Result<(), ApiError>>>,
    run: Callback<Option<i64>>,
}

impl PathRecord {
    pub fn new<F>(load: impl Fn(Option<i64>) -> F + Copy + Send + Sync + 'static) -> PathRecord
    where
        F: Future<Output = Result<(), ApiError>> + 'static,
    {
        let params = crate::router::use_params_map();
        let raw = Memo::new(move |_| params.with(|p| p.get("id")));
        let state = RwSignal::new(None);
        let run = Callback::new(move |id: Option<i64>| {
            state.set(None);
            leptos::task::spawn_local(async move { state.set(Some(load(id).await)) });
        });
        let record = PathRecord { raw, state, run };
        Effect::new(move |_| run.run(record.id()));
        record
    }

    /// The record's id (tracked).
    pub fn id(&self) -> Option<i64> {
        self.raw.with(|r| r.as_deref().and_then(|s| s.parse().ok()))
    }

    /// A "new" page: no id in the path at all (tracked).
    pub fn is_new(&self) -> bool {
        self.raw.with(Option::is_none)
    }

    /// Loads again (the error state's retry).
    pub fn retry(&self) {
        self.run.run(self.raw.with_untracked(|r| r.as_deref().and_then(|s| s.parse().ok())));
    }

    /// The page as the record's state says: loading, the error with a retry, or `ready()`.
    pub fn view(self, ready: impl Fn() -> AnyView) -> AnyView {
        use crate::components::states::{ErrorState, Loading};
        match self.state.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorState error=e retry=move |_| self.retry()/> }.into_any(),
            Some(Ok(())) => ready(),
        }
    }
}
