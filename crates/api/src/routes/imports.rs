//! Imports from spreadsheets (issue 16), for admins and coordinators of the whole
//! organisation:
//!
//! - `POST /v1/imports/neighbours?dry_run=&<field>=<header>…`: residents from a CSV or
//!   XLSX file (the body); each query parameter named after a field chooses the file's
//!   column for it (an empty value takes a guessed column off), the others are guessed
//!   from the headers.
//! - `POST /v1/imports/services?dry_run=&<field>=<header>…`: the service directory.
//!
//! A dry run answers 200 with every finding (row, column, field, code, severity and a
//! message in the language of `Accept-Language`, Dutch by default). An import with an
//! error writes nothing and answers 422 `import_invalid` with the same findings; one
//! without answers 200 with what it created and skipped. Thin: read the file, call one
//! `nabij_ops::imports` operation, render.

use crate::auth::Staff;
use crate::blocking::run;
use crate::error::{ApiError, ApiResult};
use crate::routes::setup::IMPORT_LIMIT;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use nabij_i18n::Locale;
use nabij_ops::imports::{self, FieldSpec, Problem, Report, Sheet};
use serde::Serialize;
use std::collections::BTreeMap;

/// A finding as the API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemOut {
    pub row: Option<usize>,
    pub column: Option<String>,
    pub field: &'static str,
    pub code: &'static str,
    pub severity: imports::Severity,
    pub message: String,
}

/// The words of a finding in `locale`.
pub fn message(locale: Locale, p: &Problem) -> String {
    let label = nabij_i18n::t(locale, "import-field", &[("field", p.field.into())]);
    let value = p.value.clone().unwrap_or_default();
    nabij_i18n::t(
        locale,
        "import-problem",
        &[
            ("code", p.code.into()),
            ("value", value.as_str().into()),
            ("label", label.as_str().into()),
        ],
    )
}

pub fn problems_out(locale: Locale, problems: &[Problem]) -> Vec<ProblemOut> {
    problems
        .iter()
        .map(|p| ProblemOut {
            row: p.row,
            column: p.column.clone(),
            field: p.field,
            code: p.code,
            severity: p.severity,
            message: message(locale, p),
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct ImportOut {
    pub dry_run: bool,
    pub imported: bool,
    pub headers: Vec<String>,
    pub mapping: BTreeMap<&'static str, String>,
    pub rows: usize,
    pub created: usize,
    pub duplicates: usize,
    pub error_rows: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_unknown: Option<usize>,
    pub problems: Vec<ProblemOut>,
}

impl ImportOut {
    fn new(locale: Locale, r: &Report, availability_unknown: Option<usize>) -> Self {
        ImportOut {
            dry_run: r.dry_run,
            imported: r.imported,
            headers: r.headers.clone(),
            mapping: r.mapping.0.clone(),
            rows: r.rows,
            created: r.created,
            duplicates: r.duplicates,
            error_rows: r.error_rows,
            availability_unknown,
            problems: problems_out(locale, &r.problems),
        }
    }
}

/// The reader's language from `Accept-Language` (its first tag), Dutch by default.
pub fn locale(req: &HttpRequest) -> Locale {
    req.headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';']).next())
        .map(Locale::parse_or_default)
        .unwrap_or_default()
}

/// `dry_run` and the column choices from the query; an unknown parameter is a 400.
fn query(q: &BTreeMap<String, String>, fields: &[FieldSpec]) -> ApiResult<(bool, BTreeMap<String, String>)> {
    let mut dry_run = false;
    let mut chosen = BTreeMap::new();
    for (k, v) in q {
        if k == "dry_run" {
            dry_run = match v.as_str() {
                "true" | "1" => true,
                "false" | "0" | "" => false,
                _ => return Err(ApiError::invalid_field("dry_run", "must be true or false")),
            };
        } else if fields.iter().any(|f| f.field == k) {
            if v.chars().count() > 200 {
                return Err(ApiError::invalid_field(
                    k.clone(),
                    "a header of at most 200 characters",
                ));
            }
            chosen.insert(k.clone(), v.clone());
        } else {
            return Err(ApiError::invalid_field(
                k.clone(),
                "unknown parameter: dry_run or a field name",
            ));
        }
    }
    Ok((dry_run, chosen))
}

fn read_sheet(body: &[u8]) -> ApiResult<Sheet> {
    imports::sheet::read(body).map_err(|e| ApiError::Unprocessable {
        code: e.code(),
        detail: e.to_string(),
    })
}

/// The 422 of an import with errors, or the error as it is.
fn rejected(locale: Locale, e: nabij_ops::OpsError) -> ApiError {
    match e {
        nabij_ops::OpsError::ImportRejected(report) => ApiError::ImportRejected {
            detail: nabij_i18n::t(locale, "import-rejected", &[("rows", report.error_rows.into())]),
            problems: problems_out(locale, &report.problems),
        },
        other => other.into(),
    }
}

/// `POST /v1/imports/neighbours`.
pub async fn import_neighbours(
    state: web::Data<AppState>,
    caller: Staff,
    req: HttpRequest,
    q: web::Query<BTreeMap<String, String>>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    imports::neighbours::require_whole_organisation(&caller).map_err(ApiError::from)?;
    let locale = locale(&req);
    let (dry_run, chosen) = query(&q, imports::neighbours::FIELDS)?;
    let st = state.clone();
    let org = caller.org;
    let out = run(move || {
        let sheet = read_sheet(&body)?;
        let r = if dry_run {
            st.store
                .read(|c| Ok(imports::neighbours::import(c, &caller, &sheet, &chosen, true)))?
        } else {
            st.store
                .write_as(|tx| imports::neighbours::import(tx, &caller, &sheet, &chosen, false))
        };
        let r = r.map_err(|e| rejected(locale, e))?;
        Ok(ImportOut::new(locale, &r.report, Some(r.availability_unknown)))
    })
    .await?;
    if out.imported {
        state.indexes.invalidate(org);
    }
    Ok(HttpResponse::Ok().json(out))
}

/// `POST /v1/imports/services`.
pub async fn import_services(
    state: web::Data<AppState>,
    caller: Staff,
    req: HttpRequest,
    q: web::Query<BTreeMap<String, String>>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    imports::neighbours::require_whole_organisation(&caller).map_err(ApiError::from)?;
    let locale = locale(&req);
    let (dry_run, chosen) = query(&q, imports::services::FIELDS)?;
    let st = state.clone();
    let out = run(move || {
        let sheet = read_sheet(&body)?;
        let r = if dry_run {
            st.store
                .read(|c| Ok(imports::services::import(c, &caller, &sheet, &chosen, true)))?
        } else {
            st.store
                .write_as(|tx| imports::services::import(tx, &caller, &sheet, &chosen, false))
        };
        let r = r.map_err(|e| rejected(locale, e))?;
        Ok(ImportOut::new(locale, &r, None))
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/v1/imports/neighbours")
            .app_data(web::PayloadConfig::new(IMPORT_LIMIT))
            .route(web::post().to(import_neighbours)),
    )
    .service(
        web::resource("/v1/imports/services")
            .app_data(web::PayloadConfig::new(IMPORT_LIMIT))
            .route(web::post().to(import_services)),
    );
}
