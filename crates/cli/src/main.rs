//! `nabij`: the one binary. Configuration and dispatch only; each command lives in its
//! own module.

mod admin_cmd;
mod backup_cmd;
mod check_ins_cmd;
mod config;
mod org_cmd;
mod outbox_cmd;
mod rematch_cmd;
mod schedule_cmd;
mod scope_cmd;
mod scope_eval;
mod seed;
mod serve_cmd;
mod setup_cmd;
mod simulate_cmd;

use clap::{Parser, Subcommand};
use config::{FileConfig, Globals};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "nabij", version, about = "nabij — neighbour-help matching")]
struct Cli {
    /// Data directory: SQLite file, signing keys, mail folder.
    #[arg(long, global = true, env = "NABIJ_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// Database: `postgres://…` or a SQLite file (default: nabij.sqlite3 in the data dir).
    #[arg(long, global = true, env = "NABIJ_DATABASE_URL")]
    database_url: Option<String>,
    /// Configuration file (default: nabij.toml in the data directory, if present).
    #[arg(long, global = true, env = "NABIJ_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the REST API.
    Serve(serve_cmd::ServeArgs),
    /// Create or update the database schema.
    Migrate,
    /// Load data.
    Seed {
        /// The four pilot municipalities with synthetic neighbours (once).
        #[arg(long, required = true)]
        demo: bool,
    },
    /// Print a signed access token for scripts and operations.
    Token(admin_cmd::TokenArgs),
    /// Coordinator and admin accounts.
    #[command(subcommand)]
    User(admin_cmd::UserCommand),
    /// Partner apps (OAuth2 clients).
    #[command(subcommand)]
    Client(admin_cmd::ClientCommand),
    /// Signing keys.
    #[command(subcommand)]
    Keys(admin_cmd::KeysCommand),
    /// Organisations (municipalities): create one.
    #[command(subcommand)]
    Org(org_cmd::OrgCommand),
    /// Neighbourhoods: import their boundaries from GeoJSON.
    #[command(subcommand)]
    Neighbourhoods(setup_cmd::NeighbourhoodsCommand),
    /// Address points: import the municipality's open address register (CSV).
    #[command(subcommand)]
    Addresses(setup_cmd::AddressesCommand),
    /// Check whether a request is small help or should be referred (scope guard).
    Scope(scope_cmd::ScopeArgs),
    /// Replay a synthetic year under several matching policies and compare them.
    Simulate(simulate_cmd::SimulateArgs),
    /// Re-match everything still open in one organisation (proposals, groups, referrals).
    Rematch(rematch_cmd::RematchArgs),
    /// Ask the organisation's active pairs that are due how it goes (check-ins), once.
    CheckIns(check_ins_cmd::CheckInsArgs),
    /// The notification outbox: deliver it without the API, requeue dead messages.
    #[command(subcommand)]
    Outbox(outbox_cmd::OutboxCommand),
    /// The timed work of every organisation (lapsing, expiry flags, follow-ups, the
    /// nightly re-match), once: for cron next to `nabij serve --no-scheduler`.
    #[command(subcommand)]
    Schedule(schedule_cmd::ScheduleCommand),
    /// A consistent copy of the database while the service runs (SQLite: VACUUM INTO;
    /// PostgreSQL: pg_dump).
    Backup(backup_cmd::BackupArgs),
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("NABIJ_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Command::Scope(args) = &cli.command {
        return scope_cmd::run(args);
    }
    if let Command::Simulate(args) = &cli.command {
        return simulate_cmd::run(args);
    }
    init_tracing();
    let file = FileConfig::load(cli.config.as_deref(), &cli.data_dir)?;
    let g = Globals {
        data_dir: cli.data_dir,
        database_url: cli.database_url,
        file: std::sync::Arc::new(file),
    };
    match &cli.command {
        Command::Serve(args) => serve_cmd::run(&g, args),
        Command::Migrate => admin_cmd::migrate(&g),
        Command::Seed { .. } => {
            let store = nabij_store::Store::open(&g.database_url())?;
            store.migrate()?;
            let outcome = seed::demo(&store)?;
            seed::print_login_help(&outcome, &g.settings(None, false).listen);
            Ok(ExitCode::SUCCESS)
        }
        Command::Token(args) => admin_cmd::token(&g, args),
        Command::User(cmd) => admin_cmd::user(&g, cmd),
        Command::Client(cmd) => admin_cmd::client(&g, cmd),
        Command::Keys(cmd) => admin_cmd::keys(&g, cmd),
        Command::Org(cmd) => org_cmd::run(&g, cmd),
        Command::Neighbourhoods(cmd) => setup_cmd::neighbourhoods(&g, cmd),
        Command::Addresses(cmd) => setup_cmd::addresses(&g, cmd),
        Command::Rematch(args) => rematch_cmd::run(&g, args),
        Command::Outbox(cmd) => outbox_cmd::run(&g, cmd),
        Command::Schedule(cmd) => schedule_cmd::run(&g, cmd),
        Command::CheckIns(args) => check_ins_cmd::run(&g, args),
        Command::Backup(args) => backup_cmd::run(&g, args),
        Command::Scope(_) | Command::Simulate(_) => Ok(ExitCode::SUCCESS),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("nabij: {e:#}");
            ExitCode::FAILURE
        }
    }
}
