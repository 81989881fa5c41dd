//! Acting on a request: propose, accept or decline, close with the follow-up, refer to a service.

use actix_web::web;

pub(super) fn configure(_cfg: &mut web::ServiceConfig) {}
