//! `/v1/services`: the organisation's service directory ("sociale kaart"), where
//! out-of-scope requests and requests without a match are referred to. Any caller of
//! the organisation may read it; coordinators and admins keep it.
//!
//! Removing a service takes it off the directory: referrals made to it keep pointing
//! at it, but it is no longer listed, suggested or offered for a new referral, and its
//! id answers 404 from then on.

use crate::auth::{Authenticated, Staff};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult};
use crate::extract::Id;
use crate::idempotency::{self, Post};
use crate::paging;
use crate::routes::requests::body::ServiceOut;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use nabij_store::service::{self, NewService, ServiceUpdate};
use nabij_store::ServiceId;
use serde::{Deserialize, Deserializer, Serialize};

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

impl ServiceIn {
    pub fn into_new(self) -> NewService {
        NewService {
            name: self.name,
            description: self.description,
            categories: self.categories,
            phone: self.phone,
            email: self.email,
            website: self.website,
            area: self.area,
        }
    }
}

/// `Some(None)` for an explicit `null`, `Some(Some(v))` for a value; absent stays `None`
/// through `#[serde(default)]`.
fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// `PATCH /v1/services/{id}`: absent fields stay; `null` (or `""`) clears phone,
/// e-mail, website and area.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicePatch {
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub categories: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub website: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub area: Option<Option<String>>,
}

impl ServicePatch {
    /// The store's change and the names of the fields it touches (for the audit log).
    pub fn into_update(self) -> (ServiceUpdate, Vec<&'static str>) {
        let fields = [
            (self.name.is_some(), "name"),
            (self.description.is_some(), "description"),
            (self.categories.is_some(), "categories"),
            (self.phone.is_some(), "phone"),
            (self.email.is_some(), "email"),
            (self.website.is_some(), "website"),
            (self.area.is_some(), "area"),
        ]
        .into_iter()
        .filter_map(|(present, name)| present.then_some(name))
        .collect();
        let update = ServiceUpdate {
            name: self.name,
            description: self.description,
            categories: self.categories,
            phone: self.phone,
            email: self.email,
            website: self.website,
            area: self.area,
        };
        (update, fields)
    }
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

// ------------------------------------------------ shared with the console

pub(crate) use nabij_ops::services::{
    create as create_service, remove as remove_service, update as update_service,
};

// ------------------------------------------------ handlers

/// `GET /v1/services?limit=&cursor=`.
pub async fn list(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
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
    let form = body.into_new();
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::CREATED, |c| {
            let s = create_service(c, &caller, &form)?;
            Ok((ServiceOut::from_row(&s)?, ()))
        })
    })
    .await?;
    Ok(written.created("/v1/services"))
}

/// `GET /v1/services/{id}` (any caller of the organisation).
pub async fn get(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Id(id): Id<ServiceId>,
) -> ApiResult<HttpResponse> {
    let st = state.clone();
    let out = run(move || {
        let s = st.store.read(|c| service::get(c, caller.org, id))?;
        ServiceOut::from_row(&s)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// `PATCH /v1/services/{id}` (coordinators and admins).
pub async fn update(
    state: web::Data<AppState>,
    caller: Staff,
    Id(id): Id<ServiceId>,
    body: crate::extract::JsonBody<ServicePatch>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let (change, fields) = body.into_inner().into_update();
    let st = state.clone();
    let out = run(move || {
        st.store.write_as(|c| {
            let s = update_service(c, &caller, id, &change, &fields)?;
            ServiceOut::from_row(&s)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// `DELETE /v1/services/{id}` (coordinators and admins) → 204.
pub async fn remove(
    state: web::Data<AppState>,
    caller: Staff,
    Id(id): Id<ServiceId>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let st = state.clone();
    run(move || {
        st.store
            .write_as(|c| remove_service(c, &caller, id).map_err(ApiError::from))
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Registers the routes of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/v1/services")
            .route(web::post().to(create))
            .route(web::get().to(list)),
    )
    .service(
        web::resource("/v1/services/{id}")
            .route(web::get().to(get))
            .route(web::patch().to(update))
            .route(web::delete().to(remove)),
    );
}
