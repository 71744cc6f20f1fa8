//! The SQLite store: where it lives, how it is opened, and the rule that
//! every write is one transaction.
//!
//! Opening is careful about files that are not ours: the header fields
//! `application_id` and `user_version` are read before anything is written,
//! and a foreign or newer file is refused untouched. Only then is the
//! connection switched to WAL with foreign keys on, and pending migrations
//! run.

mod lookup;
mod migrate;
mod terms;
mod tm;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};
pub use lookup::index_path;
pub use migrate::{APPLICATION_ID, MIGRATIONS, latest_version, migrate_to};
pub use terms::{WriteTx, group_concepts};
pub use tm::{SegmentFilter, SegmentRow, StoredUnit, WordStat};

/// How long a command waits for another writer before giving up. Readers
/// never wait (WAL); a writer waits for the one writing, and the longest
/// write is a large import (a million terms take about a minute), so the
/// wait is generous: failing a command with "database is locked" while
/// another is still busy with its work would lose the user's request.
const BUSY_TIMEOUT: Duration = Duration::from_secs(300);

/// The glossary compiled into the binary; it seeds the default store.
pub const BUNDLED_GLOSSARY: &str = include_str!("../../glossary.csv");

/// Where the store is, and whether the user chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// Given with `--db` or `HCGLOSS_DB`: never seeded, never created by a
    /// command that only reads.
    pub explicit: bool,
}

impl Location {
    /// `--db`, else `HCGLOSS_DB`, else the per-user default
    /// (`$XDG_DATA_HOME/hcgloss/hcgloss.sqlite`, i.e.
    /// `~/.local/share/hcgloss/hcgloss.sqlite` on Linux).
    pub fn resolve(flag: Option<PathBuf>) -> Result<Location> {
        if let Some(path) = flag {
            return Ok(Location {
                path,
                explicit: true,
            });
        }
        if let Some(path) = std::env::var_os("HCGLOSS_DB").filter(|v| !v.is_empty()) {
            return Ok(Location {
                path: path.into(),
                explicit: true,
            });
        }
        let dir = dirs::data_dir().ok_or_else(|| {
            Error::Usage(
                "no per-user data directory is known here: give --db PATH or set HCGLOSS_DB".into(),
            )
        })?;
        Ok(Location {
            path: dir.join("hcgloss").join("hcgloss.sqlite"),
            explicit: false,
        })
    }

    /// The files the store consists of, which no command may overwrite
    /// with its output: the database, SQLite's `-wal`, `-shm` and
    /// `-journal` files beside it, and the lookup index. Named from the
    /// path as given and from the path with its links resolved (SQLite
    /// puts its files beside the real database).
    pub fn own_files(&self) -> Vec<PathBuf> {
        let mut bases = vec![self.path.clone()];
        if let Ok(real) = std::fs::canonicalize(&self.path)
            && real != self.path
        {
            bases.push(real);
        }
        let mut files = Vec::new();
        for base in bases {
            for suffix in ["-wal", "-shm", "-journal"] {
                let mut name = base.clone().into_os_string();
                name.push(suffix);
                files.push(PathBuf::from(name));
            }
            files.push(lookup::index_path(&base));
            files.push(base);
        }
        files
    }
}

/// Whether the command will write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `location`, creating it where the rules allow:
    /// the default store is created and seeded on first use; an explicit
    /// path is created empty only by a command that writes.
    pub fn open(location: &Location, access: Access) -> Result<Store> {
        let path = &location.path;
        if path.exists() {
            return Store::open_existing_for(path, access);
        }
        if location.explicit && access == Access::Read {
            return Err(Error::NoStore(path.clone()));
        }
        let mut store = Store::create(path)?;
        if !location.explicit {
            store.seed_bundled()?;
        }
        Ok(store)
    }

    /// Opens a store that must already exist.
    pub fn open_existing(path: &Path) -> Result<Store> {
        Store::open_existing_for(path, Access::Write)
    }

    /// Opens an existing file as a store. An empty database (a 0-byte file
    /// made by `touch` or `mktemp`) becomes a store only for a command that
    /// writes; a command that only reads leaves it as it is.
    fn open_existing_for(path: &Path, access: Access) -> Result<Store> {
        if path.is_dir() {
            return Err(Error::NotAStore {
                path: path.to_path_buf(),
                reason: "it is a directory".into(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::NotAStore {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let header = |pragma: &str| -> std::result::Result<i64, rusqlite::Error> {
            conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
        };
        let not_a_store = |reason: String| Error::NotAStore {
            path: path.to_path_buf(),
            reason,
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
        Store::prepare(conn, path)
    }

    fn create(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
        }
        // SQLite would create the file 0644 less the umask; made here
        // first, it gets what any new file of the user gets (0666 less the
        // umask), so a team sharing a store under umask 002 can all write
        // it. SQLite gives its -wal and -shm files the database's mode.
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            let made = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o666)
                .open(path);
            match made {
                Ok(_) => {}
                // Another process made it a moment ago: open theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Error::io(path.display().to_string(), e)),
            }
        }
        let conn = Connection::open(path).map_err(|e| Error::NotAStore {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Store::prepare(conn, path)
    }

    fn prepare(mut conn: Connection, path: &Path) -> Result<Store> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 64 MiB of page cache (allocated only as used): a large import
        // keeps its indexes in memory instead of re-reading pages.
        conn.pragma_update(None, "cache_size", -65536)?;
        migrate::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Fills a new default store from the bundled glossary.
    fn seed_bundled(&mut self) -> Result<()> {
        let rows = crate::exchange::csv::parse("glossary.csv (bundled)", BUNDLED_GLOSSARY)?;
        let mut tx = self.write()?;
        let plan = crate::glossary::plan_import("glossary.csv (bundled)", Vec::new(), rows, false)
            .map_err(Error::Invalid)?;
        tx.apply(&plan, &mut crate::progress::Silent)?;
        tx.commit()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts the one transaction of a command that writes. It takes the
    /// write lock at once, so what it reads stays true until it commits.
    pub fn write(&mut self) -> Result<WriteTx<'_>> {
        let index_path = lookup::index_path(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(WriteTx::new(tx, index_path))
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
