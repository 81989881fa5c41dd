//! The service directory from a spreadsheet, the same way as residents: mapping, dry
//! run, all-or-nothing. Each row is created through [`crate::services::create`] (its
//! audit row); one `services_imported` audit row carries the counts. A service with the
//! same name (case, accents and spaces ignored) as one on the directory, or as an
//! earlier row, is a duplicate: skipped.

use super::words;
use super::{error_rows, mapping, FieldSpec, Problem, Report, Severity, Sheet};
use crate::caller::Caller;
use crate::error::{OpsError, OpsResult};
use nabij_store::service::{self, NewService, MAX_AREA, MAX_DESCRIPTION, MAX_NAME};
use nabij_store::{rules, DbConnection};
use std::collections::{BTreeMap, HashSet};

/// The fields a service file can fill.
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: "name",
        synonyms: &[
            "naam",
            "name",
            "nom",
            "dienst",
            "organisatie",
            "service",
            "organisation",
            "servicename",
        ],
    },
    FieldSpec {
        field: "description",
        synonyms: &["omschrijving", "beschrijving", "description", "info", "wat"],
    },
    FieldSpec {
        field: "categories",
        synonyms: &[
            "categorieen",
            "categorie",
            "categories",
            "category",
            "type",
            "soort",
        ],
    },
    FieldSpec {
        field: "phone",
        synonyms: &["telefoon", "tel", "phone", "telephone", "telefoonnummer", "gsm"],
    },
    FieldSpec {
        field: "email",
        synonyms: &["email", "mail", "emailadres", "courriel"],
    },
    FieldSpec {
        field: "website",
        synonyms: &["website", "site", "siteweb", "url", "web", "webstek"],
    },
    FieldSpec {
        field: "area",
        synonyms: &["gebied", "werkgebied", "zone", "area", "regio", "region"],
    },
];

/// A category as written ("Personal care", "zware klussen") as a code: lowercase,
/// accents removed, spaces as `_`.
fn category_code(w: &str) -> String {
    words::fold(w.trim())
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// Previews or imports a service file (see [`super::neighbours::import`]).
pub fn import(
    conn: &mut DbConnection,
    caller: &Caller,
    sheet: &Sheet,
    chosen: &BTreeMap<String, String>,
    dry_run: bool,
) -> OpsResult<Report> {
    super::neighbours::require_whole_organisation(caller)?;
    let mut problems = Vec::new();
    let m = mapping(&sheet.headers, FIELDS, chosen, &mut problems);
    if m.header("name").is_none() {
        problems.push(Problem::file("name", "column_missing", None));
    }
    let mut report = Report {
        dry_run,
        headers: sheet.headers.clone(),
        mapping: m.clone(),
        rows: sheet.rows.len(),
        ..Report::default()
    };
    let mut forms: Vec<(usize, NewService)> = Vec::new();
    if !problems.iter().any(Problem::is_error) {
        let mut seen: HashSet<String> = service::names(conn, caller.org)?
            .iter()
            .map(|n| super::header_key(n))
            .collect();
        let mut in_file: Vec<(String, usize)> = Vec::new();
        for (row, cells) in &sheet.rows {
            let cell = |f: &str| {
                m.index(&sheet.headers, f)
                    .and_then(|i| cells.get(i))
                    .map(String::as_str)
                    .unwrap_or("")
            };
            let before = problems.iter().filter(|p| p.is_error()).count();
            let mut push = |field: &'static str, code: &'static str, value: &str| {
                let mut p = Problem {
                    column: m.header(field).map(str::to_string),
                    ..Problem::at(*row, field, code, Severity::Error)
                };
                if !value.is_empty() {
                    p = p.with_value(value);
                }
                problems.push(p);
            };
            let name = match cell("name") {
                "" => {
                    push("name", "name_missing", "");
                    String::new()
                }
                n => rules::name(n, MAX_NAME).unwrap_or_else(|_| {
                    push("name", "name_invalid", n);
                    String::new()
                }),
            };
            let description = rules::text(cell("description"), MAX_DESCRIPTION).unwrap_or_else(|_| {
                push("description", "text_invalid", cell("description"));
                String::new()
            });
            let mut categories = Vec::new();
            for w in words::list(cell("categories")) {
                let c = category_code(&w);
                if service::valid_category(&c) {
                    categories.push(c);
                } else {
                    push("categories", "category_invalid", &w);
                }
            }
            let phone = rules::service_phone(Some(cell("phone"))).unwrap_or_else(|_| {
                push("phone", "phone_invalid", cell("phone"));
                None
            });
            let email = rules::email(Some(cell("email"))).unwrap_or_else(|_| {
                push("email", "email_invalid", cell("email"));
                None
            });
            let website = rules::website(Some(cell("website"))).unwrap_or_else(|_| {
                push("website", "website_invalid", cell("website"));
                None
            });
            let area = match rules::line(cell("area"), MAX_AREA) {
                Ok(a) if a.is_empty() => None,
                Ok(a) => Some(a),
                Err(_) => {
                    push("area", "text_invalid", cell("area"));
                    None
                }
            };
            if problems.iter().filter(|p| p.is_error()).count() > before {
                continue;
            }
            let key = super::header_key(&name);
            if let Some((_, first)) = in_file.iter().find(|(k, _)| *k == key) {
                report.duplicates += 1;
                problems.push(
                    Problem {
                        column: m.header("name").map(str::to_string),
                        ..Problem::at(*row, "name", "duplicate_in_file", Severity::Duplicate)
                    }
                    .with_value(&first.to_string()),
                );
                continue;
            }
            if !seen.insert(key.clone()) {
                report.duplicates += 1;
                problems.push(
                    Problem {
                        column: m.header("name").map(str::to_string),
                        ..Problem::at(*row, "name", "duplicate_existing", Severity::Duplicate)
                    }
                    .with_value(&name),
                );
                continue;
            }
            in_file.push((key, *row));
            forms.push((
                *row,
                NewService {
                    name,
                    description,
                    categories,
                    phone,
                    email,
                    website,
                    area,
                },
            ));
        }
    }
    report.created = forms.len();
    problems.sort_by_key(|p| (p.row.unwrap_or(0), p.severity != Severity::Error));
    report.error_rows = error_rows(&problems);
    report.problems = problems;
    if report.has_errors() {
        if dry_run {
            return Ok(report);
        }
        report.created = 0;
        return Err(OpsError::ImportRejected(Box::new(report)));
    }
    if dry_run {
        return Ok(report);
    }
    for (_, form) in &forms {
        crate::services::create(conn, caller, form)?;
    }
    crate::access::record(
        conn,
        caller,
        "services_imported",
        None,
        format!(
            "rows={} created={} duplicates={}",
            report.rows, report.created, report.duplicates
        ),
    )?;
    report.imported = true;
    Ok(report)
}
