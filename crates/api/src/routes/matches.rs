//! `/v1/matches`: propose companions for a request, accept, decline, close with a
//! follow-up, read.
//!
//! Roles exist only inside a match (`requester`, `companion`). A match becomes `active`
//! when everybody accepted; the last acceptance claims one unit of every companion's
//! capacity with the store's atomic conditional update, so concurrent acceptances never
//! exceed a capacity (the losers get 409 `capacity_reached`). Declining needs no reason
//! and carries no penalty: the pair is simply not proposed again. Closing gives the
//! capacity back. Every change writes an audit row per member in its transaction, and
//! enqueues its notification there too (proposed, accepted once active, declined, closed).
//! The use cases are `nabij_ops::matches`; these handlers parse, call and render.

use crate::auth::{Authorised, Caller, MatchesRead, MatchesWrite};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::Id;
use crate::idempotency::{self, Post};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use nabij_ops::matches::{self as op, Proposal};
use nabij_store::matching::{
    FollowUp, MatchDetail, MatchStatus, Response, Side, MAX_COMPANIONS, MAX_SHARED_NOTE,
};
use nabij_store::{clock, rules, MatchId, NeighbourId, RequestId, StoreError};
use serde::{Deserialize, Serialize};

/// Longest follow-up note, in characters.
const MAX_NOTE: usize = 2000;

/// `POST /v1/matches`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposeIn {
    pub request_id: i64,
    pub companion_ids: Vec<i64>,
    /// What the people in the match may hear about each other before everybody said yes,
    /// beside neighbourhood, common interests and time (one line, at most
    /// [`MAX_SHARED_NOTE`] characters).
    #[serde(default)]
    pub shared_note: Option<String>,
}

