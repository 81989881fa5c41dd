//! The report's filter: which neighbourhoods and months, as typed, checked against what
//! the caller may see, and its form (which keeps what was chosen when it is wrong).

use super::labels;
use crate::console::Lang;
use actix_web::web;
use chrono::Utc;
use nabij_store::report::{Area, Month, ReportQuery};

/// Months shown by default, and at most.
const DEFAULT_MONTHS: usize = 6;
const MAX_MONTHS: usize = 12;
/// Months offered in the choice lists (back from the current one).
const CHOICE_MONTHS: usize = 36;

/// An area the caller may choose, with its name.
pub(super) struct Choice {
    pub area: Area,
    pub name: String,
}

/// The filter as typed (kept when it is wrong).
pub(super) struct Filter {
    pub from: String,
    pub to: String,
    /// Empty: every area.
    pub areas: Vec<String>,
}

/// A field of the filter that is wrong, and why.
pub(super) struct Problem {
    pub field: &'static str,
    pub text: String,
}

fn month_choices(now: Month) -> Vec<Month> {
    let mut out = vec![now];
    while out.len() < CHOICE_MONTHS {
        let prev = out[out.len() - 1].prev();
        out.push(prev);
    }
    out
}

pub(super) fn parse_filter(qs: &str, now: Month) -> Filter {
    let pairs = web::Query::<Vec<(String, String)>>::from_query(qs)
        .map(|q| q.into_inner())
        .unwrap_or_default();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
    };
    let mut from = now;
    for _ in 1..DEFAULT_MONTHS {
        from = from.prev();
    }
    Filter {
        from: get("from").unwrap_or_else(|| from.code()),
        to: get("to").unwrap_or_else(|| now.code()),
        areas: pairs
            .iter()
            .filter(|(k, _)| k == "area")
            .map(|(_, v)| v.trim().to_string())
            .collect(),
    }
}

pub(super) fn check(
    l: Lang,
    f: &Filter,
    choices: &[Choice],
    now: Month,
) -> Result<ReportQuery, Vec<Problem>> {
    let listed = month_choices(now);
    let month = |s: &str| Month::parse(s).filter(|m| listed.contains(m));
    let mut problems = Vec::new();
    let problem = |field: &'static str, code: &str| Problem {
        field,
        text: nabij_i18n::t(l, "report-problem", &[("code", code.into())]),
    };
    let from = month(&f.from);
    let to = month(&f.to);
    if from.is_none() {
        problems.push(problem("from", "month"));
    }
    if to.is_none() {
        problems.push(problem("to", "month"));
    }
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            problems.push(problem("to", "order"));
        } else if Month::range(a, b).len() > MAX_MONTHS {
            problems.push(problem("to", "too_many"));
        }
    }
    let mut areas = Vec::new();
    for raw in &f.areas {
        match Area::parse(raw).filter(|a| choices.iter().any(|c| c.area == *a)) {
            Some(a) if !areas.contains(&a) => areas.push(a),
            Some(_) => {}
            None => {
                problems.push(problem("area", "area"));
                break;
            }
        }
    }
    if f.areas.is_empty() {
        areas = choices.iter().map(|c| c.area).collect();
    }
    match (from, to, problems.is_empty()) {
        (Some(from), Some(to), true) => Ok(ReportQuery { areas, from, to }),
        _ => Err(problems),
    }
}

/// One month list of the filter (`from` or `to`).
pub(super) struct MonthField {
    pub id: &'static str,
    pub label: String,
    pub errors: Vec<String>,
    /// (code, label, selected).
    pub options: Vec<(String, String, bool)>,
}

/// The filter form as `console/report.html` shows it.
pub(super) struct FilterView {
    /// (field id, message).
    pub problems: Vec<(&'static str, String)>,
    pub area_errors: Vec<String>,
    /// (code, name, ticked); the checkbox ids are `area-<position>`.
    pub areas: Vec<(String, String, bool)>,
    pub months: Vec<MonthField>,
}

pub(super) fn view(l: Lang, f: &Filter, choices: &[Choice], problems: &[Problem]) -> FilterView {
    let errors = |field: &str| -> Vec<String> {
        problems
            .iter()
            .filter(|p| p.field == field)
            .map(|p| p.text.clone())
            .collect()
    };
    let now = Month::of(Utc::now().naive_utc());
    FilterView {
        problems: problems.iter().map(|p| (p.field, p.text.clone())).collect(),
        area_errors: errors("area"),
        areas: choices
            .iter()
            .map(|c| {
                let code = c.area.code();
                let ticked = f.areas.is_empty() || f.areas.contains(&code);
                (code, c.name.clone(), ticked)
            })
            .collect(),
        months: [("from", &f.from), ("to", &f.to)]
            .into_iter()
            .map(|(id, value)| MonthField {
                id,
                label: l.text(&format!("report-filter.{id}")),
                errors: errors(id),
                options: month_choices(now)
                    .into_iter()
                    .map(|m| {
                        let code = m.code();
                        let selected = *value == code;
                        (code, labels::month(l, m), selected)
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn choices() -> Vec<Choice> {
        vec![Choice {
            area: Area::Hood(nabij_store::NeighbourhoodId(3)),
            name: "Centrum".into(),
        }]
    }

    #[test]
    fn the_default_is_the_last_six_months_of_every_area() {
        let now = Month::parse("2026-02").unwrap();
        let f = parse_filter("", now);
        let q = check(Lang::Nl, &f, &choices(), now).ok().unwrap();
        assert_eq!(q.from.code(), "2025-09");
        assert_eq!(q.to.code(), "2026-02");
        assert_eq!(q.areas, [Area::Hood(nabij_store::NeighbourhoodId(3))]);
    }

    #[test]
    fn wrong_filters_are_explained() {
        let now = Month::parse("2026-02").unwrap();
        for (qs, field) in [
            ("from=2026-02&to=2025-12", "to"),
            ("from=2024-01&to=2025-06", "to"),
            ("from=nope", "from"),
            ("from=2031-01", "from"),
            ("area=4", "area"),
            ("area=none", "area"),
            ("area=%3Cscript%3E", "area"),
        ] {
            let f = parse_filter(qs, now);
            let problems = check(Lang::Nl, &f, &choices(), now).err().unwrap();
            assert!(problems.iter().any(|p| p.field == field), "{qs}");
        }
    }
}
