//! Who does something: the one caller type of nabij.
//!
//! The API's extractors make a [`Caller`] from a verified token, the console from its
//! session, the batch job with [`Caller::system`]; tokens are issued for one too. What a
//! caller may do beyond its role (the neighbourhoods a coordinator is limited to, the
//! scopes a partner app holds) are business rules and live here with it.

use crate::error::{OpsError, OpsResult};
use nabij_store::{JobId, NeighbourhoodId, OrgId};
use serde::{Deserialize, Serialize};

/// Who a caller speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Coordinator,
    Partner,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Partner => "partner",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "admin" => Some(Role::Admin),
            "coordinator" => Some(Role::Coordinator),
            "partner" => Some(Role::Partner),
            _ => None,
        }
    }

    /// Admins and coordinators are staff of the organisation.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Admin | Role::Coordinator)
    }
}

impl From<nabij_store::user::Role> for Role {
    fn from(r: nabij_store::user::Role) -> Self {
        match r {
            nabij_store::user::Role::Admin => Role::Admin,
            nabij_store::user::Role::Coordinator => Role::Coordinator,
        }
    }
}

/// A permission a partner app needs as a scope; staff always have it.
pub mod scopes {
    /// Reading neighbours' records.
    pub const NEIGHBOURS_READ: &[&str] = &["neighbours:read", "neighbours:write"];
    /// Registering and changing neighbours.
    pub const NEIGHBOURS_WRITE: &[&str] = &["neighbours:write"];
    /// Reading help requests.
    pub const REQUESTS_READ: &[&str] = &["requests:read", "requests:write"];
    /// Filing help requests and referring them.
    pub const REQUESTS_WRITE: &[&str] = &["requests:write"];
    /// Reading matches and candidate lists.
    pub const MATCHES_READ: &[&str] = &["matches:read", "matches:write"];
    /// Proposing, accepting and closing matches; recording exchanges.
    pub const MATCHES_WRITE: &[&str] = &["matches:write"];
    /// Filing signals (a partner app reads back only the ones it filed).
    pub const SIGNALS_WRITE: &[&str] = &["signals:write"];
}

/// Any caller: a staff account, a partner app, or the system (a batch job).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// `user:<id>`, `client:<client_id>`, or `job:<id>` for a batch job (see
    /// [`Caller::system`]). Named in the audit log.
    pub subject: String,
    pub org: OrgId,
    pub org_slug: String,
    pub role: Role,
    /// Neighbourhoods a coordinator is limited to; `None` when not limited.
    pub neighbourhoods: Option<Vec<NeighbourhoodId>>,
    pub scopes: Vec<String>,
}

impl Caller {
    /// The caller of a batch job of an organisation: an unlimited admin whose audit
    /// subject is `job:<id>` (or `system:rematch` for a run without a job row, a dry
    /// run, which writes nothing).
    pub fn system(org: OrgId, org_slug: &str, job: Option<JobId>) -> Self {
        Caller {
            subject: match job {
                Some(j) => format!("job:{j}"),
                None => "system:rematch".to_string(),
            },
            org,
            org_slug: org_slug.to_string(),
            role: Role::Admin,
            neighbourhoods: None,
            scopes: Vec::new(),
        }
    }

    /// Staff pass; a partner app needs one of `accepted` among its scopes
    /// ([`OpsError::Forbidden`] otherwise). See [`scopes`].
    pub fn require_scope(&self, accepted: &[&str]) -> OpsResult<()> {
        if self.role.is_staff() || self.scopes.iter().any(|s| accepted.contains(&s.as_str())) {
            Ok(())
        } else {
            Err(OpsError::Forbidden("the token lacks the scope this route needs"))
        }
    }

    /// Whether a record in `neighbourhood` is visible to this caller. Callers limited to
    /// neighbourhoods do not see records outside them, nor records without one.
    pub fn sees_neighbourhood(&self, neighbourhood: Option<NeighbourhoodId>) -> bool {
        match (&self.neighbourhoods, neighbourhood) {
            (None, _) => true,
            (Some(allowed), Some(n)) => allowed.contains(&n),
            (Some(_), None) => false,
        }
    }

    /// Who to name in the audit log.
    pub fn actor(&self) -> &str {
        &self.subject
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_caller_is_named_after_its_job() {
        let c = Caller::system(OrgId(2), "pelt", Some(JobId(7)));
        assert_eq!(c.actor(), "job:7");
        assert!(c.role.is_staff());
        assert!(c.sees_neighbourhood(None));
        assert_eq!(Caller::system(OrgId(2), "pelt", None).actor(), "system:rematch");
    }
}
