//! Log in and log out.

use crate::console::html::Shell;
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/login").get(login_form).post(login))
        .service(resource("/logout").post(logout));
}

// ---------------------------------------------------------------- login, logout

/// The login form.
#[derive(Template)]
#[template(path = "console/login.html")]
struct LoginPage<'a> {
    shell: Shell,
    csrf: &'a str,
    email: &'a str,
    error: Option<String>,
}

/// `error` is a catalogue key.
fn login_page(ctx: &Ctx, status: StatusCode, email: &str, error: Option<&str>) -> HttpResponse {
    let page = LoginPage {
        shell: ctx.shell(ctx.lang.text("login-title")),
        csrf: &ctx.csrf,
        email,
        error: error.map(|k| ctx.lang.text(k)),
    };
    ctx.render(status, &page)
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
    let email = form.text("email");
    let password = form.get("password").unwrap_or("").to_string();
    if email.is_empty() || email.len() > 254 || password.is_empty() || password.len() > 1024 {
        let msg = "login-missing";
        return login_page(&ctx, StatusCode::BAD_REQUEST, &email, Some(msg));
    }
    let key = crate::routes::auth::login_throttle_key(&email, &req);
    if crate::routes::auth::check_throttle(&state, &key).is_err() {
        let msg = "login-throttled";
        return login_page(&ctx, StatusCode::TOO_MANY_REQUESTS, &email, Some(msg));
    }
    let principal = match crate::routes::auth::verify_login(&state, email.clone(), password).await {
        Ok(p) => p,
        Err(e) => return ctx.failure(&e),
    };
    match principal {
        Some((p, _)) if p.role.is_staff() => {
            state.login_throttle.clear(&key);
            if !ctx.start_session(&state, &p).await {
                return ctx.failure(&"cannot sign a session");
            }
            ctx.redirect("/")
        }
        _ => {
            state.login_throttle.record_failure(&key);
            let msg = "login-mismatch";
            login_page(&ctx, StatusCode::UNAUTHORIZED, &email, Some(msg))
        }
    }
}

pub async fn logout(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let mut ctx = Ctx::new(&req, &state);
    if !ctx.csrf_ok(&Form::parse(&body)) {
        return ctx.forbidden();
    }
    if !ctx.end_session(&state).await {
        return ctx.failure(&"cannot end a session");
    }
    ctx.redirect("/login")
}
