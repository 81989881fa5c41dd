//! The organisation's service directory (sociale kaart): list, add, change, take off.
//! Writes go through the functions of `/v1/services` (same checks, same audit rows).

use super::neighbour::query_param;
use super::service_form::{self as sf, ServiceForm};
use super::*;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::{csrf_field, esc, table};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::services::{create_service, remove_service, update_service, ServicePatch};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use nabij_store::service::{self, Service};
use nabij_store::{ServiceId, StoreError};
use std::fmt::Write as _;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/services").get(services))
        .service(resource("/services/new").get(new_form).post(add))
        .service(resource("/services/{id}/edit").get(edit_form).post(edit))
        .service(resource("/services/{id}/remove").post(remove));
}

fn done_notice(l: Lang, done: &str) -> Option<&'static str> {
    Some(match done {
        "added" => l.t(
            "De dienst staat op de kaart.",
            "Le service est sur la carte.",
            "The service is in the directory.",
        ),
        "saved" => l.t(
            "De dienst is bewaard.",
            "Le service a été enregistré.",
            "The service has been saved.",
        ),
        "removed" => l.t(
            "De dienst is van de kaart gehaald. Eerdere doorverwijzingen blijven bewaard.",
            "Le service a été retiré de la carte. Les orientations passées restent enregistrées.",
            "The service has been taken off the directory. Earlier referrals are kept.",
        ),
        _ => return None,
    })
}

pub async fn services(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let st = state.clone();
    let found = run(move || Ok(st.store.read(|c| service::list(c, caller.org, None, 1000))?)).await;
    let list = match found {
        Ok(x) => x,
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let title = l.t("Sociale kaart", "Carte sociale", "Service directory");
    let mut main = format!("<h1>{}</h1>", esc(title));
    if let Some(text) = done_notice(l, &query_param(&req, "done")) {
        let _ = write!(main, "<p class=\"notice\" role=\"status\">{}</p>", esc(text));
    }
    let _ = write!(
        main,
        "<p class=\"lead\">{}</p><p><a href=\"/services/new\">{}</a></p>",
        esc(l.t(
            "De diensten waarnaar u doorverwijst als een vraag geen kleine hulp is, of als er geen buur gevonden wordt.",
            "Les services vers lesquels vous orientez quand une demande n’est pas une petite aide, ou qu’aucun voisin n’est trouvé.",
            "The services you refer to when a request is not small help, or when no neighbour is found."
        )),
        esc(l.t("Een dienst toevoegen", "Ajouter un service", "Add a service")),
    );
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            let cats: Vec<String> = s
                .categories()
                .unwrap_or_default()
                .iter()
                .map(|c| sf::category_text(l, c))
                .collect();
            vec![
                format!("<a href=\"/services/{}/edit\">{}</a>", s.id, esc(&s.name)),
                esc(&s.description),
                esc(&cats.join("; ")),
                esc(s.phone.as_deref().unwrap_or("—")),
                esc(s.email.as_deref().unwrap_or("—")),
                esc(s.area.as_deref().unwrap_or("—")),
            ]
        })
        .collect();
    main.push_str(&table(
        title,
        &[
            l.t("Dienst", "Service", "Service"),
            l.t("Wat", "Quoi", "What"),
            l.t("Voor", "Pour", "For"),
            l.t("Telefoon", "Téléphone", "Phone"),
            l.t("E-mail", "E-mail", "E-mail"),
            l.t("Gebied", "Zone", "Area"),
        ],
        &rows,
        l.t(
            "Nog geen diensten op de kaart.",
            "Pas encore de services sur la carte.",
            "No services in the directory yet.",
        ),
    ));
    ctx.page(StatusCode::OK, title, &main)
}

/// The add or edit page; `existing` is the service being changed.
fn form_page(ctx: &Ctx, status: StatusCode, existing: Option<&Service>, f: &ServiceForm) -> HttpResponse {
    let l = ctx.lang;
    let title = match existing {
        Some(s) => format!(
            "{} {}",
            l.t("Dienst aanpassen:", "Modifier le service :", "Edit the service:"),
            s.name
        ),
        None => l
            .t("Een dienst toevoegen", "Ajouter un service", "Add a service")
            .to_string(),
    };
    let action = match existing {
        Some(s) => format!("/services/{}/edit", s.id),
        None => "/services/new".to_string(),
    };
    let mut main = format!(
        "<h1>{}</h1><form method=\"post\" action=\"{action}\" class=\"stack\" novalidate>{}",
        esc(&title),
        csrf_field(&ctx.csrf)
    );
    sf::fields(&mut main, l, f);
    let _ = write!(
        main,
        "<p class=\"actions\"><button type=\"submit\">{}</button> <a href=\"/services\">{}</a></p></form>",
        esc(l.t("Bewaren", "Enregistrer", "Save")),
        esc(l.t("Annuleren", "Annuler", "Cancel")),
    );
    if let Some(s) = existing {
        let _ = write!(
            main,
            "<section aria-labelledby=\"remove\"><h2 id=\"remove\">{}</h2><p id=\"remove-hint\">{}</p>\
             <form method=\"post\" action=\"/services/{}/remove\">{}<button type=\"submit\" class=\"danger\" aria-describedby=\"remove-hint\">{}</button></form></section>",
            esc(l.t("Van de kaart halen", "Retirer de la carte", "Take off the directory")),
            esc(l.t(
                "Bestaat de dienst niet meer, of verwijst u er niet meer naar? Haal hem dan van de kaart. Eerdere doorverwijzingen naar deze dienst blijven bewaard.",
                "Le service n’existe plus, ou vous n’y orientez plus ? Retirez-le de la carte. Les orientations passées vers ce service restent enregistrées.",
                "Does the service no longer exist, or do you no longer refer to it? Take it off the directory. Earlier referrals to it are kept."
            )),
            s.id,
            csrf_field(&ctx.csrf),
            esc(l.t("Van de kaart halen", "Retirer de la carte", "Take off the directory")),
        );
    }
    ctx.page(status, &title, &main)
}

