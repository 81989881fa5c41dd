//! Integration tests of the coordinators' web console (`nabij_api::console`) through
//! real HTTP: the app on a random loopback port on a fresh SQLite file (and, for the
//! tests listed in `on_both_backends!`, also on a fresh PostgreSQL database), two
//! organisations, a browser-like client that keeps cookies and does not follow
//! redirects (so that each step can be checked).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod actions;
mod check_ins;
mod helpers;
mod imports;
mod inputs;
mod pages;
mod people;
mod people_directory;
mod report;
mod routes;
mod sessions;
mod signals;
