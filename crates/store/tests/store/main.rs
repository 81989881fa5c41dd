//! The store's integration tests, one binary (one PostgreSQL cluster) with a module per
//! theme. Every test body runs on SQLite and on PostgreSQL (`on_both_backends!`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod check_ins;
mod common;
mod directory;
mod guarantees;
mod index_log;
mod lifecycle;
mod races;
mod rematch;
mod scope_reasons;
mod setup;
mod signals;
mod statuses;
mod support;
