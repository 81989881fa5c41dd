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

    /// Checks what was typed with the store's rules (messages go into the form) and
    /// returns it as a service.
    pub fn check(&mut self, l: Lang) -> NewService {
        use nabij_store::rules;
        use nabij_store::service::{MAX_AREA, MAX_DESCRIPTION, MAX_NAME};
        let name = self.value("name").to_string();
        if name.trim().is_empty() {
            self.fail("name", &l.text("form-check.service-name"));
        }
        let name = self
            .checked(l, "name", rules::name(&name, MAX_NAME))
            .unwrap_or(name);
        let description = self.value("description").to_string();
        let description = self
            .checked(l, "description", rules::text(&description, MAX_DESCRIPTION))
            .unwrap_or(description);
        let phone = self.checked(l, "phone", rules::service_phone(self.opt("phone").as_deref()));
        let email = self.checked(l, "email", rules::email(self.opt("email").as_deref()));
        let website = self.checked(l, "website", rules::website(self.opt("website").as_deref()));
        let area = self.value("area").to_string();
        let area = self.checked(l, "area", rules::line(&area, MAX_AREA));
        if self.categories.len() > 32 || !self.categories.iter().all(|c| valid_category(c)) {
            self.fail("categories", &l.text("form-check.only-from-list"));
        }
        NewService {
            name,
            description,
            categories: self.categories.clone(),
            phone: phone.flatten(),
            email: email.flatten(),
            website: website.flatten(),
            area: area.filter(|a| !a.is_empty()),
        }
    }

    /// The value a rule returned, or `None` with its message on the field.
    fn checked<T>(
        &mut self,
        l: Lang,
        field: &'static str,
        r: Result<T, nabij_store::rules::RuleError>,
    ) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(field, &super::rule_text::rule_text(l, e));
                None
            }
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
