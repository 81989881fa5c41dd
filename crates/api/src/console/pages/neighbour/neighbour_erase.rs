//! Downloading everything held on a neighbour, and erasing it for good after a
//! confirmation step. Both go through the functions of the API's routes
//! (`GET /v1/neighbours/{id}/export`, `DELETE /v1/neighbours/{id}`): the same content,
//! the same audit rows (an erasure's row keeps counts only), the same index update.

use super::*;
use crate::access;
use crate::blocking::run;
use crate::console::html::{csrf_field, esc};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::neighbours::ops;
use crate::state::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use nabij_store::neighbour::Neighbour;
use nabij_store::{NeighbourId, StoreError};
use std::fmt::Write as _;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/neighbours/{id}/export").get(export))
        .service(resource("/neighbours/{id}/erase").get(confirm).post(erase));
}

/// The export as a file to download: the API's JSON, indented.
pub async fn export(req: HttpRequest, state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    let st = state.clone();
    let out = run(move || st.store.write_as(|c| ops::export(c, &caller, NeighbourId(id)))).await;
    let body = match out.map(|v| serde_json::to_vec_pretty(&v)) {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => return ctx.failure(&e),
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    ctx.finish(
        HttpResponse::Ok()
            .content_type("application/json; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"nabij-gegevens-{id}.json\""),
            ))
            .body(body),
    )
}

