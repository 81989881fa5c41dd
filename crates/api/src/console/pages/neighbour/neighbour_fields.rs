//! What the form about a neighbour (see [`super::neighbour_form`]) shows besides the
//! typed values: the options of its selects, its checkbox groups and the weekly
//! availability grid, in the page's language. The markup is in
//! `templates/console/neighbour/form.html`.

use super::labels;
use super::neighbour_form::NeighbourForm;
use crate::console::Lang;
use nabij_engine::neighbour::MAX_CAPACITY;
use nabij_engine::projection::{MAX_RADIUS_M, MIN_RADIUS_M};
use nabij_engine::{DayPart, Language};
use nabij_store::neighbourhood::Neighbourhood;

/// One `<option>` of a select.
pub(in crate::console::pages) struct Choice {
    pub value: String,
    pub label: String,
    /// The language the label is written in, when it is a language's own name
    /// (WCAG 3.1.2).
    pub lang: Option<&'static str>,
    pub selected: bool,
}

/// `(value, label)` options as [`Choice`]s, `current` selected.
pub(in crate::console::pages) fn choices(options: Vec<(String, String)>, current: &str) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == current,
            value,
            label,
            lang: None,
        })
        .collect()
}

/// One checkbox of a group: its value, its label and whether it is ticked.
pub(super) struct Check {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// One day of the availability grid: its name and a box per part of the day
/// (`label` is "maandag voormiddag").
pub(super) struct Day {
    pub name: String,
    pub slots: Vec<Check>,
}

/// The form as the templates show it: what was typed (`f`) and every option.
pub(super) struct FormView<'a> {
    pub f: &'a NeighbourForm,
    /// The errors at the top: `(field id, message)`; an empty id is a message about
    /// the whole form.
    pub summary: Vec<(&'static str, String)>,
    pub hoods: Vec<Choice>,
    pub radius: Vec<Choice>,
    pub message_languages: Vec<Choice>,
    pub capacity: Vec<Choice>,
    pub languages: Vec<Check>,
    pub interests: Vec<Check>,
    pub talents: Vec<Check>,
    /// The parts of the day (the grid's columns) and the days (its rows).
    pub parts: Vec<String>,
    pub days: Vec<Day>,
}

impl<'a> FormView<'a> {
    /// `no_hood` is the first, empty choice of the neighbourhood select.
    pub fn new(l: Lang, f: &'a NeighbourForm, hoods: &[Neighbourhood], no_hood: String) -> Self {
        let checks = |field: &str, options: Vec<(String, String)>| -> Vec<Check> {
            options
                .into_iter()
                .map(|(value, label)| Check {
                    checked: f.list(field).contains(&value),
                    value,
                    label,
                })
                .collect()
        };
        let tags: Vec<(String, String)> = labels::tags(l)
            .into_iter()
            .map(|(c, t)| (c.to_string(), t.to_string()))
            .collect();
        let spoken: Vec<(String, String)> = Language::ALL
            .iter()
            .map(|x| (x.code().to_string(), labels::language(l, *x).to_string()))
            .collect();
        let ticked = f.list("availability");
        let days = labels::slots()
            .chunks(3)
            .enumerate()
            .map(|(d, row)| Day {
                name: labels::day(l, d),
                slots: row
                    .iter()
                    .map(|(code, _, p)| Check {
                        checked: ticked.contains(code),
                        value: code.clone(),
                        label: format!("{} {}", labels::day(l, d), labels::part(l, *p)),
                    })
                    .collect(),
            })
            .collect();
        let mut message_languages = choices(
            message_language_options(l, f.value("preferred_language")),
            f.value("preferred_language"),
        );
        for c in &mut message_languages {
            c.lang = Lang::parse(&c.value).map(Lang::code);
        }
        FormView {
            f,
            summary: f
                .general
                .iter()
                .map(|g| ("", g.clone()))
                .chain(f.errors.iter().cloned())
                .collect(),
            hoods: choices(hood_options(hoods, no_hood), f.value("neighbourhood_id")),
            radius: choices(
                radius_options(f.value("travel_radius_m")),
                f.value("travel_radius_m"),
            ),
            message_languages,
            capacity: choices(capacity_options(f.value("capacity")), f.value("capacity")),
            languages: checks("languages", spoken),
            interests: checks("interests", tags.clone()),
            talents: checks("talents", tags),
            parts: DayPart::ALL.iter().map(|p| labels::part(l, *p)).collect(),
            days,
        }
    }
}

/// Options of the neighbourhood select, with an empty first choice.
fn hood_options(hoods: &[Neighbourhood], empty: String) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), empty)];
    out.extend(hoods.iter().map(|h| (h.id.to_string(), h.name.clone())));
    out
}

/// Options of the language of messages (the console's languages, each named in
/// itself); a stored language not in the list is added.
fn message_language_options(l: Lang, current: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Lang::ALL
        .iter()
        .map(|x| (x.code().to_string(), x.text("shell-language-name")))
        .collect();
    if let Ok(lang) = Language::parse(current) {
        if !out.iter().any(|(v, _)| v == lang.code()) {
            out.push((lang.code().to_string(), labels::language(l, lang).to_string()));
        }
    }
    out
}

/// Options of the travel radius; a stored value not in the list is added.
fn radius_options(current: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [
        ("300", "300 m"),
        ("500", "500 m"),
        ("1000", "1 km"),
        ("2000", "2 km"),
        ("5000", "5 km"),
    ]
    .iter()
    .map(|(v, t)| (v.to_string(), t.to_string()))
    .collect();
    if let Ok(r) = current.parse::<f64>() {
        if (MIN_RADIUS_M..=MAX_RADIUS_M).contains(&r) && !out.iter().any(|(v, _)| v == current) {
            out.push((current.to_string(), format!("{current} m")));
        }
    }
    out
}

/// Options of how many at once (1 to 5); a stored value up to the maximum is added.
fn capacity_options(current: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = (1..=5).map(|c: u32| (c.to_string(), c.to_string())).collect();
    if !current.is_empty()
        && !out.iter().any(|(v, _)| v == current)
        && current.parse::<u32>().is_ok_and(|c| c <= MAX_CAPACITY)
    {
        out.push((current.to_string(), current.to_string()));
    }
    out
}
