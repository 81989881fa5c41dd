//! The `nabij` binary driven as an operator would: one test binary for all of them, so
//! the workspace links one executable here instead of five.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod ops_cli;
mod outbox_cli;
mod rematch_cli;
mod rematch_notifies;
mod scope_cli;
mod setup_cli;
mod simulate_cli;
