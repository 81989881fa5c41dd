//! The form about a neighbour, shared by registering on behalf and editing: what was
//! typed (kept when something is wrong), a plain message per field that is wrong, and
//! the checks. What it shows is in [`super::neighbour_fields`] and
//! `templates/console/neighbour/form.html`.
//!
//! Exact coordinates are never written into the page: the position fields start empty
//! and only take a new position.

use super::labels;
use crate::console::{Form, Lang};
use nabij_engine::neighbour::MAX_CAPACITY;
use nabij_engine::projection::{MAX_RADIUS_M, MIN_RADIUS_M};
use nabij_engine::{Language, Vocabulary};
use nabij_store::neighbour::Neighbour;
use nabij_store::neighbourhood::Neighbourhood;
use std::collections::HashMap;

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
    use nabij_store::rules;
    let rule_text = super::super::rule_text::rule_text;
    let raw_name = f.value("display_name").to_string();
    let name = if raw_name.trim().is_empty() {
        f.fail("display_name", &l.text("form-check.name"));
        raw_name
    } else {
        rules::display_name(&raw_name).unwrap_or_else(|e| {
            f.fail("display_name", &rule_text(l, e));
            raw_name
        })
    };
    let raw_email = f.value("email").to_string();
    let email = rules::email(Some(&raw_email)).unwrap_or_else(|e| {
        f.fail("email", &rule_text(l, e));
        Some(raw_email)
    });
    let raw_phone = f.value("phone").to_string();
    let phone = rules::phone(Some(&raw_phone)).unwrap_or_else(|e| {
        f.fail("phone", &rule_text(l, e));
        Some(raw_phone)
    });
    let raw_hood = f.value("neighbourhood_id").to_string();
    let hood = super::parse_id(&raw_hood)
        .and_then(|id| hoods.iter().find(|h| h.id.get() == id))
        .map(|h| (h.id.get(), h.centre_lat, h.centre_lon));
    if !raw_hood.is_empty() && hood.is_none() {
        f.fail("neighbourhood_id", &l.text("form-check.hood-from-list"));
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
                f.fail("lat", &l.text("form-check.lat-lon"));
                None
            }
        }
    };
    let radius = match f.value("travel_radius_m") {
        "" => 1000.0,
        v => match v.parse::<f64>() {
            Ok(r) if (MIN_RADIUS_M..=MAX_RADIUS_M).contains(&r) => r,
            _ => {
                f.fail("travel_radius_m", &l.text("form-check.distance-from-list"));
                1000.0
            }
        },
    };
    let capacity = match f.value("capacity") {
        "" => 1,
        v => match v.parse::<u8>() {
            Ok(c) if u32::from(c) <= MAX_CAPACITY => c,
            _ => {
                f.fail("capacity", &l.text("form-check.number-from-list"));
                1
            }
        },
    };
    let preferred_language = match f.value("preferred_language") {
        "" => "nl".to_string(),
        v => match Language::parse(v) {
            Ok(lang) => lang.code().to_string(),
            Err(_) => {
                f.fail("preferred_language", &l.text("form-check.language-from-list"));
                "nl".to_string()
            }
        },
    };
    let vocab = Vocabulary::builtin();
    let mut codes = |field: &'static str, known: &dyn Fn(&str) -> bool| -> Vec<String> {
        let list = f.list(field).to_vec();
        if list.iter().any(|c| !known(c)) {
            f.fail(field, &l.text("form-check.only-from-list"));
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
        email,
        phone,
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
