//! nabij-ops: the operations layer. Every use case that changes data lives here once,
//! and the three clients — the REST routes, the coordinator console and the batch job
//! (`nabij rematch`, `POST /v1/jobs/rematch`, the console's re-match page) — call it.
//!
//! ```text
//! cli → api → ops → { notify, store } → engine
//! ```
//!
//! **Why a crate, not a module of the API.** The batch job runs in the CLI without a web
//! server, and the store must not know about notifications; a crate between the API and
//! `store`/`notify` is the one place both can reach, and the compiler keeps actix out of
//! it (nothing here knows about HTTP, forms or HTML).
//!
//! **Convention.** A module per entity, verbs as function names:
//! `ops::matches::propose(&ops, tx, &caller, &proposal)`. Input bodies of the API
//! (`ProposeIn`, …) stay in the API and are parsed there into the plain values the
//! operations take, so the names never clash. An operation takes
//!
//! - the context [`Ops`] (the store, whether notifications are enqueued, the index cache),
//! - the write transaction's connection `tx` — opened with [`Ops::write`], or by the API
//!   together with its idempotency record, which must commit in the same transaction,
//! - the [`Caller`] (checked by the operation: what it may see, the audit subject),
//!
//! and writes the change, its audit row(s) and its notification event with its outbox
//! rows (or phone-list rows) in that transaction; it returns what the change needs after
//! the commit, an [`index::IndexUpdate`] to apply to the cache ([`Ops::apply`]).
//!
//! **The batch job** ([`rematch`]) is driven by the store (snapshot, run lock, heartbeat,
//! one short transaction per proposal: storage mechanics that stay there); this crate
//! hands it a hook ([`nabij_store::rematch::ProposalHook`]) that writes what a proposal
//! entails — the same audit rows and `MatchProposed` event as `POST /v1/matches` — in the
//! proposal's own transaction, so a run killed mid-way leaves whole proposals only. The
//! run acts as [`Caller::system`]: audit subject `job:<id>`.

pub mod access;
pub mod addresses;
pub mod caller;
pub mod calls;
pub mod candidates;
pub mod checkins;
pub mod error;
pub mod exchanges;
pub mod groups;
pub mod imports;
pub mod index;
pub mod lifecycle;
pub mod matches;
pub mod neighbourhoods;
pub mod neighbours;
pub mod notifications;
pub mod organisations;
pub mod referrals;
pub mod rematch;
pub mod requests;
pub mod schedule;
pub mod services;
pub mod signals;

pub use caller::{scopes, Caller, Role};
pub use error::{OpsError, OpsResult};

use index::{IndexCache, IndexUpdate};
use nabij_store::{DbConnection, Store};
use std::sync::Arc;

/// [`Ops::public_url`] when nothing else is configured (the development server).
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// What operations need besides their input: the store, the notification switch and this
/// instance's index cache. Cheap to clone.
#[derive(Clone)]
pub struct Ops {
    pub store: Store,
    /// Enqueue notifications (outbox e-mails and phone-list entries). Off only to measure
    /// the outbox's cost on the write path (`nabij serve --notify-disabled`).
    pub notifications: bool,
    /// Per-organisation candidate indexes of this instance.
    pub indexes: Arc<IndexCache>,
    /// The address people reach this server at (`https://nabij.example.org`, no slash at
    /// the end): the start of the answer links in check-in e-mails.
    pub public_url: String,
}

impl Ops {
    /// Operations on `store` with notifications on and an empty index cache.
    pub fn new(store: Store) -> Self {
        Ops {
            store,
            notifications: true,
            indexes: Arc::new(IndexCache::default()),
            public_url: DEFAULT_PUBLIC_URL.to_string(),
        }
    }

    /// Runs `work` in one write transaction (rolled back when it fails).
    pub fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E>,
        E: From<nabij_store::StoreError>,
    {
        self.store.write_as(work)
    }

    /// Applies a committed change to the index cache.
    pub fn apply(&self, update: &IndexUpdate) {
        update.apply(&self.indexes);
    }
}

impl std::fmt::Debug for Ops {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ops")
            .field("notifications", &self.notifications)
            .finish_non_exhaustive()
    }
}
