//! The neighbourhood report: per neighbourhood and month, charts, table and CSV.

use actix_web::web;

pub(super) fn configure(_cfg: &mut web::ServiceConfig) {}
