//! Operations commands: `migrate`, `token`, `user add`, `client add`, `keys rotate`.

use crate::config::Globals;
use anyhow::{bail, Context};
use clap::{Args, Subcommand, ValueEnum};
use nabij_api::auth::token::{Role, TokenConfig};
use nabij_api::auth::Caller;
use nabij_api::auth::KeySet;
use nabij_store::ids::NeighbourhoodId;
use nabij_store::{client, organisation, user, Store};
use rand::distributions::{Alphanumeric, DistString};
use std::io::BufRead;
use std::process::ExitCode;
use std::time::Duration;

fn open(g: &Globals) -> anyhow::Result<Store> {
    Store::open(&g.database_url()).context("opening the database")
}

/// `nabij migrate`
pub fn migrate(g: &Globals) -> anyhow::Result<ExitCode> {
    let store = open(g)?;
    let applied = store.migrate()?;
    if applied.is_empty() {
        println!("The database is up to date.");
    } else {
        for m in applied {
            println!("applied {m}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Admin,
    Coordinator,
    Partner,
}

#[derive(Args)]
pub struct TokenArgs {
    /// Organisation slug, e.g. `pelt`.
    #[arg(long)]
    org: String,
    #[arg(long, value_enum)]
    role: RoleArg,
    /// Lifetime, e.g. `30m`, `1h`, `12h` (at most 24h).
    #[arg(long, default_value = "1h")]
    ttl: String,
    /// Subject of the token (default: `ops:<role>`).
    #[arg(long)]
    subject: Option<String>,
    /// Limit a coordinator to these neighbourhood ids.
    #[arg(long = "neighbourhood")]
    neighbourhoods: Vec<i64>,
    /// Scopes of a partner token, e.g. `neighbours:write`.
    #[arg(long = "scope")]
    scopes: Vec<String>,
}

/// Parses `90s`, `30m`, `1h`, `2d`.
pub fn parse_ttl(s: &str) -> anyhow::Result<Duration> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num
        .parse()
        .with_context(|| format!("`{s}` is not a duration like 30m or 1h"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => bail!("`{s}` is not a duration like 30m or 1h"),
    };
    if secs == 0 || secs > 86_400 {
        bail!("the lifetime must be between 1 second and 24 hours");
    }
    Ok(Duration::from_secs(secs))
}

/// `nabij token`: prints a signed token for scripts and operations.
pub fn token(g: &Globals, args: &TokenArgs) -> anyhow::Result<ExitCode> {
    let ttl = parse_ttl(&args.ttl)?;
    let store = open(g)?;
    let org = store
        .read(|c| organisation::by_slug(c, &args.org))
        .with_context(|| format!("no organisation with slug `{}`", args.org))?;
    let keys = KeySet::load(&g.data_dir)
        .context("loading the signing keys (start `nabij serve` once, or run `nabij keys rotate`)")?;
    let role = match args.role {
        RoleArg::Admin => Role::Admin,
        RoleArg::Coordinator => Role::Coordinator,
        RoleArg::Partner => Role::Partner,
    };
    let settings = g.settings(None, false);
    let principal = Caller {
        subject: args
            .subject
            .clone()
            .unwrap_or_else(|| format!("ops:{}", role.as_str())),
        org: org.id,
        org_slug: org.slug.clone(),
        role,
        neighbourhoods: (!args.neighbourhoods.is_empty())
            .then(|| args.neighbourhoods.iter().map(|n| NeighbourhoodId(*n)).collect()),
        scopes: args.scopes.clone(),
    };
    let issued = keys.issue(
        &TokenConfig {
            issuer: settings.issuer,
            audience: settings.audience,
        },
        &principal,
        ttl,
    )?;
    println!("{}", issued.access_token);
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a coordinator or admin account.
    Add(UserAddArgs),
    /// Set a new password; ends every console session and API token of the account.
    Password(UserPasswordArgs),
    /// Disable an account: no login, and its sessions and tokens end at once.
    Disable(UserRefArgs),
    /// Enable a disabled account again.
    Enable(UserRefArgs),
    /// "Log out everywhere": end every console session and API token of the account.
    LogoutEverywhere(UserRefArgs),
}

#[derive(Args)]
pub struct UserRefArgs {
    #[arg(long)]
    org: String,
    #[arg(long)]
    email: String,
}

#[derive(Args)]
pub struct UserPasswordArgs {
    #[command(flatten)]
    who: UserRefArgs,
    /// Read the password from the first line of stdin (otherwise one is generated and
    /// printed once).
    #[arg(long)]
    password_stdin: bool,
}

#[derive(Args)]
pub struct UserAddArgs {
    #[arg(long)]
    org: String,
    #[arg(long)]
    email: String,
    #[arg(long, value_enum, default_value = "coordinator")]
    role: RoleArg,
    /// Limit a coordinator to these neighbourhood ids.
    #[arg(long = "neighbourhood")]
    neighbourhoods: Vec<i64>,
    /// Read the password from the first line of stdin (otherwise one is generated and
    /// printed once).
    #[arg(long)]
    password_stdin: bool,
}

fn read_secret_line() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let pw = line.trim_end_matches(['\n', '\r']).to_string();
    if pw.chars().count() < 12 {
        bail!("the password must be at least 12 characters");
    }
    Ok(pw)
}

/// The account `who` names, within its organisation.
fn find_user(c: &mut nabij_store::DbConnection, who: &UserRefArgs) -> nabij_store::Result<user::User> {
    let org = organisation::by_slug(c, &who.org)?;
    let u = user::by_email(c, &who.email)?;
    if u.organisation_id != org.id {
        return Err(nabij_store::StoreError::NotFound);
    }
    Ok(u)
}

pub fn user(g: &Globals, cmd: &UserCommand) -> anyhow::Result<ExitCode> {
    let args = match cmd {
        UserCommand::Add(args) => args,
        UserCommand::Password(args) => {
            let (password, generated) = if args.password_stdin {
                (read_secret_line()?, false)
            } else {
                (Alphanumeric.sample_string(&mut rand::thread_rng(), 20), true)
            };
            let hash = nabij_api::auth::password::hash_password(&password)?;
            open(g)?
                .write(|c| {
                    let u = find_user(c, &args.who)?;
                    user::set_password(c, u.organisation_id, u.id, &hash)
                })
                .with_context(|| format!("no account {} in {}", args.who.email, args.who.org))?;
            println!(
                "Password of {} changed; its sessions and tokens have ended.",
                args.who.email
            );
            if generated {
                println!("Password (shown once): {password}");
            }
            return Ok(ExitCode::SUCCESS);
        }
        UserCommand::Disable(who) | UserCommand::Enable(who) | UserCommand::LogoutEverywhere(who) => {
            open(g)?
                .write(|c| {
                    let u = find_user(c, who)?;
                    match cmd {
                        UserCommand::Disable(_) => user::disable(c, u.organisation_id, u.id),
                        UserCommand::Enable(_) => user::enable(c, u.organisation_id, u.id),
                        _ => user::end_sessions(c, u.organisation_id, u.id),
                    }
                })
                .with_context(|| format!("no account {} in {}", who.email, who.org))?;
            let done = match cmd {
                UserCommand::Disable(_) => "disabled; its sessions and tokens have ended",
                UserCommand::Enable(_) => "enabled",
                _ => "logged out everywhere",
            };
            println!("Account {} {done}.", who.email);
            return Ok(ExitCode::SUCCESS);
        }
    };
    let role = match args.role {
        RoleArg::Admin => user::Role::Admin,
        RoleArg::Coordinator => user::Role::Coordinator,
        RoleArg::Partner => bail!("partner apps are clients: use `nabij client add`"),
    };
    let (password, generated) = if args.password_stdin {
        (read_secret_line()?, false)
    } else {
        (Alphanumeric.sample_string(&mut rand::thread_rng(), 20), true)
    };
    let hash = nabij_api::auth::password::hash_password(&password)?;
    let store = open(g)?;
    let created = store.write(|c| {
        let org = organisation::by_slug(c, &args.org)?;
        user::create(
            c,
            org.id,
            &user::NewUser {
                email: args.email.clone(),
                password_hash: hash.clone(),
                role,
                neighbourhood_ids: (!args.neighbourhoods.is_empty())
                    .then(|| args.neighbourhoods.iter().map(|n| NeighbourhoodId(*n)).collect()),
            },
        )
    })?;
    println!(
        "Account {} created for {} ({}).",
        created.email, args.org, created.role
    );
    if generated {
        println!("Password (shown once): {password}");
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub enum ClientCommand {
    /// Register a partner app (OAuth2 client credentials).
    Add(ClientAddArgs),
}

#[derive(Args)]
pub struct ClientAddArgs {
    #[arg(long)]
    org: String,
    #[arg(long)]
    client_id: String,
    #[arg(long, default_value = "")]
    name: String,
    /// Scopes, e.g. `neighbours:write requests:write matches:write`.
    #[arg(long = "scope", required = true)]
    scopes: Vec<String>,
}

pub fn client(g: &Globals, cmd: &ClientCommand) -> anyhow::Result<ExitCode> {
    let ClientCommand::Add(args) = cmd;
    let secret = Alphanumeric.sample_string(&mut rand::thread_rng(), 40);
    let hash = nabij_api::auth::password::hash_password(&secret)?;
    let store = open(g)?;
    store.write(|c| {
        let org = organisation::by_slug(c, &args.org)?;
        client::create(
            c,
            org.id,
            &client::NewClient {
                client_id: args.client_id.clone(),
                secret_hash: hash.clone(),
                scopes: args.scopes.clone(),
                name: if args.name.is_empty() {
                    args.client_id.clone()
                } else {
                    args.name.clone()
                },
            },
        )
    })?;
    println!("Client {} registered for {}.", args.client_id, args.org);
    println!("Client secret (shown once): {secret}");
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Add a new signing key; older keys stay valid for verification (keeps the newest 2).
    Rotate {
        /// How many keys to keep (the newest signs, the others still verify).
        #[arg(long, default_value_t = 2)]
        keep: usize,
    },
}

pub fn keys(g: &Globals, cmd: &KeysCommand) -> anyhow::Result<ExitCode> {
    let KeysCommand::Rotate { keep } = cmd;
    let kid = KeySet::rotate(&g.data_dir, (*keep).max(2))?;
    println!("New signing key {kid}. Restart the API instances to sign with it.");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::parse_ttl;

    #[test]
    fn ttl_parsing() {
        assert_eq!(parse_ttl("1h").ok().map(|d| d.as_secs()), Some(3600));
        assert_eq!(parse_ttl("30m").ok().map(|d| d.as_secs()), Some(1800));
        assert_eq!(parse_ttl("45").ok().map(|d| d.as_secs()), Some(45));
        assert!(parse_ttl("2y").is_err());
        assert!(parse_ttl("0s").is_err());
        assert!(parse_ttl("48h").is_err());
        assert!(parse_ttl("").is_err());
    }
}
