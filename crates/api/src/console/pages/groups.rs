//! Suggested groups for the same question: accept or split.

use actix_web::web;

pub(super) fn configure(_cfg: &mut web::ServiceConfig) {}
