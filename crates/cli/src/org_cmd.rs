//! `nabij org create`: the operator creates an organisation (a municipality), with its
//! first admin account if asked. The organisation is created by the same operation an
//! admin route would call (`nabij_ops::organisations::create`), never by SQL here.

use crate::config::Globals;
use anyhow::Context;
use clap::{Args, Subcommand};
use nabij_store::organisation::{valid_slug, NewOrganisation, OrgSettings};
use nabij_store::{user, Store, StoreError};
use rand::distributions::{Alphanumeric, DistString};
use std::process::ExitCode;

/// Exit code of input that breaks a rule (slug, name, language, e-mail).
pub const EXIT_INVALID: u8 = 2;
/// Exit code when the slug is taken.
pub const EXIT_EXISTS: u8 = 4;

#[derive(Subcommand)]
pub enum OrgCommand {
    /// Create an organisation, optionally with its first admin account.
    Create(OrgCreateArgs),
}

#[derive(Args)]
pub struct OrgCreateArgs {
    /// Short name in addresses and tokens: lowercase letters, digits and dashes, e.g.
    /// `hamont-achel`.
    #[arg(long)]
    slug: String,
    /// Full name, e.g. "Stad Hamont-Achel".
    #[arg(long)]
    name: String,
    /// E-mail address of the first admin account; a one-time password is printed.
    #[arg(long)]
    admin_email: Option<String>,
    /// Language of messages and reasons: nl, fr or en.
    #[arg(long, default_value = "nl")]
    lang: String,
}

fn refuse(code: u8, message: &str) -> anyhow::Result<ExitCode> {
    eprintln!("nabij: {message}");
    Ok(ExitCode::from(code))
}

pub fn run(g: &Globals, cmd: &OrgCommand) -> anyhow::Result<ExitCode> {
    let OrgCommand::Create(args) = cmd;
    if !valid_slug(&args.slug) {
        return refuse(
            EXIT_INVALID,
            &format!(
                "`{}` is not a valid slug: use 1 to 64 lowercase letters, digits and dashes, \
                 not starting or ending with a dash (e.g. hamont-achel)",
                args.slug
            ),
        );
    }
    let settings = OrgSettings {
        language: args.lang.clone(),
        ..OrgSettings::default()
    };
    if let Err(e) = settings.validate() {
        return refuse(EXIT_INVALID, &e.to_string());
    }
    let admin = match &args.admin_email {
        Some(email) => {
            let password = Alphanumeric.sample_string(&mut rand::thread_rng(), 20);
            let hash = nabij_api::auth::password::hash_password(&password)?;
            Some((
                password,
                user::NewUser {
                    email: email.clone(),
                    password_hash: hash,
                    role: user::Role::Admin,
                    neighbourhood_ids: None,
                },
            ))
        }
        None => None,
    };
    let store = Store::open(&g.database_url()).context("opening the database")?;
    store.migrate()?;
    let form = NewOrganisation {
        slug: args.slug.clone(),
        name: args.name.clone(),
        settings,
    };
    let created =
        store.write_as(|tx| nabij_ops::organisations::create(tx, &form, admin.as_ref().map(|(_, u)| u)));
    let (org, account) = match created {
        Ok(done) => done,
        Err(nabij_ops::OpsError::Store(StoreError::Conflict(_))) => {
            let taken = store
                .read(|c| Ok(nabij_store::organisation::by_slug(c, &args.slug).is_ok()))
                .unwrap_or(false);
            let what = if taken {
                format!("an organisation with slug `{}` exists already", args.slug)
            } else {
                "that e-mail address has an account already".to_string()
            };
            return refuse(EXIT_EXISTS, &what);
        }
        Err(nabij_ops::OpsError::Store(StoreError::Invalid(m))) => return refuse(EXIT_INVALID, &m),
        Err(e) => return Err(e.into()),
    };
    println!("Organisation {} ({}) created, id {}.", org.name, org.slug, org.id);
    if let (Some(u), Some((password, _))) = (account, admin) {
        println!("Admin account {} created.", u.email);
        println!("Password (shown once): {password}");
        println!("Log in to the console and change it, or set one with `nabij user password`.");
    }
    Ok(ExitCode::SUCCESS)
}
