//! The one error type of the API and its `application/problem+json` body.
//!
//! Every error answers `{type, title, status, detail, code}` (+ `errors` per field for
//! bad input). Language scheme, used everywhere: `title` is a short **Dutch** label fixed
//! per `code` (what a coordinator's screen may show), `detail` is an **English**
//! explanation for the developer of the calling app. `code` is stable: clients branch on
//! it, never on `title` or `detail`. The full list is [`codes::ALL`].
//!
//! Internal causes (store errors, I/O, key handling) are logged with `tracing` and never
//! sent: the client gets an opaque `detail`.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use nabij_store::StoreError;
use serde::Serialize;

/// The stable error codes, as sent in the `code` member.
pub mod codes {
    pub const MALFORMED_JSON: &str = "malformed_json";
    pub const UNKNOWN_FIELD: &str = "unknown_field";
    pub const DUPLICATE_KEY: &str = "duplicate_key";
    pub const UNKNOWN_REFERENCE: &str = "unknown_reference";
    pub const INVALID_VALUE: &str = "invalid_value";
    pub const INVALID_ID: &str = "invalid_id";
    pub const INVALID_REQUEST: &str = "invalid_request";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const INVALID_CREDENTIALS: &str = "invalid_credentials";
    pub const INVALID_CLIENT: &str = "invalid_client";
    pub const UNSUPPORTED_GRANT_TYPE: &str = "unsupported_grant_type";
    pub const FORBIDDEN: &str = "forbidden";
    pub const NOT_FOUND: &str = "not_found";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    pub const CONFLICT: &str = "conflict";
    pub const CAPACITY_REACHED: &str = "capacity_reached";
    pub const REQUEST_NOT_OPEN: &str = "request_not_open";
    pub const IDEMPOTENCY_KEY_IN_FLIGHT: &str = "idempotency_key_in_flight";
    pub const IDEMPOTENCY_KEY_REUSED: &str = "idempotency_key_reused";
    pub const TOO_MANY_REQUESTS: &str = "too_many_requests";
    pub const NOT_READY: &str = "not_ready";
    pub const SERVICE_UNAVAILABLE: &str = "service_unavailable";
    pub const INTERNAL: &str = "internal";
    /// No such address in the organisation's address register (422, with suggestions).
    pub const ADDRESS_UNKNOWN: &str = "address_unknown";

    /// Every code this API sends (further conflict codes from the store, such as
    /// `duplicate`, `request_status`, `match_not_proposed`, `declined_before`,
    /// `already_proposed`, come on top with status 409).
    pub const ALL: &[&str] = &[
        MALFORMED_JSON,
        UNKNOWN_FIELD,
        DUPLICATE_KEY,
        UNKNOWN_REFERENCE,
        INVALID_VALUE,
        INVALID_ID,
        INVALID_REQUEST,
        PAYLOAD_TOO_LARGE,
        UNSUPPORTED_MEDIA_TYPE,
        UNAUTHORIZED,
        INVALID_CREDENTIALS,
        INVALID_CLIENT,
        UNSUPPORTED_GRANT_TYPE,
        FORBIDDEN,
        NOT_FOUND,
        METHOD_NOT_ALLOWED,
        CONFLICT,
        CAPACITY_REACHED,
        REQUEST_NOT_OPEN,
        IDEMPOTENCY_KEY_IN_FLIGHT,
        IDEMPOTENCY_KEY_REUSED,
        TOO_MANY_REQUESTS,
        NOT_READY,
        SERVICE_UNAVAILABLE,
        INTERNAL,
        ADDRESS_UNKNOWN,
    ];
}

