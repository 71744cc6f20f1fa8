//! Opening a store, and making a new one.
//!
//! Opening is careful about files that are not ours: the header fields
//! `application_id` and `user_version` are read before anything is
//! written, and a foreign or newer file is refused untouched. Only then is
//! the connection switched to WAL with foreign keys on, and pending
//! migrations run.
//!
//! A new store is made whole before anyone can see it: it is created,
//! migrated and seeded under a temporary name in the same folder, closed,
//! and only then given its name, by a rename that fails if the name is
//! taken. Two processes starting at once on a fresh machine (two lint jobs
//! of one CI run) both build a store; one of them wins the name, the other
//! drops its copy and opens the winner's. Nobody ever opens an empty or
//! half-seeded store.
//!
//! A store that may not be written (a read-only file, or a folder where
//! SQLite cannot keep its `-wal` and `-shm` files) is opened read-only
//! without creating anything beside it, so commands that only read work on
//! it, and leave nothing behind that would stop a later writer.
//!
//! A command that writes first runs SQLite's `quick_check`, so a damaged
//! store is refused with advice instead of being written to.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::lookup::index_path;
use super::migrate::{self, APPLICATION_ID, latest_version};
use super::{Access, Location, Store, WriteTx};
use crate::error::{Error, Result};

/// How long a command waits for another writer before giving up. Readers
/// never wait (WAL); a writer waits for the one writing, and the longest
/// write is a large import (a million terms take about a minute), so the
/// wait is generous: failing a command with "database is locked" while
/// another is still busy with its work would lose the user's request.
const BUSY_TIMEOUT: Duration = Duration::from_secs(300);