fn could_not_save(l: Lang) -> String {
    l.t(
        "De dienst kon niet bewaard worden. Kijk de naam en de contactgegevens na.",
        "Le service n’a pas pu être enregistré. Vérifiez le nom et les coordonnées.",
        "The service could not be saved. Check the name and the contact details.",
    )
    .to_string()
}

pub async fn new_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let _caller = logged_in!(ctx);
    form_page(&ctx, StatusCode::OK, None, &ServiceForm::default())
}

pub async fn add(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form) = posted!(ctx, body);
    let mut f = ServiceForm::from_form(&form);
    let new = f.check(ctx.lang);
    if !f.is_ok() {
        return form_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, None, &f);
    }
    let st = state.clone();
    let written = run(move || {
        st.store
            .write_as(|c| create_service(c, &caller, &new).map_err(ApiError::from))
    })
    .await;
    match written {
        Ok(_) => ctx.redirect("/services?done=added"),
        Err(ApiError::Store(StoreError::Invalid(_))) | Err(ApiError::BadRequest { .. }) => {
            f.general = Some(could_not_save(ctx.lang));
            form_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, None, &f)
        }
        Err(e) => ctx.failure(&e),
    }
}

async fn load(state: &web::Data<AppState>, caller: &Caller, id: i64) -> Result<Service, ApiError> {
    let st = state.clone();
    let org = caller.org;
    run(move || Ok(st.store.read(|c| service::get(c, org, ServiceId(id)))?)).await
}

pub async fn edit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    match load(&state, &caller, id).await {
        Ok(s) => form_page(&ctx, StatusCode::OK, Some(&s), &ServiceForm::from_service(&s)),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}

/// The change from `s` to what was typed: only fields that differ.
fn patch(s: &Service, new: nabij_store::service::NewService) -> ServicePatch {
    let differs = |typed: &Option<String>, stored: &Option<String>| (typed != stored).then(|| typed.clone());
    let mut typed_cats = new.categories.clone();
    typed_cats.sort();
    typed_cats.dedup();
    ServicePatch {
        name: (new.name != s.name).then(|| new.name.clone()),
        description: (new.description != s.description).then(|| new.description.clone()),
        categories: (typed_cats != s.categories().unwrap_or_default()).then_some(typed_cats),
        phone: differs(&new.phone, &s.phone),
        email: differs(&new.email, &s.email),
        website: differs(&new.website, &s.website),
        area: differs(&new.area, &s.area),
    }
}

pub async fn edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let s = match load(&state, &caller, id).await {
        Ok(s) => s,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let mut f = ServiceForm::from_form(&form);
    let new = f.check(ctx.lang);
    if !f.is_ok() {
        return form_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(&s), &f);
    }
    let (change, fields) = patch(&s, new).into_update();
    if fields.is_empty() {
        return ctx.redirect("/services");
    }
    let st = state.clone();
    let who = caller.clone();
    let written = run(move || {
        st.store
            .write_as(|c| update_service(c, &who, s.id, &change, &fields).map_err(ApiError::from))
    })
    .await;
    match written {
        Ok(_) => ctx.redirect("/services?done=saved"),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(ApiError::Store(StoreError::Invalid(_))) | Err(ApiError::BadRequest { .. }) => {
            f.general = Some(could_not_save(ctx.lang));
            match load(&state, &caller, id).await {
                Ok(s) => form_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(&s), &f),
                Err(_) => ctx.not_found(),
            }
        }
        Err(e) => ctx.failure(&e),
    }
}

pub async fn remove(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, _, id) = posted!(ctx, body, path);
    let st = state.clone();
    match run(move || {
        st.store
            .write_as(|c| remove_service(c, &caller, ServiceId(id)).map_err(ApiError::from))
    })
    .await
    {
        Ok(()) => ctx.redirect("/services?done=removed"),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}
