//! Builds the application: store, keys, state, middleware and routes, bound to a
//! listener, so that `nabij serve` and the tests run the very same app.

use crate::auth::keys::KeySet;
use crate::auth::password::hash_password;
use crate::auth::throttle::Throttle;
use crate::extract::{framework_error, json_config, path_config, payload_config, query_config};
use crate::settings::Settings;
use crate::state::AppState;
use actix_web::dev::Server;
use actix_web::middleware::{from_fn, DefaultHeaders, ErrorHandlers};
use actix_web::{web, App, HttpServer};
use anyhow::Context as _;
use nabij_store::Store;
use rand::RngCore;
use std::net::TcpListener;
use std::sync::Arc;

/// A built, bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Opens the store (migrating it when `settings.migrate_on_start`), loads or (in
    /// development) generates the key set, and binds `settings.listen`.
    /// Must be called inside a Tokio/actix runtime (`#[actix_web::main]` or
    /// `#[tokio::main]`).
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(&settings.listen)
            .with_context(|| format!("cannot listen on {}", settings.listen))?;
        Self::build_with_listener(settings, listener).await
    }

    /// As [`Application::build`], on a listener bound by the caller.
    pub async fn build_with_listener(
        settings: Settings,
        listener: TcpListener,
    ) -> anyhow::Result<Application> {
        let store = Store::open(&settings.database_url).context("cannot open the database")?;
        if settings.migrate_on_start {
            store.migrate().context("cannot migrate the database")?;
        }
        let keys = KeySet::load_or_generate(&settings.data_dir, !settings.production)
            .context("cannot load the signing keys")?;
        let mut random = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut random);
        let dummy_hash = hash_password(&format!("{random:?}"))?;
        let audit = crate::audit_batch::AuditBatcher::start(store.clone())
            .context("cannot start the audit writer")?;
        let mut ops = nabij_ops::Ops::new(store.clone());
        ops.notifications = settings.notifications;
        ops.public_url = settings.public_url.clone();
        let state = web::Data::new(AppState {
            indexes: ops.indexes.clone(),
            ops,
            store,
            keys: Arc::new(keys),
            login_throttle: Throttle::new(settings.login_max_failures, settings.login_window),
            audit,
            verified_tokens: Default::default(),
            dummy_hash,
            settings: Arc::new(settings.clone()),
        });
        let limits = web::Data::new(crate::limits::Limits::new(&settings.limits));
        let metrics = web::Data::new(
            crate::metrics::Metrics::new(state.indexes.clone()).context("cannot register the metrics")?,
        );
        let cors_origins = settings.cors_allowed_origins.clone();
        let port = listener.local_addr().context("listener has no address")?.port();
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(limits.clone())
                .app_data(metrics.clone())
                .app_data(json_config())
                .app_data(payload_config())
                .app_data(path_config())
                .app_data(query_config())
                .wrap(ErrorHandlers::new().default_handler(framework_error))
                // Innermost first: request id, limits, log and metrics; then CORS; then
                // the fixed headers, so that every answer (a 429 or a preflight too)
                // carries them.
                .wrap(from_fn(crate::request_log::observe))
                .wrap(crate::cors::middleware(&cors_origins))
                // A preflight the CORS middleware refuses is problem+json too.
                .wrap(ErrorHandlers::new().default_handler(framework_error))
                .wrap(security_headers())
                .service(web::resource("/metrics").route(web::get().to(crate::metrics::handler)))
                .configure(crate::routes::configure)
                .configure(crate::console::configure)
        })
        .client_request_timeout(settings.limits.client_request_timeout)
        .client_disconnect_timeout(settings.limits.client_disconnect_timeout)
        .keep_alive(settings.limits.keep_alive)
        .listen(listener)
        .context("cannot serve on the listener")?;
        if let Some(workers) = settings.workers {
            server = server.workers(workers.max(1));
        }
        Ok(Application {
            port,
            server: server.run(),
        })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the process is stopped (SIGINT/SIGTERM stop it gracefully).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Headers on every response. actix sends no `Server` header. The
/// `Content-Security-Policy` and `X-Request-Id` come from [`crate::request_log`].
fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("Cache-Control", "no-store"))
}
