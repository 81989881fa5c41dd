//! `/v1/calls`: the coordinator's phone list. Residents without an e-mail address hear
//! of what concerns them by phone: each such event puts them on this list (in the
//! transaction of the change) until a coordinator marks the call done.
//!
//! An entry shows who to phone and why (the event, its match or request), with the
//! resident's display name and phone number read at listing time: never an address or
//! the request's text. Erased residents drop off the list; a coordinator limited to
//! neighbourhoods sees only the residents of those.

use crate::auth::{Caller, Staff};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult};
use crate::extract::Id;
use crate::idempotency::{self, OptionalPost, Post};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use nabij_store::calls::CallDue;
use nabij_store::{clock, CallId, DbConnection, MatchId, RequestId, StoreError};
use serde::{Deserialize, Serialize};

/// `POST /v1/calls/{id}/done`: no body needed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoneIn {}

/// One resident to phone.
#[derive(Debug, Serialize)]
pub struct CallOut {
    /// The entry's id (for `POST /v1/calls/{id}/done`).
    pub id: i64,
    pub neighbour_id: i64,
    pub display_name: String,
    /// `null` when the resident has no phone number either.
    pub phone: Option<String>,
    /// What to tell: `match_proposed`, `match_accepted`, `match_declined`,
    /// `match_closed` or `request_referred`.
    pub reason: String,
    pub match_id: Option<i64>,
    pub request_id: Option<i64>,
    /// Since when the call is due.
    pub since: DateTime<Utc>,
    /// When it was marked done; `null` while due.
    pub done_at: Option<DateTime<Utc>>,
    /// What to tell them (the e-mail they would have got, in their language): of a
    /// proposal no other person's name or contact, only neighbourhood, what they have in
    /// common, when and the coordinator's shared note (issue 14). `null` for calls not
    /// about a match, and once done.
    pub message: Option<String>,
}

impl CallOut {
    fn from_due(c: &CallDue, message: Option<String>) -> Self {
        CallOut {
            id: c.call_id.get(),
            neighbour_id: c.neighbour_id.get(),
            display_name: c.display_name.clone(),
            phone: c.phone.clone(),
            reason: c.reason.clone(),
            match_id: c.match_id.map(MatchId::get),
            request_id: c.request_id.map(RequestId::get),
            since: clock::utc(c.since),
            done_at: None,
            message,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct CallList {
    pub items: Vec<CallOut>,
}

/// The residents this caller is to phone (`nabij_ops::calls::list`; shared by
/// `GET /v1/calls` and the console's today view).
pub(crate) fn visible_calls(c: &mut DbConnection, caller: &Caller) -> Result<Vec<CallDue>, ApiError> {
    Ok(nabij_ops::calls::list(c, caller)?)
}

/// What to tell a resident on the phone list (see [`CallOut::message`]). Once a match
/// is active its message names the others and how to reach them: a coordinator limited
/// to neighbourhoods gets it only when everybody in the match lives in theirs.
pub(crate) fn phone_message(
    c: &mut DbConnection,
    caller: &Caller,
    d: &CallDue,
) -> Result<Option<String>, ApiError> {
    let named = matches!(d.reason.as_str(), "match_accepted" | "match_closed");
    if let (true, Some(_), Some(m)) = (named, &caller.neighbourhoods, d.match_id) {
        let members = match nabij_store::matching::detail(c, caller.org, m) {
            Ok(detail) => detail.members,
            Err(StoreError::NotFound) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        for who in members {
            match nabij_ops::access::neighbour(c, caller, who.neighbour_id) {
                Ok(_) => {}
                Err(StoreError::NotFound) => return Ok(None),
                Err(e) => return Err(e.into()),
            }
        }
    }
    let told = nabij_notify::outbox::phone_message(c, caller.org, d.neighbour_id, &d.reason, d.match_id)
        .map_err(|e| match e {
            nabij_notify::NotifyError::Store(s) => ApiError::Store(s),
            other => ApiError::Internal(anyhow::anyhow!(other)),
        })?;
    Ok(told.map(|r| r.text))
}

/// `GET /v1/calls`: residents to phone, oldest first.
pub async fn list(state: web::Data<AppState>, caller: Staff) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let st = state.clone();
    let out = run(move || {
        st.store.read_as(|c| {
            let mut items = Vec::new();
            for d in visible_calls(c, &caller)? {
                let message = phone_message(c, &caller, &d)?;
                items.push(CallOut::from_due(&d, message));
            }
            Ok::<_, ApiError>(CallList { items })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Marks a call done (`nabij_ops::calls::mark_done`) and renders the entry (shared by
/// `POST /v1/calls/{id}/done` and the console).
pub(crate) fn mark_done(c: &mut DbConnection, caller: &Caller, id: CallId) -> Result<CallOut, ApiError> {
    let (call, n) = nabij_ops::calls::mark_done(c, caller, id)?;
    Ok(CallOut {
        id: id.get(),
        neighbour_id: call.neighbour_id.get(),
        display_name: n.display_name,
        phone: n.phone,
        reason: call.reason,
        match_id: call.match_id.map(MatchId::get),
        request_id: call.request_id.map(RequestId::get),
        since: clock::utc(call.created_at),
        done_at: call.done_at.map(clock::utc),
        message: None,
    })
}

/// `POST /v1/calls/{id}/done` → 200 with the entry, `done_at` set. 409 `already_done`
/// when marked before. Audited.
pub async fn done(
    state: web::Data<AppState>,
    caller: Staff,
    Id(id): Id<CallId>,
    post: OptionalPost<DoneIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let OptionalPost(Post { idempotency, .. }) = post;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::OK, |c| {
            Ok((mark_done(c, &caller, id)?, ()))
        })
    })
    .await?;
    Ok(written.response())
}

/// Registers the routes of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/v1/calls").route(web::get().to(list)))
        .service(web::resource("/v1/calls/{id}/done").route(web::post().to(done)));
}
