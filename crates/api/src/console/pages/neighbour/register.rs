//! Registering a resident on their behalf (home visit, phone round, referral card).

use super::neighbour_form::{self as nf, NeighbourForm};
use super::*;
use crate::blocking::run;
use crate::console::html::{csrf_field, esc};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::neighbours::body::{ConsentIn, ContactIn, LocationIn, NeighbourIn};
use crate::routes::neighbours::ops;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use nabij_store::neighbourhood::Neighbourhood;
use nabij_store::StoreError;
use std::fmt::Write as _;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/neighbours/new").get(register_form).post(register));
}

const CONSENTS: [&str; 4] = ["home_visit", "phone_round", "referral_card", "self"];

fn register_page(ctx: &Ctx, status: StatusCode, hoods: &[Neighbourhood], f: &NeighbourForm) -> HttpResponse {
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
    nf::error_summary(&mut main, l, f);
    let _ = write!(
        main,
        "<form method=\"post\" action=\"/neighbours/new\" class=\"stack\" novalidate>{}",
        csrf_field(&ctx.csrf)
    );
    nf::contact_inputs(&mut main, l, f);

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
    for code in CONSENTS {
        let checked = if f.value("consent") == code {
            " checked"
        } else {
            ""
        };
        let _ = write!(
            main,
            "<div class=\"choice\"><input type=\"radio\" id=\"consent-{code}\" name=\"consent\" value=\"{code}\"{checked}><label for=\"consent-{code}\">{}</label></div>",
            esc(&consent_text(l, code))
        );
    }
    main.push_str("</fieldset>");

    nf::select(
        &mut main,
        f,
        "neighbourhood_id",
        l.t("Buurt", "Quartier", "Neighbourhood"),
        None,
        &nf::hood_options(
            hoods,
            l.t(
                "— kies een buurt —",
                "— choisissez un quartier —",
                "— choose a neighbourhood —",
            ),
        ),
    );
    let hint = l.t(
        "Niet verplicht. Zonder positie rekenen we met het midden van de buurt.",
        "Facultatif. Sans position, nous utilisons le centre du quartier.",
        "Optional. Without a position we use the centre of the neighbourhood.",
    );
    nf::input(
        &mut main,
        f,
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
    nf::input(
        &mut main,
        f,
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
    nf::reach_and_language_inputs(&mut main, l, f);
    let _ = write!(
        main,
        "<h2>{}</h2><p class=\"hint\">{}</p>",
        esc(l.t(
            "Meer over de persoon",
            "Plus sur la personne",
            "More about the person"
        )),
        esc(l.t(
            "Niet verplicht: u kunt dit ook later aanvullen.",
            "Facultatif : vous pouvez aussi compléter plus tard.",
            "Optional: you can also add this later."
        )),
    );
    nf::about_the_person(
        &mut main,
        l,
        f,
        l.t(
            "Niets aangevinkt: de taal van de berichten.",
            "Rien de coché : la langue des messages.",
            "Nothing ticked: the language of messages.",
        ),
    );
    let _ = write!(
        main,
        "<p><button type=\"submit\">{}</button></p></form>",
        esc(l.t("Inschrijven", "Inscrire", "Register"))
    );
    ctx.page(status, title, &main)
}

pub async fn register_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    match nf::visible_hoods(&state, &caller).await {
        Ok(hoods) => register_page(&ctx, StatusCode::OK, &hoods, &NeighbourForm::blank()),
        Err(e) => ctx.failure(&e),
    }
}

pub async fn register(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form) = posted!(ctx, body);
    let hoods = match nf::visible_hoods(&state, &caller).await {
        Ok(h) => h,
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let mut f = NeighbourForm::from_form(&form);
    let checked = nf::check(l, &mut f, &hoods);
    let consent = f.value("consent").to_string();
    if !CONSENTS.contains(&consent.as_str()) {
        f.fail("consent", l.t("Kies hoe de persoon toestemming gaf: zonder toestemming schrijven we niemand in.", "Choisissez comment la personne a donné son accord : sans accord, nous n’inscrivons personne.", "Choose how the person gave consent: without consent we register nobody."));
    }
    let location = checked.position.or(checked.hood.map(|(_, lat, lon)| (lat, lon)));
    if location.is_none() && f.error("lat").is_none() {
        f.fail(
            "neighbourhood_id",
            l.t(
                "Kies een buurt, of vul de positie van de woning in.",
                "Choisissez un quartier, ou indiquez la position du domicile.",
                "Choose a neighbourhood, or fill in the position of the home.",
            ),
        );
    }
    let Some((lat, lon)) = location.filter(|_| f.is_ok()) else {
        return register_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &hoods, &f);
    };
    let languages = if checked.languages.is_empty() {
        vec![checked.preferred_language.clone()]
    } else {
        checked.languages
    };
    let body = NeighbourIn {
        display_name: checked.name,
        contact: Some(ContactIn {
            email: Some(checked.email),
            phone: Some(checked.phone),
        }),
        location: LocationIn { lat, lon },
        neighbourhood_id: checked.hood.map(|(id, _, _)| id),
        travel_radius_m: checked.radius,
        interests: checked.interests,
        talents: checked.talents,
        languages,
        availability: checked.availability,
        capacity: checked.capacity,
        paused: false,
        consent: ConsentIn {
            channel: consent,
            recorded_at: None,
            recorded_by: None,
        },
        preferred_language: checked.preferred_language,
    };
    // What `POST /v1/neighbours` does, in one transaction: create, check the
    // neighbourhood is in reach, audit, update the candidate index.
    let st = state.clone();
    let who = caller.clone();
    let written = run(move || {
        let form = body.into_new(&who)?;
        st.store.write_as(|c| {
            let (n, update) = ops::create(c, &who, &form)?;
            Ok((n.id, update))
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
