//! The route table. Every route the server answers is registered in [`configure`] and
//! listed in [`ROUTES`] (a test keeps both equal to `openapi.yaml`).

pub mod auth;
pub mod calls;
pub mod candidates;
pub mod check_ins;
pub mod exchanges;
pub mod groups;
pub mod health;
pub mod imports;
pub mod jobs;
pub mod matches;
pub mod neighbours;
pub mod outbox;
pub mod referrals;
pub mod requests;
pub mod services;
pub mod setup;
pub mod signals;

use actix_web::web;

/// Method and path (OpenAPI template syntax) of every route served.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/health"),
    ("GET", "/ready"),
    ("GET", "/openapi.yaml"),
    ("GET", "/.well-known/jwks.json"),
    ("POST", "/v1/auth/login"),
    ("POST", "/v1/auth/token"),
    ("GET", "/v1/auth/me"),
    ("POST", "/v1/neighbours"),
    ("GET", "/v1/neighbours"),
    ("GET", "/v1/neighbours/{id}"),
    ("PATCH", "/v1/neighbours/{id}"),
    ("DELETE", "/v1/neighbours/{id}"),
    ("GET", "/v1/neighbours/{id}/export"),
    ("POST", "/v1/requests"),
    ("GET", "/v1/requests"),
    ("GET", "/v1/requests/{id}"),
    ("PATCH", "/v1/requests/{id}"),
    ("POST", "/v1/requests/{id}/cancel"),
    ("POST", "/v1/requests/{id}/reopen"),
    ("POST", "/v1/requests/{id}/scope-override"),
    ("GET", "/v1/requests/{id}/candidates"),
    ("POST", "/v1/matches"),
    ("GET", "/v1/matches/{id}"),
    ("POST", "/v1/matches/{id}/accept"),
    ("POST", "/v1/matches/{id}/decline"),
    ("POST", "/v1/matches/{id}/close"),
    ("GET", "/v1/matches/{id}/check-ins"),
    ("POST", "/v1/matches/{id}/check-ins"),
    ("POST", "/v1/exchanges"),
    ("POST", "/v1/services"),
    ("GET", "/v1/services"),
    ("GET", "/v1/services/{id}"),
    ("PATCH", "/v1/services/{id}"),
    ("DELETE", "/v1/services/{id}"),
    ("POST", "/v1/referrals"),
    ("POST", "/v1/jobs/rematch"),
    ("GET", "/v1/jobs"),
    ("GET", "/v1/jobs/{id}"),
    ("GET", "/v1/groups"),
    ("POST", "/v1/groups/{id}/accept"),
    ("POST", "/v1/groups/{id}/split"),
    ("GET", "/v1/outbox"),
    ("POST", "/v1/outbox/{id}/requeue"),
    ("GET", "/v1/calls"),
    ("POST", "/v1/calls/{id}/done"),
    ("POST", "/v1/signals"),
    ("GET", "/v1/signals"),
    ("GET", "/v1/signals/{id}"),
    ("POST", "/v1/signals/{id}/outcome"),
    ("POST", "/v1/neighbourhoods/import"),
    ("POST", "/v1/addresses/import"),
    ("GET", "/v1/addresses"),
    ("POST", "/v1/imports/neighbours"),
    ("POST", "/v1/imports/services"),
];

/// Registers every route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/health").route(web::get().to(health::health)))
        .service(web::resource("/ready").route(web::get().to(health::ready)))
        .service(web::resource("/openapi.yaml").route(web::get().to(health::openapi)))
        .service(web::resource("/.well-known/jwks.json").route(web::get().to(auth::jwks)))
        .service(web::resource("/v1/auth/login").route(web::post().to(auth::login)))
        .service(web::resource("/v1/auth/token").route(web::post().to(auth::token)))
        .service(web::resource("/v1/auth/me").route(web::get().to(auth::me)))
        .configure(neighbours::configure)
        .configure(requests::configure)
        .configure(candidates::configure)
        .configure(matches::configure)
        .configure(check_ins::configure)
        .configure(exchanges::configure)
        .configure(services::configure)
        .configure(referrals::configure)
        .configure(jobs::configure)
        .configure(groups::configure)
        .configure(outbox::configure)
        .configure(calls::configure)
        .configure(signals::configure)
        .configure(setup::configure)
        .configure(imports::configure);
}
