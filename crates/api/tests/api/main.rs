//! Integration tests of nabij-api through real HTTP, one binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod contract;
mod health;
mod login;
mod neighbours;
mod problems;
mod tokens;
