//! The markup of the form about a neighbour (see [`super::neighbour_form`]): labelled
//! fields with their hint and error, checkbox groups, the weekly availability grid and
//! the options of its selects.

use super::labels;
use super::neighbour_form::NeighbourForm;
use crate::console::html::esc;
use crate::console::Lang;
use nabij_engine::neighbour::MAX_CAPACITY;
use nabij_engine::projection::{MAX_RADIUS_M, MIN_RADIUS_M};
use nabij_engine::Language;
use nabij_store::neighbourhood::Neighbourhood;
use std::fmt::Write as _;

/// The box at the top listing what is wrong, each linked to its field.
pub(super) fn error_summary(out: &mut String, l: Lang, f: &NeighbourForm) {
    if f.is_ok() {
        return;
    }
    let _ = write!(
        out,
        "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-title\"><h2 id=\"error-title\">{}</h2><ul>",
        esc(l.t("Er is iets niet in orde", "Quelque chose ne va pas", "Something is not right"))
    );
    if let Some(g) = &f.general {
        let _ = write!(out, "<li>{}</li>", esc(g));
    }
    for (field, msg) in &f.errors {
        let _ = write!(out, "<li><a href=\"#{field}\">{}</a></li>", esc(msg));
    }
    out.push_str("</ul></div>");
}

/// `aria-describedby`/`aria-invalid` for a field with an optional hint.
fn described(field: &str, hint: bool, error: bool) -> String {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{field}-hint"));
    }
    if error {
        ids.push(format!("{field}-error"));
    }
    let mut out = String::new();
    if !ids.is_empty() {
        let _ = write!(out, " aria-describedby=\"{}\"", ids.join(" "));
    }
    if error {
        out.push_str(" aria-invalid=\"true\"");
    }
    out
}

/// Label, hint and error of a field; returns the attributes for its control.
fn field_head(out: &mut String, f: &NeighbourForm, field: &str, label: &str, hint: Option<&str>) -> String {
    let err = f.error(field);
    let _ = write!(
        out,
        "<div class=\"field{}\"><label for=\"{field}\">{}</label>",
        if err.is_some() { " has-error" } else { "" },
        esc(label)
    );
    if let Some(h) = hint {
        let _ = write!(out, "<p class=\"hint\" id=\"{field}-hint\">{}</p>", esc(h));
    }
    if let Some(e) = err {
        let _ = write!(out, "<p class=\"error\" id=\"{field}-error\">{}</p>", esc(e));
    }
    described(field, hint.is_some(), err.is_some())
}

/// A text input with what was typed.
pub(super) fn input(
    out: &mut String,
    f: &NeighbourForm,
    field: &str,
    label: &str,
    kind: &str,
    hint: Option<&str>,
    extra: &str,
) {
    let attrs = field_head(out, f, field, label, hint);
    let _ = write!(
        out,
        "<input id=\"{field}\" name=\"{field}\" type=\"{kind}\" value=\"{}\"{attrs}{extra}></div>",
        esc(f.value(field))
    );
}

/// Name, phone and e-mail: the first fields of both the register and the edit form.
pub(super) fn contact_inputs(out: &mut String, l: Lang, f: &NeighbourForm) {
    input(
        out,
        f,
        "display_name",
        l.t(
            "Naam (zoals de persoon genoemd wil worden)",
            "Nom (comme la personne souhaite être appelée)",
            "Name (as the person likes to be called)",
        ),
        "text",
        None,
        " autocomplete=\"off\"",
    );
    input(
        out,
        f,
        "phone",
        l.t(
            "Telefoon (niet verplicht)",
            "Téléphone (facultatif)",
            "Phone (optional)",
        ),
        "tel",
        None,
        "",
    );
    input(
        out,
        f,
        "email",
        l.t(
            "E-mailadres (niet verplicht)",
            "Adresse e-mail (facultatif)",
            "E-mail address (optional)",
        ),
        "email",
        None,
        "",
    );
}

