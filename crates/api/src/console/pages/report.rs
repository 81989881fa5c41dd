//! The neighbourhood report: per neighbourhood and month, charts, table and CSV.
//!
//! `GET /report?from=YYYY-MM&to=YYYY-MM&area=ID&area=none` shows the neighbourhoods the
//! coordinator may see (all of them, and residents outside any, for a coordinator who is
//! not limited), the last six months by default, at most twelve. `GET /report.csv` with
//! the same query downloads the same numbers. Counting is [`nabij_store::report`]; every
//! number shown (table, charts, CSV) comes from its published tables, so the small-count
//! rule holds everywhere. The waiting requests are looked up in this instance's cached
//! candidate index, as the candidate list does.

mod chart;
mod csv;
mod filter;
mod labels;

use crate::console::routes::resource;
use filter::{check, parse_filter, Choice, Filter, Problem};

use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::Shell;
use crate::console::{Ctx, Lang};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::Utc;
use nabij_engine::CandidateQuery;
use nabij_store::report::{self, Area, AreaTable, Metric, Month, Report, ReportQuery};
use nabij_store::{neighbourhood, organisation, DbConnection};

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/report").get(page))
        .service(resource("/report.csv").get(download));
}

struct Loaded {
    choices: Vec<Choice>,
    filter: Filter,
    result: Result<Report, Vec<Problem>>,
}

/// The areas this caller may see, then the report or what is wrong with the filter.
fn load(c: &mut DbConnection, st: &AppState, caller: &Caller, l: Lang, qs: &str) -> Result<Loaded, ApiError> {
    let now = Month::of(Utc::now().naive_utc());
    let mut choices: Vec<Choice> = neighbourhood::list(c, caller.org)?
        .into_iter()
        .filter(|h| caller.sees_neighbourhood(Some(h.id)))
        .map(|h| Choice {
            area: Area::Hood(h.id),
            name: h.name,
        })
        .collect();
    if caller.neighbourhoods.is_none() {
        choices.push(Choice {
            area: Area::NoNeighbourhood,
            name: l.text("report-no-neighbourhood"),
        });
    }
    let filter = parse_filter(qs, now);
    let result = match check(l, &filter, &choices, now) {
        Ok(q) => Ok(counted(c, st, caller, &q)?),
        Err(p) => Err(p),
    };
    Ok(Loaded {
        choices,
        filter,
        result,
    })
}

/// The counts, with the waiting requests looked up in the candidate index.
fn counted(
    c: &mut DbConnection,
    st: &AppState,
    caller: &Caller,
    q: &ReportQuery,
) -> Result<Report, ApiError> {
    let mut rep = report::load(c, caller.org, q)?;
    let checks = rep.take_candidate_checks();
    if checks.is_empty() {
        return Ok(rep);
    }
    let org = organisation::get(c, caller.org)?;
    let weights = org.settings()?.weights;
    let nobody = st.indexes.query_current(c, caller.org, |idx| {
        checks
            .iter()
            .filter(|ch| {
                idx.top_candidates(&CandidateQuery {
                    request: &ch.request,
                    limit: 1,
                    weights: &weights,
                })
                .is_empty()
            })
            .map(|ch| (ch.area, ch.month))
            .collect::<Vec<_>>()
    })?;
    for (area, month) in nobody {
        rep.add(area, month, Metric::NoCandidateNearby, 1);
    }
    Ok(rep)
}

async fn fetch(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    ctx: &Ctx,
    caller: Caller,
) -> Result<Loaded, ApiError> {
    let st = state.clone();
    let l = ctx.lang;
    let qs = req.query_string().to_string();
    run(move || st.store.read_as(|c| load(c, &st, &caller, l, &qs))).await
}

pub async fn page(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    match fetch(&req, &state, &ctx, caller).await {
        Ok(loaded) => render(&ctx, &loaded),
        Err(e) => ctx.failure(&e),
    }
}

pub async fn download(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let slug = caller.org_slug.clone();
    let loaded = match fetch(&req, &state, &ctx, caller).await {
        Ok(x) => x,
        Err(e) => return ctx.failure(&e),
    };
    let Ok(rep) = &loaded.result else {
        return render(&ctx, &loaded);
    };
    let tables = rep.tables();
    let name = |t: &AreaTable| area_name(&loaded.choices, t.area);
    let body = csv::render(ctx.lang, &rep.months, &tables, &name);
    let (first, last) = (
        rep.months.first().map(|m| m.code()).unwrap_or_default(),
        rep.months.last().map(|m| m.code()).unwrap_or_default(),
    );
    let file = format!("buurtrapport-{slug}-{first}-{last}.csv")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'))
        .collect::<String>();
    ctx.finish(
        HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ))
            .body(body),
    )
}

