//! nabij-store: the database of nabij on SQLite (embedded default) or PostgreSQL.
//!
//! One schema ([`schema`]), one connection type over both backends
//! ([`DbConnection`]), migrations per backend, and one module per entity. Every query
//! is filtered by organisation: an id of another organisation behaves exactly like an
//! id that does not exist ([`StoreError::NotFound`]). Entity functions take
//! `&mut DbConnection`, so several compose inside one [`Store::write`] transaction.
//! Rows are converted to engine types at this crate's edge.

pub mod connection;
pub mod error;
pub mod ids;
pub mod schema;
pub mod store;
mod text_enum;

pub use connection::{BackendKind, DbConnection, MultiBackend};
pub use error::{Result, StoreError};
pub use ids::*;
pub use store::{Store, StoreOptions};

pub mod address;
pub mod address_text;
pub mod audit;
pub mod backup;
pub mod boundary;
pub mod calls;
pub mod check_in;
pub mod client;
pub mod clock;
pub mod console_session;
pub mod counts;
pub mod declined;
pub mod erasure;
pub mod exchange;
pub mod export;
pub mod idempotency;
pub mod index_log;
pub mod job;
pub mod json_text;
pub mod matching;
pub mod neighbour;
pub mod neighbour_search;
pub mod neighbourhood;
pub mod notification;
pub mod organisation;
pub mod outbox;
pub mod referral;
pub mod rematch;
pub mod report;
pub mod request;
pub mod rules;
pub mod schedule;
pub mod scope_reasons;
pub mod service;
pub mod signal;
pub mod user;
pub mod vocab;
pub mod write_gate;

#[cfg(feature = "testing")]
pub mod testing;
