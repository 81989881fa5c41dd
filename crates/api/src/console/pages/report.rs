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
use crate::console::html::esc;
use crate::console::{Ctx, Lang};
use crate::error::ApiError;
use crate::index;
use crate::state::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use nabij_engine::{CandidateQuery, Vocabulary};
use nabij_store::report::{self, Area, AreaTable, Metric, Month, Report, ReportQuery};
use nabij_store::{neighbourhood, organisation, DbConnection};
use std::fmt::Write as _;

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
            name: l
                .t("Zonder buurt", "Sans quartier", "No neighbourhood")
                .to_string(),
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
    let nobody = st.indexes.query(
        caller.org,
        org.index_version,
        || index::build(c, caller.org),
        |idx| {
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
        },
    )?;
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

fn render(ctx: &Ctx, loaded: &Loaded) -> HttpResponse {
    let l = ctx.lang;
    let title = l.t("Buurtrapport", "Rapport de quartier", "Neighbourhood report");
    let mut main = format!(
        "<h1>{}</h1><p>{}</p>",
        esc(title),
        esc(l.t(
            "Per buurt en per maand: wat gevraagd werd, wie samengebracht werd, wat doorverwezen werd, wat nog wacht en waar buren ontbreken die graag helpen. Alleen aantallen, nooit namen.",
            "Par quartier et par mois : ce qui a été demandé, qui a été mis en contact, ce qui a été orienté, ce qui attend encore et où manquent des voisins prêts à aider. Uniquement des nombres, jamais de noms.",
            "Per neighbourhood and month: what was asked, who was brought together, what was referred, what is still waiting and where neighbours who like to help are missing. Only numbers, never names.",
        )),
    );
    let problems = loaded.result.as_ref().err().map(Vec::as_slice).unwrap_or(&[]);
    main.push_str(&filter::form(l, &loaded.filter, &loaded.choices, problems));
    let rep = match &loaded.result {
        Ok(r) => r,
        Err(_) => return ctx.page(StatusCode::UNPROCESSABLE_ENTITY, title, &main),
    };
    if rep.areas.is_empty() {
        let _ = write!(
            main,
            "<p class=\"empty\">{}</p>",
            esc(l.t(
                "U hebt geen buurten om te tonen.",
                "Vous n’avez aucun quartier à afficher.",
                "You have no neighbourhoods to show."
            ))
        );
        return ctx.page(StatusCode::OK, title, &main);
    }
    let mut qs = format!(
        "from={}&to={}",
        rep.months.first().map(|m| m.code()).unwrap_or_default(),
        rep.months.last().map(|m| m.code()).unwrap_or_default()
    );
    for a in &rep.areas {
        let _ = write!(qs, "&area={}", a.code());
    }
    let _ = write!(
        main,
        "<p><a href=\"/report.csv?{}\" download>{}</a></p><p class=\"hint\">{}</p>",
        esc(&qs),
        esc(l.t(
            "Download deze cijfers (CSV, voor een rekenblad)",
            "Télécharger ces chiffres (CSV, pour un tableur)",
            "Download these numbers (CSV, for a spreadsheet)"
        )),
        esc(l.t(
            "Om niemand herkenbaar te maken tonen we aantallen van 1 tot 4 als “<5”. Een totaal waarin zo’n klein aantal zit, tonen we niet (“*”): anders kon u het kleine aantal uitrekenen.",
            "Pour que personne ne soit reconnaissable, les nombres de 1 à 4 sont affichés « <5 ». Un total qui contient un tel petit nombre n’est pas affiché (« * ») : sinon, on pourrait calculer le petit nombre.",
            "So that nobody can be recognised, counts of 1 to 4 are shown as “<5”. A total that includes such a small count is not shown (“*”): otherwise the small count could be worked out.",
        )),
    );
    let months: Vec<String> = rep.months.iter().map(|m| labels::month(l, *m)).collect();
    for t in rep.tables() {
        main.push_str(&area_section(l, rep, &loaded.choices, &t, &months));
    }
    ctx.page(StatusCode::OK, title, &main)
}

