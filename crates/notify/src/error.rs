//! The one error type of nabij-notify.

use nabij_store::StoreError;
use thiserror::Error;

/// Everything notification can fail with.
#[derive(Debug, Error)]
pub enum NotifyError {
    /// The database failed; see [`StoreError`].
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The mail settings are unusable (bad address, missing host, …).
    #[error("invalid mail settings: {0}")]
    Config(String),
    /// A stored message cannot be turned into an e-mail (unknown template, malformed
    /// payload, invalid recipient). Retrying cannot help: such a message goes `dead`.
    #[error("cannot compose message: {0}")]
    Compose(String),
    /// The SMTP server refused the message or could not be reached.
    #[error("smtp: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    /// Writing a message file failed.
    #[error("mail directory: {0}")]
    Io(#[from] std::io::Error),
}

impl NotifyError {
    /// True when sending again later cannot succeed (the message itself is at fault).
    pub fn is_permanent(&self) -> bool {
        matches!(self, NotifyError::Compose(_))
    }
}

/// Shorthand for nabij-notify's results.
pub type Result<T, E = NotifyError> = std::result::Result<T, E>;
