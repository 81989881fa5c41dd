//! The form about a neighbour, shared by registering on behalf and editing: what was
//! typed (kept when something is wrong), a plain message per field that is wrong, the
//! checks, and the markup of its fields.
//!
//! Exact coordinates are never written into the page: the position fields start empty
//! and only take a new position.

use super::labels;
use crate::console::html::esc;
use crate::console::{Form, Lang};
use nabij_engine::neighbour::MAX_CAPACITY;
use nabij_engine::projection::{MAX_RADIUS_M, MIN_RADIUS_M};
use nabij_engine::{Language, Vocabulary};
use nabij_store::neighbour::Neighbour;
use nabij_store::neighbourhood::Neighbourhood;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Fields with one value.
const SINGLE: &[&str] = &[
    "display_name",
    "phone",
    "email",
    "neighbourhood_id",
    "lat",
    "lon",
    "travel_radius_m",
    "capacity",
    "consent",
    "preferred_language",
];

/// Fields with a list of codes (checkboxes).
const LISTS: &[&str] = &["languages", "interests", "talents", "availability"];

/// What was typed, and what is wrong with it.
#[derive(Default)]
pub(super) struct NeighbourForm {
    values: HashMap<&'static str, String>,
    lists: HashMap<&'static str, Vec<String>>,
    pub errors: Vec<(&'static str, String)>,
    pub general: Option<String>,
}

impl NeighbourForm {
    /// What was posted; a select left out takes its default (see [`Self::blank`]).
    pub fn from_form(form: &Form) -> Self {
        let mut f = Self::blank();
        for field in SINGLE {
            let v = form.text(field);
            if !v.is_empty() || !f.values.contains_key(field) {
                f.values.insert(field, v);
            }
        }
        f.lists = LISTS.iter().map(|l| (*l, form.all(l))).collect();
        f
    }

    /// A new form: one person at a time, within a kilometre, messages in Dutch.
    pub fn blank() -> Self {
        let mut f = NeighbourForm::default();
        f.values.insert("travel_radius_m", "1000".into());
        f.values.insert("capacity", "1".into());
        f.values.insert("preferred_language", "nl".into());
        f
    }

    /// The record as it is, to edit; the position fields stay empty.
    pub fn from_neighbour(n: &Neighbour) -> Self {
        let mut f = NeighbourForm::default();
        f.values.insert("display_name", n.display_name.clone());
        f.values.insert("phone", n.phone.clone().unwrap_or_default());
        f.values.insert("email", n.email.clone().unwrap_or_default());
        f.values.insert(
            "neighbourhood_id",
            n.neighbourhood_id.map(|h| h.to_string()).unwrap_or_default(),
        );
        f.values
            .insert("travel_radius_m", format!("{}", n.travel_radius_m.round()));
        f.values.insert("capacity", n.capacity.to_string());
        f.values
            .insert("preferred_language", n.preferred_language.clone());
        f.lists.insert("languages", n.languages().unwrap_or_default());
        f.lists.insert("interests", n.interests().unwrap_or_default());
        f.lists.insert("talents", n.talents().unwrap_or_default());
        f.lists
            .insert("availability", n.availability().unwrap_or_default());
        f
    }

    pub fn value(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }

    pub fn list(&self, field: &str) -> &[String] {
        self.lists.get(field).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(k, _)| *k == field)
            .map(|(_, m)| m.as_str())
    }

    /// Notes what is wrong with `field` (the first message per field is shown).
    pub fn fail(&mut self, field: &'static str, message: &str) {
        if self.error(field).is_none() {
            self.errors.push((field, message.to_string()));
        }
    }

    pub fn is_ok(&self) -> bool {
        self.errors.is_empty() && self.general.is_none()
    }
}

/// The values of a form that passed the checks (as far as they go).
pub(super) struct Checked {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The chosen neighbourhood (one the caller may see), if any.
    pub hood: Option<(i64, f64, f64)>,
    /// A new position typed in, if any.
    pub position: Option<(f64, f64)>,
    pub radius: f64,
    pub capacity: u8,
    pub preferred_language: String,
    pub languages: Vec<String>,
    pub interests: Vec<String>,
    pub talents: Vec<String>,
    pub availability: Vec<String>,
}