/// What fills a new default store before it gets its name (the bundled
/// glossary, given by the caller: the store knows no file format).
pub type Seed<'a> = &'a dyn Fn(&mut WriteTx<'_>) -> Result<()>;

impl Store {
    /// Opens the store at `location`, creating it where the rules allow:
    /// the default store is created and filled by `seed` on first use; an
    /// explicit path is created empty, and only by a command that writes.
    pub fn open(location: &Location, access: Access, seed: Seed<'_>) -> Result<Store> {
        let path = &location.path;
        if !path.exists() {
            if location.explicit && access == Access::Read {
                return Err(Error::NoStore(path.clone()));
            }
            create(path, (!location.explicit).then_some(seed))?;
        }
        open_existing(path, access)
    }

    /// Opens a store that must already exist, for writing.
    pub fn open_existing(path: &Path) -> Result<Store> {
        open_existing(path, Access::Write)
    }
}

/// Makes a new store at `path` (filled by `seed` when given), or leaves the
/// one another process made there a moment ago.
fn create(path: &Path, seed: Option<Seed<'_>>) -> Result<()> {
    let label = path.display().to_string();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
    }
    // The file gets what any new file of the user gets (0666 less the
    // umask), so a team sharing a store under umask 002 can all write it;
    // SQLite gives its -wal and -shm files the database's mode.
    let tmp = crate::atomic::temp_beside(path)?;
    {
        let conn = Connection::open(tmp.path()).map_err(|e| Error::NotAStore {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        // The temporary store keeps SQLite's rollback journal, which is
        // gone once the transaction commits: the file is whole on its own
        // when it is renamed. The store in place is switched to WAL.
        let mut store = prepare(conn, tmp.path(), Mode::Filling)?;
        // A new store starts at a random generation, so that a lookup index
        // left beside the path by an earlier store there (deleted without
        // its index) can never pass for this store's.
        store.conn.execute(
            "UPDATE store_state SET generation = abs(random() % 4503599627370496)",
            [],
        )?;
        if let Some(seed) = seed {
            let mut tx = store.write()?;
            seed(&mut tx)?;
            tx.commit()?;
        }
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(&label, e))?;
    match tmp.persist_noclobber(path) {
        Ok(()) => Ok(()),
        // Another process made it first: theirs is as good as ours, and
        // ours is removed.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io(&label, e)),
    }
}

/// How a connection is set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A store in place, read and written by anyone.
    Shared,
    /// A new store under its temporary name, seen by no one else.
    Filling,
    /// A store this process may not write.
    ReadOnly,
}

/// Opens an existing file as a store. An empty database (a 0-byte file
/// made by `touch` or `mktemp`) becomes a store only for a command that
/// writes; a command that only reads leaves it as it is.
fn open_existing(path: &Path, access: Access) -> Result<Store> {
    let not_a_store = |reason: String| Error::NotAStore {
        path: path.to_path_buf(),
        reason,
    };
    if path.is_dir() {
        return Err(not_a_store("it is a directory".into()));
    }
    let writable = may_write(path);
    if access == Access::Write
        && let Some(why) = &writable
    {
        return Err(Error::ReadOnlyStore {
            path: path.to_path_buf(),
            why: why.clone(),
        });
    }
    let conn = match &writable {
        None => Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| not_a_store(e.to_string()))?,
        Some(why) => open_read_only(path).map_err(|e| Error::ReadOnlyStore {
            path: path.to_path_buf(),
            why: format!("{why}, and reading it read-only failed: {e}"),
        })?,
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let header = |pragma: &str| -> std::result::Result<i64, rusqlite::Error> {
        conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
    };
    let app_id = header("application_id").map_err(|e| not_a_store(e.to_string()))?;
    let version = header("user_version").map_err(|e| not_a_store(e.to_string()))?;
    if app_id != APPLICATION_ID as i64 {
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(|e| not_a_store(e.to_string()))?;
        // An empty database file (e.g. made by `touch`) may become a store.
        if tables > 0 || version != 0 {
            return Err(not_a_store(format!(
                "SQLite application id {app_id:#x}, not {APPLICATION_ID:#x}"
            )));
        }
        if access == Access::Read {
            return Err(not_a_store(
                "it is empty; import or add makes it one".to_string(),
            ));
        }
    }
    if version > latest_version() {
        return Err(Error::NewerStore {
            path: path.to_path_buf(),
            found: version,
            known: latest_version(),
        });
    }
    let mode = if writable.is_some() {
        if version < latest_version() {
            return Err(Error::ReadOnlyStore {
                path: path.to_path_buf(),
                why: format!(
                    "it has schema version {version} and needs upgrading to {}, which takes write access",
                    latest_version()
                ),
            });
        }
        Mode::ReadOnly
    } else {
        Mode::Shared
    };
    let store = prepare(conn, path, mode)?;
    if access == Access::Write {
        check_health(&store)?;
    }
    Ok(store)
}

/// Sets a connection up and brings the schema up to date.
fn prepare(mut conn: Connection, path: &Path, mode: Mode) -> Result<Store> {
    // 64 MiB of page cache (allocated only as used): a large import
    // keeps its indexes in memory instead of re-reading pages.
    conn.pragma_update(None, "cache_size", -65536)?;
    if mode != Mode::ReadOnly {
        if mode == Mode::Shared {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrate::migrate(&mut conn)?;
    }
    Ok(Store {
        conn,
        path: path.to_path_buf(),
        index: (mode == Mode::Shared).then(|| index_path(path)),
        read_only: mode == Mode::ReadOnly,
        mapped_index: Default::default(),
    })
}

/// Why this process may not write the store at `path`, or `None` when it
/// may: the file must open for writing, and SQLite must be able to write
/// its `-wal` and `-shm` files beside it (they exist and are writable, or
/// the folder lets it create them).
fn may_write(path: &Path) -> Option<String> {
    let opens_for_writing = writable;
    if !opens_for_writing(path) {
        return Some("the file is read-only".into());
    }
    let side = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let (wal, shm) = (side("-wal"), side("-shm"));
    for file in [&wal, &shm] {
        if file.exists() && !opens_for_writing(file) {
            return Some(format!(
                "{} is read-only (left by a process that could only read the store; remove it while no hcgloss runs, or make it writable)",
                file.display()
            ));
        }
    }
    if wal.exists() && shm.exists() {
        return None;
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let folder_writable = writable(dir);
    (!folder_writable).then(|| {
        format!(
            "its folder {} is read-only, so SQLite cannot keep its journal there",
            dir.display()
        )
    })
}

/// Whether this process may write `path` (a file, or a folder to create
/// files in), asked of the system without opening it. Opening and closing
/// the store's files to find out is not harmless: closing any descriptor
/// of a file drops every POSIX lock this process holds on it, SQLite's
/// own locks included (a server with other connections open would lose
/// them and read a store another writer is changing).
fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: a valid NUL-terminated path; faccessat only reads it.
        // AT_EACCESS checks with the effective ids and capabilities, which
        // are what an open would be judged by.
        unsafe {
            libc::faccessat(
                libc::AT_FDCWD,
                c_path.as_ptr(),
                libc::W_OK,
                libc::AT_EACCESS,
            ) == 0
        }
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
    }
}

/// Opens a store this process may not write, creating nothing beside it.
/// When the store's write-ahead log holds committed changes, SQLite reads
/// them through the existing `-shm` file; otherwise the file alone is the
/// whole store and is opened as immutable, which needs no `-shm`.
fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_has_changes = std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0);
    let options = if wal_has_changes {
        "mode=ro"
    } else {
        "mode=ro&immutable=1"
    };
    let uri = format!("file:{}?{options}", uri_path(path));
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// A path written for an SQLite `file:` URI: an absolute path with every
/// byte outside the unreserved set percent-encoded.
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &b in absolute.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Refuses to write to a store SQLite finds damaged. `quick_check` reads
/// every page but skips the index-against-table comparison, so it costs a
/// read of the file; a write is about to touch it anyway.
fn check_health(store: &Store) -> Result<()> {
    let damaged = |detail: String| Error::DamagedStore {
        path: store.path.clone(),
        detail,
    };
    let mut stmt = store
        .conn
        .prepare("PRAGMA quick_check(3)")
        .map_err(|e| damaged(e.to_string()))?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| damaged(e.to_string()))?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(())
    } else {
        Err(damaged(lines.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_are_absolute_and_escaped() {
        let p = uri_path(Path::new("/data/my store?#%.sqlite"));
        assert_eq!(p, "/data/my%20store%3F%23%25.sqlite");
        assert!(uri_path(Path::new("rel.sqlite")).starts_with('/'));
    }
}
