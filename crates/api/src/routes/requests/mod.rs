//! `/v1/requests`: file, list and read help requests, and overrule the scope guard.
//!
//! Filing a request runs the scope guard (`nabij_engine::scope::classify`); an
//! out-of-scope request waits as `referral_needed` with the organisation's services that
//! fit its category. A coordinator or admin may overrule the verdict. Requests of
//! neighbours outside a limited coordinator's neighbourhoods, and other organisations'
//! requests, answer 404 like a missing id.

pub mod body;

use crate::access;
use crate::auth::{Authorised, Caller, RequestsRead, RequestsWrite, Staff};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult};
use crate::extract::Id;
use crate::idempotency::{self, OptionalPost, Post};
use crate::paging;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use body::{CancelIn, ListQuery, OverrideIn, RequestIn, RequestOut, RequestPage, RequestPatch};
use nabij_store::request::{self, Request, RequestFilter, RequestStatus};
use nabij_store::service::{self, Service};
use nabij_store::{DbConnection, NeighbourId, RequestId, StoreError};
use std::collections::HashMap;

const CURSOR_KIND: &str = "requests";

/// Services that fit an out-of-scope request's category; none for small help.
fn suggestions(conn: &mut DbConnection, caller: &Caller, r: &Request) -> Result<Vec<Service>, StoreError> {
    if r.scope_in_scope {
        return Ok(Vec::new());
    }
    service::for_category(conn, caller.org, &r.scope_category)
}

fn view(conn: &mut DbConnection, caller: &Caller, r: &Request) -> ApiResult<RequestOut> {
    let services = suggestions(conn, caller, r)?;
    RequestOut::from_row(r, &services)
}

pub(crate) use nabij_ops::requests::{file, override_scope};

/// `POST /v1/requests`.
pub async fn create(
    state: web::Data<AppState>,
    caller: Authorised<RequestsWrite>,
    post: Post<RequestIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let Post { body, idempotency } = post;
    let form = body.into_new()?;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::CREATED, |c| {
            let r = file(c, &caller, &form)?;
            Ok((view(c, &caller, &r)?, ()))
        })
    })
    .await?;
    Ok(written.created("/v1/requests"))
}

/// `GET /v1/requests?limit=&cursor=&status=&neighbour_id=`.
pub async fn list(
    state: web::Data<AppState>,
    caller: Authorised<RequestsRead>,
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
    let statuses = q
        .status
        .as_deref()
        .map(|s| {
            RequestStatus::parse(s)
                .map(|s| vec![s])
                .ok_or_else(|| ApiError::invalid_field("status", "not a request status"))
        })
        .transpose()?;
    let neighbour_id = q
        .neighbour_id
        .map(|n| {
            Some(NeighbourId(n))
                .filter(|_| n > 0)
                .ok_or_else(|| ApiError::invalid_field("neighbour_id", "must be a positive id"))
        })
        .transpose()?;
    let st = state.clone();
    let page = run(move || {
        st.store.read_as(|c| {
            let filter = RequestFilter {
                statuses,
                neighbour_id,
                neighbourhoods: caller.neighbourhoods.clone(),
                after: after.map(RequestId),
                limit: i64::from(limit) + 1,
            };
            let mut rows = request::list(c, caller.org, &filter)?;
            let more = rows.len() > limit as usize;
            rows.truncate(limit as usize);
            let mut by_category: HashMap<String, Vec<Service>> = HashMap::new();
            let mut items = Vec::with_capacity(rows.len());
            for r in &rows {
                if !r.scope_in_scope && !by_category.contains_key(&r.scope_category) {
                    let s = suggestions(c, &caller, r)?;
                    by_category.insert(r.scope_category.clone(), s);
                }
                let services = by_category
                    .get(&r.scope_category)
                    .filter(|_| !r.scope_in_scope)
                    .map_or(&[][..], Vec::as_slice);
                items.push(RequestOut::from_row(r, services)?);
            }
            let next_cursor = match (more, rows.last()) {
                (true, Some(last)) => Some(paging::encode(CURSOR_KIND, last.id.get())),
                _ => None,
            };
            Ok(RequestPage { items, next_cursor })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// `GET /v1/requests/{id}`.
pub async fn get(
    state: web::Data<AppState>,
    caller: Authorised<RequestsRead>,
    Id(id): Id<RequestId>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let st = state.clone();
    let out = run(move || {
        st.store.read_as(|c| {
            let r = access::request(c, &caller, id)?;
            view(c, &caller, &r)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// `POST /v1/requests/{id}/scope-override` (coordinators and admins): the
/// coordinator's category wins; small help reopens the request, anything else makes
/// it wait for a referral.
pub async fn scope_override(
    state: web::Data<AppState>,
    caller: Staff,
    Id(id): Id<RequestId>,
    post: Post<OverrideIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let Post { body, idempotency } = post;
    let category = body.category()?;
    let reason = body.reason.trim().to_string();
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::OK, |c| {
            let r = override_scope(c, &caller, id, category, &reason)?;
            Ok((view(c, &caller, &r)?, ()))
        })
    })
    .await?;
    Ok(written.response())
}

/// `POST /v1/requests/{id}/cancel`: staff, or the partner app that filed it. Waiting
/// proposals are withdrawn and their members told (`nabij_ops::requests::cancel`).
pub async fn cancel(
    state: web::Data<AppState>,
    caller: Authorised<RequestsWrite>,
    Id(id): Id<RequestId>,
    post: Post<CancelIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let Post { body, idempotency } = post;
    let cancellation = body.into_cancellation()?;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::OK, |c| {
            let (r, _) = nabij_ops::requests::cancel(&st.ops, c, &caller, id, &cancellation)?;
            Ok((view(c, &caller, &r)?, ()))
        })
    })
    .await?;
    Ok(written.response())
}

/// `PATCH /v1/requests/{id}`: text, tags and/or window, under the rules of filing; a
/// new text is judged by the scope guard again (`nabij_ops::requests::edit`).
pub async fn update(
    state: web::Data<AppState>,
    caller: Authorised<RequestsWrite>,
    Id(id): Id<RequestId>,
    body: crate::extract::JsonBody<RequestPatch>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let change = body.into_inner().into_edit()?;
    let st = state.clone();
    let out = run(move || {
        st.store.write_as(|c| {
            let r = nabij_ops::requests::edit(c, &caller, id, &change)?;
            view(c, &caller, &r)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// `POST /v1/requests/{id}/reopen` (staff): a flagged request is open again, its clock
/// reset.
pub async fn reopen(
    state: web::Data<AppState>,
    caller: Staff,
    Id(id): Id<RequestId>,
    post: OptionalPost<body::ReopenIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let OptionalPost(Post { idempotency, .. }) = post;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::OK, |c| {
            let r = nabij_ops::requests::reopen(c, &caller, id, nabij_store::clock::now())?;
            Ok((view(c, &caller, &r)?, ()))
        })
    })
    .await?;
    Ok(written.response())
}

/// Registers the routes of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/v1/requests")
            .route(web::post().to(create))
            .route(web::get().to(list)),
    )
    .service(
        web::resource("/v1/requests/{id}")
            .route(web::get().to(get))
            .route(web::patch().to(update)),
    )
    .service(web::resource("/v1/requests/{id}/cancel").route(web::post().to(cancel)))
    .service(web::resource("/v1/requests/{id}/reopen").route(web::post().to(reopen)))
    .service(web::resource("/v1/requests/{id}/scope-override").route(web::post().to(scope_override)));
}