/// The problem+json media type.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A complaint about one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field, as a JSON path (`contact.email`), or empty when unknown.
    pub field: String,
    /// A short English explanation.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Bad input (400): `code` is one of the input codes, `errors` may name fields.
    #[error("{detail}")]
    BadRequest {
        code: &'static str,
        detail: String,
        errors: Vec<FieldError>,
    },
    #[error("request body too large")]
    PayloadTooLarge { limit: usize },
    #[error("unsupported media type")]
    UnsupportedMediaType { detail: String },
    /// No token, or a token that does not verify (401, with `WWW-Authenticate`).
    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),
    /// Wrong e-mail or password; the same for both (401).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// Unknown partner app or wrong secret (401).
    #[error("invalid client")]
    InvalidClient,
    #[error("unsupported grant type")]
    UnsupportedGrantType,
    /// A valid token whose role or scopes do not allow this (403).
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// Absent, or belonging to another organisation: both look the same (404).
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A conflict with the current state (409), with a stable code.
    #[error("conflict: {code}")]
    Conflict { code: String, detail: String },
    /// Well-formed but refused for what it means (422), with a stable code.
    #[error("unprocessable: {code}")]
    Unprocessable { code: &'static str, detail: String },
    /// No such address in the organisation's register (422 `address_unknown`); the
    /// body lists the nearest addresses in `suggestions` (labels, never positions).
    #[error("unknown address")]
    AddressUnknown {
        suggestions: Vec<nabij_store::address::AddressLabel>,
    },
    /// An import with errors (422 `import_invalid`): nothing was written; the body lists
    /// every finding in `problems` (row, column, field, code, severity, message).
    #[error("import rejected")]
    ImportRejected {
        detail: String,
        problems: Vec<crate::routes::imports::ProblemOut>,
    },
    /// Throttled (429, with `Retry-After`).
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// `/ready` is not ready (503).
    #[error("not ready: {0}")]
    NotReady(&'static str),
    /// A store failure; mapped by kind, the cause only logged.
    #[error("store error")]
    Store(#[from] StoreError),
    /// Anything unexpected (500); the cause only logged.
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::BadRequest {
            code,
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    /// A 400 `invalid_value` naming one field.
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        let e = FieldError::new(field, message);
        ApiError::BadRequest {
            code: codes::INVALID_VALUE,
            detail: format!("{}: {}", e.field, e.message),
            errors: vec![e],
        }
    }

    /// A 400 `invalid_value` naming several fields.
    pub fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let detail = match errors.as_slice() {
            [e] => format!("{}: {}", e.field, e.message),
            many => format!(
                "one or more fields are invalid: {}",
                many.iter()
                    .map(|e| e.field.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        ApiError::BadRequest {
            code: codes::INVALID_VALUE,
            detail,
            errors,
        }
    }

    pub fn invalid_id() -> Self {
        Self::bad_request(codes::INVALID_ID, "the id in the path is not a valid id")
    }

    /// The stable code of this error.
    pub fn code(&self) -> &str {
        match self {
            ApiError::BadRequest { code, .. } => code,
            ApiError::PayloadTooLarge { .. } => codes::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType { .. } => codes::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unauthorized(_) => codes::UNAUTHORIZED,
            ApiError::InvalidCredentials => codes::INVALID_CREDENTIALS,
            ApiError::InvalidClient => codes::INVALID_CLIENT,
            ApiError::UnsupportedGrantType => codes::UNSUPPORTED_GRANT_TYPE,
            ApiError::Forbidden(_) => codes::FORBIDDEN,
            ApiError::NotFound => codes::NOT_FOUND,
            ApiError::MethodNotAllowed => codes::METHOD_NOT_ALLOWED,
            ApiError::Conflict { code, .. } => code,
            ApiError::Unprocessable { code, .. } => code,
            ApiError::AddressUnknown { .. } => codes::ADDRESS_UNKNOWN,
            ApiError::ImportRejected { .. } => "import_invalid",
            ApiError::TooManyRequests { .. } => codes::TOO_MANY_REQUESTS,
            ApiError::NotReady(_) => codes::NOT_READY,
            ApiError::Store(e) => match e {
                StoreError::NotFound => codes::NOT_FOUND,
                StoreError::Conflict(code) => code,
                StoreError::Invalid(_) => codes::INVALID_VALUE,
                StoreError::UnknownReference(_) => codes::UNKNOWN_REFERENCE,
                e if e.is_unavailable() => codes::SERVICE_UNAVAILABLE,
                _ => codes::INTERNAL,
            },
            ApiError::Internal(_) => codes::INTERNAL,
        }
    }

    /// The English detail sent to the client (never an internal cause).
    fn detail(&self) -> String {
        match self {
            ApiError::BadRequest { detail, .. } => detail.clone(),
            ApiError::PayloadTooLarge { limit } => {
                format!("the request body is larger than {limit} bytes")
            }
            ApiError::UnsupportedMediaType { detail } => detail.clone(),
            ApiError::Unauthorized(why) => (*why).to_string(),
            ApiError::InvalidCredentials => "e-mail address or password is wrong".to_string(),
            ApiError::InvalidClient => "client_id or client_secret is wrong".to_string(),
            ApiError::UnsupportedGrantType => "grant_type must be client_credentials".to_string(),
            ApiError::Forbidden(why) => (*why).to_string(),
            ApiError::NotFound => "no such resource".to_string(),
            ApiError::MethodNotAllowed => "this method is not allowed here".to_string(),
            ApiError::Conflict { detail, .. } => detail.clone(),
            ApiError::Unprocessable { detail, .. } => detail.clone(),
            ApiError::AddressUnknown { suggestions } if suggestions.is_empty() => {
                "no such address in this organisation's address register".to_string()
            }
            ApiError::AddressUnknown { .. } => {
                "no such address in this organisation's address register; see the suggestions".to_string()
            }
            ApiError::ImportRejected { detail, .. } => detail.clone(),
            ApiError::TooManyRequests { retry_after_secs } => {
                format!("too many attempts; try again in {retry_after_secs} s")
            }
            ApiError::NotReady(why) => (*why).to_string(),
            ApiError::Store(StoreError::NotFound) => "no such resource".to_string(),
            ApiError::Store(StoreError::Conflict(code)) => {
                format!("the change conflicts with the current state ({code})")
            }
            ApiError::Store(StoreError::Invalid(msg)) => msg.clone(),
            ApiError::Store(StoreError::UnknownReference(field)) => {
                format!("{field}: {}", unknown_reference(field))
            }
            ApiError::Store(e) if e.is_unavailable() => {
                "the service is temporarily unavailable; try again later".to_string()
            }
            ApiError::Store(_) | ApiError::Internal(_) => "an unexpected error occurred".to_string(),
        }
    }

    fn field_errors(&self) -> Vec<FieldError> {
        match self {
            ApiError::BadRequest { errors, .. } => errors.clone(),
            ApiError::Store(StoreError::UnknownReference(field)) => {
                vec![FieldError::new(*field, unknown_reference(field))]
            }
            _ => Vec::new(),
        }
    }
}

/// What a coordinator reads when a field names something that is not there.
fn unknown_reference(field: &str) -> &'static str {
    match field {
        "neighbourhood_id" => "no such neighbourhood in this organisation",
        "service_id" | "referring_service_id" => "no such service on this organisation's directory",
        "neighbour_id" | "companion_ids" | "from_id" | "to_id" => {
            "no such neighbour in this organisation (or not one you may reach)"
        }
        "request_id" => "no such request in this organisation (or not one you may reach)",
        "match_id" => "no such match in this organisation (or not one you may reach)",
        _ => "refers to something that does not exist in this organisation",
    }
}

/// The Dutch title shown for a code (see the module documentation).
pub fn title(code: &str, status: StatusCode) -> &'static str {
    match code {
        codes::MALFORMED_JSON => "Ongeldige JSON",
        codes::UNKNOWN_FIELD => "Onbekend veld",
        codes::DUPLICATE_KEY => "Dubbel veld",
        codes::UNKNOWN_REFERENCE => "Verwijst naar iets dat niet bestaat",
        codes::INVALID_VALUE => "Ongeldige waarde",
        codes::INVALID_ID => "Ongeldig id",
        codes::INVALID_REQUEST => "Ongeldig verzoek",
        codes::PAYLOAD_TOO_LARGE => "Verzoek te groot",
        codes::UNSUPPORTED_MEDIA_TYPE => "Niet-ondersteund formaat",
        codes::UNAUTHORIZED => "Niet aangemeld",
        codes::INVALID_CREDENTIALS => "Aanmelden mislukt",
        codes::INVALID_CLIENT => "Onbekende toepassing",
        codes::UNSUPPORTED_GRANT_TYPE => "Niet-ondersteund toekenningstype",
        codes::FORBIDDEN => "Geen toegang",
        codes::NOT_FOUND => "Niet gevonden",
        codes::METHOD_NOT_ALLOWED => "Methode niet toegestaan",
        codes::CONFLICT => "Conflict",
        codes::CAPACITY_REACHED => "Geen plaats meer",
        codes::REQUEST_NOT_OPEN => "Vraag staat niet open",
        codes::IDEMPOTENCY_KEY_IN_FLIGHT => "Verzoek nog bezig",
        codes::IDEMPOTENCY_KEY_REUSED => "Sleutel al gebruikt",
        codes::TOO_MANY_REQUESTS => "Te veel pogingen",
        codes::NOT_READY => "Niet klaar",
        codes::SERVICE_UNAVAILABLE => "Tijdelijk niet beschikbaar",
        codes::INTERNAL => "Interne fout",
        codes::ADDRESS_UNKNOWN => "Adres niet gevonden",
        "import_invalid" => "Bestand niet ingevoerd",
        "file_empty" | "file_unreadable" | "file_no_headers" | "file_duplicate_header" | "file_too_large" => {
            "Bestand niet leesbaar"
        }
        _ if status == StatusCode::CONFLICT => "Conflict",
        _ => "Fout",
    }
}

/// The body of every error response.
#[derive(Debug, Serialize)]
pub struct Problem<'a> {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    pub code: &'a str,
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    pub errors: &'a [FieldError],
}

/// Builds a problem+json response.
pub fn problem_response(
    status: StatusCode,
    code: &str,
    detail: String,
    errors: &[FieldError],
) -> HttpResponse {
    let body = Problem {
        type_: format!("https://nabij.invalid/problems/{code}"),
        title: title(code, status),
        status: status.as_u16(),
        detail,
        code,
        errors,
    };
    let json = serde_json::to_string(&body).unwrap_or_else(|_| {
        r#"{"type":"about:blank","title":"Fout","status":500,"code":"internal"}"#.to_string()
    });
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)))
        .body(json)
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } | ApiError::UnsupportedGrantType => StatusCode::BAD_REQUEST,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unauthorized(_) | ApiError::InvalidCredentials | ApiError::InvalidClient => {
                StatusCode::UNAUTHORIZED
            }
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Unprocessable { .. }
            | ApiError::AddressUnknown { .. }
            | ApiError::ImportRejected { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::NotReady(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Store(e) => match e {
                StoreError::NotFound => StatusCode::NOT_FOUND,
                StoreError::Conflict(_) => StatusCode::CONFLICT,
                StoreError::Invalid(_) => StatusCode::BAD_REQUEST,
                StoreError::UnknownReference(_) => StatusCode::UNPROCESSABLE_ENTITY,
                e if e.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            },
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            log_cause(self);
        }
        let mut resp = match self {
            ApiError::AddressUnknown { suggestions } => address_unknown_response(self, suggestions),
            ApiError::ImportRejected { problems, .. } => import_rejected_response(self, problems),
            _ => problem_response(status, self.code(), self.detail(), &self.field_errors()),
        };
        let headers = resp.headers_mut();
        match self {
            ApiError::Unauthorized(_) => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"nabij\""),
                );
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                    headers.insert(header::RETRY_AFTER, v);
                }
            }
            ApiError::Store(e) if e.is_unavailable() => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            _ => {}
        }
        resp
    }
}

