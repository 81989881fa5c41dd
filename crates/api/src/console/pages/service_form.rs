//! The form about a service of the directory: what was typed (kept when something is
//! wrong), plain messages per field, and its markup.

use crate::console::{Form, Lang};
use nabij_store::service::{valid_category, NewService, Service};
use std::collections::HashMap;

const FIELDS: &[&str] = &["name", "description", "phone", "email", "website", "area"];

/// The categories a coordinator can tick, in this order.
pub(super) const CATEGORIES: [&str; 4] = ["personal_care", "structural", "heavy", "no_match"];

pub(super) fn category_text(l: Lang, code: &str) -> String {
    nabij_i18n::t(l, "service-category", &[("code", code.into())])
}

#[derive(Default)]
pub(super) struct ServiceForm {
    values: HashMap<&'static str, String>,
    pub categories: Vec<String>,
    pub errors: Vec<(&'static str, String)>,
    pub general: Option<String>,
}

impl ServiceForm {
    pub fn from_form(form: &Form) -> Self {
        ServiceForm {
            values: FIELDS
                .iter()
                .map(|f| (*f, form.text(f).replace("\r\n", "\n")))
                .collect(),
            categories: form.all("categories"),
            ..Default::default()
        }
    }

    pub fn from_service(s: &Service) -> Self {
        let mut values = HashMap::new();
        values.insert("name", s.name.clone());
        values.insert("description", s.description.clone());
        for (k, v) in [
            ("phone", &s.phone),
            ("email", &s.email),
            ("website", &s.website),
            ("area", &s.area),
        ] {
            values.insert(k, v.clone().unwrap_or_default());
        }
        ServiceForm {
            values,
            categories: s.categories().unwrap_or_default(),
            ..Default::default()
        }
    }

    pub fn value(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }

    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(k, _)| *k == field)
            .map(|(_, m)| m.as_str())
    }

    fn fail(&mut self, field: &'static str, message: &str) {
        if self.error(field).is_none() {
            self.errors.push((field, message.to_string()));
        }
    }

    pub fn is_ok(&self) -> bool {
        self.errors.is_empty() && self.general.is_none()
    }

    fn opt(&self, field: &str) -> Option<String> {
        Some(self.value(field).to_string()).filter(|v| !v.is_empty())
    }

    /// Checks what was typed (messages go into the form) and returns it as a service.
    pub fn check(&mut self, l: Lang) -> NewService {
        let name = self.value("name").to_string();
        if name.is_empty() {
            self.fail(
                "name",
                l.t(
                    "Vul de naam van de dienst in.",
                    "Indiquez le nom du service.",
                    "Enter the name of the service.",
                ),
            );
        } else if name.chars().count() > 200 {
            self.fail(
                "name",
                l.t(
                    "De naam is te lang (hoogstens 200 tekens).",
                    "Le nom est trop long (200 caractères au plus).",
                    "The name is too long (200 characters at most).",
                ),
            );
        }
        if self.value("description").chars().count() > 2000 {
            self.fail(
                "description",
                l.t(
                    "De beschrijving is te lang (hoogstens 2000 tekens).",
                    "La description est trop longue (2000 caractères au plus).",
                    "The description is too long (2000 characters at most).",
                ),
            );
        }
        let phone = self.value("phone").to_string();
        let phone_ok = phone.len() <= 32
            && phone.chars().filter(char::is_ascii_digit).count() >= 3
            && phone.chars().all(|c| c.is_ascii_digit() || " +-./()".contains(c));
        if !phone.is_empty() && !phone_ok {
            self.fail("phone", l.t("Een telefoonnummer bevat cijfers, en verder alleen spaties, punten, streepjes en +.", "Un numéro de téléphone contient des chiffres, et sinon seulement des espaces, points, tirets et +.", "A phone number holds digits, and otherwise only spaces, dots, dashes and +."));
        }
        let email = self.value("email").to_string();
        let email_ok = email.len() <= 254
            && email
                .split_once('@')
                .is_some_and(|(a, d)| !a.is_empty() && d.contains('.'))
            && !email.chars().any(char::is_whitespace);
        if !email.is_empty() && !email_ok {
            self.fail(
                "email",
                l.t(
                    "Dit e-mailadres klopt niet. Het ziet eruit als naam@voorbeeld.be.",
                    "Cette adresse e-mail n’est pas correcte. Elle ressemble à nom@exemple.be.",
                    "This e-mail address is not right. It looks like name@example.be.",
                ),
            );
        }
        let website = self.value("website").to_string();
        if website.chars().count() > 500 || website.chars().any(char::is_whitespace) {
            self.fail("website", l.t("Een websiteadres heeft geen spaties en hoogstens 500 tekens, bijvoorbeeld www.voorbeeld.be.", "Une adresse de site n’a pas d’espaces et 500 caractères au plus, par exemple www.exemple.be.", "A website address has no spaces and 500 characters at most, for example www.example.be."));
        }
        if self.value("area").chars().count() > 200 {
            self.fail(
                "area",
                l.t(
                    "Het gebied is te lang (hoogstens 200 tekens).",
                    "La zone est trop longue (200 caractères au plus).",
                    "The area is too long (200 characters at most).",
                ),
            );
        }
        if self.categories.len() > 32 || !self.categories.iter().all(|c| valid_category(c)) {
            self.fail(
                "categories",
                l.t(
                    "Kies alleen uit de lijst.",
                    "Choisissez seulement dans la liste.",
                    "Choose only from the list.",
                ),
            );
        }
        NewService {
            name,
            description: self.value("description").to_string(),
            categories: self.categories.clone(),
            phone: self.opt("phone"),
            email: self.opt("email"),
            website: self.opt("website"),
            area: self.opt("area"),
        }
    }
}