/// How far the person goes and the language of their messages: in both forms.
pub(super) fn reach_and_language_inputs(out: &mut String, l: Lang, f: &NeighbourForm) {
    select(
        out,
        f,
        "travel_radius_m",
        l.t(
            "Hoe ver kan of wil de persoon gaan?",
            "Jusqu’où la personne peut-elle ou veut-elle aller ?",
            "How far can or will the person go?",
        ),
        None,
        &radius_options(f.value("travel_radius_m")),
    );
    let langs = message_language_options(l, f.value("preferred_language"));
    select(
        out,
        f,
        "preferred_language",
        l.t(
            "Taal van berichten",
            "Langue des messages",
            "Language of messages",
        ),
        None,
        &langs,
    );
}

/// A select of `(value, label)` options; the typed value is selected.
pub(super) fn select(
    out: &mut String,
    f: &NeighbourForm,
    field: &str,
    label: &str,
    hint: Option<&str>,
    options: &[(String, String)],
) {
    let attrs = field_head(out, f, field, label, hint);
    let _ = write!(out, "<select id=\"{field}\" name=\"{field}\"{attrs}>");
    for (v, text) in options {
        let sel = if f.value(field) == v { " selected" } else { "" };
        // Language names written in their own language say so (WCAG 3.1.2).
        let lang = match (field, v.as_str()) {
            ("preferred_language", "nl" | "fr" | "en") => format!(" lang=\"{v}\""),
            _ => String::new(),
        };
        let _ = write!(
            out,
            "<option value=\"{}\"{lang}{sel}>{}</option>",
            esc(v),
            esc(text)
        );
    }
    out.push_str("</select></div>");
}

/// Checkboxes of `(code, label)` in a fieldset; the checked ones are those typed.
pub(super) fn checkboxes(
    out: &mut String,
    f: &NeighbourForm,
    field: &str,
    legend: &str,
    hint: Option<&str>,
    options: &[(String, String)],
) {
    let err = f.error(field);
    let _ = write!(
        out,
        "<fieldset id=\"{field}\" class=\"field checks{}\"{}><legend>{}</legend>",
        if err.is_some() { " has-error" } else { "" },
        described(field, hint.is_some(), false),
        esc(legend)
    );
    if let Some(h) = hint {
        let _ = write!(out, "<p class=\"hint\" id=\"{field}-hint\">{}</p>", esc(h));
    }
    if let Some(e) = err {
        let _ = write!(out, "<p class=\"error\" id=\"{field}-error\">{}</p>", esc(e));
    }
    out.push_str("<div class=\"check-grid\">");
    for (code, text) in options {
        let checked = if f.list(field).iter().any(|c| c == code) {
            " checked"
        } else {
            ""
        };
        let id = format!("{field}-{}", esc(code));
        let _ = write!(
            out,
            "<div class=\"choice\"><input type=\"checkbox\" id=\"{id}\" name=\"{field}\" value=\"{}\"{checked}><label for=\"{id}\">{}</label></div>",
            esc(code),
            esc(text)
        );
    }
    out.push_str("</div></fieldset>");
}

/// The weekly availability as a grid: days down, parts of the day across.
pub(super) fn availability(out: &mut String, l: Lang, f: &NeighbourForm) {
    let legend = l.t(
        "Wanneer kan de persoon meestal?",
        "Quand la personne est-elle généralement disponible ?",
        "When is the person usually available?",
    );
    let err = f.error("availability");
    let _ = write!(
        out,
        "<fieldset id=\"availability\" class=\"field{}\" aria-describedby=\"availability-hint\"><legend>{}</legend><p class=\"hint\" id=\"availability-hint\">{}</p>",
        if err.is_some() { " has-error" } else { "" },
        esc(legend),
        esc(l.t("Vink de momenten aan die passen. Niets aangevinkt: we stellen de persoon nog niet voor om met iemand mee te gaan.", "Cochez les moments qui conviennent. Rien de coché : la personne n’est pas encore proposée pour accompagner quelqu’un.", "Tick the times that suit. Nothing ticked: the person is not yet proposed to go along with anyone.")),
    );
    if let Some(e) = err {
        let _ = write!(out, "<p class=\"error\">{}</p>", esc(e));
    }
    let _ = write!(
        out,
        "<table class=\"slots\"><caption class=\"visually-hidden\">{}</caption><thead><tr><td></td>",
        esc(legend)
    );
    for p in nabij_engine::DayPart::ALL {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(labels::part(l, p)));
    }
    out.push_str("</tr></thead><tbody>");
    let slots = labels::slots();
    for (d, row) in slots.chunks(3).enumerate() {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", esc(labels::day(l, d)));
        for (code, _, p) in row {
            let checked = if f.list("availability").iter().any(|c| c == code) {
                " checked"
            } else {
                ""
            };
            let _ = write!(
                out,
                "<td><input type=\"checkbox\" id=\"availability-{code}\" name=\"availability\" value=\"{code}\"{checked}><label class=\"visually-hidden\" for=\"availability-{code}\">{} {}</label></td>",
                esc(labels::day(l, d)),
                esc(labels::part(l, *p))
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></fieldset>");
}

/// Options of the neighbourhood select, with an empty first choice.
pub(super) fn hood_options(hoods: &[Neighbourhood], empty: &str) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), empty.to_string())];
    out.extend(hoods.iter().map(|h| (h.id.to_string(), h.name.clone())));
    out
}

