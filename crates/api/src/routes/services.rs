//! `/v1/services`: the organisation's service directory ("sociale kaart"), where
//! out-of-scope requests and requests without a match are referred to. Any caller of
//! the organisation may read it; coordinators and admins keep it.

use crate::access;
use crate::auth::{Caller, Staff};
use crate::blocking::run;
use crate::error::ApiResult;
use crate::idempotency::{self, Post};
use crate::paging;
use crate::routes::requests::body::ServiceOut;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use nabij_store::service::{self, NewService};
use nabij_store::ServiceId;
use serde::{Deserialize, Serialize};

const CURSOR_KIND: &str = "services";

/// `POST /v1/services`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceIn {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Scope categories it takes (`personal_care`, `structural`, `heavy`, or the
    /// organisation's own codes).
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ServicePage {
    pub items: Vec<ServiceOut>,
    pub next_cursor: Option<String>,
}

/// `GET /v1/services?limit=&cursor=`.
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let ListQuery { limit, cursor } = query.into_inner();
    let limit = paging::limit(limit)?;
    let after = cursor
        .as_deref()
        .map(|c| paging::decode(CURSOR_KIND, c))
        .transpose()?;
    let st = state.clone();
    let page = run(move || {
        let mut rows = st
            .store
            .read(|c| service::list(c, caller.org, after.map(ServiceId), i64::from(limit) + 1))?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let items = rows
            .iter()
            .map(ServiceOut::from_row)
            .collect::<ApiResult<Vec<_>>>()?;
        let next_cursor = match (more, rows.last()) {
            (true, Some(last)) => Some(paging::encode(CURSOR_KIND, last.id.get())),
            _ => None,
        };
        Ok(ServicePage { items, next_cursor })
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// `POST /v1/services` (coordinators and admins) → 201.
pub async fn create(
    state: web::Data<AppState>,
    caller: Staff,
    post: Post<ServiceIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let Post { body, idempotency } = post;
    let form = NewService {
        name: body.name,
        description: body.description,
        categories: body.categories,
        phone: body.phone,
        email: body.email,
        website: body.website,
        area: body.area,
    };
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::CREATED, |c| {
            let s = service::create(c, caller.org, &form)?;
            access::record(c, &caller, "service_created", None, format!("service={}", s.id))?;
            Ok((ServiceOut::from_row(&s)?, ()))
        })
    })
    .await?;
    Ok(written.response())
}

/// Registers the routes of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/v1/services")
            .route(web::post().to(create))
            .route(web::get().to(list)),
    );
}
