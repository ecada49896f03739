//! The worker's one error type, and the one place it becomes an HTTP response.
//!
//! Policy: 4xx bodies say what the caller did wrong, in their language, with per-field messages
//! for forms. 5xx bodies are always the generic `internal` message; the cause goes to the log
//! (`wrangler tail`), never to the client.

use schema::{ApiErrorBody, ErrorCode, FieldErrors, FieldIssue, Locale};
use worker::Response;

/// Everything a handler can fail with.
#[derive(Debug)]
pub enum AppError {
    /// A plain error code (status follows from the code).
    Code(ErrorCode),
    /// 422 with per-field issues.
    Validation(FieldErrors),
    /// 409: someone else saved first; carries the version to reload.
    Conflict { current_version: Option<i64> },
    /// 429 with a `Retry-After` in seconds.
    TooMany { retry_after: i64 },
    /// 409 `wrong_state`: the record's status does not allow the move; `allowed` names the ones
    /// that are (shown next to `field`).
    WrongState { field: &'static str, allowed: String },
    /// 422 `invalid_body`: the body parsed as JSON but not as the request's shape; names the
    /// field by its path (`contacts[0].phone`) and what it should have been.
    BadBody { field: String, issue: FieldIssue },
    /// 400 `invalid_query`: a query parameter that reads but names nothing the caller may use
    /// (an org outside their reach answers like one that does not exist).
    BadQuery { field: &'static str, issue: FieldIssue },
    /// 500; the string goes to the log only.
    Internal(String),
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Why a database statement failed, in the terms handlers care about (`store::db` runs
/// them; it is defined here, beside its mapping to [`AppError`], so errors sit below the store).
#[derive(Debug, Clone, PartialEq)]
pub enum DbError {
    /// A UNIQUE constraint failed; carries `table.column` as SQLite names it.
    Unique(String),
    /// The batch guard fired: a version-checked update matched no row.
    VersionConflict,
    /// Anything else: logged, answered as a generic 500.
    Other(String),
}

impl DbError {
    /// Classifies an engine's error message (SQLite and D1 word these the same way).
    pub fn classify(message: &str) -> DbError {
        if message.contains("version_conflict") {
            DbError::VersionConflict
        } else if let Some(rest) = message.split("UNIQUE constraint failed: ").nth(1) {
            DbError::Unique(rest.split([':', ' ', ',']).next().unwrap_or_default().to_string())
        } else {
            DbError::Other(message.to_string())
        }
    }
}

impl From<ErrorCode> for AppError {
    fn from(c: ErrorCode) -> Self {
        AppError::Code(c)
    }
}

impl From<worker::Error> for AppError {
    fn from(e: worker::Error) -> Self {
        AppError::Internal(format!("worker: {e}"))
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            // `staff.phone` → field `phone`: the UNIQUE columns are named as the API names them.
            DbError::Unique(col) => {
                let field = match col.rsplit('.').next().unwrap_or_default() {
                    "phone" => "phone",
                    "email" => "email",
                    "code" => "code",
                    "waybill_no" => "waybill_no",
                    "login" => "login",
                    _ => return AppError::Code(ErrorCode::AlreadyExists),
                };
                AppError::Validation(FieldErrors::from([(field, FieldIssue::Taken)]))
            }
            DbError::VersionConflict => AppError::Conflict { current_version: None },
            DbError::Other(m) => AppError::Internal(format!("db: {m}")),
        }
    }
}

impl AppError {
    /// The version a client sent against the one stored, checked before writing: a mismatch is
    /// 409 with the stored one, so the client can reload.
    pub fn check_version(sent: i64, stored: i64) -> Result<()> {
        if sent == stored { Ok(()) } else { Err(AppError::Conflict { current_version: Some(stored) }) }
    }

    /// 409 `wrong_state`: a request's status does not allow the move; the answer names the
    /// statuses it may move to, in the caller's language.
    pub fn illegal_move(from: schema::request::RequestStatus, locale: Locale) -> AppError {
        let allowed: Vec<&str> = from.next().iter().map(|s| s.label(locale)).collect();
        AppError::WrongState { field: "status", allowed: allowed.join(", ") }
    }

    /// A single-field validation error.
    pub fn field(name: &'static str, issue: FieldIssue) -> AppError {
        AppError::Validation(FieldErrors::from([(name, issue)]))
    }

    /// The response, localized. The only place errors turn into HTTP.
    pub fn into_response(self, locale: Locale) -> Response {
        let (body, retry_after) = match self {
            AppError::Code(code) => (ApiErrorBody::new(code, locale, None), None),
            AppError::Validation(fields) => {
                let code = if fields.values().any(|f| *f == FieldIssue::Taken) {
                    ErrorCode::AlreadyExists
                } else {
                    ErrorCode::ValidationFailed
                };
                let mut body = ApiErrorBody::new(code, locale, Some(&fields));
                // A taken value is a conflict with existing data, but forms still want the field.
                if code == ErrorCode::AlreadyExists {
                    body.message = ErrorCode::AlreadyExists.message(locale).into();
                }
                (body, None)
            }
            AppError::Conflict { current_version } => {
                let mut body = ApiErrorBody::new(ErrorCode::VersionConflict, locale, None);
                body.current_version = current_version;
                (body, None)
            }
            AppError::WrongState { field, allowed } => {
                let mut body = ApiErrorBody::new(ErrorCode::WrongState, locale, None);
                let label = if locale == Locale::ZhCn { "可转为:" } else { "Allowed: " };
                body.fields = Some([(field.to_string(), format!("{label}{allowed}"))].into_iter().collect());
                (body, None)
            }
            AppError::BadBody { field, issue } => {
                let mut body = ApiErrorBody::new(ErrorCode::InvalidBody, locale, None);
                body.fields = Some([(field, issue.message(locale))].into_iter().collect());
                (body, None)
            }
            AppError::BadQuery { field, issue } => {
                let mut body = ApiErrorBody::new(ErrorCode::InvalidQuery, locale, None);
                body.fields = Some([(field.to_string(), issue.message(locale))].into_iter().collect());
                (body, None)
            }
            AppError::TooMany { retry_after } => {
                (ApiErrorBody::new(ErrorCode::TooManyAttempts, locale, None), Some(retry_after))
            }
            AppError::Internal(detail) => {
                worker::console_error!("internal error: {detail}");
                (ApiErrorBody::new(ErrorCode::Internal, locale, None), None)
            }
        };
        let status = body.code.status();
        let mut resp = match Response::from_json(&body) {
            Ok(r) => r.with_status(status),
            Err(_) => Response::error("internal", 500)
                .unwrap_or_else(|_| Response::empty().unwrap_or_else(|_| unreachable_response())),
        };
        if let Some(secs) = retry_after {
            let _ = resp.headers_mut().set("Retry-After", &secs.to_string());
        }
        resp
    }
}

/// Building a bare response cannot fail in practice; this keeps the signature total without a panic.
fn unreachable_response() -> Response {
    Response::builder().with_status(500).empty()
}
