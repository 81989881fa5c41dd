//! The one error type of the store.
//!
//! `Display` never carries SQL, table names or driver messages: the API may log the
//! whole chain (`source()`), but sends clients only the variant's stable code.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use thiserror::Error;

/// A boxed error from the migration runner.
pub type MigrationError = Box<dyn std::error::Error + Send + Sync>;

/// Driver messages that mean "the database cannot serve right now" (SQLite busy or
/// locked; PostgreSQL shutting down, starting up or terminating the session).
const UNAVAILABLE_MESSAGES: &[&str] = &[
    "database is locked",
    "database table is locked",
    "terminating connection due to administrator command",
    "the database system is shutting down",
    "the database system is starting up",
    "the database system is in recovery mode",
];

/// Everything the store can fail with.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The row does not exist, or belongs to another organisation: both look the same.
    #[error("not found")]
    NotFound,
    /// The change conflicts with the current state; the string is a stable snake_case
    /// code such as `capacity_reached` or `duplicate`.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The input is refused; the string is a short, client-safe explanation.
    #[error("invalid: {0}")]
    Invalid(String),
    /// A field of the input names a row that does not exist, or belongs to another
    /// organisation (e.g. a `neighbourhood_id` in a body); the string is the field. Not
    /// the resource the URL names: that one is [`StoreError::NotFound`].
    #[error("unknown reference: {0}")]
    UnknownReference(&'static str),
    /// Any other database failure. The cause is kept as `source()` for the log only.
    #[error("database error")]
    Database(#[source] DieselError),
    /// No connection could be had from the pool in time.
    #[error("no database connection available")]
    Pool(#[source] diesel::r2d2::PoolError),
    /// The database could not be reached or opened.
    #[error("cannot connect to the database")]
    Connection(#[source] diesel::ConnectionError),
    /// Running the embedded migrations failed.
    #[error("database migration failed")]
    Migration(#[source] MigrationError),
    /// A stored value could not be read back (e.g. a malformed JSON column).
    #[error("stored data is malformed")]
    Corrupt(String),
}

impl From<DieselError> for StoreError {
    fn from(e: DieselError) -> Self {
        match e {
            DieselError::NotFound => StoreError::NotFound,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                StoreError::Conflict("duplicate".to_string())
            }
            DieselError::DeserializationError(cause) => match unknown_text(cause.as_ref()) {
                Some(column) => StoreError::Corrupt(column.to_string()),
                None => StoreError::Database(DieselError::DeserializationError(cause)),
            },
            other => StoreError::Database(other),
        }
    }
}

/// The column of an enumerated text no version wrote, when that is why a row could not
/// be read (diesel may wrap it in a `DeserializeFieldError`).
fn unknown_text(cause: &(dyn std::error::Error + 'static)) -> Option<&'static str> {
    let mut e = Some(cause);
    while let Some(err) = e {
        if let Some(unknown) = err.downcast_ref::<crate::text_enum::UnknownText>() {
            return Some(unknown.column);
        }
        if let Some(field) = err.downcast_ref::<diesel::result::DeserializeFieldError>() {
            if let Some(unknown) = field.error.downcast_ref::<crate::text_enum::UnknownText>() {
                return Some(unknown.column);
            }
        }
        e = err.source();
    }
    None
}

impl From<diesel::r2d2::PoolError> for StoreError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        StoreError::Pool(e)
    }
}

impl From<diesel::ConnectionError> for StoreError {
    fn from(e: diesel::ConnectionError) -> Self {
        StoreError::Connection(e)
    }
}

impl StoreError {
    /// A conflict with a stable code.
    pub fn conflict(code: &str) -> Self {
        StoreError::Conflict(code.to_string())
    }

    /// The database cannot be reached for a reason outside diesel (e.g. a writer thread
    /// that stopped): [`StoreError::is_unavailable`], so 503 for an API.
    pub fn unavailable(why: impl Into<String>) -> Self {
        StoreError::Connection(diesel::ConnectionError::BadConnection(why.into()))
    }

    /// An invalid input with a client-safe message.
    pub fn invalid(msg: impl Into<String>) -> Self {
        StoreError::Invalid(msg.into())
    }

    /// The database is unreachable, overloaded or locked: the caller should answer 503
    /// and may retry later.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Pool(_) | StoreError::Connection(_) => true,
            StoreError::Database(e) => match e {
                DieselError::BrokenTransactionManager => true,
                // The connection broke (the server went away) or could not be written to.
                DieselError::DatabaseError(
                    DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                    _,
                ) => true,
                DieselError::DatabaseError(DatabaseErrorKind::Unknown, info) => {
                    // SQLite reports SQLITE_BUSY/SQLITE_LOCKED only through the message;
                    // PostgreSQL going down or coming up answers with these messages
                    // (57P01, 57P03) before the connection is seen closed.
                    let m = info.message();
                    UNAVAILABLE_MESSAGES.iter().any(|u| m.contains(u))
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// A transient failure of concurrent transactions (PostgreSQL serialization failure
    /// or deadlock); retrying the whole transaction may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            StoreError::Database(DieselError::DatabaseError(
                DatabaseErrorKind::SerializationFailure,
                _
            ))
        ) || self.is_unavailable()
    }

    /// A row looked up for a field of the input that is not there becomes an
    /// [`StoreError::UnknownReference`] to `field`; any other error stays as it is.
    pub fn referring(self, field: &'static str) -> Self {
        match self {
            StoreError::NotFound => StoreError::UnknownReference(field),
            other => other,
        }
    }

    /// A stable snake_case code for problem+json bodies.
    pub fn code(&self) -> &str {
        match self {
            StoreError::NotFound => "not_found",
            StoreError::Conflict(code) => code,
            StoreError::Invalid(_) => "invalid",
            StoreError::UnknownReference(_) => "unknown_reference",
            _ if self.is_unavailable() => "database_unavailable",
            _ => "internal",
        }
    }
}

/// Shorthand for the store's results.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(message: &str) -> StoreError {
        StoreError::from(DieselError::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new(message.to_string()),
        ))
    }

    #[test]
    fn a_database_going_away_is_unavailable_not_internal() {
        for m in [
            "terminating connection due to administrator command",
            "FATAL:  the database system is shutting down",
            "the database system is starting up",
            "database is locked",
        ] {
            assert!(unknown(m).is_unavailable(), "{m}");
            assert_eq!(unknown(m).code(), "database_unavailable", "{m}");
        }
        let e = StoreError::from(DieselError::DatabaseError(
            DatabaseErrorKind::UnableToSendCommand,
            Box::new("server closed the connection unexpectedly".to_string()),
        ));
        assert!(e.is_unavailable());
        assert!(!unknown("division by zero").is_unavailable());
        assert_eq!(unknown("division by zero").code(), "internal");
    }
}
