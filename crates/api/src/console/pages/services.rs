//! The organisation's service directory (sociale kaart).

use crate::blocking::run;
use crate::console::html::{esc, table};
use crate::console::Ctx;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use nabij_store::service;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/services").route(web::get().to(services)));
}

// ---------------------------------------------------------------- services

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
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            vec![
                esc(&s.name),
                esc(&s.description),
                esc(s.phone.as_deref().unwrap_or("—")),
                esc(s.email.as_deref().unwrap_or("—")),
                esc(s.area.as_deref().unwrap_or("—")),
            ]
        })
        .collect();
    let main = format!(
        "<h1>{}</h1>{}",
        esc(title),
        table(
            title,
            &[
                l.t("Dienst", "Service", "Service"),
                l.t("Wat", "Quoi", "What"),
                l.t("Telefoon", "Téléphone", "Phone"),
                l.t("E-mail", "E-mail", "E-mail"),
                l.t("Gebied", "Zone", "Area")
            ],
            &rows,
            l.t(
                "Nog geen diensten op de kaart.",
                "Pas encore de services sur la carte.",
                "No services in the directory yet."
            ),
        )
    );
    ctx.page(StatusCode::OK, title, &main)
}
