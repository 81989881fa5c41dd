//! Shared application state: the store, the key set, settings and caches.

use crate::auth::keys::KeySet;
use crate::auth::throttle::Throttle;
use crate::settings::Settings;
use nabij_store::Store;
use std::sync::Arc;

pub use nabij_ops::index::{IndexCache, IndexChange};

/// Everything handlers share; reached through `web::Data<AppState>`.
pub struct AppState {
    pub store: Store,
    /// The operations layer (the same store, the notification switch, the index cache).
    pub ops: nabij_ops::Ops,
    pub keys: Arc<KeySet>,
    pub settings: Arc<Settings>,
    /// The same cache as `ops.indexes`.
    pub indexes: Arc<IndexCache>,
    /// Group commit of the audit rows of reads (candidate lists).
    pub audit: crate::audit_batch::AuditBatcher,
    /// Tokens this instance verified already (per instance, rebuilt on demand).
    pub verified_tokens: crate::auth::verified::VerifiedTokens,
    /// Failed logins and client authentications. Per instance (in memory): with
    /// several instances behind a balancer each one throttles on its own.
    pub login_throttle: Throttle,
    /// An argon2id hash of a random password, verified against when an e-mail or
    /// client is unknown so that both failures take the same time.
    pub dummy_hash: String,
}