fn area_name(choices: &[Choice], area: Area) -> String {
    choices
        .iter()
        .find(|c| c.area == area)
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

/// What the page shows under the filter.
enum Body {
    /// The filter is wrong: only the form (with its problems).
    Filter,
    /// No neighbourhoods to show.
    Empty,
    Areas {
        /// The query of the CSV link (the same months and areas).
        csv_query: String,
        areas: Vec<AreaView>,
    },
}

/// One chart with its heading; `svg` is made by `chart::bar_chart` from its template.
struct Figure {
    wide: bool,
    heading: String,
    svg: String,
}

struct LineView {
    code: String,
    total: bool,
    label: String,
    /// Each month, then the total.
    values: Vec<String>,
}

struct SectionView {
    heading: String,
    lines: Vec<LineView>,
}

struct AreaView {
    code: String,
    name: String,
    figures: Vec<Figure>,
    /// Tags asked for but offered by nobody else there, joined.
    not_offered: Option<String>,
    sections: Vec<SectionView>,
}

#[derive(Template)]
#[template(path = "console/report.html")]
struct ReportPage {
    shell: Shell,
    filter: filter::FilterView,
    /// The months' names (column headings).
    months: Vec<String>,
    body: Body,
}

fn render(ctx: &Ctx, loaded: &Loaded) -> HttpResponse {
    let l = ctx.lang;
    let problems = loaded.result.as_ref().err().map(Vec::as_slice).unwrap_or(&[]);
    let mut page = ReportPage {
        shell: ctx.shell(l.text("report-title")),
        filter: filter::view(l, &loaded.filter, &loaded.choices, problems),
        months: Vec::new(),
        body: Body::Filter,
    };
    let rep = match &loaded.result {
        Ok(r) => r,
        Err(_) => return ctx.render(StatusCode::UNPROCESSABLE_ENTITY, &page),
    };
    if rep.areas.is_empty() {
        page.body = Body::Empty;
        return ctx.render(StatusCode::OK, &page);
    }
    let mut query: Vec<(&str, String)> = vec![
        ("from", rep.months.first().map(|m| m.code()).unwrap_or_default()),
        ("to", rep.months.last().map(|m| m.code()).unwrap_or_default()),
    ];
    query.extend(rep.areas.iter().map(|a| ("area", a.code())));
    let csv_query = query
        .iter()
        .map(|(k, v)| [*k, "=", v].concat())
        .collect::<Vec<_>>()
        .join("&");
    page.months = rep.months.iter().map(|m| labels::month(l, *m)).collect();
    let areas = rep
        .tables()
        .iter()
        .map(|t| area_view(l, rep, &loaded.choices, t, &page.months))
        .collect();
    page.body = Body::Areas { csv_query, areas };
    ctx.render(StatusCode::OK, &page)
}

fn area_view(l: Lang, rep: &Report, choices: &[Choice], t: &AreaTable, months: &[String]) -> AreaView {
    let code = t.area.code();
    let name = area_name(choices, t.area);
    let figures = t
        .sections
        .iter()
        .map(|s| {
            let labels: Vec<(String, &[report::Shown])> = s
                .lines
                .iter()
                .filter(|line| matches!(line.key, report::LineKey::Metric(_)))
                .map(|line| (labels::line(l, line.key), line.months.as_slice()))
                .collect();
            let series: Vec<chart::Series<'_>> = labels
                .iter()
                .map(|(label, values)| chart::Series { label, values })
                .collect();
            let heading = labels::section(l, s.section);
            Figure {
                // Many bars per month: the whole width, so that the labels stay readable.
                wide: series.len() >= 4,
                svg: chart::bar_chart(
                    &["chart-", &code, "-", s.section.code()].concat(),
                    &[heading.as_str(), " — ", &name].concat(),
                    &l.text("report-chart-desc"),
                    months,
                    &series,
                ),
                heading,
            }
        })
        .collect();
    let not_offered = rep.tags_not_offered.get(&t.area).map(|tags| {
        tags.iter()
            .map(|code| nabij_i18n::tag_label(l, code))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let sections = t
        .sections
        .iter()
        .map(|s| SectionView {
            heading: labels::section(l, s.section),
            lines: s
                .lines
                .iter()
                .map(|line| LineView {
                    code: line.key.code(),
                    total: matches!(line.key, report::LineKey::Total(_)),
                    label: labels::line(l, line.key),
                    values: line
                        .months
                        .iter()
                        .chain(std::iter::once(&line.total))
                        .map(|v| v.text())
                        .collect(),
                })
                .collect(),
        })
        .collect();
    AreaView {
        code,
        name,
        figures,
        not_offered,
        sections,
    }
}
