//! Configuration: defaults, then an optional TOML file, then environment variables,
//! then command-line flags (each later source wins).
//!
//! The file is `nabij.toml` in the data directory, or the path given with `--config` /
//! `NABIJ_CONFIG`. Every key is optional:
//!
//! ```toml
//! listen = "127.0.0.1:8080"            # NABIJ_LISTEN, serve --listen
//! database_url = "postgres://…"         # NABIJ_DATABASE_URL, --database-url
//! production = false                    # NABIJ_PRODUCTION, serve --production
//! issuer = "nabij"                      # token `iss`
//! audience = "nabij-api"                # token `aud`
//! token_ttl_secs = 3600
//! workers = 2                           # HTTP worker threads
//!
//! [outbox]                              # the notification worker (serve, outbox run)
//! max_attempts = 8                      # then a message is dead (GET /v1/outbox?status=dead)
//! poll_secs = 5                         # pause when nothing is due
//! senders = 4                           # messages sent at the same time
//! batch_size = 50                       # messages claimed at once
//!
//! [scheduler]                           # timed work in `nabij serve` (see nabij_ops::schedule)
//! enabled = true                        # false as `serve --no-scheduler` (then cron: `nabij schedule run --once`)
//! tick_secs = 60                        # how often it looks for due tasks
//!
//! [mail]                                # default: .eml files in <data dir>/mail
//! from = "Buurtzorg Pelt <buren@pelt.be>"
//! message_id_domain = "pelt.be"         # default: the domain of `from`
//! [mail.transport]
//! kind = "smtp"                         # or "files", with dir = "mail" (relative: to the data dir)
//! host = "smtp.example.org"
//! port = 587                            # default: 25, 587 or 465 by security
//! security = "starttls"                 # "none" (loopback only), "starttls" or "tls"
//! username = "nabij"
//! password = "…"                        # better: NABIJ_SMTP_PASSWORD
//! timeout_secs = 30
//! max_connections = 4                   # at least `senders`
//! ca_file = "/etc/ssl/certs/internal-ca.pem"  # an extra root certificate to trust
//! ```
//!
//! Flags and environment variables are declared with clap (`#[arg(env = …)]`), so clap
//! already resolves "flag over environment"; the file fills what neither gave.
//! The SMTP password may come from `NABIJ_SMTP_PASSWORD` instead of the file (it wins
//! over the file). Without a `[mail]` table, `nabij serve` (and `make run`) writes each
//! message as an `.eml` file under `mail/` in the data directory (`data/mail/`).

use anyhow::Context;
use nabij_notify::{MailSettings, TransportSettings, WorkerConfig};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The file's keys (a test keeps this list and the module doc in step).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub listen: Option<String>,
    pub database_url: Option<String>,
    pub production: Option<bool>,
    pub issuer: Option<String>,
    pub audience: Option<String>,
    pub token_ttl_secs: Option<u64>,
    pub workers: Option<usize>,
    /// The notification worker.
    pub outbox: Option<OutboxConfig>,
    /// Where e-mail goes (default: [`MailSettings::embedded`]).
    pub mail: Option<MailSettings>,
    /// The scheduler of `nabij serve`.
    pub scheduler: Option<SchedulerConfig>,
}

/// The `[scheduler]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchedulerConfig {
    pub enabled: Option<bool>,
    pub tick_secs: Option<u64>,
}

/// The `[outbox]` table: the notification worker's settings (see [`WorkerConfig`]).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboxConfig {
    pub max_attempts: Option<u32>,
    pub poll_secs: Option<u64>,
    pub senders: Option<usize>,
    pub batch_size: Option<i64>,
}

impl FileConfig {
    /// Reads the file if it exists (an explicit `--config` must exist).
    pub fn load(explicit: Option<&Path>, data_dir: &Path) -> anyhow::Result<Self> {
        let (path, required) = match explicit {
            Some(p) => (p.to_path_buf(), true),
            None => (data_dir.join("nabij.toml"), false),
        };
        if !path.exists() {
            if required {
                anyhow::bail!("configuration file {} does not exist", path.display());
            }
            return Ok(Self::default());
        }
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("{} is not valid nabij configuration", path.display()))
    }
}

/// Global options shared by the commands.
#[derive(Debug, Clone)]
pub struct Globals {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub file: std::sync::Arc<FileConfig>,
}

