//! `/v1/signals`: needs that reach the organisation before anyone asks — from a phone
//! round, a home visit, a referral card, a companion, the coordinator or a partner —
//! filed, listed, read, and closed by exactly one outcome (`nabij_ops::signals`).
//!
//! Staff see the organisation's signals (a limited coordinator those in their
//! neighbourhoods); a partner app with `signals:write` files signals and reads back
//! only its own. Anything else answers 404 like a missing id. Outcomes are for staff.

pub mod body;

use crate::auth::{Authorised, SignalsWrite, Staff};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult};
use crate::extract::Id;
use crate::idempotency::{self, Post};
use crate::paging;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use body::{ListQuery, OutcomeIn, OutcomeResult, SignalIn, SignalOut, SignalPage};
use nabij_store::signal::{SignalFilter, SignalSource, SignalStatus};
use nabij_store::{NeighbourhoodId, SignalId};

const CURSOR_KIND: &str = "signals";

/// `POST /v1/signals` → 201 with the signal (its contact-by date set).
pub async fn create(
    state: web::Data<AppState>,
    caller: Authorised<SignalsWrite>,
    post: Post<SignalIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let Post { body, idempotency } = post;
    let form = body.into_new(&caller)?;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::CREATED, |c| {
            let s = nabij_ops::signals::file(c, &caller, &form)?;
            Ok((SignalOut::from_row(&s)?, ()))
        })
    })
    .await?;
    Ok(written.created("/v1/signals"))
}

/// `GET /v1/signals?limit=&cursor=&status=&overdue=&source=&neighbourhood_id=`.
pub async fn list(
    state: web::Data<AppState>,
    caller: Authorised<SignalsWrite>,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let q = query.into_inner();
    let limit = paging::limit(q.limit)?;
    let after = q
        .cursor
        .as_deref()
        .map(|c| paging::decode(CURSOR_KIND, c))
        .transpose()?;
    let status = q
        .status
        .as_deref()
        .map(|s| {
            SignalStatus::parse(s).ok_or_else(|| ApiError::invalid_field("status", "must be open or closed"))
        })
        .transpose()?;
    let source = q
        .source
        .as_deref()
        .map(|s| {
            SignalSource::parse(s).ok_or_else(|| {
                ApiError::invalid_field("source", format!("must be one of {}", SignalSource::codes()))
            })
        })
        .transpose()?;
    let neighbourhood_id = q
        .neighbourhood_id
        .map(|n| {
            Some(NeighbourhoodId(n))
                .filter(|_| n > 0)
                .ok_or_else(|| ApiError::invalid_field("neighbourhood_id", "must be a positive id"))
        })
        .transpose()?;
    let st = state.clone();
    let page = run(move || {
        st.store.read_as(|c| {
            let filter = SignalFilter {
                status,
                overdue: q.overdue.unwrap_or(false),
                source,
                neighbourhood_id,
                after: after.map(SignalId),
                limit: i64::from(limit) + 1,
                ..SignalFilter::default()
            };
            let mut rows = nabij_ops::signals::list(c, &caller, &filter)?;
            let more = rows.len() > limit as usize;
            rows.truncate(limit as usize);
            let items = rows
                .iter()
                .map(SignalOut::from_row)
                .collect::<ApiResult<Vec<_>>>()?;
            let next_cursor = match (more, rows.last()) {
                (true, Some(last)) => Some(paging::encode(CURSOR_KIND, last.id.get())),
                _ => None,
            };
            Ok::<_, ApiError>(SignalPage { items, next_cursor })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// `GET /v1/signals/{id}`.
pub async fn get(
    state: web::Data<AppState>,
    caller: Authorised<SignalsWrite>,
    Id(id): Id<SignalId>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let st = state.clone();
    let out = run(move || {
        st.store.read_as(|c| {
            let s = nabij_ops::signals::visible(c, &caller, id)?;
            SignalOut::from_row(&s)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// `POST /v1/signals/{id}/outcome` (staff) → 200 with the closed signal and what the
/// outcome created; 409 `signal_closed` when it has an outcome already.
pub async fn outcome(
    state: web::Data<AppState>,
    caller: Staff,
    Id(id): Id<SignalId>,
    post: Post<OutcomeIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let Post { body, idempotency } = post;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::OK, |c| {
            let s = nabij_ops::signals::visible(c, &caller, id)?;
            let outcome = body.into_outcome(&caller, s.source()?)?;
            let done = nabij_ops::signals::record_outcome(c, &caller, id, &outcome)?;
            let out = OutcomeResult {
                signal: SignalOut::from_row(&done.signal)?,
                neighbour_id: done.signal.neighbour_id.map(|n| n.get()),
                request_id: done.request.as_ref().map(|r| r.id.get()),
            };
            Ok((out, done.update))
        })
    })
    .await?;
    if let Some(Some(update)) = &written.after {
        update.apply(&state.indexes);
    }
    Ok(written.response())
}

/// Registers the routes of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/v1/signals")
            .route(web::post().to(create))
            .route(web::get().to(list)),
    )
    .service(web::resource("/v1/signals/{id}").route(web::get().to(get)))
    .service(web::resource("/v1/signals/{id}/outcome").route(web::post().to(outcome)));
}
