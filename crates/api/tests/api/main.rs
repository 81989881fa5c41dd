//! Integration tests of nabij-api through real HTTP, one binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;
mod helpers;

mod authz_matrix;
mod candidates;
mod check_ins;
mod contract;
mod contract_fuzzing;
mod groups;
mod headers;
mod health;
mod idempotency;
mod imports;
mod inputs;
mod jobs;
mod life;
mod limits;
mod login;
mod matches;
mod neighbours;
mod openapi_check;
mod outbox;
mod position;
mod privacy;
mod problems;
mod reach_matrix;
mod references;
mod request_log;
mod requests;
mod revocation;
mod services;
mod setup;
mod signals;
mod tenancy;
mod tokens;