/// `POST /v1/matches/{id}/accept` and `/decline`: who answers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerIn {
    pub neighbour_id: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpIn {
    pub met: bool,
    pub mutual_support: bool,
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /v1/matches/{id}/close`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloseIn {
    #[serde(deserialize_with = "crate::extract::object")]
    pub follow_up: FollowUpIn,
}

#[derive(Debug, Serialize)]
pub struct MemberOut {
    pub neighbour_id: i64,
    /// `requester` or `companion`, in this match only.
    pub side: Side,
    /// `pending`, `accepted` or `declined`.
    pub response: Response,
    pub responded_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize)]
pub struct FollowUpOut {
    pub met: bool,
    pub mutual_support: bool,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MatchOut {
    pub id: i64,
    pub request_id: i64,
    pub status: MatchStatus,
    pub members: Vec<MemberOut>,
    pub created_at: DateTime<Utc>,
    pub activated_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Set while an active pair pauses (a check-in's answer).
    pub paused_at: Option<DateTime<Utc>>,
    pub follow_up: Option<FollowUpOut>,
    /// How a `declined` match ended: `declined`, `lapsed` (no answer in time) or
    /// `withdrawn` (its request was cancelled); null otherwise.
    pub ended_by: Option<nabij_store::matching::MatchEnd>,
}

impl MatchOut {
    pub(crate) fn from_detail(d: &MatchDetail) -> Result<Self, StoreError> {
        let r = &d.row;
        Ok(MatchOut {
            id: r.id.get(),
            request_id: r.request_id.get(),
            status: r.status,
            members: d
                .members
                .iter()
                .map(|m| MemberOut {
                    neighbour_id: m.neighbour_id.get(),
                    side: if m.is_companion() {
                        Side::Companion
                    } else {
                        Side::Requester
                    },
                    response: m.response,
                    responded_at: m.responded_at.map(clock::utc),
                })
                .collect(),
            created_at: clock::utc(r.created_at),
            activated_at: r.activated_at.map(clock::utc),
            closed_at: r.closed_at.map(clock::utc),
            paused_at: r.paused_at.map(clock::utc),
            follow_up: match (r.follow_up_met, r.follow_up_mutual) {
                (Some(met), Some(mutual_support)) => Some(FollowUpOut {
                    met,
                    mutual_support,
                    note: r.follow_up_note.clone(),
                }),
                _ => None,
            },
            ended_by: r.ended_by,
        })
    }
}

fn positive(errors: &mut Vec<FieldError>, field: &str, id: i64) {
    if id <= 0 {
        errors.push(FieldError::new(field, "must be a positive id"));
    }
}

/// Checks a proposal's ids as `POST /v1/matches` does (400 naming the fields).
pub(crate) fn proposal(body: &ProposeIn) -> ApiResult<Proposal> {
    let mut errors = Vec::new();
    positive(&mut errors, "request_id", body.request_id);
    if body.companion_ids.is_empty() || body.companion_ids.len() > MAX_COMPANIONS {
        errors.push(FieldError::new(
            "companion_ids",
            format!("must hold 1 to {MAX_COMPANIONS} ids"),
        ));
    }
    for (i, id) in body.companion_ids.iter().enumerate() {
        positive(&mut errors, &format!("companion_ids[{i}]"), *id);
    }
    let shared_note = match body
        .shared_note
        .as_deref()
        .map(|s| rules::line(s, MAX_SHARED_NOTE))
    {
        None => None,
        Some(Ok(s)) => Some(s).filter(|s| !s.is_empty()),
        Some(Err(e)) => {
            errors.push(FieldError::new("shared_note", e.message("shared_note")));
            None
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    Ok(Proposal {
        request_id: RequestId(body.request_id),
        companions: body.companion_ids.iter().map(|&i| NeighbourId(i)).collect(),
        shared_note,
    })
}

/// `POST /v1/matches`: proposes companions for an open request → 201 `proposed`.
pub async fn propose(
    state: web::Data<AppState>,
    caller: Authorised<MatchesWrite>,
    post: Post<ProposeIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let Post { body, idempotency } = post;
    let p = proposal(&body)?;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::CREATED, |c| {
            let d = op::propose(&st.ops, c, &caller, &p)?;
            Ok((MatchOut::from_detail(&d)?, ()))
        })
    })
    .await?;
    Ok(written.created("/v1/matches"))
}

pub(crate) use op::Answer;

async fn answer(
    state: web::Data<AppState>,
    caller: Caller,
    id: MatchId,
    post: Post<AnswerIn>,
    answer: Answer,
) -> ApiResult<HttpResponse> {
    let Post { body, idempotency } = post;
    if body.neighbour_id <= 0 {
        return Err(ApiError::invalid_field("neighbour_id", "must be a positive id"));
    }
    let who = NeighbourId(body.neighbour_id);
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::OK, |c| {
            let (d, update) = op::answer(&st.ops, c, &caller, id, who, answer)?;
            Ok((MatchOut::from_detail(&d)?, update))
        })
    })
    .await?;
    if let Some(Some(update)) = &written.after {
        state.ops.apply(update);
    }
    Ok(written.response())
}

/// `POST /v1/matches/{id}/accept` `{neighbour_id}`: the neighbour who asked or a
/// proposed companion accepts; the last acceptance makes the match active.
pub async fn accept(
    state: web::Data<AppState>,
    caller: Authorised<MatchesWrite>,
    Id(id): Id<MatchId>,
    post: Post<AnswerIn>,
) -> ApiResult<HttpResponse> {
    answer(state, caller.caller, id, post, Answer::Accept).await
}

/// `POST /v1/matches/{id}/decline` `{neighbour_id}`: no reason, no penalty.
pub async fn decline(
    state: web::Data<AppState>,
    caller: Authorised<MatchesWrite>,
    Id(id): Id<MatchId>,
    post: Post<AnswerIn>,
) -> ApiResult<HttpResponse> {
    answer(state, caller.caller, id, post, Answer::Decline).await
}

/// Checks a follow-up as `POST /v1/matches/{id}/close` does: the note is trimmed, an
/// empty one is none, a long or unprintable one is 400 `follow_up.note`.
pub(crate) fn follow_up(f: FollowUpIn) -> ApiResult<FollowUp> {
    let note = f.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if note
        .as_deref()
        .is_some_and(|n| n.chars().count() > MAX_NOTE || n.chars().any(|c| c.is_control() && c != '\n'))
    {
        return Err(ApiError::invalid_field(
            "follow_up.note",
            format!("must be at most {MAX_NOTE} printable characters"),
        ));
    }
    Ok(FollowUp {
        met: f.met,
        mutual_support: f.mutual_support,
        note,
    })
}

/// `POST /v1/matches/{id}/close` `{follow_up {met, mutual_support, note}}`: ends an
/// active match and frees the companions' capacity.
pub async fn close(
    state: web::Data<AppState>,
    caller: Authorised<MatchesWrite>,
    Id(id): Id<MatchId>,
    post: Post<CloseIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let Post { body, idempotency } = post;
    let follow_up = follow_up(body.follow_up)?;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::OK, |c| {
            let (d, update) = op::close(&st.ops, c, &caller, id, &follow_up)?;
            Ok((MatchOut::from_detail(&d)?, update))
        })
    })
    .await?;
    if let Some(update) = &written.after {
        state.ops.apply(update);
    }
    Ok(written.response())
}

/// `GET /v1/matches/{id}`.
pub async fn get(
    state: web::Data<AppState>,
    caller: Authorised<MatchesRead>,
    Id(id): Id<MatchId>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let st = state.clone();
    let out = run(move || {
        st.store
            .read_as(|c| Ok::<_, ApiError>(MatchOut::from_detail(&op::get(c, &caller, id)?)?))
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Registers the routes of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/v1/matches").route(web::post().to(propose)))
        .service(web::resource("/v1/matches/{id}").route(web::get().to(get)))
        .service(web::resource("/v1/matches/{id}/accept").route(web::post().to(accept)))
        .service(web::resource("/v1/matches/{id}/decline").route(web::post().to(decline)))
        .service(web::resource("/v1/matches/{id}/close").route(web::post().to(close)));
}
