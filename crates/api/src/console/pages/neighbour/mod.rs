//! The pages about neighbours: the directory (`neighbours`), registering someone
//! (`register`), one neighbour's page, edit form, history and erasure, and the form
//! they share (`neighbour_form` with its markup in `neighbour_fields`).

use super::*;

mod neighbour_edit;
mod neighbour_erase;
mod neighbour_fields;
mod neighbour_form;
mod neighbour_history;
mod neighbour_page;
mod neighbours;
mod register;

pub(super) use neighbours::query_param;

/// Registers the neighbour pages; `/neighbours/new` before `/neighbours/{id}`.
pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    register::configure(cfg);
    neighbours::configure(cfg);
}
