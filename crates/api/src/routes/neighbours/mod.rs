//! `/v1/neighbours`: register, list, read, change, erase and export neighbours.
//!
//! The organisation comes from the token; another organisation's id answers exactly
//! like a missing one (404), and so does a neighbour outside a limited coordinator's
//! neighbourhoods. Every read of one record, every export and every change writes an
//! audit row in the same transaction.

pub mod body;
pub(crate) mod ops;

use crate::access;
use crate::auth::{Authorised, Caller, NeighboursRead, NeighboursWrite};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult};
use crate::extract::Id;
use crate::idempotency::{self, Post};
use crate::paging;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use body::{ListQuery, NeighbourIn, NeighbourOut, NeighbourPage, NeighbourPatch};
use nabij_store::neighbour::{self, NeighbourFilter};
use nabij_store::{neighbourhood, DbConnection, NeighbourId};

const CURSOR_KIND: &str = "neighbours";

fn record(
    conn: &mut DbConnection,
    caller: &Caller,
    action: &str,
    id: NeighbourId,
    detail: String,
) -> nabij_store::Result<()> {
    access::record(conn, caller, action, Some(id), detail)
}

/// `POST /v1/neighbours`.
pub async fn create(
    state: web::Data<AppState>,
    caller: Authorised<NeighboursWrite>,
    post: Post<NeighbourIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let Post { body, idempotency } = post;
    let address = body.address.clone();
    let mut form = body.into_new(&caller)?;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::CREATED, |c| {
            if let Some(a) = &address {
                (form.lat, form.lon) = nabij_ops::addresses::resolve(c, &caller, &a.to_query())?;
            }
            let (n, update) = ops::create(c, &caller, &form)?;
            let out = NeighbourOut::from_row(&n, &neighbourhood::list(c, caller.org)?)?;
            Ok((out, update))
        })
    })
    .await?;
    if let Some(update) = &written.after {
        update.apply(&state.indexes);
    }
    Ok(written.created("/v1/neighbours"))
}

/// `GET /v1/neighbours?limit=&cursor=`.
pub async fn list(
    state: web::Data<AppState>,
    caller: Authorised<NeighboursRead>,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let ListQuery { limit, cursor } = query.into_inner();
    let limit = paging::limit(limit)?;
    let after = cursor
        .as_deref()
        .map(|c| paging::decode(CURSOR_KIND, c))
        .transpose()?;
    let st = state.clone();
    let page = run(move || {
        let (rows, hoods) = st.store.read(|c| {
            let filter = NeighbourFilter {
                neighbourhoods: caller.neighbourhoods.clone(),
                after: after.map(NeighbourId),
                limit: i64::from(limit) + 1,
            };
            Ok((
                neighbour::list(c, caller.org, &filter)?,
                neighbourhood::list(c, caller.org)?,
            ))
        })?;
        let mut rows = rows;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let items = rows
            .iter()
            .map(|n| NeighbourOut::from_row(n, &hoods))
            .collect::<ApiResult<Vec<_>>>()?;
        let next_cursor = match (more, rows.last()) {
            (true, Some(last)) => Some(paging::encode(CURSOR_KIND, last.id.get())),
            _ => None,
        };
        Ok(NeighbourPage { items, next_cursor })
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// `GET /v1/neighbours/{id}` (audited).
pub async fn get(
    state: web::Data<AppState>,
    caller: Authorised<NeighboursRead>,
    Id(id): Id<NeighbourId>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let st = state.clone();
    let out = run(move || {
        let (n, hoods) = st.store.write(|c| {
            let n = ops::visible(c, &caller, id)?;
            record(c, &caller, "neighbour_read", id, String::new())?;
            Ok((n, neighbourhood::list(c, caller.org)?))
        })?;
        NeighbourOut::from_row(&n, &hoods)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// `PATCH /v1/neighbours/{id}`.
pub async fn update(
    state: web::Data<AppState>,
    caller: Authorised<NeighboursWrite>,
    Id(id): Id<NeighbourId>,
    body: crate::extract::JsonBody<NeighbourPatch>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let (change, fields) = body.into_inner().into_update(&caller)?;
    let st = state.clone();
    let (out, update) = run(move || {
        st.store.write_as(|c| {
            let (n, update) = ops::update(c, &caller, id, &change, &fields)?;
            let out = NeighbourOut::from_row(&n, &neighbourhood::list(c, caller.org)?)?;
            Ok((out, update))
        })
    })
    .await?;
    update.apply(&state.indexes);
    Ok(HttpResponse::Ok().json(out))
}

/// `DELETE /v1/neighbours/{id}`: erases personal data for good (GDPR).
pub async fn erase(
    state: web::Data<AppState>,
    caller: Authorised<NeighboursWrite>,
    Id(id): Id<NeighbourId>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let st = state.clone();
    let erased = run(move || {
        st.store
            .write_as(|c| ops::erase(c, &caller, id).map_err(ApiError::from))
    })
    .await?;
    erased.apply(&state.indexes);
    Ok(HttpResponse::NoContent().finish())
}

/// `GET /v1/neighbours/{id}/export`: everything held on the person, including who
/// looked at their data and when (this export itself included). Coordinates are
/// held for matching but shown only as the neighbourhood.
pub async fn export(
    state: web::Data<AppState>,
    caller: Authorised<NeighboursRead>,
    Id(id): Id<NeighbourId>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let st = state.clone();
    let out = run(move || st.store.write_as(|c| ops::export(c, &caller, id))).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Registers the routes of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/v1/neighbours")
            .route(web::post().to(create))
            .route(web::get().to(list)),
    )
    .service(
        web::resource("/v1/neighbours/{id}")
            .route(web::get().to(get))
            .route(web::patch().to(update))
            .route(web::delete().to(erase)),
    )
    .service(web::resource("/v1/neighbours/{id}/export").route(web::get().to(export)));
}
