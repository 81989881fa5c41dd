//! One neighbour's page: what is known about them (never the exact position), what a
//! coordinator can do (edit, pause or resume, download, erase), their history of
//! matches and thanks, their requests, and filing a new request for them.

use super::neighbours::query_param;
use super::*;
use crate::access;
use crate::blocking::run;
use crate::console::html::{csrf_field, esc, table};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::requests;
use crate::routes::requests::body::{RequestIn, WindowIn};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use nabij_store::neighbour::Neighbour;
use nabij_store::neighbourhood::{self};
use nabij_store::request::{self, RequestFilter};
use nabij_store::{NeighbourId, StoreError};
use std::fmt::Write as _;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/neighbours/{id}").get(neighbour))
        .service(resource("/neighbours/{id}/requests").post(file_request));
}

fn list_or_dash(items: Vec<String>) -> String {
    if items.is_empty() {
        "—".to_string()
    } else {
        items.join(", ")
    }
}

/// The facts about a neighbour, as a description list.
fn facts(l: Lang, n: &Neighbour, hood: Option<&str>) -> String {
    let consent = n.consent().map(|c| c.channel.as_str()).unwrap_or("");
    let tags = |codes: Vec<String>| list_or_dash(codes.iter().map(|c| labels::tag(l, c)).collect());
    let rows: Vec<(&str, String)> = vec![
        (
            l.t("Buurt", "Quartier", "Neighbourhood"),
            hood.unwrap_or("—").to_string(),
        ),
        (
            l.t("Telefoon", "Téléphone", "Phone"),
            n.phone.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            l.t("E-mail", "E-mail", "E-mail"),
            n.email.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            l.t(
                "Positie van de woning",
                "Position du domicile",
                "Position of the home",
            ),
            if n.lat.is_some() {
                l.t(
                    "bewaard voor het zoeken naar buren dichtbij, niet getoond",
                    "gardée pour chercher des voisins proches, non affichée",
                    "kept to look for neighbours close by, not shown",
                )
            } else {
                "—"
            }
            .to_string(),
        ),
        (
            l.t("Hoe ver", "Jusqu’où", "How far"),
            if n.travel_radius_m >= 1000.0 {
                format!("{} km", (n.travel_radius_m / 100.0).round() / 10.0)
            } else {
                format!("{} m", n.travel_radius_m.round())
            },
        ),
        (
            l.t("Talen", "Langues", "Languages"),
            list_or_dash(
                n.languages()
                    .unwrap_or_default()
                    .iter()
                    .map(|c| labels::language_code(l, c))
                    .collect(),
            ),
        ),
        (
            l.t("Doet graag", "Aime faire", "Likes doing"),
            tags(n.interests().unwrap_or_default()),
        ),
        (
            l.t("Helpt graag met", "Aime aider pour", "Likes helping with"),
            tags(n.talents().unwrap_or_default()),
        ),
        (
            l.t(
                "Meestal beschikbaar",
                "Généralement disponible",
                "Usually available",
            ),
            list_or_dash(
                n.availability()
                    .unwrap_or_default()
                    .iter()
                    .map(|c| labels::slot(l, c))
                    .collect(),
            ),
        ),
        (
            l.t(
                "Met hoeveel tegelijk",
                "Avec combien à la fois",
                "How many at a time",
            ),
            n.capacity.to_string(),
        ),
        (l.t("Toestemming", "Accord", "Consent"), consent_text(l, consent)),
        (
            l.t("Stand", "État", "Status"),
            if n.paused {
                l.t("even gepauzeerd", "en pause", "paused")
            } else {
                l.t("doet mee", "participe", "taking part")
            }
            .to_string(),
        ),
    ];
    let mut out = String::from("<dl class=\"facts\">");
    for (k, v) in rows {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(&v));
    }
    out.push_str("</dl>");
    out
}

