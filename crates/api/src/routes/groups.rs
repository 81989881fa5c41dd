//! `/v1/groups`: group suggestions of the re-matching job (docs/design.md §3.7), 3–6
//! companionship requests with a shared tag, overlapping windows and homes within each
//! other's reach, and a coordinator's decision on them.
//!
//! Accepting records the coordinator's decision only. It creates no match and puts
//! nobody in a group: each resident still says yes or no for themselves through the
//! match flow. Splitting means the same set is not suggested again. A decision is taken
//! once; deciding a group that is no longer `suggested` is 409 `group_status`.
//!
//! A coordinator limited to neighbourhoods sees a group only when every request in it
//! is theirs to see; any other group answers exactly like a missing id (404).

use crate::auth::{Caller, Staff};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult};
use crate::extract::Id;
use crate::idempotency::{self, OptionalPost, Post};
use crate::paging;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use nabij_engine::reasons::Reason;
use nabij_store::rematch::{self, GroupRow, GroupStatus};
use nabij_store::{clock, DbConnection, GroupId, RequestId, StoreError};
use serde::{Deserialize, Serialize};

const CURSOR_KIND: &str = "groups";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub cursor: Option<String>,
}

/// `POST /v1/groups/{id}/accept` and `/split` take no input; the body may be left out
/// or be `{}`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecideIn {}

#[derive(Debug, Serialize)]
pub struct GroupOut {
    pub id: i64,
    /// `suggested`, `accepted` or `split`.
    pub status: GroupStatus,
    /// The shared tag code, e.g. `walking`.
    pub tag: String,
    pub request_ids: Vec<i64>,
    /// Why these requests go together, in Dutch, French and English.
    #[serde(serialize_with = "crate::reasons::serialize_reasons")]
    pub reasons: Vec<Reason>,
    pub created_at: DateTime<Utc>,
}

impl GroupOut {
    fn from_row(g: &GroupRow, ids: &[RequestId]) -> Result<Self, StoreError> {
        Ok(GroupOut {
            id: g.id.get(),
            status: g.status,
            tag: g.tag.clone(),
            request_ids: ids.iter().map(|r| r.get()).collect(),
            reasons: g.reasons()?,
            created_at: clock::utc(g.created_at),
        })
    }
}

#[derive(Debug, Serialize)]
pub struct GroupPage {
    pub items: Vec<GroupOut>,
    pub next_cursor: Option<String>,
}

pub(crate) use nabij_ops::groups::visible_requests;

/// `GET /v1/groups?status=&limit=&cursor=`: suggestions in id order.
pub async fn list(
    state: web::Data<AppState>,
    caller: Staff,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let q = query.into_inner();
    let limit = paging::limit(q.limit)? as usize;
    let after = q
        .cursor
        .as_deref()
        .map(|c| paging::decode(CURSOR_KIND, c))
        .transpose()?;
    let status = q
        .status
        .as_deref()
        .map(|s| {
            GroupStatus::parse(s)
                .ok_or_else(|| ApiError::invalid_field("status", "must be suggested, accepted or split"))
        })
        .transpose()?;
    let st = state.clone();
    let page = run(move || {
        st.store.read_as(|c| {
            let mut items = Vec::new();
            let mut more = false;
            for g in rematch::groups(c, caller.org, status)? {
                if after.is_some_and(|a| g.id.get() <= a) {
                    continue;
                }
                let ids = g.request_ids()?;
                if caller.neighbourhoods.is_some() && visible_requests(c, &caller, &ids)?.is_none() {
                    continue;
                }
                if items.len() == limit {
                    more = true;
                    break;
                }
                items.push(GroupOut::from_row(&g, &ids)?);
            }
            let next_cursor = match (more, items.last()) {
                (true, Some(last)) => Some(paging::encode(CURSOR_KIND, last.id)),
                _ => None,
            };
            Ok(GroupPage { items, next_cursor })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Decides a group (`nabij_ops::groups::decide`) and renders it (shared by
/// `POST /v1/groups/{id}/accept`, `/split` and the console).
pub(crate) fn decide_in(
    c: &mut DbConnection,
    caller: &Caller,
    id: i64,
    to: GroupStatus,
) -> ApiResult<GroupOut> {
    let (g, ids) = nabij_ops::groups::decide(c, caller, GroupId(id), to)?;
    Ok(GroupOut::from_row(&g, &ids)?)
}

async fn decide(
    state: web::Data<AppState>,
    caller: Caller,
    id: i64,
    post: OptionalPost<DecideIn>,
    to: GroupStatus,
) -> ApiResult<HttpResponse> {
    let OptionalPost(Post { idempotency, .. }) = post;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::OK, |c| {
            Ok((decide_in(c, &caller, id, to)?, ()))
        })
    })
    .await?;
    Ok(written.response())
}

/// `POST /v1/groups/{id}/accept`: the coordinator agrees with the suggestion. Nobody
/// is matched or grouped by it; each resident still confirms through the match flow.
pub async fn accept(
    state: web::Data<AppState>,
    caller: Staff,
    Id(GroupId(id)): Id<GroupId>,
    post: OptionalPost<DecideIn>,
) -> ApiResult<HttpResponse> {
    decide(state, caller.0, id, post, GroupStatus::Accepted).await
}

/// `POST /v1/groups/{id}/split`: the suggestion is set aside and not made again.
pub async fn split(
    state: web::Data<AppState>,
    caller: Staff,
    Id(GroupId(id)): Id<GroupId>,
    post: OptionalPost<DecideIn>,
) -> ApiResult<HttpResponse> {
    decide(state, caller.0, id, post, GroupStatus::Split).await
}

/// Registers the routes of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/v1/groups").route(web::get().to(list)))
        .service(web::resource("/v1/groups/{id}/accept").route(web::post().to(accept)))
        .service(web::resource("/v1/groups/{id}/split").route(web::post().to(split)));
}
