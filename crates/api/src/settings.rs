//! What the API needs to run. The CLI fills it from flags, environment and file.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Settings of one API instance.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on, e.g. `127.0.0.1:8080` (port 0 picks a free port).
    pub listen: String,
    /// `postgres://…` or a SQLite file path (see `nabij_store::Store::open`).
    pub database_url: String,
    /// Holds `keys.json` (signing keys) and, by default, the SQLite file.
    pub data_dir: PathBuf,
    /// `iss` of the tokens this instance issues and accepts.
    pub issuer: String,
    /// `aud` of the tokens this instance issues and accepts.
    pub audience: String,
    /// Lifetime of access tokens.
    pub access_token_ttl: Duration,
    /// In production the server refuses to start without a key set in the data
    /// directory; in development a key is generated on first start.
    pub production: bool,
    /// Run pending migrations when the application is built.
    pub migrate_on_start: bool,
    /// HTTP worker threads; `None` uses actix's default (one per core).
    pub workers: Option<usize>,
    /// Failed logins allowed per e-mail and address within `login_window`.
    pub login_max_failures: usize,
    pub login_window: Duration,
    /// Enqueue notifications (outbox e-mails and phone-list entries, see `nabij-notify`)
    /// in the transaction of each change that causes them: match proposed, accepted
    /// (became active), declined, closed, request referred. Default `true`. `false`
    /// skips enqueueing altogether, so nobody hears of anything: only for measuring the
    /// outbox's cost on the write path (`nabij serve --notify-disabled`,
    /// `NABIJ_NOTIFY_DISABLED=1`), never in production.
    pub notifications: bool,
    /// Rate limits, trusted proxies and slow-client timeouts (see [`crate::limits`]).
    pub limits: crate::limits::LimitSettings,
    /// Origins (`https://app.example.org`) allowed to call the API from a browser;
    /// empty (the default) answers no CORS headers at all (see [`crate::cors`]).
    pub cors_allowed_origins: Vec<String>,
    /// Bearer secret a Prometheus scraper presents at `/metrics`; `None` (the default):
    /// only an admin's access token reads the metrics (see [`crate::metrics`]).
    pub metrics_token: Option<String>,
    /// The address residents reach this server at (no slash at the end): the start of
    /// the one-click answer links in check-in e-mails (`NABIJ_PUBLIC_URL`). Default
    /// `http://<listen>`, for development.
    pub public_url: String,
}

impl Settings {
    /// Development defaults for a data directory: SQLite in `DIR/nabij.sqlite3`,
    /// listening on 127.0.0.1:8080, keys generated when missing.
    pub fn for_data_dir(data_dir: impl AsRef<Path>) -> Self {
        let data_dir = data_dir.as_ref().to_path_buf();
        Self {
            listen: "127.0.0.1:8080".to_string(),
            database_url: default_database_url(&data_dir),
            data_dir,
            issuer: "nabij".to_string(),
            audience: "nabij-api".to_string(),
            access_token_ttl: Duration::from_secs(3600),
            production: false,
            migrate_on_start: true,
            workers: None,
            login_max_failures: 5,
            login_window: Duration::from_secs(15 * 60),
            notifications: true,
            limits: crate::limits::LimitSettings::default(),
            cors_allowed_origins: Vec::new(),
            metrics_token: None,
            public_url: nabij_ops::DEFAULT_PUBLIC_URL.to_string(),
        }
    }

    /// Overrides from the environment, for `nabij serve`: the limits of
    /// [`crate::limits::LimitSettings::apply_env`], `NABIJ_CORS_ORIGINS`
    /// (comma-separated origins) and `NABIJ_METRICS_TOKEN` (the scrape secret).
    pub fn apply_env(&mut self) -> Result<(), String> {
        self.limits.apply_env()?;
        if let Ok(origins) = std::env::var("NABIJ_CORS_ORIGINS") {
            self.cors_allowed_origins = origins
                .split(',')
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty())
                .collect();
        }
        if let Ok(url) = std::env::var("NABIJ_PUBLIC_URL") {
            let url = url.trim().trim_end_matches('/').to_string();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err("NABIJ_PUBLIC_URL must start with https:// (or http://)".into());
            }
            self.public_url = url;
        }
        if let Ok(token) = std::env::var("NABIJ_METRICS_TOKEN") {
            if token.len() < 16 {
                return Err("NABIJ_METRICS_TOKEN must be at least 16 characters".into());
            }
            self.metrics_token = Some(token);
        }
        Ok(())
    }

    /// Where the key set lives.
    pub fn keys_path(&self) -> PathBuf {
        self.data_dir.join(crate::auth::keys::KEYS_FILE)
    }
}

/// The SQLite file in a data directory.
pub fn default_database_url(data_dir: &Path) -> String {
    data_dir.join("nabij.sqlite3").to_string_lossy().into_owned()
}
