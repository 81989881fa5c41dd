//! The organisation's directory of professional services: add, change, remove.

use crate::access;
use crate::caller::Caller;
use crate::error::OpsResult;
use nabij_store::service::{self, NewService, Service, ServiceUpdate};
use nabij_store::{DbConnection, ServiceId};

/// Adds a service to the caller's directory, audited.
pub fn create(tx: &mut DbConnection, caller: &Caller, form: &NewService) -> OpsResult<Service> {
    let s = service::create(tx, caller.org, form)?;
    access::record(tx, caller, "service_created", None, format!("service={}", s.id))?;
    Ok(s)
}

/// Changes a service of the caller's directory, audited with the names of the fields.
pub fn update(
    tx: &mut DbConnection,
    caller: &Caller,
    id: ServiceId,
    change: &ServiceUpdate,
    fields: &[&str],
) -> OpsResult<Service> {
    let s = service::update(tx, caller.org, id, change)?;
    access::record(
        tx,
        caller,
        "service_updated",
        None,
        format!("service={id} fields: {}", fields.join(",")),
    )?;
    Ok(s)
}

/// Takes a service off the caller's directory, audited.
pub fn remove(tx: &mut DbConnection, caller: &Caller, id: ServiceId) -> OpsResult<()> {
    service::remove(tx, caller.org, id)?;
    access::record(tx, caller, "service_removed", None, format!("service={id}"))?;
    Ok(())
}
