//! Registering a resident on their behalf (home visit, phone round, referral card).

use super::neighbour_fields::FormView;
use super::neighbour_form::{self as nf, NeighbourForm};
use super::*;
use crate::blocking::run;
use crate::console::html::Shell;
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::neighbours::body::{ConsentIn, ContactIn, LocationIn, NeighbourIn};
use crate::routes::neighbours::ops;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use nabij_store::neighbourhood::Neighbourhood;
use nabij_store::StoreError;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/neighbours/new").get(register_form).post(register));
}

const CONSENTS: [&str; 4] = ["home_visit", "phone_round", "referral_card", "self"];

/// The registration form.
#[derive(Template)]
#[template(path = "console/neighbour/register.html")]
struct RegisterPage<'a> {
    shell: Shell,
    csrf: &'a str,
    v: FormView<'a>,
    /// The ways of giving consent: (code, text).
    consents: Vec<(&'static str, String)>,
}

fn register_page(ctx: &Ctx, status: StatusCode, hoods: &[Neighbourhood], f: &NeighbourForm) -> HttpResponse {
    let l = ctx.lang;
    let page = RegisterPage {
        shell: ctx.shell(l.text("register-title")),
        csrf: &ctx.csrf,
        v: FormView::new(l, f, hoods, l.text("register-hood-empty")),
        consents: CONSENTS.iter().map(|c| (*c, consent_text(l, c))).collect(),
    };
    ctx.render(status, &page)
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
        f.fail("consent", &l.text("form-check.consent"));
    }
    let location = checked.position.or(checked.hood.map(|(_, lat, lon)| (lat, lon)));
    if location.is_none() && f.error("lat").is_none() {
        f.fail("neighbourhood_id", &l.text("form-check.hood-or-position"));
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
        location: Some(LocationIn { lat, lon }),
        address: None,
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
            f.general = Some(l.text("form-check.not-saved"));
            register_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &hoods, &f)
        }
        Err(e) => ctx.failure(&e),
    }
}