impl Globals {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .or_else(|| self.file.database_url.clone())
            .unwrap_or_else(|| nabij_api::settings::default_database_url(&self.data_dir))
    }

    /// API settings from defaults, file and the given overrides.
    pub fn settings(&self, listen: Option<String>, production: bool) -> nabij_api::Settings {
        let mut s = nabij_api::Settings::for_data_dir(&self.data_dir);
        s.database_url = self.database_url();
        if let Some(l) = listen.or_else(|| self.file.listen.clone()) {
            s.listen = l;
        }
        s.production = production || self.file.production.unwrap_or(false);
        if let Some(i) = &self.file.issuer {
            s.issuer.clone_from(i);
        }
        if let Some(a) = &self.file.audience {
            s.audience.clone_from(a);
        }
        if let Some(t) = self.file.token_ttl_secs {
            s.access_token_ttl = Duration::from_secs(t.clamp(60, 24 * 3600));
        }
        if self.file.workers.is_some() {
            s.workers = self.file.workers;
        }
        // Rate limits, trusted proxies, CORS origins, metrics secret (see nabij-api).
        if let Err(why) = s.apply_env() {
            eprintln!("nabij: ignoring a setting from the environment: {why}");
        }
        s
    }

    /// Mail settings: the file's `[mail]` table (a relative `files` directory taken in
    /// the data directory; `NABIJ_SMTP_PASSWORD` over the file's password), or `.eml`
    /// files in `<data dir>/mail`.
    pub fn mail_settings(&self) -> MailSettings {
        let Some(mut mail) = self.file.mail.clone() else {
            return MailSettings::embedded(&self.data_dir);
        };
        match &mut mail.transport {
            TransportSettings::Files { dir } if dir.is_relative() => *dir = self.data_dir.join(&*dir),
            TransportSettings::Files { .. } => {}
            TransportSettings::Smtp(smtp) => {
                if let Some(p) = std::env::var("NABIJ_SMTP_PASSWORD")
                    .ok()
                    .filter(|p| !p.is_empty())
                {
                    smtp.password = Some(p);
                }
            }
        }
        mail
    }

    /// Whether `nabij serve` runs the scheduler (the file's `[scheduler] enabled`,
    /// default on) and how often it ticks (`tick_secs`, 5 to 3600, default 60).
    pub fn scheduler(&self) -> (bool, Duration) {
        let s = self.file.scheduler.as_ref();
        let enabled = s.and_then(|s| s.enabled).unwrap_or(true);
        let tick = s.and_then(|s| s.tick_secs).unwrap_or(60).clamp(5, 3600);
        (enabled, Duration::from_secs(tick))
    }

    /// The notification worker's settings: defaults, then the file's `[outbox]` table.
    pub fn worker_config(&self) -> WorkerConfig {
        let mut w = WorkerConfig::default();
        let Some(o) = &self.file.outbox else {
            return w;
        };
        if let Some(n) = o.max_attempts {
            w.max_attempts = n.clamp(1, 100);
        }
        if let Some(p) = o.poll_secs {
            w.poll_interval = Duration::from_secs(p.clamp(1, 3600));
        }
        if let Some(n) = o.senders {
            w.senders = n.clamp(1, 64);
        }
        if let Some(n) = o.batch_size {
            w.batch_size = n.clamp(1, 1000);
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_example_parses_and_unknown_keys_are_refused() {
        let doc = include_str!("config.rs");
        let example: String = doc
            .lines()
            .skip_while(|l| !l.contains("```toml"))
            .skip(1)
            .take_while(|l| !l.contains("```"))
            .map(|l| {
                l.trim_start_matches("//!")
                    .trim_start()
                    .replace("\"postgres://…\"", "\"postgres://x\"")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let parsed: Result<FileConfig, _> = toml::from_str(&example);
        assert!(parsed.is_ok(), "{parsed:?}\n{example}");
        let parsed = parsed.unwrap_or_default();
        assert!(parsed.outbox.is_some_and(|o| o.max_attempts == Some(8)));
        assert!(matches!(
            parsed.mail.map(|m| m.transport),
            Some(TransportSettings::Smtp(s)) if s.host == "smtp.example.org" && s.port == Some(587)
        ));
        assert!(toml::from_str::<FileConfig>("lisen = \"x\"").is_err());
        assert!(toml::from_str::<FileConfig>("[mail]\nfrom = \"a@b.c\"\nhost = \"x\"").is_err());
    }

    #[test]
    fn mail_defaults_to_eml_files_in_the_data_directory() {
        let g = |file: FileConfig| Globals {
            data_dir: PathBuf::from("data"),
            database_url: None,
            file: std::sync::Arc::new(file),
        };
        let default = g(FileConfig::default()).mail_settings();
        assert!(
            matches!(default.transport, TransportSettings::Files { dir } if dir == Path::new("data/mail"))
        );
        let files: FileConfig =
            toml::from_str("[mail]\nfrom = \"a@b.be\"\n[mail.transport]\nkind = \"files\"\ndir = \"out\"")
                .unwrap_or_default();
        let m = g(files).mail_settings();
        assert!(matches!(m.transport, TransportSettings::Files { dir } if dir == Path::new("data/out")));
        assert_eq!(g(FileConfig::default()).worker_config().max_attempts, 8);
    }
}
