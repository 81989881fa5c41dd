//! Neighbourhoods from a GeoJSON file (issue 16): a preview (dry run) and an import that
//! is all-or-nothing, for admins. The import stores each boundary (same name: the
//! existing neighbourhood keeps its id and gets the boundary), places every neighbour
//! again by point-in-polygon, and is audited with counts only.

use crate::access;
use crate::caller::{Caller, Role};
use crate::error::{OpsError, OpsResult};
use nabij_store::boundary::{FeaturePreview, Overlap, ParsedFile};
use nabij_store::neighbourhood;
use nabij_store::{DbConnection, NeighbourId};

/// What a preview shows and an import did.
#[derive(Debug, Clone)]
pub struct NeighbourhoodImport {
    /// Whether this was a preview (nothing written).
    pub dry_run: bool,
    /// Whether the boundaries were stored (never for a preview or a file with problems).
    pub imported: bool,
    pub features: Vec<FeaturePreview>,
    pub overlaps: Vec<Overlap>,
    /// Names of neighbourhoods that are (or would be) created, and updated.
    pub created: Vec<String>,
    pub updated: Vec<String>,
    /// Neighbours whose neighbourhood changed (import only).
    pub moved: usize,
    /// Neighbours outside every neighbourhood after the import (import only): id and
    /// display name, never a position.
    pub outside: Vec<(NeighbourId, String)>,
}

/// Only an organisation's admins set up its neighbourhoods.
pub fn require_admin(caller: &Caller) -> OpsResult<()> {
    if caller.role == Role::Admin {
        Ok(())
    } else {
        Err(OpsError::Forbidden(
            "only an admin of the organisation may do this",
        ))
    }
}

/// Previews (`dry_run`) or imports a parsed file. A file with problems (see
/// [`ParsedFile::importable`]) writes nothing, dry run or not; the caller shows the
/// problems.
pub fn import(
    tx: &mut DbConnection,
    caller: &Caller,
    file: &ParsedFile,
    dry_run: bool,
) -> OpsResult<NeighbourhoodImport> {
    require_admin(caller)?;
    let existing = neighbourhood::list(tx, caller.org)?;
    let (updated, created): (Vec<String>, Vec<String>) = file
        .valid
        .iter()
        .map(|b| b.name.clone())
        .partition(|name| existing.iter().any(|n| &n.name == name));
    let mut out = NeighbourhoodImport {
        dry_run,
        imported: false,
        features: file.features.clone(),
        overlaps: file.overlaps.clone(),
        created,
        updated,
        moved: 0,
        outside: Vec::new(),
    };
    if dry_run || !file.importable() {
        return Ok(out);
    }
    let done = neighbourhood::import(tx, caller.org, &file.valid)?;
    let placed = neighbourhood::relocate_all(tx, caller.org)?;
    access::record(
        tx,
        caller,
        "neighbourhoods_imported",
        None,
        format!(
            "created={} updated={} moved={} outside={}",
            done.created.len(),
            done.updated.len(),
            placed.moved,
            placed.outside.len()
        ),
    )?;
    nabij_store::index_log::record(tx, caller.org, &placed.changed)?;
    out.imported = true;
    out.created = done.created;
    out.updated = done.updated;
    out.moved = placed.moved;
    out.outside = placed.outside;
    Ok(out)
}
