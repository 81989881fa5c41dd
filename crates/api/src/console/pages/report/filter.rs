//! The report's filter: which neighbourhoods and months, as typed, checked against what
//! the caller may see, and its form (which keeps what was chosen when it is wrong).

use super::labels;
use crate::console::html::esc;
use crate::console::Lang;
use actix_web::web;
use chrono::Utc;
use nabij_store::report::{Area, Month, ReportQuery};
use std::fmt::Write as _;

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
    pub text: &'static str,
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
    let pick = l.t(
        "Kies een maand uit de lijst.",
        "Choisissez un mois dans la liste.",
        "Choose a month from the list.",
    );
    let from = month(&f.from);
    let to = month(&f.to);
    if from.is_none() {
        problems.push(Problem {
            field: "from",
            text: pick,
        });
    }
    if to.is_none() {
        problems.push(Problem {
            field: "to",
            text: pick,
        });
    }
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            problems.push(Problem {
                field: "to",
                text: l.t(
                    "De laatste maand mag niet vóór de eerste liggen.",
                    "Le dernier mois ne peut pas précéder le premier.",
                    "The last month cannot come before the first.",
                ),
            });
        } else if Month::range(a, b).len() > MAX_MONTHS {
            problems.push(Problem {
                field: "to",
                text: l.t(
                    "Kies hoogstens 12 maanden.",
                    "Choisissez 12 mois au plus.",
                    "Choose at most 12 months.",
                ),
            });
        }
    }
    let mut areas = Vec::new();
    for raw in &f.areas {
        match Area::parse(raw).filter(|a| choices.iter().any(|c| c.area == *a)) {
            Some(a) if !areas.contains(&a) => areas.push(a),
            Some(_) => {}
            None => {
                problems.push(Problem {
                    field: "area",
                    text: l.t(
                        "Deze buurt bestaat niet, of u hebt er geen toegang toe.",
                        "Ce quartier n’existe pas, ou vous n’y avez pas accès.",
                        "This neighbourhood does not exist, or you have no access to it.",
                    ),
                });
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

pub(super) fn form(l: Lang, f: &Filter, choices: &[Choice], problems: &[Problem]) -> String {
    let mut out = String::new();
    if !problems.is_empty() {
        let _ = write!(
            out,
            "<div class=\"error-summary\" role=\"alert\"><h2>{}</h2><ul>",
            esc(l.t(
                "Het rapport kan zo niet getoond worden",
                "Le rapport ne peut pas être affiché ainsi",
                "The report cannot be shown like this"
            ))
        );
        for p in problems {
            let _ = write!(out, "<li><a href=\"#{}\">{}</a></li>", p.field, esc(p.text));
        }
        out.push_str("</ul></div>");
    }
    let err = |field: &str| -> String {
        problems
            .iter()
            .filter(|p| p.field == field)
            .map(|p| format!("<p class=\"error\" id=\"{field}-error\">{}</p>", esc(p.text)))
            .collect()
    };
    let invalid = |field: &str| -> &'static str {
        if problems.iter().any(|p| p.field == field) {
            " aria-invalid=\"true\""
        } else {
            ""
        }
    };
    let _ = write!(
        out,
        "<form method=\"get\" action=\"/report\" class=\"report-filter\"><fieldset id=\"area\"{}><legend>{}</legend>{}",
        if problems.iter().any(|p| p.field == "area") {
            " class=\"has-error\""
        } else {
            ""
        },
        esc(l.t("Buurten", "Quartiers", "Neighbourhoods")),
        err("area")
    );
    for (i, c) in choices.iter().enumerate() {
        let code = c.area.code();
        let checked = f.areas.is_empty() || f.areas.contains(&code);
        let _ = write!(
            out,
            "<p class=\"choice\"><input type=\"checkbox\" id=\"area-{i}\" name=\"area\" value=\"{}\"{}><label for=\"area-{i}\">{}</label></p>",
            esc(&code),
            if checked { " checked" } else { "" },
            esc(&c.name)
        );
    }
    out.push_str("</fieldset>");
    let now = Month::of(Utc::now().naive_utc());
    for (field, label, value) in [
        ("from", l.t("Van", "De", "From"), &f.from),
        ("to", l.t("Tot en met", "Jusqu’à", "Up to and including"), &f.to),
    ] {
        let _ = write!(
            out,
            "<div class=\"field\"><label for=\"{field}\">{}</label>{}<select id=\"{field}\" name=\"{field}\"{}>",
            esc(label),
            err(field),
            invalid(field)
        );
        for m in month_choices(now) {
            let code = m.code();
            let _ = write!(
                out,
                "<option value=\"{code}\"{}>{}</option>",
                if *value == code { " selected" } else { "" },
                esc(&labels::month(l, m))
            );
        }
        out.push_str("</select></div>");
    }
    let _ = write!(
        out,
        "<button type=\"submit\">{}</button></form>",
        esc(l.t("Rapport tonen", "Afficher le rapport", "Show the report"))
    );
    out
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
