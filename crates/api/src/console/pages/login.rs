//! Log in and log out.

use crate::console::html::{csrf_field, esc};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use std::fmt::Write as _;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/login").get(login_form).post(login))
        .service(resource("/logout").post(logout));
}

// ---------------------------------------------------------------- login, logout

fn login_page(ctx: &Ctx, status: StatusCode, email: &str, error: Option<&str>) -> HttpResponse {
    let l = ctx.lang;
    let title = l.t("Aanmelden", "Connexion", "Log in");
    let mut main = format!("<h1>{}</h1>", esc(title));
    if let Some(e) = error {
        let _ = write!(
            main,
            "<div class=\"error-summary\" role=\"alert\"><p>{}</p></div>",
            esc(e)
        );
    }
    let _ = write!(
        main,
        "<form method=\"post\" action=\"/login\" class=\"stack narrow\">{}\
         <p><label for=\"email\">{}</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"{}\"></p>\
         <p><label for=\"password\">{}</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\
         <p><button type=\"submit\">{}</button></p></form>",
        csrf_field(&ctx.csrf),
        esc(l.t("E-mailadres", "Adresse e-mail", "E-mail address")),
        esc(email),
        esc(l.t("Wachtwoord", "Mot de passe", "Password")),
        esc(title),
    );
    ctx.page(status, title, &main)
}

pub async fn login_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    if ctx.caller.is_some() {
        return ctx.redirect("/");
    }
    login_page(&ctx, StatusCode::OK, "", None)
}

/// Checks the password with the API's own login check and throttle.
pub async fn login(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let mut ctx = Ctx::new(&req, &state);
    let form = Form::parse(&body);
    if !ctx.csrf_ok(&form) {
        return ctx.forbidden();
    }
    let l = ctx.lang;
    let email = form.text("email");
    let password = form.get("password").unwrap_or("").to_string();
    if email.is_empty() || email.len() > 254 || password.is_empty() || password.len() > 1024 {
        let msg = l.t(
            "Vul uw e-mailadres en uw wachtwoord in.",
            "Indiquez votre adresse e-mail et votre mot de passe.",
            "Enter your e-mail address and your password.",
        );
        return login_page(&ctx, StatusCode::BAD_REQUEST, &email, Some(msg));
    }
    let key = crate::routes::auth::login_throttle_key(&email, &req);
    if crate::routes::auth::check_throttle(&state, &key).is_err() {
        let msg = l.t(
            "Te veel mislukte pogingen. Wacht enkele minuten en probeer opnieuw.",
            "Trop de tentatives échouées. Attendez quelques minutes et réessayez.",
            "Too many failed attempts. Wait a few minutes and try again.",
        );
        return login_page(&ctx, StatusCode::TOO_MANY_REQUESTS, &email, Some(msg));
    }
    let principal = match crate::routes::auth::verify_login(&state, email.clone(), password).await {
        Ok(p) => p,
        Err(e) => return ctx.failure(&e),
    };
    match principal {
        Some(p) if p.role.is_staff() => {
            state.login_throttle.clear(&key);
            ctx.rotate_csrf();
            if !ctx.start_session(&state, &p) {
                return ctx.failure(&"cannot sign a session");
            }
            ctx.redirect("/")
        }
        _ => {
            state.login_throttle.record_failure(&key);
            let msg = l.t(
                "Dit e-mailadres en wachtwoord horen niet bij elkaar.",
                "Cette adresse e-mail et ce mot de passe ne correspondent pas.",
                "This e-mail address and password do not match.",
            );
            login_page(&ctx, StatusCode::UNAUTHORIZED, &email, Some(msg))
        }
    }
}

pub async fn logout(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let mut ctx = Ctx::new(&req, &state);
    if !ctx.csrf_ok(&Form::parse(&body)) {
        return ctx.forbidden();
    }
    ctx.end_session();
    ctx.redirect("/login")
}
