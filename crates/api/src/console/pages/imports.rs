//! Imports from a spreadsheet in the console (issue 16), for coordinators and admins of
//! the whole organisation, in three steps without state on the server:
//!
//! 1. `GET /imports`: choose residents or services and upload the file (CSV or XLSX,
//!    `multipart/form-data`);
//! 2. `POST /imports/upload`: the file's headers, each nabij field with a choice of
//!    column, the guesses pre-filled; the file travels on in a hidden field;
//! 3. `POST /imports/check`: the dry run's findings per row (row, column, what is wrong,
//!    in the reader's language), and — when there is no error — the button that imports
//!    (`action=import`, the same call, all or nothing).
//!
//! Everything goes through `nabij_ops::imports`, as the API does.

use crate::blocking::run;
use crate::console::html::Shell;
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::imports::message;
use crate::routes::setup::IMPORT_LIMIT;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use nabij_ops::imports::{self, FieldSpec, Severity};
use std::collections::BTreeMap;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/imports").get(start))
        .service(
            resource("/imports/upload")
                .app_data(web::PayloadConfig::new(IMPORT_LIMIT))
                .post(upload),
        )
        .service(
            resource("/imports/check")
                .app_data(web::PayloadConfig::new(IMPORT_LIMIT * 2))
                .post(check),
        );
}

fn fields(kind: &str) -> &'static [FieldSpec] {
    if kind == "services" {
        imports::services::FIELDS
    } else {
        imports::neighbours::FIELDS
    }
}

fn kind_of(form: &Form) -> &'static str {
    if form.get("kind") == Some("services") {
        "services"
    } else {
        "neighbours"
    }
}

#[derive(Template)]
#[template(path = "console/import_start.html")]
struct StartPage<'a> {
    shell: Shell,
    csrf: &'a str,
    error: Option<String>,
}

/// One field of the mapping step: its label, the column chosen and the choices.
struct FieldRow {
    field: &'static str,
    label: String,
    required: bool,
    /// (header, selected)
    options: Vec<(String, bool)>,
    none_selected: bool,
}

#[derive(Template)]
#[template(path = "console/import_map.html")]
struct MapPage<'a> {
    shell: Shell,
    csrf: &'a str,
    kind: &'static str,
    file: String,
    headers: Vec<String>,
    rows: usize,
    fields: Vec<FieldRow>,
}

/// One finding as the report shows it.
struct Finding {
    row: String,
    column: String,
    message: String,
    class: &'static str,
}

#[derive(Template)]
#[template(path = "console/import_report.html")]
struct ReportPage<'a> {
    shell: Shell,
    csrf: &'a str,
    kind: &'static str,
    file: String,
    /// (field, header) as chosen, carried to the import.
    chosen: Vec<(String, String)>,
    summary: String,
    can_import: bool,
    findings: Vec<Finding>,
}

/// Only staff of the whole organisation import.
fn whole_org(ctx: &Ctx, caller: &crate::auth::Caller) -> Option<HttpResponse> {
    imports::neighbours::require_whole_organisation(caller)
        .is_err()
        .then(|| ctx.forbidden())
}

pub async fn start(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    if let Some(r) = whole_org(&ctx, &caller) {
        return r;
    }
    start_page(&ctx, StatusCode::OK, None)
}

fn start_page(ctx: &Ctx, status: StatusCode, error: Option<String>) -> HttpResponse {
    let page = StartPage {
        shell: ctx.shell(ctx.lang.text("imports-title")),
        csrf: &ctx.csrf,
        error,
    };
    ctx.render(status, &page)
}

