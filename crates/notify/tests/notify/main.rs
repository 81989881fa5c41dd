//! nabij-notify's integration tests, one binary (one PostgreSQL cluster): every test
//! body runs on SQLite and on PostgreSQL, against a real SMTP server on loopback
//! (`benches/smtp_sink.py`, aiosmtpd, started and stopped by the tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod claims;
mod common;
mod delivery;
mod enqueue;
mod sink;
mod throughput;
