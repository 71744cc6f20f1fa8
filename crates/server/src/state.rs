//! What the server keeps between requests: where the store is, a pool of
//! read connections, how many requests may do store work at once, and the
//! glossary compiled for lint ([`crate::glossary`]).
//!
//! Why a pool: opening a store costs a few system calls and pragmas; a
//! request that borrows an open connection pays none of that, and SQLite
//! in WAL mode gives each connection its own snapshot, so connections are
//! independent. The lookup index needs no care here: the store checks it
//! against its generation on every lookup.
//!
//! Reads run on a fixed number of workers ([`crate::pool`]), as many as
//! cores unless told otherwise: a request waits for those ahead of it and
//! then runs undivided, and no connection is opened beyond the pool.
//! Writes have their own way in (tokio's blocking pool), for one may wait
//! seconds for another process's lock, and must not hold up the reads
//! meanwhile.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hcgloss_engine::bundled::open_store;
use hcgloss_engine::error::Result;
use hcgloss_engine::store::{Access, Location, Store};

use crate::Config;
use crate::error::ApiError;
use crate::glossary::{LintGlossary, Served};
use crate::pool::ReadPool;

/// How long a write waits for another writer (a long import from the
/// command line) before the request is answered 503.
pub const WRITE_WAIT: Duration = Duration::from_secs(10);

pub struct AppState {
    pub location: Location,
    idle: Mutex<Vec<Store>>,
    /// Connections kept open: one per read admitted at a time.
    keep_open: usize,
    /// The threads that do the reads' store work, in arrival order.
    pub reads: ReadPool,
    glossary: Arc<LintGlossary>,
    /// A connection of its own for reading the store's generation before
    /// a lint: a lint asks for it outside the read workers, and taking a
    /// pooled connection there would open new ones while the workers
    /// hold theirs.
    generation_reader: Mutex<Store>,
}

impl AppState {
    /// Opens the store once (creating and seeding the default store as
    /// every front end does), so that a bad store is an error at start,
    /// and starts compiling the glossary for lint.
    pub fn open(config: &Config) -> Result<AppState> {
        let first = open_store(&config.location, Access::Read)?;
        let glossary = LintGlossary::of_store(config.location.clone(), config.lint.clone());
        glossary.prepare();
        let workers = config.workers.max(1);
        let generation_reader = Mutex::new(open_store(&config.location, Access::Read)?);
        Ok(AppState {
            location: config.location.clone(),
            generation_reader,
            idle: Mutex::new(vec![first]),
            keep_open: workers,
            reads: ReadPool::new(workers)
                .map_err(|e| hcgloss_engine::error::Error::io("the server's read workers", e))?,
            glossary,
        })
    }

    /// Runs `f` with a read connection, and puts the connection back.
    pub fn with_store<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let store = match self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop() {
            Some(store) => store,
            None => open_store(&self.location, Access::Read)?,
        };
        let result = f(&store);
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < self.keep_open {
            idle.push(store);
        }
        result
    }

    /// Opens a connection for one write, waiting at most [`WRITE_WAIT`]
    /// for another writer.
    pub fn writer(&self) -> Result<Store> {
        let store = open_store(&self.location, Access::Write)?;
        store.set_busy_timeout(WRITE_WAIT)?;
        Ok(store)
    }

    /// The glossary compiled for lint from the store as it is now (see
    /// [`crate::glossary`] for how long this may wait).
    pub fn linter(&self) -> std::result::Result<Served, ApiError> {
        let generation = self
            .generation_reader
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .generation()?;
        self.glossary.get(generation)
    }
}
