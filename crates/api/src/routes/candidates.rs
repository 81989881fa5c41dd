//! `GET /v1/requests/{id}/candidates?limit=10`: who could keep the requester company,
//! best first, with components and reasons (`nabij_ops::candidates::find`). Distances
//! are rounded to 50 m. The query runs in a read transaction; its audit row is
//! group-committed (`audit_batch`) before the list is sent.

use crate::auth::{Authorised, Caller, MatchesRead};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult};
use crate::extract::Id;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use nabij_engine::candidates::MAX_LIMIT;
use nabij_engine::position;
use nabij_engine::reasons::Reason;
use nabij_engine::Components;
use nabij_store::RequestId;
use serde::{Deserialize, Serialize};

/// Default number of candidates.
const DEFAULT_LIMIT: u32 = 10;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidatesQuery {
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct CandidateOut {
    pub neighbour_id: i64,
    pub display_name: String,
    /// Rounded to 50 m.
    pub distance_m: u32,
    pub score: f64,
    pub components: Components,
    /// Shown as `[{code, nl, fr, en}]`.
    #[serde(serialize_with = "crate::reasons::serialize_reasons")]
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Serialize)]
pub struct CandidatesOut {
    pub candidates: Vec<CandidateOut>,
}

/// `GET /v1/requests/{id}/candidates`.
pub async fn list(
    state: web::Data<AppState>,
    caller: Authorised<MatchesRead>,
    Id(id): Id<RequestId>,
    query: web::Query<CandidatesQuery>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let limit = match query.limit {
        None => DEFAULT_LIMIT as usize,
        Some(l) if (1..=MAX_LIMIT as u32).contains(&l) => l as usize,
        Some(_) => return Err(ApiError::invalid_field("limit", "must be between 1 and 100")),
    };
    let out = find(&state, caller, id, limit).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The candidates of a request this caller may see (shared by the API route and the
/// console): at most `limit`, their audit row committed before they are returned.
pub(crate) async fn find(
    state: &web::Data<AppState>,
    caller: Caller,
    id: RequestId,
    limit: usize,
) -> ApiResult<CandidatesOut> {
    let st = state.clone();
    let who = caller.clone();
    let (out, entry) = run(move || {
        st.store.read_as(|c| {
            let (found, entry) = nabij_ops::candidates::find(&st.ops, c, &caller, id, limit)?;
            let candidates = found
                .into_iter()
                .map(|f| CandidateOut {
                    neighbour_id: f.neighbour_id.get(),
                    display_name: f.display_name,
                    distance_m: position::shown_distance_m(f.candidate.distance_m),
                    score: position::shown_score(f.candidate.score),
                    components: position::shown_components(&f.candidate.components),
                    reasons: f.candidate.reasons,
                })
                .collect();
            Ok::<_, ApiError>((CandidatesOut { candidates }, entry))
        })
    })
    .await?;
    // Shown only once its audit row is committed (group commit, see audit_batch).
    state.audit.record(who.org, entry).await.map_err(ApiError::from)?;
    Ok(out)
}

/// Registers the route of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/v1/requests/{id}/candidates").route(web::get().to(list)));
}
