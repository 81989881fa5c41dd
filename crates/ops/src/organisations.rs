//! Organisations: the operator creates one (`nabij org create`), with its first admin
//! account if asked. The operator is not a caller of any organisation; the audit rows of
//! the new organisation name `operator:cli`.

use crate::access;
use crate::caller::{Caller, Role};
use crate::error::OpsResult;
use nabij_store::organisation::{self, NewOrganisation, Organisation};
use nabij_store::user::{self, NewUser, User};
use nabij_store::DbConnection;

/// Audit subject of what the operator does on the command line.
pub const OPERATOR: &str = "operator:cli";

/// Creates an organisation and, if given, its first admin account (an argon2id hash;
/// the password itself never reaches the store), audited in the new organisation. A
/// slug that exists already is a [`nabij_store::StoreError::Conflict`].
pub fn create(
    tx: &mut DbConnection,
    form: &NewOrganisation,
    admin: Option<&NewUser>,
) -> OpsResult<(Organisation, Option<User>)> {
    let org = organisation::create(tx, form)?;
    let caller = Caller {
        subject: OPERATOR.to_string(),
        org: org.id,
        org_slug: org.slug.clone(),
        role: Role::Admin,
        neighbourhoods: None,
        scopes: Vec::new(),
    };
    access::record(
        tx,
        &caller,
        "organisation_created",
        None,
        format!("slug={}", org.slug),
    )?;
    let admin = match admin {
        Some(form) => {
            let u = user::create(tx, org.id, form)?;
            access::record(
                tx,
                &caller,
                "user_created",
                None,
                format!("user={} role={}", u.id, u.role),
            )?;
            Some(u)
        }
        None => None,
    };
    Ok((org, admin))
}
