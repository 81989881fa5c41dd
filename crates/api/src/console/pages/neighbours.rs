//! The list of neighbours, one neighbour's page, and filing a request for them.

use super::*;
use crate::access;
use crate::blocking::run;
use crate::console::html::{csrf_field, esc, table};
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::requests::body::{RequestIn, WindowIn};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use nabij_store::neighbour::{self, NeighbourFilter};
use nabij_store::neighbourhood::{self};
use nabij_store::request::{self, RequestFilter};
use nabij_store::{NeighbourId, StoreError};
use std::collections::HashMap;
use std::fmt::Write as _;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/neighbours").route(web::get().to(neighbours)))
        .service(web::resource("/neighbours/{id}").route(web::get().to(neighbour)))
        .service(web::resource("/neighbours/{id}/requests").route(web::post().to(file_request)));
}

// ---------------------------------------------------------------- neighbours

pub async fn neighbours(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let q = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|q| {
            q.iter()
                .find(|(k, _)| k == "q")
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_default();
    let st = state.clone();
    let found = run(move || {
        st.store.read_as(|c| {
            let rows = neighbour::list(
                c,
                caller.org,
                &NeighbourFilter {
                    neighbourhoods: caller.neighbourhoods.clone(),
                    after: None,
                    limit: 1000,
                },
            )?;
            let hoods: HashMap<_, _> = neighbourhood::list(c, caller.org)?
                .into_iter()
                .map(|h| (h.id, h.name))
                .collect();
            Ok::<_, ApiError>((rows, hoods))
        })
    })
    .await;
    let (rows, hoods) = match found {
        Ok(x) => x,
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let needle = q.to_lowercase();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .filter(|n| needle.is_empty() || n.display_name.to_lowercase().contains(&needle))
        .map(|n| {
            vec![
                format!("<a href=\"/neighbours/{}\">{}</a>", n.id, esc(&n.display_name)),
                esc(n
                    .neighbourhood_id
                    .and_then(|h| hoods.get(&h))
                    .map(String::as_str)
                    .unwrap_or("—")),
                esc(if n.paused {
                    l.t("even gepauzeerd", "en pause", "paused")
                } else {
                    l.t("actief", "actif", "active")
                }),
            ]
        })
        .collect();
    let title = l.t("Buurtbewoners", "Habitants", "Neighbours");
    let main = format!(
        "<h1>{}</h1><form method=\"get\" action=\"/neighbours\" class=\"search\" role=\"search\">\
         <label for=\"q\">{}</label><input id=\"q\" name=\"q\" type=\"search\" value=\"{}\"><button type=\"submit\">{}</button></form>\
         <p><a href=\"/neighbours/new\">{}</a></p>{}",
        esc(title),
        esc(l.t("Zoek op naam", "Rechercher par nom", "Search by name")),
        esc(&q),
        esc(l.t("Zoeken", "Rechercher", "Search")),
        esc(l.t("Iemand inschrijven", "Inscrire quelqu’un", "Register someone")),
        table(
            title,
            &[l.t("Naam", "Nom", "Name"), l.t("Buurt", "Quartier", "Neighbourhood"), l.t("Stand", "État", "Status")],
            &rows,
            l.t("Niemand gevonden.", "Personne trouvé.", "Nobody found."),
        ),
    );
    ctx.page(StatusCode::OK, title, &main)
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
            Ok::<_, ApiError>((n, hood, requests))
        })
    })
    .await;
    let (n, hood, requests) = match found {
        Ok(x) => x,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let consent = n.consent().map(|c| c.channel.as_str()).unwrap_or("");
    let mut main = format!(
        "<h1>{}</h1><dl class=\"facts\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>",
        esc(&n.display_name),
        esc(l.t("Buurt", "Quartier", "Neighbourhood")),
        esc(hood.as_deref().unwrap_or("—")),
        esc(l.t("Telefoon", "Téléphone", "Phone")),
        esc(n.phone.as_deref().unwrap_or("—")),
        esc(l.t("E-mail", "E-mail", "E-mail")),
        esc(n.email.as_deref().unwrap_or("—")),
        esc(l.t("Toestemming", "Accord", "Consent")),
        esc(consent_text(l, consent)),
        esc(l.t("Stand", "État", "Status")),
        esc(if n.paused { l.t("even gepauzeerd", "en pause", "paused") } else { l.t("actief", "actif", "active") }),
    );
    let rows: Vec<Vec<String>> = requests
        .iter()
        .map(|r| {
            vec![
                request_link(r),
                esc(kind_text(l, &r.kind)),
                esc(status_text(l, &r.status)),
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
        let _ = write!(main, "<div class=\"choice\"><input type=\"radio\" id=\"kind-{code}\" name=\"kind\" value=\"{code}\"{checked}><label for=\"kind-{code}\">{}</label></div>", esc(kind_text(l, code)));
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
    let caller = logged_in!(ctx);
    let form = Form::parse(&body);
    if !ctx.csrf_ok(&form) {
        return ctx.forbidden();
    }
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
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
            access::neighbour(c, &caller, new.neighbour_id)?;
            let r = request::create(c, caller.org, &new)?;
            let detail = format!(
                "request={} in_scope={} category={}",
                r.id, r.scope_in_scope, r.scope_category
            );
            access::record(c, &caller, "request_created", Some(r.neighbour_id), detail)?;
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
