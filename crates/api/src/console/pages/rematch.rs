//! Starting a re-match run, watching its progress, reading its summary.

use actix_web::web;

pub(super) fn configure(_cfg: &mut web::ServiceConfig) {}
