//! The form about a service of the directory: what was typed (kept when something is
//! wrong), plain messages per field, and its markup.

use crate::console::html::esc;
use crate::console::{Form, Lang};
use nabij_store::service::{valid_category, NewService, Service};
use std::collections::HashMap;
use std::fmt::Write as _;

const FIELDS: &[&str] = &["name", "description", "phone", "email", "website", "area"];

/// The categories a coordinator can tick, in this order.
pub(super) const CATEGORIES: [&str; 4] = ["personal_care", "structural", "heavy", "no_match"];

pub(super) fn category_text(l: Lang, code: &str) -> String {
    match code {
        "personal_care" => l.t(
            "Persoonlijke verzorging (wassen, aankleden, medicatie)",
            "Soins personnels (toilette, habillage, médicaments)",
            "Personal care (washing, dressing, medication)",
        ),
        "structural" => l.t(
            "Vaste hulp die elke week terugkomt (poetsen, tuinonderhoud)",
            "Aide régulière chaque semaine (ménage, entretien du jardin)",
            "Regular help every week (cleaning, garden upkeep)",
        ),
        "heavy" => l.t("Zware klussen", "Gros travaux", "Heavy jobs"),
        "no_match" => l.t(
            "Vragen waarvoor geen buur gevonden wordt",
            "Demandes pour lesquelles aucun voisin n’est trouvé",
            "Requests for which no neighbour is found",
        ),
        other => other,
    }
    .to_string()
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
            self.fail(
                "name",
                l.t(
                    "Vul de naam van de dienst in.",
                    "Indiquez le nom du service.",
                    "Enter the name of the service.",
                ),
            );
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

fn field(out: &mut String, f: &ServiceForm, name: &str, label: &str, kind: &str) {
    let err = f.error(name);
    let _ = write!(
        out,
        "<div class=\"field{}\"><label for=\"{name}\">{}</label>",
        if err.is_some() { " has-error" } else { "" },
        esc(label)
    );
    if let Some(e) = err {
        let _ = write!(out, "<p class=\"error\" id=\"{name}-error\">{}</p>", esc(e));
    }
    let attrs = if err.is_some() {
        format!(" aria-invalid=\"true\" aria-describedby=\"{name}-error\"")
    } else {
        String::new()
    };
    if kind == "textarea" {
        let _ = write!(
            out,
            "<textarea id=\"{name}\" name=\"{name}\" rows=\"4\"{attrs}>{}</textarea></div>",
            esc(f.value(name))
        );
    } else {
        let _ = write!(
            out,
            "<input id=\"{name}\" name=\"{name}\" type=\"{kind}\" value=\"{}\"{attrs}></div>",
            esc(f.value(name))
        );
    }
}

/// The form's fields (inside a `<form>` the caller opens and closes).
pub(super) fn fields(out: &mut String, l: Lang, f: &ServiceForm) {
    if !f.is_ok() {
        let _ = write!(
            out,
            "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-title\"><h2 id=\"error-title\">{}</h2><ul>",
            esc(l.t("Er is iets niet in orde", "Quelque chose ne va pas", "Something is not right"))
        );
        if let Some(g) = &f.general {
            let _ = write!(out, "<li>{}</li>", esc(g));
        }
        for (name, msg) in &f.errors {
            let _ = write!(out, "<li><a href=\"#{name}\">{}</a></li>", esc(msg));
        }
        out.push_str("</ul></div>");
    }
    field(
        out,
        f,
        "name",
        l.t("Naam van de dienst", "Nom du service", "Name of the service"),
        "text",
    );
    field(
        out,
        f,
        "description",
        l.t(
            "Wat doet de dienst? (niet verplicht)",
            "Que fait le service ? (facultatif)",
            "What does the service do? (optional)",
        ),
        "textarea",
    );
    let err = f.error("categories");
    let _ = write!(
        out,
        "<fieldset id=\"categories\" class=\"field checks{}\"><legend>{}</legend>",
        if err.is_some() { " has-error" } else { "" },
        esc(l.t(
            "Voor welke vragen kan men er terecht?",
            "Pour quelles demandes peut-on s’y adresser ?",
            "Which requests can it take?"
        ))
    );
    if let Some(e) = err {
        let _ = write!(out, "<p class=\"error\">{}</p>", esc(e));
    }
    // The usual categories, then any of the organisation's own the service lists.
    let mut codes: Vec<String> = CATEGORIES.iter().map(|c| c.to_string()).collect();
    for c in &f.categories {
        if !codes.contains(c) && valid_category(c) {
            codes.push(c.clone());
        }
    }
    for code in codes {
        let checked = if f.categories.contains(&code) {
            " checked"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<div class=\"choice\"><input type=\"checkbox\" id=\"categories-{code}\" name=\"categories\" value=\"{code}\"{checked}><label for=\"categories-{code}\">{}</label></div>",
            esc(&category_text(l, &code))
        );
    }
    out.push_str("</fieldset>");
    field(
        out,
        f,
        "phone",
        l.t(
            "Telefoon (niet verplicht)",
            "Téléphone (facultatif)",
            "Phone (optional)",
        ),
        "tel",
    );
    field(
        out,
        f,
        "email",
        l.t(
            "E-mailadres (niet verplicht)",
            "Adresse e-mail (facultatif)",
            "E-mail address (optional)",
        ),
        "email",
    );
    field(
        out,
        f,
        "website",
        l.t(
            "Website (niet verplicht)",
            "Site web (facultatif)",
            "Website (optional)",
        ),
        "text",
    );
    field(
        out,
        f,
        "area",
        l.t(
            "Werkgebied (niet verplicht)",
            "Zone desservie (facultatif)",
            "Area served (optional)",
        ),
        "text",
    );
}
