//! Why a change could not be made, in words a coordinator understands.

use crate::console::Lang;
use crate::error::ApiError;
use actix_web::http::StatusCode;
use nabij_i18n::t;
use nabij_store::StoreError;

/// A plain explanation of why a change was refused (catalogue `request-refusal`),
/// `who` naming the person it is about when known; `None` for failures that are not the
/// coordinator's to solve.
pub(super) fn refusal(l: Lang, e: &ApiError, who: Option<&str>) -> Option<String> {
    let code = match e {
        ApiError::Store(StoreError::Conflict(code)) => match code.as_str() {
            known @ ("capacity_reached" | "neighbour_paused" | "declined_before" | "already_proposed"
            | "already_declined" | "match_not_proposed" | "match_not_active") => known,
            // Any other conflict: the request changed meanwhile.
            _ => "changed",
        },
        // A person chosen on the page who is gone meanwhile.
        ApiError::Store(StoreError::NotFound)
        | ApiError::Store(StoreError::UnknownReference(
            "companion_ids" | "neighbour_id" | "from_id" | "to_id",
        )) => "not_registered",
        ApiError::BadRequest { .. }
        | ApiError::Store(StoreError::Invalid(_))
        | ApiError::Store(StoreError::UnknownReference(_)) => "invalid",
        _ => return None,
    };
    let someone = l.text("request-refusal.someone");
    let who = who.unwrap_or(&someone);
    Some(t(
        l,
        "request-refusal",
        &[("code", code.into()), ("who", who.into())],
    ))
}

/// The status a refused change answers with.
pub(super) fn refusal_status(e: &ApiError) -> StatusCode {
    match e {
        // Something chosen on the page that is gone meanwhile (a removed service) is a
        // conflict with the current state, as before the API said 422 for it.
        ApiError::Store(StoreError::Conflict(_))
        | ApiError::Store(StoreError::NotFound)
        | ApiError::Store(StoreError::UnknownReference(_)) => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}