fn confirm_page(ctx: &Ctx, status: StatusCode, n: &Neighbour, error: bool) -> HttpResponse {
    let l = ctx.lang;
    let title = format!(
        "{} {}",
        l.t(
            "Gegevens wissen van",
            "Effacer les données de",
            "Erase the data of"
        ),
        n.display_name
    );
    let mut main = format!("<h1>{}</h1>", esc(&title));
    if error {
        let _ = write!(
            main,
            "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-title\"><h2 id=\"error-title\">{}</h2><ul><li><a href=\"#confirm\">{}</a></li></ul></div>",
            esc(l.t("Er is niets gewist", "Rien n’a été effacé", "Nothing was erased")),
            esc(l.t(
                "Vink aan dat u begrijpt dat dit niet ongedaan kan worden.",
                "Cochez que vous comprenez que cela ne peut pas être annulé.",
                "Tick that you understand this cannot be undone."
            )),
        );
    }
    let _ = write!(
        main,
        "<p class=\"lead\">{}</p><h2>{}</h2><ul class=\"consequences\"><li>{}</li><li>{}</li><li>{}</li><li>{}</li></ul><h2>{}</h2><ul><li>{}</li></ul>\
         <p>{} <a href=\"/neighbours/{id}/export\">{}</a></p>",
        esc(l.t(
            "Doe dit als de persoon vraagt om alle gegevens te wissen, of niet meer wil meedoen. Wie alleen even niet wil, kunt u beter pauzeren.",
            "Faites-le si la personne demande d’effacer toutes ses données, ou ne veut plus participer. Si elle veut juste faire une pause, mettez-la plutôt en pause.",
            "Do this when the person asks for all their data to be erased, or no longer wants to take part. If they only want a break, pause them instead."
        )),
        esc(l.t("Wat er gebeurt", "Ce qui se passe", "What happens")),
        esc(l.t(
            "De naam, het telefoonnummer, het e-mailadres, de positie van de woning, de talen, wat de persoon graag doet en wanneer, worden voorgoed gewist.",
            "Le nom, le téléphone, l’adresse e-mail, la position du domicile, les langues, ce que la personne aime faire et quand sont effacés définitivement.",
            "The name, phone number, e-mail address, position of the home, languages, what the person likes doing and when are erased for good."
        )),
        esc(l.t(
            "Vragen van de persoon die nog open staan, worden geannuleerd; de tekst van al haar of zijn vragen wordt gewist.",
            "Les demandes encore ouvertes de la personne sont annulées ; le texte de toutes ses demandes est effacé.",
            "Requests of the person that are still open are cancelled; the text of all their requests is erased."
        )),
        esc(l.t(
            "Voorstellen en koppelingen met de persoon worden afgesloten. Wie mee zou gaan, kan weer aan iemand anders voorgesteld worden.",
            "Les propositions et mises en contact avec la personne sont clôturées. Qui devait l’accompagner peut de nouveau être proposé à quelqu’un d’autre.",
            "Proposals and matches with the person are ended. Whoever was going along can be proposed to someone else again."
        )),
        esc(l.t(
            "Berichten aan de persoon die nog niet verstuurd zijn, worden niet meer verstuurd.",
            "Les messages à la personne qui n’ont pas encore été envoyés ne le seront plus.",
            "Messages to the person that were not sent yet will not be sent."
        )),
        esc(l.t("Wat blijft", "Ce qui reste", "What stays")),
        esc(l.t(
            "In het logboek blijft staan dat er gegevens gewist zijn, zonder naam of andere persoonsgegevens, en de buurtcijfers blijven kloppen.",
            "Le journal garde la trace d’un effacement, sans nom ni autre donnée personnelle, et les chiffres du quartier restent justes.",
            "The log keeps a line that data was erased, without a name or other personal data, and the neighbourhood figures stay right."
        )),
        esc(l.t(
            "Dit kan niet ongedaan gemaakt worden. Wil de persoon eerst een kopie?",
            "Cela ne peut pas être annulé. La personne veut-elle d’abord une copie ?",
            "This cannot be undone. Does the person want a copy first?"
        )),
        esc(l.t("Download eerst alle gegevens.", "Téléchargez d’abord toutes les données.", "Download all data first.")),
        id = n.id,
    );
    let _ = write!(
        main,
        "<form method=\"post\" action=\"/neighbours/{id}/erase\" class=\"stack\">{}\
         <div class=\"field choice{}\"><input type=\"checkbox\" id=\"confirm\" name=\"confirm\" value=\"yes\"{}><label for=\"confirm\">{}</label></div>\
         <p class=\"actions\"><button type=\"submit\" class=\"danger\">{}</button> <a href=\"/neighbours/{id}\">{}</a></p></form>",
        csrf_field(&ctx.csrf),
        if error { " has-error" } else { "" },
        if error { " aria-invalid=\"true\"" } else { "" },
        esc(l.t(
            "Ik begrijp dat dit niet ongedaan kan worden.",
            "Je comprends que cela ne peut pas être annulé.",
            "I understand this cannot be undone."
        )),
        esc(l.t("Alle gegevens definitief wissen", "Effacer définitivement toutes les données", "Erase all data for good")),
        esc(l.t("Niet wissen, terug", "Ne pas effacer, retour", "Do not erase, go back")),
        id = n.id,
    );
    ctx.page(status, &title, &main)
}

async fn visible(
    state: &web::Data<AppState>,
    caller: &crate::auth::Caller,
    id: i64,
) -> Result<Neighbour, ApiError> {
    let st = state.clone();
    let who = caller.clone();
    run(move || Ok(st.store.read(|c| access::neighbour(c, &who, NeighbourId(id)))?)).await
}

/// The confirmation step: says plainly what will happen; erases nothing.
pub async fn confirm(req: HttpRequest, state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    match visible(&state, &caller, id).await {
        Ok(n) => confirm_page(&ctx, StatusCode::OK, &n, false),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}

/// Erases, but only with the CSRF token and the box ticked on the confirmation page.
pub async fn erase(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    if form.get("confirm") != Some("yes") {
        return match visible(&state, &caller, id).await {
            Ok(n) => confirm_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &n, true),
            Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
            Err(e) => ctx.failure(&e),
        };
    }
    let st = state.clone();
    let erased = run(move || {
        st.store
            .write_as(|c| ops::erase(c, &caller, NeighbourId(id)).map_err(ApiError::from))
    })
    .await;
    match erased {
        Ok(e) => {
            e.apply(&state.indexes);
            ctx.redirect("/neighbours?done=erased")
        }
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}