/// What a coordinator can do with the record.
fn actions(ctx: &Ctx, n: &Neighbour) -> String {
    let l = ctx.lang;
    let (action, label, hint) = if n.paused {
        (
            "resume",
            l.t(
                "Weer laten meedoen",
                "Reprendre la participation",
                "Take part again",
            ),
            l.t(
                "De persoon kan dan weer voorgesteld worden.",
                "La personne pourra de nouveau être proposée.",
                "The person can then be proposed again.",
            ),
        )
    } else {
        (
            "pause",
            l.t("Even pauzeren", "Mettre en pause", "Pause for now"),
            l.t("Zolang de pauze duurt, stellen we de persoon aan niemand voor. Lopende koppelingen blijven.", "Pendant la pause, la personne n’est proposée à personne. Les mises en contact en cours restent.", "While paused, the person is not proposed to anyone. Current matches stay."),
        )
    };
    format!(
        "<section aria-labelledby=\"actions\"><h2 id=\"actions\">{}</h2><ul class=\"action-list\">\
         <li><a href=\"/neighbours/{id}/edit\">{}</a></li>\
         <li><form method=\"post\" action=\"/neighbours/{id}/{action}\" class=\"inline\">{}<button type=\"submit\" aria-describedby=\"pause-hint\">{}</button></form> <span class=\"hint\" id=\"pause-hint\">{}</span></li>\
         <li><a href=\"/neighbours/{id}/export\">{}</a></li>\
         <li><a href=\"/neighbours/{id}/erase\" class=\"danger\">{}</a></li></ul></section>",
        esc(l.t("Wat wilt u doen?", "Que voulez-vous faire ?", "What would you like to do?")),
        esc(l.t("Gegevens aanpassen", "Modifier les données", "Edit the details")),
        csrf_field(&ctx.csrf),
        esc(label),
        esc(hint),
        esc(l.t("Alle gegevens downloaden (JSON-bestand)", "Télécharger toutes les données (fichier JSON)", "Download all data (JSON file)")),
        esc(l.t("Gegevens wissen…", "Effacer les données…", "Erase the data…")),
        id = n.id,
    )
}

fn done_notice(l: Lang, done: &str) -> Option<&'static str> {
    Some(match done {
        "saved" => l.t(
            "De gegevens zijn bewaard.",
            "Les données ont été enregistrées.",
            "The details have been saved.",
        ),
        "unchanged" => l.t(
            "Er was niets veranderd.",
            "Rien n’a changé.",
            "Nothing had changed.",
        ),
        "paused" => l.t(
            "De persoon is even gepauzeerd.",
            "La personne est en pause.",
            "The person is paused for now.",
        ),
        "resumed" => l.t(
            "De persoon doet weer mee.",
            "La personne participe de nouveau.",
            "The person takes part again.",
        ),
        _ => return None,
    })
}

