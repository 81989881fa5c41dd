//! `nabij backup --to FILE`: a consistent copy of the database while the service runs.
//!
//! SQLite: `VACUUM INTO` (one snapshot, compacted), then `PRAGMA integrity_check` on the
//! copy. PostgreSQL: `pg_dump --format=custom` (restore with `pg_restore`). Prints one
//! JSON line; exit code 1 when the copy is not sound or pg_dump failed. Never overwrites.

use crate::config::Globals;
use anyhow::{bail, Context};
use clap::Args;
use nabij_store::{backup, BackendKind, Store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct BackupArgs {
    /// The file to write (must not exist; its directory is created).
    #[arg(long)]
    to: PathBuf,
}

pub fn run(g: &Globals, args: &BackupArgs) -> anyhow::Result<ExitCode> {
    let url = g.database_url();
    if args.to.exists() {
        bail!("{} exists already; a backup never overwrites", args.to.display());
    }
    if let Some(dir) = args.to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let (backend, integrity) = match BackendKind::from_url(&url) {
        BackendKind::Sqlite => {
            if !std::path::Path::new(nabij_store::connection::sqlite_path(&url)).exists() {
                bail!("no database at {url}");
            }
            let store = Store::open(&url).context("opening the database")?;
            backup::sqlite_copy(&store, &args.to).context("copying the database")?;
            let to = args.to.to_str().context("the backup path is not valid UTF-8")?;
            (
                "sqlite",
                backup::sqlite_integrity(to).context("checking the copy")?,
            )
        }
        BackendKind::Postgres => {
            // The URL goes to pg_dump as it is (it may hold the password); never printed.
            let status = std::process::Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--file")
                .arg(&args.to)
                .arg("--dbname")
                .arg(&url)
                .status()
                .context("running pg_dump (is it installed?)")?;
            if !status.success() {
                bail!("pg_dump failed ({status})");
            }
            (
                "postgres",
                "not checked (restore it with pg_restore to check)".to_string(),
            )
        }
    };
    let bytes = std::fs::metadata(&args.to).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}",
        serde_json::json!({
            "backend": backend,
            "to": args.to.display().to_string(),
            "bytes": bytes,
            "integrity": integrity,
        })
    );
    Ok(if integrity == "ok" || backend == "postgres" {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