fn area_section(l: Lang, rep: &Report, choices: &[Choice], t: &AreaTable, months: &[String]) -> String {
    let code = t.area.code();
    let name = area_name(choices, t.area);
    let mut out = format!(
        "<section class=\"report-area\" aria-labelledby=\"area-{code}-h\"><h2 id=\"area-{code}-h\">{}</h2><div class=\"charts\">",
        esc(&name)
    );
    for s in &t.sections {
        let series: Vec<chart::Series<'_>> = s
            .lines
            .iter()
            .filter(|line| matches!(line.key, report::LineKey::Metric(_)))
            .map(|line| chart::Series {
                label: labels::line(l, line.key),
                values: &line.months,
            })
            .collect();
        let heading = labels::section(l, s.section);
        // Many bars per month: the whole width, so that the labels stay readable.
        let class = if series.len() >= 4 { " class=\"wide\"" } else { "" };
        let _ = write!(
            out,
            "<figure{class}><figcaption>{}</figcaption>{}</figure>",
            esc(heading),
            chart::bar_chart(
                &format!("chart-{code}-{}", s.section.code()),
                &format!("{heading} — {name}"),
                l.t("Aantal per maand.", "Nombre par mois.", "Count per month."),
                months,
                &series,
            )
        );
    }
    out.push_str("</div>");
    if let Some(tags) = rep.tags_not_offered.get(&t.area) {
        let vocab = Vocabulary::builtin();
        let names: Vec<String> = tags
            .iter()
            .map(|code| {
                vocab
                    .tags()
                    .iter()
                    .find(|tag| tag.code == *code)
                    .map(|tag| match l {
                        Lang::Nl => tag.nl.clone(),
                        Lang::Fr => tag.fr.clone(),
                        Lang::En => tag.en.clone(),
                    })
                    .unwrap_or_else(|| code.clone())
            })
            .collect();
        let _ = write!(
            out,
            "<p>{} {}</p>",
            esc(l.t(
                "Gevraagd, maar door niemand anders in deze buurt aangeboden:",
                "Demandé, mais proposé par personne d’autre dans ce quartier :",
                "Asked for, but offered by nobody else in this neighbourhood:",
            )),
            esc(&names.join(", "))
        );
    }
    out.push_str(&table(l, t, &name, months));
    out.push_str("</section>");
    out
}

fn table(l: Lang, t: &AreaTable, name: &str, months: &[String]) -> String {
    let mut out = format!(
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{0} {1}\"><table class=\"report\"><caption>{0} {1}</caption><thead><tr><th scope=\"col\">{2}</th>",
        esc(l.t("Cijfers voor", "Chiffres pour", "Numbers for")),
        esc(name),
        esc(l.t("Wat", "Quoi", "What"))
    );
    for m in months {
        let _ = write!(out, "<th scope=\"col\" class=\"num\">{}</th>", esc(m));
    }
    let _ = write!(
        out,
        "<th scope=\"col\" class=\"num\">{}</th></tr></thead>",
        esc(l.t("Samen", "Total", "Total"))
    );
    let cols = months.len() + 2;
    for s in &t.sections {
        let _ = write!(
            out,
            "<tbody><tr><th scope=\"rowgroup\" colspan=\"{cols}\" class=\"group\">{}</th></tr>",
            esc(labels::section(l, s.section))
        );
        for line in &s.lines {
            let total_line = matches!(line.key, report::LineKey::Total(_));
            let _ = write!(
                out,
                "<tr data-line=\"{}:{}\"{}><th scope=\"row\">{}</th>",
                t.area.code(),
                line.key.code(),
                if total_line { " class=\"total\"" } else { "" },
                esc(labels::line(l, line.key))
            );
            for v in line.months.iter().chain(std::iter::once(&line.total)) {
                let _ = write!(out, "<td class=\"num\">{}</td>", esc(&v.text()));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody>");
    }
    out.push_str("</table></div>");
    out
}
