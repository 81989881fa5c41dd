//! `GET /v1/requests/{id}/candidates?limit=10`: who could keep the requester company,
//! best first, with components and reasons, from the organisation's cached index.
//!
//! The index is used only when it reflects at least the organisation's `index_version`
//! (read first in the query's transaction) and rebuilt from the store otherwise, so
//! writes through any instance show in the next query (see [`crate::state::IndexCache`]). Distances are rounded to 50 m; a limited coordinator
//! sees only candidates in their neighbourhoods. The query runs in a read transaction;
//! its audit row is group-committed (`audit_batch`) before the list is sent.

use crate::access;
use crate::auth::{Authorised, Caller, MatchesRead};
use crate::blocking::run;
use crate::error::{codes, ApiError, ApiResult};
use crate::extract::Id;
use crate::index;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use nabij_engine::candidates::MAX_LIMIT;
use nabij_engine::position;
use nabij_engine::reasons::Reason;
use nabij_engine::{CandidateQuery, Components};
use nabij_store::audit::NewAudit;
use nabij_store::matching::{self, MatchFilter, MatchStatus};
use nabij_store::request::{self, Request, RequestStatus};
use nabij_store::{neighbour, organisation, DbConnection, NeighbourId, OrgId, RequestId, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Serialize)]
pub struct CandidatesOut {
    pub candidates: Vec<CandidateOut>,
}

/// Companions already proposed for (or matched with) this request: no candidates again.
fn already_proposed(
    conn: &mut DbConnection,
    org: OrgId,
    req: &Request,
) -> Result<Vec<NeighbourId>, StoreError> {
    if req.status()? == RequestStatus::Open {
        return Ok(Vec::new());
    }
    let filter = MatchFilter {
        statuses: Some(vec![MatchStatus::Proposed, MatchStatus::Active]),
        request_id: Some(req.id),
        after: None,
        limit: 1000,
    };
    let mut out = Vec::new();
    for m in matching::list(conn, org, &filter)? {
        out.extend(matching::detail(conn, org, m.id)?.companions());
    }
    Ok(out)
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
            // The version first: an index built after it holds at least its data. The
            // same row gives the organisation's weights (one query for both).
            let org = organisation::get(c, caller.org)?;
            let version = org.index_version;
            let req = access::request(c, &caller, id)?;
            if !matches!(req.status()?, RequestStatus::Open | RequestStatus::Proposed) {
                return Err(ApiError::Conflict {
                    code: codes::REQUEST_NOT_OPEN.to_string(),
                    detail: format!("candidates are found only for open requests, not {}", req.status),
                });
            }
            let help = request::to_help_request(c, caller.org, &req)?;
            let weights = org.settings()?.weights;
            // A limited coordinator does not see everyone: look further, then filter.
            let fetch = if caller.neighbourhoods.is_some() {
                MAX_LIMIT
            } else {
                limit
            };
            let found = st.indexes.query(
                caller.org,
                version,
                || index::build(c, caller.org),
                |idx| {
                    idx.top_candidates(&CandidateQuery {
                        request: &help,
                        limit: fetch,
                        weights: &weights,
                    })
                },
            )?;
            let proposed = already_proposed(c, caller.org, &req)?;
            let ids: Vec<NeighbourId> = found
                .iter()
                .filter_map(|x| NeighbourId::try_from(x.neighbour_id).ok())
                .collect();
            let names: HashMap<NeighbourId, _> = neighbour::names(c, caller.org, &ids)?
                .into_iter()
                .map(|(id, name, hood)| (id, (name, hood)))
                .collect();
            let mut shown = Vec::with_capacity(limit);
            for x in found {
                let Ok(id) = NeighbourId::try_from(x.neighbour_id) else {
                    continue;
                };
                let Some((name, hood)) = names.get(&id) else {
                    continue;
                };
                let hidden = !caller.sees_neighbourhood(*hood) || proposed.contains(&id);
                if hidden || shown.len() == limit {
                    continue;
                }
                shown.push(CandidateOut {
                    neighbour_id: id.get(),
                    display_name: name.clone(),
                    distance_m: position::shown_distance_m(x.distance_m),
                    score: position::shown_score(x.score),
                    components: position::shown_components(&x.components),
                    reasons: x.reasons,
                });
            }
            let listed: Vec<String> = shown.iter().map(|s| s.neighbour_id.to_string()).collect();
            let entry = NewAudit {
                actor: caller.actor().to_string(),
                action: "candidates_listed".to_string(),
                subject_neighbour_id: Some(req.neighbour_id),
                detail: format!("request={} candidates={}", req.id, listed.join(",")),
            };
            Ok((CandidatesOut { candidates: shown }, entry))
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
