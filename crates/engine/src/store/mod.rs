//! The SQLite store: where it lives, how it is opened ([`open`]), and the
//! rule that every write is one transaction ([`WriteTx`]).
//!
//! The store knows tables and rows, not file formats or the translation
//! memory's search: it takes validated values ([`crate::model`]) and gives
//! them back.

mod admin;
mod compiled;
mod lookup;
mod migrate;
mod open;
pub mod postings;
mod terms;
mod tm;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};
pub use admin::{AuditEntry, TokenInfo};
pub use compiled::lint_path;
pub use lookup::index_path;
pub use migrate::{APPLICATION_ID, MIGRATIONS, latest_version, migrate_to};
pub use open::Seed;
pub use terms::WriteTx;
pub use tm::UnitsStored;

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
    /// `-journal` files beside it, the lookup index and the compiled
    /// glossary. Named from the
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
            files.push(compiled::lint_path(&base));
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
    /// Where the lookup index of this store is kept; `None` while a new
    /// store is being filled under a temporary name (its index is built by
    /// the first reader of the store in place).
    index: Option<PathBuf>,
    /// Opened read-only: the file or its folder may not be written.
    read_only: bool,
    /// The lookup index this connection mapped last (see
    /// [`lookup::MappedIndex`]).
    mapped_index: std::cell::RefCell<Option<lookup::MappedIndex>>,
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the store was opened read-only (see [`open`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Starts the one transaction of a command that writes. It takes the
    /// write lock at once, so what it reads stays true until it commits.
    pub fn write(&mut self) -> Result<WriteTx<'_>> {
        if self.read_only {
            return Err(Error::ReadOnlyStore {
                path: self.path.clone(),
                why: "it was opened read-only".into(),
            });
        }
        let index = self.index.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(WriteTx::new(tx, index))
    }

    /// Runs `f` inside one read transaction, so that everything it reads
    /// comes from one state of the store, whatever other processes write
    /// meanwhile.
    pub fn snapshot<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let result = f(self);
        tx.finish()?;
        result
    }

    /// The store's generation: a number every write that changes terms
    /// raises, so a reader can tell whether what it derived from the
    /// terms (a compiled glossary) is still current.
    pub fn generation(&self) -> Result<u64> {
        lookup::generation(&self.conn)
    }

    /// How long a write waits for another writer before giving up with
    /// "database is locked" (a server answers requests; it cannot wait
    /// minutes the way a command can).
    pub fn set_busy_timeout(&self, timeout: std::time::Duration) -> Result<()> {
        self.conn.busy_timeout(timeout)?;
        Ok(())
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
