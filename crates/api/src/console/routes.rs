//! The console's route table: every page and form the console serves, with who may use
//! it. Page families register through [`resource`], which refuses (in debug builds, so
//! in every test) a method and path missing here; `crates/api/tests/console/routes.rs`
//! is generated from [`ROUTES`]: every form refuses a missing or wrong CSRF token, every
//! page and form with an `{id}` refuses another organisation's ids, and every page
//! answers. A new page cannot be forgotten.
//!
//! Not part of the JSON API: these are not in [`crate::routes::ROUTES`] nor in
//! `openapi.yaml`.

use actix_web::dev::{AppService, HttpServiceFactory};
use actix_web::{web, FromRequest, Handler, Resource, Responder};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Anyone: the login page, the style sheet and the check-in answer page (whose
    /// token opens one check-in).
    Public,
    /// A form anyone may post (the login, a check-in answer): the CSRF token is
    /// checked, no session needed.
    PublicForm,
    /// A page (GET) for a logged-in coordinator; other browsers are sent to `/login`.
    Page,
    /// A form (POST) of a logged-in coordinator: session and CSRF token.
    Form,
}

/// One route: method, path (actix pattern, `{id}` for an id) and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub kind: Kind,
}

const fn get(path: &'static str, kind: Kind) -> Route {
    Route {
        method: "GET",
        path,
        kind,
    }
}

const fn post(path: &'static str, kind: Kind) -> Route {
    Route {
        method: "POST",
        path,
        kind,
    }
}

use Kind::{Form, Page, Public, PublicForm};

/// Every console route.
pub const ROUTES: &[Route] = &[
    get("/assets/console.css", Public),
    get("/login", Public),
    post("/login", PublicForm),
    post("/logout", Form),
    get("/", Page),
    post("/calls/{id}/done", Form),
    get("/neighbours", Page),
    get("/neighbours/new", Page),
    post("/neighbours/new", Form),
    get("/neighbours/{id}", Page),
    post("/neighbours/{id}/requests", Form),
    get("/neighbours/{id}/edit", Page),
    post("/neighbours/{id}/edit", Form),
    post("/neighbours/{id}/pause", Form),
    post("/neighbours/{id}/resume", Form),
    get("/neighbours/{id}/export", Page),
    get("/neighbours/{id}/erase", Page),
    post("/neighbours/{id}/erase", Form),
    get("/requests/{id}", Page),
    post("/requests/{id}/scope", Form),
    post("/requests/{id}/cancel", Form),
    post("/requests/{id}/edit", Form),
    post("/requests/{id}/reopen", Form),
    post("/requests/{id}/propose", Form),
    post("/requests/{id}/refer", Form),
    post("/matches/{id}/accept", Form),
    post("/matches/{id}/decline", Form),
    post("/matches/{id}/close", Form),
    get("/imports", Page),
    post("/imports/upload", Form),
    post("/imports/check", Form),
    get("/groups", Page),
    post("/groups/{id}/accept", Form),
    post("/groups/{id}/split", Form),
    get("/services", Page),
    get("/services/new", Page),
    post("/services/new", Form),
    get("/services/{id}/edit", Page),
    post("/services/{id}/edit", Form),
    post("/services/{id}/remove", Form),
    get("/report", Page),
    get("/report.csv", Page),
    get("/rematch", Page),
    post("/rematch", Form),
    get("/signals", Page),
    get("/signals/new", Page),
    post("/signals/new", Form),
    get("/signals/{id}", Page),
    post("/signals/{id}/outcome", Form),
    post("/signals/{id}/erase", Form),
    post("/matches/{id}/check-ins", Form),
    get("/check-in/{token}", Public),
    post("/check-in/{token}", PublicForm),
];

/// A console resource that checks its routes against [`ROUTES`].
pub struct Checked {
    path: &'static str,
    resource: Resource,
}

/// The resource at `path`; add its handlers with [`Checked::get`] and [`Checked::post`].
pub fn resource(path: &'static str) -> Checked {
    Checked {
        path,
        resource: web::resource(path),
    }
}

impl Checked {
    fn listed(&self, method: &str) {
        debug_assert!(
            ROUTES.iter().any(|r| r.method == method && r.path == self.path),
            "console route {method} {} is not in console::routes::ROUTES: add it with its kind",
            self.path
        );
    }

    pub fn get<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.listed("GET");
        Checked {
            path: self.path,
            resource: self.resource.route(web::get().to(handler)),
        }
    }

    /// Configuration for this resource's extractors (e.g. a larger payload limit).
    pub fn app_data<U: 'static>(self, data: U) -> Self {
        Checked {
            path: self.path,
            resource: self.resource.app_data(data),
        }
    }

    pub fn post<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.listed("POST");
        Checked {
            path: self.path,
            resource: self.resource.route(web::post().to(handler)),
        }
    }
}

impl HttpServiceFactory for Checked {
    fn register(self, config: &mut AppService) {
        // Every console route resolves its session cookie first (see `session::layer`).
        self.resource
            .wrap(actix_web::middleware::from_fn(super::session::layer))
            .register(config);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_no_duplicates_and_only_gets_and_posts() {
        for (i, r) in ROUTES.iter().enumerate() {
            assert!(matches!(r.method, "GET" | "POST"), "{r:?}");
            assert!(
                !ROUTES[..i]
                    .iter()
                    .any(|o| o.method == r.method && o.path == r.path),
                "{r:?} twice"
            );
            match r.kind {
                Kind::Page => assert_eq!(r.method, "GET", "{r:?}"),
                Kind::Form | Kind::PublicForm => assert_eq!(r.method, "POST", "{r:?}"),
                Kind::Public => {}
            }
        }
    }

    #[cfg(debug_assertions)]
    #[actix_web::test]
    #[should_panic(expected = "not in console::routes::ROUTES")]
    async fn a_route_missing_from_the_table_is_refused() {
        let _ = resource("/not-in-the-table").get(|| async { "" });
    }

    #[actix_web::test]
    async fn every_family_registers_only_listed_routes() {
        // Registering panics on a route missing from the table.
        let app = actix_web::App::new().configure(crate::console::configure);
        let _ = actix_web::test::init_service(app).await;
    }
}
