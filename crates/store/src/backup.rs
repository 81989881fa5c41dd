//! Online backup of a SQLite database. `VACUUM INTO` writes a consistent, compacted copy
//! of the database as of one moment while the service keeps serving (in WAL mode readers
//! and writers go on; the copy reads one snapshot). PostgreSQL is backed up with its own
//! tools (`pg_dump`, see `nabij backup`).

use crate::connection::{sqlite_path, BackendKind, DbConnection};
use crate::error::{Result, StoreError};
use crate::store::Store;
use diesel::sql_types::Text;
use diesel::{Connection, QueryableByName, RunQueryDsl};
use std::path::Path;

#[derive(QueryableByName)]
struct Check {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

/// Writes a consistent copy of the SQLite database behind `store` to `to`, which must
/// not exist yet. Fails for PostgreSQL.
pub fn sqlite_copy(store: &Store, to: &Path) -> Result<()> {
    if store.backend() != BackendKind::Sqlite {
        return Err(StoreError::invalid(
            "an online copy is for SQLite; back up PostgreSQL with pg_dump",
        ));
    }
    if to.exists() {
        return Err(StoreError::invalid(format!(
            "{} exists already; a backup never overwrites",
            to.display()
        )));
    }
    let target = to
        .to_str()
        .ok_or_else(|| StoreError::invalid("the backup path is not valid UTF-8"))?;
    let mut conn = store.conn()?;
    match &mut *conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query("VACUUM INTO ?")
                .bind::<Text, _>(target)
                .execute(c)?;
            Ok(())
        }
        DbConnection::Postgresql(_) => Err(StoreError::invalid("not a SQLite database")),
    }
}

/// `PRAGMA integrity_check` of the SQLite file at `path`: `"ok"` when sound, otherwise
/// what SQLite found (one problem per line).
pub fn sqlite_integrity(path: &str) -> Result<String> {
    let mut conn = diesel::sqlite::SqliteConnection::establish(sqlite_path(path))?;
    let rows: Vec<Check> = diesel::sql_query("PRAGMA integrity_check").load(&mut conn)?;
    Ok(rows
        .into_iter()
        .map(|r| r.integrity_check)
        .collect::<Vec<_>>()
        .join("\n"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::organisation::{self, NewOrganisation};

    #[test]
    fn a_copy_taken_with_a_connection_open_is_complete_and_sound() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("live.sqlite3");
        let store = Store::open(db.to_str().unwrap()).unwrap();
        store.migrate().unwrap();
        store
            .write(|c| {
                organisation::create(
                    c,
                    &NewOrganisation {
                        slug: "pelt".into(),
                        name: "Pelt".into(),
                        settings: Default::default(),
                    },
                )
            })
            .unwrap();
        // A reader holds a snapshot open meanwhile: the copy does not wait for it.
        let mut reader = store.conn().unwrap();
        crate::connection::read_transaction(&mut reader, |c| {
            let copy = dir.path().join("copy.sqlite3");
            sqlite_copy(&store, &copy)?;
            assert_eq!(sqlite_integrity(copy.to_str().unwrap())?, "ok");
            let copied = Store::open(copy.to_str().unwrap())?;
            assert!(copied.migrations_current()?);
            let slug = copied.read(|c| organisation::by_slug(c, "pelt"))?.slug;
            assert_eq!(slug, "pelt");
            // Never over an existing file.
            assert!(matches!(sqlite_copy(&store, &copy), Err(StoreError::Invalid(_))));
            organisation::list(c).map(drop)
        })
        .unwrap();
    }
}