fn parse_coordinate(s: &str) -> Option<f64> {
    s.replace(',', ".").parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Checks everything but consent; messages go into `f`.
pub(super) fn check(l: Lang, f: &mut NeighbourForm, hoods: &[Neighbourhood]) -> Checked {
    let name = f.value("display_name").to_string();
    if name.is_empty() {
        f.fail(
            "display_name",
            l.t("Vul de naam in.", "Indiquez le nom.", "Enter the name."),
        );
    } else if name.chars().count() > 100 || name.chars().any(char::is_control) {
        f.fail(
            "display_name",
            l.t(
                "De naam is te lang (hoogstens 100 tekens).",
                "Le nom est trop long (100 caractères au plus).",
                "The name is too long (100 characters at most).",
            ),
        );
    }
    let email = f.value("email").to_string();
    let email_ok = email.len() <= 254
        && email.split_once('@').is_some_and(|(a, d)| {
            !a.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
        })
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if !email.is_empty() && !email_ok {
        f.fail(
            "email",
            l.t(
                "Dit e-mailadres klopt niet. Het ziet eruit als naam@voorbeeld.be.",
                "Cette adresse e-mail n’est pas correcte. Elle ressemble à nom@exemple.be.",
                "This e-mail address is not right. It looks like name@example.be.",
            ),
        );
    }
    let phone = f.value("phone").to_string();
    let phone_ok = phone.len() <= 32
        && phone.chars().filter(char::is_ascii_digit).count() >= 6
        && phone.chars().all(|c| c.is_ascii_digit() || " +-./()".contains(c));
    if !phone.is_empty() && !phone_ok {
        f.fail(
            "phone",
            l.t(
                "Een telefoonnummer bevat minstens 6 cijfers, en verder alleen spaties, punten, streepjes en +.",
                "Un numéro de téléphone contient au moins 6 chiffres, et sinon seulement des espaces, points, tirets et +.",
                "A phone number holds at least 6 digits, and otherwise only spaces, dots, dashes and +.",
            ),
        );
    }
    let raw_hood = f.value("neighbourhood_id").to_string();
    let hood = super::parse_id(&raw_hood)
        .and_then(|id| hoods.iter().find(|h| h.id.get() == id))
        .map(|h| (h.id.get(), h.centre_lat, h.centre_lon));
    if !raw_hood.is_empty() && hood.is_none() {
        f.fail(
            "neighbourhood_id",
            l.t(
                "Kies een buurt uit de lijst.",
                "Choisissez un quartier dans la liste.",
                "Choose a neighbourhood from the list.",
            ),
        );
    }
    let (lat_s, lon_s) = (f.value("lat").to_string(), f.value("lon").to_string());
    let position = if lat_s.is_empty() && lon_s.is_empty() {
        None
    } else {
        match (parse_coordinate(&lat_s), parse_coordinate(&lon_s)) {
            (Some(a), Some(b)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&b) => {
                Some((a, b))
            }
            _ => {
                f.fail("lat", l.t("Vul breedte- en lengtegraad allebei in als getallen, bijvoorbeeld 51,2345 en 5,4321.", "Indiquez la latitude et la longitude en chiffres, par exemple 51,2345 et 5,4321.", "Fill in both latitude and longitude as numbers, for example 51.2345 and 5.4321."));
                None
            }
        }
    };
    let radius = match f.value("travel_radius_m") {
        "" => 1000.0,
        v => match v.parse::<f64>() {
            Ok(r) if (MIN_RADIUS_M..=MAX_RADIUS_M).contains(&r) => r,
            _ => {
                f.fail(
                    "travel_radius_m",
                    l.t(
                        "Kies een afstand uit de lijst.",
                        "Choisissez une distance dans la liste.",
                        "Choose a distance from the list.",
                    ),
                );
                1000.0
            }
        },
    };
    let capacity = match f.value("capacity") {
        "" => 1,
        v => match v.parse::<u8>() {
            Ok(c) if u32::from(c) <= MAX_CAPACITY => c,
            _ => {
                f.fail(
                    "capacity",
                    l.t(
                        "Kies een aantal uit de lijst.",
                        "Choisissez un nombre dans la liste.",
                        "Choose a number from the list.",
                    ),
                );
                1
            }
        },
    };
    let preferred_language = match f.value("preferred_language") {
        "" => "nl".to_string(),
        v => match Language::parse(v) {
            Ok(lang) => lang.code().to_string(),
            Err(_) => {
                f.fail(
                    "preferred_language",
                    l.t(
                        "Kies een taal uit de lijst.",
                        "Choisissez une langue dans la liste.",
                        "Choose a language from the list.",
                    ),
                );
                "nl".to_string()
            }
        },
    };
    let vocab = Vocabulary::builtin();
    let mut codes = |field: &'static str, known: &dyn Fn(&str) -> bool| -> Vec<String> {
        let list = f.list(field).to_vec();
        if list.iter().any(|c| !known(c)) {
            f.fail(
                field,
                l.t(
                    "Kies alleen uit de lijst.",
                    "Choisissez seulement dans la liste.",
                    "Choose only from the list.",
                ),
            );
        }
        list.into_iter().filter(|c| known(c)).collect()
    };
    let languages = codes("languages", &|c| Language::parse(c).is_ok());
    let interests = codes("interests", &|c| vocab.id(c).is_ok());
    let talents = codes("talents", &|c| vocab.id(c).is_ok());
    let slots = labels::slots();
    let availability = codes("availability", &|c| slots.iter().any(|(s, _, _)| s == c));
    Checked {
        name,
        email: (!email.is_empty()).then_some(email),
        phone: (!phone.is_empty()).then_some(phone),
        hood,
        position,
        radius,
        capacity,
        preferred_language,
        languages,
        interests,
        talents,
        availability,
    }
}

// ---------------------------------------------------------------- markup

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

/// The neighbourhoods this caller may place someone in.
pub(super) async fn visible_hoods(
    state: &actix_web::web::Data<crate::state::AppState>,
    caller: &crate::auth::Caller,
) -> crate::error::ApiResult<Vec<Neighbourhood>> {
    let st = state.clone();
    let who = caller.clone();
    crate::blocking::run(move || {
        let all = st.store.read(|c| nabij_store::neighbourhood::list(c, who.org))?;
        Ok(all
            .into_iter()
            .filter(|h| who.sees_neighbourhood(Some(h.id)))
            .collect())
    })
    .await
}
