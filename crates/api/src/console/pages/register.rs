//! Registering a resident on their behalf (home visit, phone round, referral card).

use super::*;
use crate::access;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::{csrf_field, esc};
use crate::console::{Ctx, Form};
use crate::error::{ApiError, ApiResult};
use crate::index::IndexUpdate;
use crate::routes::neighbours::body::{ConsentIn, ContactIn, LocationIn, NeighbourIn};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use nabij_store::neighbour::{self};
use nabij_store::neighbourhood::{self, Neighbourhood};
use nabij_store::StoreError;
use std::collections::HashMap;
use std::fmt::Write as _;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/neighbours/new")
            .route(web::get().to(register_form))
            .route(web::post().to(register)),
    );
}

/// The register-on-behalf form: what was typed, and a Dutch (or French, English)
/// message per field that is wrong.
#[derive(Default)]
struct RegisterForm {
    values: HashMap<&'static str, String>,
    errors: Vec<(&'static str, String)>,
    general: Option<String>,
}

const FIELDS: &[&str] = &[
    "display_name",
    "phone",
    "email",
    "neighbourhood_id",
    "lat",
    "lon",
    "travel_radius_m",
    "consent",
    "preferred_language",
];

impl RegisterForm {
    fn from_form(form: &Form) -> Self {
        let mut values = HashMap::new();
        for f in FIELDS {
            values.insert(*f, form.text(f));
        }
        RegisterForm {
            values,
            ..Default::default()
        }
    }
    fn value(&self, f: &str) -> &str {
        self.values.get(f).map(String::as_str).unwrap_or("")
    }
    fn error(&self, f: &str) -> Option<&str> {
        self.errors.iter().find(|(k, _)| *k == f).map(|(_, m)| m.as_str())
    }
}

fn register_page(ctx: &Ctx, status: StatusCode, hoods: &[Neighbourhood], f: &RegisterForm) -> HttpResponse {
    let l = ctx.lang;
    let title = l.t("Iemand inschrijven", "Inscrire quelqu’un", "Register someone");
    let mut main = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        esc(title),
        esc(l.t(
            "Na een huisbezoek, een belronde of met een doorverwijskaart: schrijf de persoon in met haar of zijn toestemming.",
            "Après une visite à domicile, une tournée d’appels ou avec une carte d’orientation : inscrivez la personne avec son accord.",
            "After a home visit, a phone round or with a referral card: register the person with their consent."
        ))
    );
    if !f.errors.is_empty() || f.general.is_some() {
        let _ = write!(
            main,
            "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-title\"><h2 id=\"error-title\">{}</h2><ul>",
            esc(l.t("Er is iets niet in orde", "Quelque chose ne va pas", "Something is not right"))
        );
        if let Some(g) = &f.general {
            let _ = write!(main, "<li>{}</li>", esc(g));
        }
        for (field, msg) in &f.errors {
            let _ = write!(main, "<li><a href=\"#{field}\">{}</a></li>", esc(msg));
        }
        main.push_str("</ul></div>");
    }
    let input = |main: &mut String, field: &str, label: &str, kind: &str, hint: Option<&str>, extra: &str| {
        let err = f.error(field);
        let mut described = Vec::new();
        if hint.is_some() {
            described.push(format!("{field}-hint"));
        }
        if err.is_some() {
            described.push(format!("{field}-error"));
        }
        let _ = write!(
            main,
            "<div class=\"field{}\"><label for=\"{field}\">{}</label>",
            if err.is_some() { " has-error" } else { "" },
            esc(label)
        );
        if let Some(hnt) = hint {
            let _ = write!(main, "<p class=\"hint\" id=\"{field}-hint\">{}</p>", esc(hnt));
        }
        if let Some(e) = err {
            let _ = write!(main, "<p class=\"error\" id=\"{field}-error\">{}</p>", esc(e));
        }
        let _ = write!(
            main,
            "<input id=\"{field}\" name=\"{field}\" type=\"{kind}\" value=\"{}\"{}{}{extra}></div>",
            esc(f.value(field)),
            if described.is_empty() {
                String::new()
            } else {
                format!(" aria-describedby=\"{}\"", described.join(" "))
            },
            if err.is_some() {
                " aria-invalid=\"true\""
            } else {
                ""
            },
        );
    };
    let _ = write!(
        main,
        "<form method=\"post\" action=\"/neighbours/new\" class=\"stack\" novalidate>{}",
        csrf_field(&ctx.csrf)
    );
    input(
        &mut main,
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
        &mut main,
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
        &mut main,
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

    // Consent: radio buttons in a fieldset.
    let err = f.error("consent");
    let _ = write!(
        main,
        "<fieldset id=\"consent\" class=\"field{}\"{}><legend>{}</legend>",
        if err.is_some() { " has-error" } else { "" },
        if err.is_some() {
            " aria-describedby=\"consent-error\""
        } else {
            ""
        },
        esc(l.t(
            "Hoe gaf de persoon toestemming?",
            "Comment la personne a-t-elle donné son accord ?",
            "How did the person give consent?"
        ))
    );
    if let Some(e) = err {
        let _ = write!(main, "<p class=\"error\" id=\"consent-error\">{}</p>", esc(e));
    }
    for code in ["home_visit", "phone_round", "referral_card", "self"] {
        let checked = if f.value("consent") == code {
            " checked"
        } else {
            ""
        };
        let _ = write!(
            main,
            "<div class=\"choice\"><input type=\"radio\" id=\"consent-{code}\" name=\"consent\" value=\"{code}\"{checked}><label for=\"consent-{code}\">{}</label></div>",
            esc(consent_text(l, code))
        );
    }
    main.push_str("</fieldset>");

    // Neighbourhood select.
    let err = f.error("neighbourhood_id");
    let _ = write!(
        main,
        "<div class=\"field{}\"><label for=\"neighbourhood_id\">{}</label>",
        if err.is_some() { " has-error" } else { "" },
        esc(l.t("Buurt", "Quartier", "Neighbourhood"))
    );
    if let Some(e) = err {
        let _ = write!(
            main,
            "<p class=\"error\" id=\"neighbourhood_id-error\">{}</p>",
            esc(e)
        );
    }
    let _ = write!(
        main,
        "<select id=\"neighbourhood_id\" name=\"neighbourhood_id\"{}><option value=\"\">{}</option>",
        if err.is_some() {
            " aria-invalid=\"true\" aria-describedby=\"neighbourhood_id-error\""
        } else {
            ""
        },
        esc(l.t(
            "— kies een buurt —",
            "— choisissez un quartier —",
            "— choose a neighbourhood —"
        ))
    );
    for h in hoods {
        let id = h.id.to_string();
        let sel = if f.value("neighbourhood_id") == id {
            " selected"
        } else {
            ""
        };
        let _ = write!(main, "<option value=\"{id}\"{sel}>{}</option>", esc(&h.name));
    }
    main.push_str("</select></div>");
    let hint = l.t(
        "Niet verplicht. Zonder positie rekenen we met het midden van de buurt.",
        "Facultatif. Sans position, nous utilisons le centre du quartier.",
        "Optional. Without a position we use the centre of the neighbourhood.",
    );
    input(
        &mut main,
        "lat",
        l.t(
            "Breedtegraad van de woning",
            "Latitude du domicile",
            "Latitude of the home",
        ),
        "text",
        Some(hint),
        " inputmode=\"decimal\"",
    );
    input(
        &mut main,
        "lon",
        l.t(
            "Lengtegraad van de woning",
            "Longitude du domicile",
            "Longitude of the home",
        ),
        "text",
        None,
        " inputmode=\"decimal\"",
    );

    let _ = write!(main, "<div class=\"field\"><label for=\"travel_radius_m\">{}</label><select id=\"travel_radius_m\" name=\"travel_radius_m\">", esc(l.t("Hoe ver kan of wil de persoon gaan?", "Jusqu’où la personne peut-elle ou veut-elle aller ?", "How far can or will the person go?")));
    let radius = if f.value("travel_radius_m").is_empty() {
        "1000"
    } else {
        f.value("travel_radius_m")
    };
    for (v, label) in [
        ("300", "300 m"),
        ("500", "500 m"),
        ("1000", "1 km"),
        ("2000", "2 km"),
        ("5000", "5 km"),
    ] {
        let sel = if radius == v { " selected" } else { "" };
        let _ = write!(main, "<option value=\"{v}\"{sel}>{label}</option>");
    }
    main.push_str("</select></div>");
    let _ = write!(main, "<div class=\"field\"><label for=\"preferred_language\">{}</label><select id=\"preferred_language\" name=\"preferred_language\">", esc(l.t("Taal van berichten", "Langue des messages", "Language of messages")));
    for (v, label) in [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")] {
        let sel = if f.value("preferred_language") == v {
            " selected"
        } else {
            ""
        };
        let _ = write!(main, "<option value=\"{v}\" lang=\"{v}\"{sel}>{label}</option>");
    }
    let _ = write!(
        main,
        "</select></div><p><button type=\"submit\">{}</button></p></form>",
        esc(l.t("Inschrijven", "Inscrire", "Register"))
    );
    ctx.page(status, title, &main)
}

async fn visible_hoods(state: &web::Data<AppState>, caller: &Caller) -> ApiResult<Vec<Neighbourhood>> {
    let st = state.clone();
    let who = caller.clone();
    run(move || {
        let all = st.store.read(|c| neighbourhood::list(c, who.org))?;
        Ok(all
            .into_iter()
            .filter(|h| who.sees_neighbourhood(Some(h.id)))
            .collect())
    })
    .await
}

pub async fn register_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    match visible_hoods(&state, &caller).await {
        Ok(hoods) => register_page(&ctx, StatusCode::OK, &hoods, &RegisterForm::default()),
        Err(e) => ctx.failure(&e),
    }
}