/// The parts of a `multipart/form-data` body: (name, content). Text parts and one file;
/// anything malformed gives what could be read (the CSRF check then refuses).
fn multipart(req: &HttpRequest, body: &[u8]) -> Vec<(String, Vec<u8>)> {
    let Some(boundary) = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').find_map(|p| p.trim().strip_prefix("boundary=")))
        .map(|b| b.trim_matches('"').to_string())
    else {
        return Vec::new();
    };
    let delimiter = format!("--{boundary}").into_bytes();
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(start) = find(rest, &delimiter) {
        rest = &rest[start + delimiter.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        let Some(end) = find(rest, &delimiter) else {
            break;
        };
        let part = &rest[..end];
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        if let Some(split) = find(part, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&part[..split]).to_string();
            let content = part[split + 4..].to_vec();
            let name = head.split(';').find_map(|p| {
                p.trim()
                    .strip_prefix("name=")
                    .map(|n| n.trim_matches('"').to_string())
            });
            if let Some(name) = name {
                out.push((name, content));
            }
        }
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

pub async fn upload(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let parts = multipart(&req, &body);
    let text: Vec<(String, String)> = parts
        .iter()
        .filter(|(n, _)| n != "file")
        .map(|(n, v)| (n.clone(), String::from_utf8_lossy(v).to_string()))
        .collect();
    let form = Form(text);
    if !ctx.csrf_ok(&form) {
        return ctx.forbidden();
    }
    if let Some(r) = whole_org(&ctx, &caller) {
        return r;
    }
    let l = ctx.lang;
    let kind = kind_of(&form);
    let file: Vec<u8> = parts
        .into_iter()
        .find(|(n, _)| n == "file")
        .map(|(_, v)| v)
        .unwrap_or_default();
    let sheet = match imports::sheet::read(&file) {
        Ok(s) => s,
        Err(e) => {
            let msg = nabij_i18n::t(l, "imports-file-error", &[("code", e.code().into())]);
            return start_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(msg));
        }
    };
    let specs = fields(kind);
    let guess = imports::guess(&sheet.headers, specs);
    let required: &[&str] = if kind == "services" {
        &["name"]
    } else {
        &["display_name", "consent_channel", "consent_date"]
    };
    let rows = specs
        .iter()
        .map(|f| {
            let chosen = guess.header(f.field);
            FieldRow {
                field: f.field,
                label: nabij_i18n::t(l, "import-field", &[("field", f.field.into())]),
                required: required.contains(&f.field),
                options: sheet
                    .headers
                    .iter()
                    .filter(|h| !h.is_empty())
                    .map(|h| (h.clone(), chosen == Some(h.as_str())))
                    .collect(),
                none_selected: chosen.is_none(),
            }
        })
        .collect();
    let page = MapPage {
        shell: ctx.shell(l.text("imports-map-title")),
        csrf: &ctx.csrf,
        kind,
        file: STANDARD.encode(&file),
        headers: sheet.headers.clone(),
        rows: sheet.rows.len(),
        fields: rows,
    };
    ctx.render(StatusCode::OK, &page)
}

pub async fn check(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form) = posted!(ctx, body);
    if let Some(r) = whole_org(&ctx, &caller) {
        return r;
    }
    let l = ctx.lang;
    let kind = kind_of(&form);
    let encoded = form.text("file");
    let Ok(file) = STANDARD.decode(encoded.as_bytes()) else {
        return start_page(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(nabij_i18n::t(
                l,
                "imports-file-error",
                &[("code", "file_unreadable".into())],
            )),
        );
    };
    let sheet = match imports::sheet::read(&file) {
        Ok(s) => s,
        Err(e) => {
            let msg = nabij_i18n::t(l, "imports-file-error", &[("code", e.code().into())]);
            return start_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(msg));
        }
    };
    let mut chosen = BTreeMap::new();
    for f in fields(kind) {
        if let Some(v) = form.get(&format!("map_{}", f.field)) {
            chosen.insert(f.field.to_string(), v.to_string());
        }
    }
    let dry_run = form.get("action") != Some("import");
    let st = state.clone();
    let who = caller.clone();
    let org = caller.org;
    let ch = chosen.clone();
    let result = run(move || {
        let r = match (kind, dry_run) {
            ("services", true) => st
                .store
                .read(|c| Ok(imports::services::import(c, &who, &sheet, &ch, true)))?,
            ("services", false) => st
                .store
                .write_as(|c| imports::services::import(c, &who, &sheet, &ch, false)),
            (_, true) => st
                .store
                .read(|c| Ok(imports::neighbours::import(c, &who, &sheet, &ch, true).map(|r| r.report)))?,
            (_, false) => st
                .store
                .write_as(|c| imports::neighbours::import(c, &who, &sheet, &ch, false).map(|r| r.report)),
        };
        match r {
            Ok(r) => Ok(r),
            Err(nabij_ops::OpsError::ImportRejected(r)) => Ok(*r),
            Err(e) => Err(ApiError::from(e)),
        }
    })
    .await;
    let report = match result {
        Ok(r) => r,
        Err(e) => return ctx.failure(&e),
    };
    if report.imported && kind == "neighbours" {
        state.indexes.invalidate(org);
    }
    let summary_key = if report.imported {
        "imports-done"
    } else {
        "imports-summary"
    };
    let summary = nabij_i18n::t(
        l,
        summary_key,
        &[
            ("rows", report.rows.into()),
            ("created", report.created.into()),
            ("duplicates", report.duplicates.into()),
            ("errors", report.error_rows.into()),
        ],
    );
    let findings = report
        .problems
        .iter()
        .map(|p| Finding {
            row: p
                .row
                .map_or_else(|| l.text("imports-whole-file"), |r| r.to_string()),
            column: p.column.clone().unwrap_or_else(|| "—".to_string()),
            message: message(l, p),
            class: match p.severity {
                Severity::Error => "error",
                Severity::Duplicate => "duplicate",
                Severity::Notice => "notice",
            },
        })
        .collect();
    let status = if !report.imported && !dry_run {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = ReportPage {
        shell: ctx.shell(l.text("imports-report-title")),
        csrf: &ctx.csrf,
        kind,
        file: encoded,
        chosen: report
            .mapping
            .0
            .iter()
            .map(|(f, h)| (format!("map_{f}"), h.clone()))
            .chain(
                fields(kind)
                    .iter()
                    .filter(|f| !report.mapping.0.contains_key(f.field))
                    .map(|f| (format!("map_{}", f.field), String::new())),
            )
            .collect(),
        summary,
        can_import: !report.imported && !report.has_errors(),
        findings,
    };
    ctx.render(status, &page)
}