/// The 422 of an import with errors: the usual problem members and `problems`.
fn import_rejected_response(err: &ApiError, problems: &[crate::routes::imports::ProblemOut]) -> HttpResponse {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let code = err.code();
    let body = serde_json::json!({
        "type": format!("https://nabij.invalid/problems/{code}"),
        "title": title(code, status),
        "status": status.as_u16(),
        "detail": err.detail(),
        "code": code,
        "problems": problems,
    });
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)))
        .body(body.to_string())
}

/// The 422 of an unknown address: the usual problem members and `suggestions`.
fn address_unknown_response(
    err: &ApiError,
    suggestions: &[nabij_store::address::AddressLabel],
) -> HttpResponse {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let code = err.code();
    let body = serde_json::json!({
        "type": format!("https://nabij.invalid/problems/{code}"),
        "title": title(code, status),
        "status": status.as_u16(),
        "detail": err.detail(),
        "code": code,
        "suggestions": suggestions,
    });
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)))
        .body(body.to_string())
}

/// Enqueueing a notification fails like the change it belongs to: a store error stays a
/// store error (404, 409, 503, …); anything else (a template or payload that cannot be
/// built) is internal.
impl From<nabij_notify::NotifyError> for ApiError {
    fn from(e: nabij_notify::NotifyError) -> Self {
        match e {
            nabij_notify::NotifyError::Store(s) => ApiError::Store(s),
            other => ApiError::Internal(other.into()),
        }
    }
}

