//! Setting up a municipality's map (issue 16), for its admins:
//!
//! - `POST /v1/neighbourhoods/import?dry_run=&name_property=`: a GeoJSON
//!   FeatureCollection of (Multi)Polygons (WGS84) as the body; a dry run previews names,
//!   areas, problems and overlaps; an import is all-or-nothing and places every
//!   neighbour again by point-in-polygon, listing who lies outside every neighbourhood.
//! - `POST /v1/addresses/import`: the municipality's BeSt Address CSV as the body,
//!   replacing the organisation's address points (all-or-nothing).
//! - `GET /v1/addresses?q=`: address labels for a search box (staff); never positions.
//!
//! Thin adapters: parse, call one `nabij_ops` operation, render.

use crate::auth::{AdminOnly, Staff};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use nabij_store::address::{self, AddressLabel};
use nabij_store::boundary::{self, FeaturePreview, Overlap};
use serde::{Deserialize, Serialize};

/// Largest file the import routes take (the JSON routes keep their 64 KiB).
pub const IMPORT_LIMIT: usize = boundary::MAX_BYTES;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeighbourhoodImportQuery {
    #[serde(default)]
    pub dry_run: bool,
    /// The feature property holding the name (default `name`).
    #[serde(default)]
    pub name_property: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct OutsideOut {
    pub id: i64,
    pub display_name: String,
}

#[derive(Debug, Serialize)]
pub struct NeighbourhoodImportOut {
    pub dry_run: bool,
    pub imported: bool,
    pub features: Vec<FeaturePreview>,
    pub overlaps: Vec<Overlap>,
    pub created: Vec<String>,
    pub updated: Vec<String>,
    pub moved: usize,
    pub outside: Vec<OutsideOut>,
}

fn utf8(body: &[u8]) -> ApiResult<&str> {
    std::str::from_utf8(body).map_err(|_| ApiError::invalid_field("body", "the file is not UTF-8 text"))
}

/// `POST /v1/neighbourhoods/import` (admins).
pub async fn import_neighbourhoods(
    state: web::Data<AppState>,
    caller: AdminOnly,
    query: web::Query<NeighbourhoodImportQuery>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let NeighbourhoodImportQuery {
        dry_run,
        name_property,
    } = query.into_inner();
    let name_property = name_property.unwrap_or_else(|| "name".to_string());
    let st = state.clone();
    let org = caller.org;
    let out = run(move || {
        let file = boundary::parse_file(utf8(&body)?, &name_property)?;
        if !dry_run && !file.importable() {
            let mut errors: Vec<FieldError> = file
                .features
                .iter()
                .flat_map(|f| {
                    f.problems
                        .iter()
                        .map(move |p| FieldError::new(format!("features[{}]", f.feature - 1), p.clone()))
                })
                .collect();
            errors.extend(
                file.overlaps
                    .iter()
                    .map(|o| FieldError::new("features", format!("{} and {} overlap", o.a, o.b))),
            );
            return Err(ApiError::invalid_fields(errors));
        }
        let r = st
            .store
            .write_as(|tx| nabij_ops::neighbourhoods::import(tx, &caller, &file, dry_run))
            .map_err(ApiError::from)?;
        Ok(NeighbourhoodImportOut {
            dry_run: r.dry_run,
            imported: r.imported,
            features: r.features,
            overlaps: r.overlaps,
            created: r.created,
            updated: r.updated,
            moved: r.moved,
            outside: r
                .outside
                .into_iter()
                .map(|(id, display_name)| OutsideOut {
                    id: id.0,
                    display_name,
                })
                .collect(),
        })
    })
    .await?;
    if out.imported {
        state.indexes.invalidate(org);
    }
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Serialize)]
pub struct AddressImportOut {
    pub imported: bool,
    pub points: usize,
    pub skipped: usize,
}

/// `POST /v1/addresses/import` (admins).
pub async fn import_addresses(
    state: web::Data<AppState>,
    caller: AdminOnly,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let st = state.clone();
    let out = run(move || {
        let file = address::parse_csv(&body)?;
        if file.problem_count > 0 {
            return Err(ApiError::invalid_fields(
                file.problems
                    .iter()
                    .map(|p| FieldError::new(format!("line {}", p.line), p.message.clone()))
                    .collect(),
            ));
        }
        if file.points.is_empty() {
            return Err(ApiError::invalid_field("body", "the file has no address points"));
        }
        let r = st
            .store
            .write_as(|tx| nabij_ops::addresses::import(tx, &caller, &file))
            .map_err(ApiError::from)?;
        Ok(AddressImportOut {
            imported: r.imported,
            points: r.points,
            skipped: r.skipped,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressQueryIn {
    pub q: String,
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct AddressesOut {
    pub addresses: Vec<AddressLabel>,
}

/// `GET /v1/addresses?q=` (staff): labels only.
pub async fn search_addresses(
    state: web::Data<AppState>,
    caller: Staff,
    query: web::Query<AddressQueryIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let AddressQueryIn { q, limit } = query.into_inner();
    if q.chars().count() > 200 {
        return Err(ApiError::invalid_field("q", "at most 200 characters"));
    }
    let limit = match limit {
        None => 10,
        Some(l @ 1..=20) => i64::from(l),
        Some(_) => return Err(ApiError::invalid_field("limit", "between 1 and 20")),
    };
    let st = state.clone();
    let addresses = run(move || {
        st.store
            .read(|c| Ok(nabij_ops::addresses::search(c, &caller, &q, limit)))?
            .map_err(ApiError::from)
    })
    .await?;
    Ok(HttpResponse::Ok().json(AddressesOut { addresses }))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/v1/neighbourhoods/import")
            .app_data(web::PayloadConfig::new(IMPORT_LIMIT))
            .route(web::post().to(import_neighbourhoods)),
    )
    .service(
        web::resource("/v1/addresses/import")
            .app_data(web::PayloadConfig::new(IMPORT_LIMIT))
            .route(web::post().to(import_addresses)),
    )
    .service(web::resource("/v1/addresses").route(web::get().to(search_addresses)));
}