fn parse_coordinate(s: &str) -> Option<f64> {
    s.replace(',', ".").parse::<f64>().ok().filter(|x| x.is_finite())
}

pub async fn register(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let form = Form::parse(&body);
    if !ctx.csrf_ok(&form) {
        return ctx.forbidden();
    }
    let hoods = match visible_hoods(&state, &caller).await {
        Ok(h) => h,
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let mut f = RegisterForm::from_form(&form);
    let name = f.value("display_name").to_string();
    if name.is_empty() {
        f.errors.push((
            "display_name",
            l.t("Vul de naam in.", "Indiquez le nom.", "Enter the name.")
                .into(),
        ));
    } else if name.chars().count() > 100 {
        f.errors.push((
            "display_name",
            l.t(
                "De naam is te lang (hoogstens 100 tekens).",
                "Le nom est trop long (100 caractères au plus).",
                "The name is too long (100 characters at most).",
            )
            .into(),
        ));
    }
    let email = f.value("email").to_string();
    if !email.is_empty() && (!email.contains('@') || email.len() > 254) {
        f.errors.push((
            "email",
            l.t(
                "Dit e-mailadres klopt niet. Het ziet eruit als naam@voorbeeld.be.",
                "Cette adresse e-mail n’est pas correcte. Elle ressemble à nom@exemple.be.",
                "This e-mail address is not right. It looks like name@example.be.",
            )
            .into(),
        ));
    }
    let phone = f.value("phone").to_string();
    if !phone.is_empty() && !phone.chars().all(|c| c.is_ascii_digit() || " +-./()".contains(c)) {
        f.errors.push((
            "phone",
            l.t(
                "Een telefoonnummer bevat alleen cijfers, spaties en +.",
                "Un numéro de téléphone ne contient que des chiffres, des espaces et +.",
                "A phone number holds only digits, spaces and +.",
            )
            .into(),
        ));
    }
    let consent = f.value("consent").to_string();
    if !["home_visit", "phone_round", "referral_card", "self"].contains(&consent.as_str()) {
        f.errors.push(("consent", l.t("Kies hoe de persoon toestemming gaf: zonder toestemming schrijven we niemand in.", "Choisissez comment la personne a donné son accord : sans accord, nous n’inscrivons personne.", "Choose how the person gave consent: without consent we register nobody.").into()));
    }
    let hood = parse_id(f.value("neighbourhood_id")).and_then(|id| hoods.iter().find(|h| h.id.get() == id));
    if !f.value("neighbourhood_id").is_empty() && hood.is_none() {
        f.errors.push((
            "neighbourhood_id",
            l.t(
                "Kies een buurt uit de lijst.",
                "Choisissez un quartier dans la liste.",
                "Choose a neighbourhood from the list.",
            )
            .into(),
        ));
    }
    let (lat_s, lon_s) = (f.value("lat").to_string(), f.value("lon").to_string());
    let location = match (lat_s.is_empty(), lon_s.is_empty()) {
        (true, true) => match hood {
            Some(h) => Some((h.centre_lat, h.centre_lon)),
            None => {
                if !f.errors.iter().any(|(k, _)| *k == "neighbourhood_id") {
                    f.errors.push((
                        "neighbourhood_id",
                        l.t(
                            "Kies een buurt, of vul de positie van de woning in.",
                            "Choisissez un quartier, ou indiquez la position du domicile.",
                            "Choose a neighbourhood, or fill in the position of the home.",
                        )
                        .into(),
                    ));
                }
                None
            }
        },
        _ => match (parse_coordinate(&lat_s), parse_coordinate(&lon_s)) {
            (Some(a), Some(b)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&b) => {
                Some((a, b))
            }
            _ => {
                f.errors.push(("lat", l.t("Vul breedte- en lengtegraad allebei in als getallen, bijvoorbeeld 51,2345 en 5,4321.", "Indiquez la latitude et la longitude en chiffres, par exemple 51,2345 et 5,4321.", "Fill in both latitude and longitude as numbers, for example 51.2345 and 5.4321.").into()));
                None
            }
        },
    };
    let radius = f.value("travel_radius_m").parse::<f64>().unwrap_or(1000.0);
    let language = match f.value("preferred_language") {
        "fr" => "fr",
        "en" => "en",
        _ => "nl",
    };
    let Some((lat, lon)) = location.filter(|_| f.errors.is_empty()) else {
        return register_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &hoods, &f);
    };
    let body = NeighbourIn {
        display_name: name,
        contact: Some(ContactIn {
            email: Some((!email.is_empty()).then_some(email)),
            phone: Some((!phone.is_empty()).then_some(phone)),
        }),
        location: LocationIn { lat, lon },
        neighbourhood_id: hood.map(|h| h.id.get()),
        travel_radius_m: radius,
        interests: Vec::new(),
        talents: Vec::new(),
        languages: vec![language.to_string()],
        availability: Vec::new(),
        capacity: 1,
        paused: false,
        consent: ConsentIn {
            channel: consent,
            recorded_at: None,
            recorded_by: None,
        },
        preferred_language: language.to_string(),
    };
    // What `POST /v1/neighbours` does, in one transaction: create, check the
    // neighbourhood is in reach, audit, update the candidate index.
    let st = state.clone();
    let who = caller.clone();
    let written = run(move || {
        let form = body.into_new(who.actor())?;
        st.store.write_as(|c| {
            let n = neighbour::create(c, who.org, &form)?;
            if !who.sees_neighbourhood(n.neighbourhood_id) {
                return Err(ApiError::invalid_field(
                    "neighbourhood_id",
                    "outside the neighbourhoods you coordinate",
                ));
            }
            access::record(c, &who, "neighbour_created", Some(n.id), String::new())?;
            Ok((n.id, IndexUpdate::after(c, who.org, &[n.id])?))
        })
    })
    .await;
    match written {
        Ok((id, update)) => {
            update.apply(&state.indexes);
            ctx.redirect(&format!("/neighbours/{id}"))
        }
        Err(ApiError::BadRequest { .. })
        | Err(ApiError::Store(StoreError::Invalid(_)))
        | Err(ApiError::Store(StoreError::Conflict(_))) => {
            f.general = Some(
                l.t(
                    "Deze gegevens konden niet bewaard worden. Kijk de naam, de contactgegevens en de positie na.",
                    "Ces données n’ont pas pu être enregistrées. Vérifiez le nom, les coordonnées et la position.",
                    "These details could not be saved. Check the name, the contact details and the position.",
                )
                .to_string(),
            );
            register_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &hoods, &f)
        }
        Err(e) => ctx.failure(&e),
    }
}