/// Logs the whole cause chain of a server-side failure.
fn log_cause(err: &ApiError) {
    let mut chain = String::new();
    let mut source: Option<&dyn std::error::Error> = match err {
        ApiError::Store(e) => Some(e),
        ApiError::Internal(e) => Some(e.as_ref()),
        _ => None,
    };
    while let Some(e) = source {
        if !chain.is_empty() {
            chain.push_str(": ");
        }
        chain.push_str(&e.to_string());
        source = e.source();
    }
    if err.code() == codes::SERVICE_UNAVAILABLE {
        // The database is away (an outage or a restart): every request says so until it
        // is back, so one line each is a warning, not an error to page someone for.
        tracing::warn!(code = err.code(), cause = %chain, "request failed: database unavailable");
    } else {
        tracing::error!(code = err.code(), cause = %chain, "request failed");
    }
}

/// Shorthand for handler results.
pub type ApiResult<T> = Result<T, ApiError>;

/// An operation fails like the change it is: a store error stays a store error, a
/// missing scope is 403, anything else is internal.
impl From<nabij_ops::OpsError> for ApiError {
    fn from(e: nabij_ops::OpsError) -> Self {
        match e {
            nabij_ops::OpsError::Store(s) => ApiError::Store(s),
            nabij_ops::OpsError::Forbidden(why) => ApiError::Forbidden(why),
            nabij_ops::OpsError::Invalid { field, message } => ApiError::invalid_field(field, message),
            nabij_ops::OpsError::AddressUnknown { suggestions } => ApiError::AddressUnknown { suggestions },
            nabij_ops::OpsError::Conflict { code, detail } => ApiError::Conflict {
                code: code.to_string(),
                detail,
            },
            other => ApiError::Internal(other.into()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_titled() {
        let mut seen = std::collections::HashSet::new();
        for c in codes::ALL {
            assert!(seen.insert(*c), "{c} twice");
            assert!(c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{c}");
            assert_ne!(title(c, StatusCode::BAD_REQUEST), "Fout", "{c} has no title");
        }
    }

    #[test]
    fn store_failures_are_opaque_server_errors() {
        let e = ApiError::Store(StoreError::Corrupt("users.role: secret detail".into()));
        assert_eq!(e.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!e.detail().contains("users"));
        let e = ApiError::Store(StoreError::NotFound);
        assert_eq!(e.status_code(), StatusCode::NOT_FOUND);
    }
}
