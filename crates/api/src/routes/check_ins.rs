//! `/v1/matches/{id}/check-ins`: the check-ins of a pair (each side asked, separately,
//! whether it still goes well), and an answer a coordinator heard by phone. The asking
//! itself is timed work (`nabij_ops::checkins::run_due`, run by the scheduler); the
//! one-click answer page of the e-mails is the console's public `/check-in/{token}`.

use crate::auth::{Authorised, MatchesRead, Staff};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult};
use crate::extract::Id;
use crate::idempotency::{self, Post};
use crate::routes::matches::MatchOut;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use nabij_ops::checkins::{self as op, PhoneAnswer};
use nabij_store::check_in::{AnsweredVia, CheckIn, CheckInAnswer, CheckInChannel, CheckInStatus, MAX_NOTE};
use nabij_store::matching::Side;
use nabij_store::{clock, MatchId, NeighbourId};
use serde::{Deserialize, Serialize};

/// One check-in as the API shows it.
#[derive(Debug, Serialize)]
pub struct CheckInOut {
    pub id: i64,
    pub match_id: i64,
    pub neighbour_id: i64,
    /// `requester` or `companion`, in this match only.
    pub side: Side,
    /// `email`, `call` (phone list) or `phone` (recorded without an asking).
    pub channel: CheckInChannel,
    /// `asked`, `unanswered` (two tries, no answer) or `answered`.
    pub status: CheckInStatus,
    pub tries: i32,
    pub asked_at: DateTime<Utc>,
    pub last_try_at: DateTime<Utc>,
    pub answer: Option<CheckInAnswer>,
    pub answered_at: Option<DateTime<Utc>>,
    /// `link` (the person) or `phone` (a coordinator).
    pub answered_via: Option<AnsweredVia>,
    /// `link` or the coordinator's subject (`user:<id>`).
    pub answered_by: Option<String>,
    pub note: Option<String>,
    pub signal_id: Option<i64>,
    /// Whether it waits for the coordinator (unanswered, mediate, more than a neighbour).
    pub needs_coordinator: bool,
}

impl From<&CheckIn> for CheckInOut {
    fn from(c: &CheckIn) -> Self {
        CheckInOut {
            id: c.id.get(),
            match_id: c.match_id.get(),
            neighbour_id: c.neighbour_id.get(),
            side: c.side,
            channel: c.channel,
            status: c.status,
            tries: c.tries,
            asked_at: clock::utc(c.asked_at),
            last_try_at: clock::utc(c.last_try_at),
            answer: c.answer,
            answered_at: c.answered_at.map(clock::utc),
            answered_via: c.answered_via,
            answered_by: c.answered_by.clone(),
            note: c.note.clone(),
            signal_id: c.signal_id.map(|s| s.get()),
            needs_coordinator: c.needs_coordinator(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct CheckInList {
    pub check_ins: Vec<CheckInOut>,
}

/// `POST /v1/matches/{id}/check-ins`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordIn {
    pub neighbour_id: i64,
    pub answer: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// What a recorded answer returns: the check-in and the match after it.
#[derive(Debug, Serialize)]
pub struct RecordedOut {
    pub check_in: CheckInOut,
    #[serde(rename = "match")]
    pub match_: MatchOut,
}

/// Checks a phone answer (400 naming the fields).
pub(crate) fn phone_answer(body: RecordIn) -> ApiResult<PhoneAnswer> {
    let mut errors = Vec::new();
    if body.neighbour_id <= 0 {
        errors.push(crate::error::FieldError::new(
            "neighbour_id",
            "must be a positive id",
        ));
    }
    let answer = CheckInAnswer::parse(&body.answer);
    if answer.is_none() {
        errors.push(crate::error::FieldError::new(
            "answer",
            "must be go_on, pause, end_well, mediate or more_than_neighbour",
        ));
    }
    let note = body.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if note
        .as_deref()
        .is_some_and(|n| n.chars().count() > MAX_NOTE || n.chars().any(|c| c.is_control() && c != '\n'))
    {
        errors.push(crate::error::FieldError::new(
            "note",
            format!("must be at most {MAX_NOTE} printable characters"),
        ));
    }
    match answer {
        Some(answer) if errors.is_empty() => Ok(PhoneAnswer {
            neighbour_id: NeighbourId(body.neighbour_id),
            answer,
            note,
        }),
        _ => Err(ApiError::invalid_fields(errors)),
    }
}

/// `GET /v1/matches/{id}/check-ins`: oldest first.
pub async fn list(
    state: web::Data<AppState>,
    caller: Authorised<MatchesRead>,
    Id(id): Id<MatchId>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let st = state.clone();
    let out = run(move || {
        st.store.read_as(|c| {
            let list = op::list(c, &caller, id)?;
            Ok::<_, ApiError>(CheckInList {
                check_ins: list.iter().map(CheckInOut::from).collect(),
            })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// `POST /v1/matches/{id}/check-ins` `{neighbour_id, answer, note?}`: a coordinator
/// records an answer heard by phone → 201 with the check-in and the match after it.
pub async fn record(
    state: web::Data<AppState>,
    caller: Staff,
    Id(id): Id<MatchId>,
    post: Post<RecordIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let Post { body, idempotency } = post;
    let given = phone_answer(body)?;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::CREATED, |c| {
            let done = op::record(&st.ops, c, &caller, id, &given, clock::now())?;
            let out = RecordedOut {
                check_in: CheckInOut::from(&done.check_in),
                match_: MatchOut::from_detail(&done.match_detail)?,
            };
            Ok((out, done.update))
        })
    })
    .await?;
    if let Some(Some(update)) = &written.after {
        state.ops.apply(update);
    }
    Ok(written.response())
}

/// Registers the routes of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/v1/matches/{id}/check-ins")
            .route(web::get().to(list))
            .route(web::post().to(record)),
    );
}