/// Options of the language of messages; a stored language not in the list is added.
pub(super) fn message_language_options(l: Lang, current: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]
        .iter()
        .map(|(v, t)| (v.to_string(), t.to_string()))
        .collect();
    if let Ok(lang) = Language::parse(current) {
        if !out.iter().any(|(v, _)| v == lang.code()) {
            out.push((lang.code().to_string(), labels::language(l, lang).to_string()));
        }
    }
    out
}

/// Options of the travel radius; a stored value not in the list is added.
pub(super) fn radius_options(current: &str) -> Vec<(String, String)> {
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

/// The rest of the form: languages, what the person likes, availability, how many at
/// once. Everything here may stay empty.
pub(super) fn about_the_person(out: &mut String, l: Lang, f: &NeighbourForm, languages_hint: &str) {
    let langs: Vec<(String, String)> = Language::ALL
        .iter()
        .map(|x| (x.code().to_string(), labels::language(l, *x).to_string()))
        .collect();
    checkboxes(
        out,
        f,
        "languages",
        l.t(
            "Talen die de persoon spreekt",
            "Langues que la personne parle",
            "Languages the person speaks",
        ),
        Some(languages_hint),
        &langs,
    );
    let tags: Vec<(String, String)> = labels::tags(l)
        .into_iter()
        .map(|(c, t)| (c.to_string(), t.to_string()))
        .collect();
    checkboxes(
        out,
        f,
        "interests",
        l.t(
            "Wat doet de persoon graag?",
            "Qu’est-ce que la personne aime faire ?",
            "What does the person like doing?",
        ),
        Some(l.t(
            "Om mensen met dezelfde goesting samen te brengen.",
            "Pour rapprocher des personnes qui aiment la même chose.",
            "To bring together people who enjoy the same things.",
        )),
        &tags,
    );
    checkboxes(
        out,
        f,
        "talents",
        l.t(
            "Waarmee helpt de persoon graag?",
            "Pour quoi la personne aime-t-elle donner un coup de main ?",
            "What does the person like helping with?",
        ),
        Some(l.t(
            "Alleen wat de persoon zelf graag doet, nooit als plicht.",
            "Seulement ce que la personne aime faire, jamais par obligation.",
            "Only what the person likes to do, never as a duty.",
        )),
        &tags,
    );
    availability(out, l, f);
    let mut caps: Vec<(String, String)> = (1..=5).map(|c: u32| (c.to_string(), c.to_string())).collect();
    let cur = f.value("capacity");
    if !cur.is_empty()
        && !caps.iter().any(|(v, _)| v == cur)
        && cur.parse::<u32>().is_ok_and(|c| c <= MAX_CAPACITY)
    {
        caps.push((cur.to_string(), cur.to_string()));
    }
    select(
        out,
        f,
        "capacity",
        l.t(
            "Met hoeveel mensen tegelijk wil de persoon iets samen doen?",
            "Avec combien de personnes à la fois la personne veut-elle faire quelque chose ?",
            "With how many people at a time does the person want to do something together?",
        ),
        None,
        &caps,
    );
}
