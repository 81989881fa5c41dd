//! `/v1/neighbours`: register, list, read, change, erase and export neighbours.
//!
//! The organisation comes from the token; another organisation's id answers exactly
//! like a missing one (404), and so does a neighbour outside a limited coordinator's
//! neighbourhoods. Every read of one record, every export and every change writes an
//! audit row in the same transaction.

pub mod body;

use crate::access;
use crate::auth::{Authorised, Caller, NeighboursRead, NeighboursWrite};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult};
use crate::extract::Id;
use crate::idempotency::{self, Post};
use crate::index::IndexUpdate;
use crate::paging;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use body::{ListQuery, NeighbourIn, NeighbourOut, NeighbourPage, NeighbourPatch};
use nabij_store::neighbour::{self, NeighbourFilter};
use nabij_store::{clock, erasure, export, neighbourhood, DbConnection, NeighbourId};

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

/// The neighbour if this caller may see it; `NotFound` otherwise.
fn visible(
    conn: &mut DbConnection,
    caller: &Caller,
    id: NeighbourId,
) -> nabij_store::Result<neighbour::Neighbour> {
    access::neighbour(conn, caller, id)
}

/// A limited coordinator may not place a neighbour outside their neighbourhoods; the
/// transaction is rolled back.
fn check_in_reach(caller: &Caller, n: &neighbour::Neighbour) -> ApiResult<()> {
    if caller.sees_neighbourhood(n.neighbourhood_id) {
        Ok(())
    } else {
        Err(ApiError::invalid_field(
            "neighbourhood_id",
            "outside the neighbourhoods you coordinate",
        ))
    }
}

/// `POST /v1/neighbours`.
pub async fn create(
    state: web::Data<AppState>,
    caller: Authorised<NeighboursWrite>,
    post: Post<NeighbourIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let Post { body, idempotency } = post;
    let form = body.into_new(caller.actor())?;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::CREATED, |c| {
            let n = neighbour::create(c, caller.org, &form)?;
            check_in_reach(&caller, &n)?;
            record(c, &caller, "neighbour_created", n.id, String::new())?;
            let out = NeighbourOut::from_row(&n, &neighbourhood::list(c, caller.org)?)?;
            Ok((out, IndexUpdate::after(c, caller.org, &[n.id])?))
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
            let n = visible(c, &caller, id)?;
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
    let (change, fields) = body.into_inner().into_update(caller.actor())?;
    let st = state.clone();
    let (out, update) = run(move || {
        st.store.write_as(|c| {
            visible(c, &caller, id)?;
            let n = neighbour::update(c, caller.org, id, &change)?;
            check_in_reach(&caller, &n)?;
            record(
                c,
                &caller,
                "neighbour_updated",
                id,
                format!("fields: {}", fields.join(",")),
            )?;
            let out = NeighbourOut::from_row(&n, &neighbourhood::list(c, caller.org)?)?;
            Ok((out, IndexUpdate::after(c, caller.org, &[id])?))
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
    let org = caller.org;
    let ended = run(move || {
        st.store
            .write(|c| {
                visible(c, &caller, id)?;
                let s = erasure::erase(c, caller.org, id)?;
                let detail = format!(
                    "requests_cancelled={} matches_ended={} messages_removed={}",
                    s.requests_cancelled, s.matches_ended, s.messages_removed
                );
                record(c, &caller, "neighbour_erased", id, detail)?;
                Ok((s.matches_ended, IndexUpdate::removed(c, caller.org, id)?))
            })
            .map_err(ApiError::from)
    })
    .await?;
    match ended {
        // Ended matches gave other people's capacity back: rebuild on the next query.
        (0, update) => update.apply(&state.indexes),
        _ => state.indexes.invalidate(org),
    }
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
    let out = run(move || {
        let (e, hoods) = st.store.write(|c| {
            visible(c, &caller, id)?;
            record(c, &caller, "neighbour_exported", id, String::new())?;
            Ok((
                export::neighbour(c, caller.org, id)?,
                neighbourhood::list(c, caller.org)?,
            ))
        })?;
        export_json(&e, &hoods)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

fn export_json(
    e: &export::NeighbourExport,
    hoods: &[neighbourhood::Neighbourhood],
) -> ApiResult<serde_json::Value> {
    use serde_json::json;
    let t = clock::utc;
    Ok(json!({
        "neighbour": NeighbourOut::from_row(&e.neighbour, hoods)?,
        "location_held": e.neighbour.lat.is_some(),
        "requests": e.requests.iter().map(|r| json!({
            "id": r.id.get(), "kind": r.kind, "text": r.text, "status": r.status,
            "tags": serde_json::from_str::<serde_json::Value>(&r.tags).unwrap_or_default(),
        })).collect::<Vec<_>>(),
        "referrals": e.referrals.iter().map(|r| json!({
            "id": r.id.get(), "request_id": r.request_id.get(),
            "service_id": r.service_id.map(|s| s.get()), "reason": r.reason, "created_at": t(r.created_at),
        })).collect::<Vec<_>>(),
        "matches": e.matches.iter().map(|m| json!({
            "id": m.row.id.get(), "request_id": m.row.request_id.get(), "status": m.row.status,
            "created_at": t(m.row.created_at), "activated_at": m.row.activated_at.map(t),
            "closed_at": m.row.closed_at.map(t), "follow_up_note": m.row.follow_up_note,
        })).collect::<Vec<_>>(),
        "exchanges": e.exchanges.iter().map(|x| json!({
            "id": x.id.get(), "from_id": x.from_id.get(), "to_id": x.to_id.get(),
            "kind": x.kind, "match_id": x.match_id.map(|m| m.get()), "at": t(x.at),
        })).collect::<Vec<_>>(),
        "declined_with": e.declined_with.iter().map(|n| n.get()).collect::<Vec<_>>(),
        "access_log": e.audit.iter().map(|a| json!({
            "actor": a.actor, "action": a.action, "at": t(a.at), "detail": a.detail,
        })).collect::<Vec<_>>(),
    }))
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
