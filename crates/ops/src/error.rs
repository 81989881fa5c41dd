//! The one error type of nabij-ops.

use nabij_notify::NotifyError;
use nabij_store::StoreError;
use thiserror::Error;

/// Everything an operation can fail with. The API maps it to its problem responses
/// (a store error as the store error it is, `Forbidden` as 403).
#[derive(Debug, Error)]
pub enum OpsError {
    /// The database said no (not found, conflict, invalid) or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The caller may not do this (a scope or role a use case needs).
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// A value the caller gave breaks a business rule (e.g. a neighbourhood outside
    /// the ones a coordinator is limited to); the API answers 400 naming the field.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: &'static str,
    },
    /// Refused for the state things are in (409), with a stable code and a detail.
    #[error("conflict: {code}")]
    Conflict { code: &'static str, detail: String },
    /// No such address among the organisation's address points (422), with the nearest
    /// ones (labels only, never positions).
    #[error("unknown address")]
    AddressUnknown {
        suggestions: Vec<nabij_store::address::AddressLabel>,
    },
    /// An import with errors: nothing was written (the transaction is rolled back); the
    /// report lists every finding by row and column.
    #[error("import rejected")]
    ImportRejected(Box<crate::imports::Report>),
    /// A notification could not be enqueued for another reason than the database.
    #[error("notification: {0}")]
    Notify(String),
}

impl From<NotifyError> for OpsError {
    fn from(e: NotifyError) -> Self {
        match e {
            NotifyError::Store(s) => OpsError::Store(s),
            other => OpsError::Notify(other.to_string()),
        }
    }
}

/// Shorthand for the results of operations.
pub type OpsResult<T, E = OpsError> = std::result::Result<T, E>;
