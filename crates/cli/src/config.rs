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
//! ```
//!
//! Flags and environment variables are declared with clap (`#[arg(env = …)]`), so clap
//! already resolves "flag over environment"; the file fills what neither gave.

use anyhow::Context;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The file's keys (a test keeps this list and the module doc in step).
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub listen: Option<String>,
    pub database_url: Option<String>,
    pub production: Option<bool>,
    pub issuer: Option<String>,
    pub audience: Option<String>,
    pub token_ttl_secs: Option<u64>,
    pub workers: Option<usize>,
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
        s
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
        assert!(toml::from_str::<FileConfig>("lisen = \"x\"").is_err());
    }
}