/// One input or textarea of the form, as `console/service_fields.html` shows it.
pub(super) struct ServiceField {
    pub id: &'static str,
    pub label: String,
    /// An input type, or `textarea`.
    pub kind: &'static str,
    pub value: String,
    pub error: Option<String>,
}

/// The form as shown (inside a `<form>` the page opens and closes).
pub(super) struct FormView {
    /// Messages of the error summary: (field id, message).
    pub errors: Vec<(&'static str, String)>,
    pub general: Option<String>,
    /// The fields above the categories, and those below.
    pub before: Vec<ServiceField>,
    pub after: Vec<ServiceField>,
    pub categories_label: String,
    pub categories_error: Option<String>,
    /// (code, label, ticked).
    pub categories: Vec<(String, String, bool)>,
}

impl ServiceForm {
    fn shown(&self, l: Lang, id: &'static str, kind: &'static str) -> ServiceField {
        ServiceField {
            id,
            label: nabij_i18n::t(l, "service-form-label", &[("field", id.into())]),
            kind,
            value: self.value(id).to_string(),
            error: self.error(id).map(str::to_string),
        }
    }

    /// What the page shows of this form, in language `l`.
    pub fn view(&self, l: Lang) -> FormView {
        // The usual categories, then any of the organisation's own the service lists.
        let mut codes: Vec<String> = CATEGORIES.iter().map(|c| c.to_string()).collect();
        for c in &self.categories {
            if !codes.contains(c) && valid_category(c) {
                codes.push(c.clone());
            }
        }
        FormView {
            errors: self.errors.clone(),
            general: self.general.clone(),
            before: vec![
                self.shown(l, "name", "text"),
                self.shown(l, "description", "textarea"),
            ],
            after: vec![
                self.shown(l, "phone", "tel"),
                self.shown(l, "email", "email"),
                self.shown(l, "website", "text"),
                self.shown(l, "area", "text"),
            ],
            categories_label: nabij_i18n::t(l, "service-form-label", &[("field", "categories".into())]),
            categories_error: self.error("categories").map(str::to_string),
            categories: codes
                .into_iter()
                .map(|code| {
                    let ticked = self.categories.contains(&code);
                    let label = category_text(l, &code);
                    (code, label, ticked)
                })
                .collect(),
        }
    }
}