pub async fn neighbour(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    let st = state.clone();
    let found = run(move || {
        st.store.write_as(|c| {
            let n = access::neighbour(c, &caller, NeighbourId(id))?;
            access::record(c, &caller, "neighbour_read", Some(n.id), String::new())?;
            let hood = match n.neighbourhood_id {
                Some(h) => neighbourhood::list(c, caller.org)?
                    .into_iter()
                    .find(|x| x.id == h)
                    .map(|x| x.name),
                None => None,
            };
            let requests = request::list(
                c,
                caller.org,
                &RequestFilter {
                    neighbour_id: Some(n.id),
                    limit: 200,
                    ..Default::default()
                },
            )?;
            let history = neighbour_history::load(c, &caller, &n)?;
            Ok::<_, ApiError>((n, hood, requests, history))
        })
    })
    .await;
    let (n, hood, requests, history) = match found {
        Ok(x) => x,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let mut main = format!("<h1>{}</h1>", esc(&n.display_name));
    if let Some(text) = done_notice(l, &query_param(&req, "done")) {
        let _ = write!(main, "<p class=\"notice\" role=\"status\">{}</p>", esc(text));
    }
    main.push_str(&facts(l, &n, hood.as_deref()));
    main.push_str(&actions(&ctx, &n));
    main.push_str(&neighbour_history::section(l, &history));
    let rows: Vec<Vec<String>> = requests
        .iter()
        .map(|r| {
            vec![
                request_link(r),
                esc(&kind_text(l, &r.kind)),
                esc(&status_text(l, &r.status)),
                esc(&age_text(l, r.created_at)),
            ]
        })
        .collect();
    let h = l.t("Vragen", "Demandes", "Requests");
    let _ = write!(
        main,
        "<section aria-labelledby=\"requests\"><h2 id=\"requests\">{}</h2>{}</section>",
        esc(h),
        table(
            h,
            &[
                h,
                l.t("Soort", "Type", "Kind"),
                l.t("Stand", "État", "Status"),
                l.t("Sinds", "Depuis", "Since")
            ],
            &rows,
            l.t("Nog geen vragen.", "Pas encore de demandes.", "No requests yet.")
        )
    );
    let _ = write!(
        main,
        "<section aria-labelledby=\"new-request\"><h2 id=\"new-request\">{}</h2>\
         <form method=\"post\" action=\"/neighbours/{}/requests\" class=\"stack\">{}\
         <fieldset class=\"field\"><legend>{}</legend>",
        esc(l.t("Een vraag noteren", "Noter une demande", "Note a request")),
        n.id,
        csrf_field(&ctx.csrf),
        esc(l.t(
            "Waarmee kan een buur helpen?",
            "En quoi un voisin peut-il aider ?",
            "What could a neighbour help with?"
        )),
    );
    for (i, code) in ["companionship", "emotional", "practical"]
        .into_iter()
        .enumerate()
    {
        let checked = if i == 0 { " checked" } else { "" };
        let _ = write!(main, "<div class=\"choice\"><input type=\"radio\" id=\"kind-{code}\" name=\"kind\" value=\"{code}\"{checked}><label for=\"kind-{code}\">{}</label></div>", esc(&kind_text(l, code)));
    }
    let _ = write!(
        main,
        "</fieldset><div class=\"field\"><label for=\"text\">{}</label><textarea id=\"text\" name=\"text\" rows=\"4\"></textarea></div>\
         <div class=\"field\"><label for=\"date\">{}</label><p class=\"hint\" id=\"date-hint\">{}</p><input id=\"date\" name=\"date\" type=\"date\" aria-describedby=\"date-hint\"></div>\
         <p><button type=\"submit\">{}</button></p></form></section>",
        esc(l.t("In de woorden van de persoon", "Avec les mots de la personne", "In the person’s own words")),
        esc(l.t("Op een bepaalde dag (niet verplicht)", "À une date précise (facultatif)", "On a given day (optional)")),
        esc(l.t("Leeg laten als het moment vrij te kiezen is.", "Laisser vide si le moment est libre.", "Leave empty when any time will do.")),
        esc(l.t("Vraag noteren", "Noter la demande", "Note the request")),
    );
    ctx.page(StatusCode::OK, &n.display_name, &main)
}

/// Files a request for a neighbour: what `POST /v1/requests` does (scope guard included).
pub async fn file_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let window = match NaiveDate::parse_from_str(form.get("date").unwrap_or(""), "%Y-%m-%d") {
        Ok(date) => WindowIn::Once {
            date,
            parts: Vec::new(),
        },
        Err(_) => WindowIn::Flexible {},
    };
    let body = RequestIn {
        neighbour_id: id,
        kind: form.text("kind"),
        tags: Vec::new(),
        text: form.text("text"),
        window,
        location: None,
        radius_m: None,
        recurrence: None,
        duration_minutes: None,
    };
    let st = state.clone();
    let created = run(move || {
        let new = body.into_new()?;
        st.store.write_as(|c| {
            let r = requests::file(c, &caller, &new)?;
            Ok::<_, ApiError>(r.id)
        })
    })
    .await;
    match created {
        Ok(rid) => ctx.redirect(&format!("/requests/{rid}")),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(ApiError::BadRequest { .. }) | Err(ApiError::Store(StoreError::Invalid(_))) => {
            let l = ctx.lang;
            let title = l.t("Vraag niet genoteerd", "Demande non notée", "Request not noted");
            ctx.page(
                StatusCode::UNPROCESSABLE_ENTITY,
                title,
                &format!(
                    "<h1>{}</h1><p>{}</p><p><a href=\"/neighbours/{id}\">{}</a></p>",
                    esc(title),
                    esc(l.t("Kies een soort vraag, houd de tekst korter dan 2000 tekens en kies een dag binnen het jaar.", "Choisissez un type de demande, gardez le texte sous 2000 caractères et une date dans l’année.", "Choose a kind of request, keep the text under 2000 characters and a date within the year.")),
                    esc(l.t("Terug", "Retour", "Back")),
                ),
            )
        }
        Err(e) => ctx.failure(&e),
    }
}
