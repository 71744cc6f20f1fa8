//! What the server keeps between requests: where the store is, a pool of
//! read connections, and the glossary compiled for lint and the TM's term
//! hits, rebuilt when the store's generation moves.
//!
//! Why a pool: opening a store costs a few system calls and pragmas; a
//! request that borrows an open connection pays none of that, and SQLite
//! in WAL mode gives each connection its own snapshot, so connections are
//! independent. Why a generation check per request: another process (a
//! command-line import, another server) may write at any time; reading
//! one number tells whether the compiled glossary still matches (it is
//! read from the file the store keeps it in, `<store>.lint`, compiled only
//! by the first reader after a change). The
//! lookup index needs no such care here: the store checks it on every
//! lookup already.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hcgloss_engine::bundled::open_store;
use hcgloss_engine::error::Result;
use hcgloss_engine::lint::{Config as LintConfig, Linter};
use hcgloss_engine::store::{Access, Location, Store};

use crate::Config;

/// How long a write waits for another writer (a long import from the
/// command line) before the request is answered 503.
pub const WRITE_WAIT: Duration = Duration::from_secs(10);

/// Connections kept open beyond those in use.
const IDLE_CONNECTIONS: usize = 16;

pub struct AppState {
    pub location: Location,
    lint_config: LintConfig,
    idle: Mutex<Vec<Store>>,
    /// The glossary compiled for the generation it was built from.
    compiled: Mutex<Option<(u64, Arc<Linter>)>>,
    /// Serialises rebuilds, so that requests arriving together after a
    /// write build the glossary once, not once each.
    rebuilding: Mutex<()>,
}

impl AppState {
    /// Opens the store once (creating and seeding the default store as
    /// every front end does), so that a bad store is an error at start.
    pub fn open(config: &Config) -> Result<AppState> {
        let first = open_store(&config.location, Access::Read)?;
        Ok(AppState {
            location: config.location.clone(),
            lint_config: config.lint.clone(),
            idle: Mutex::new(vec![first]),
            compiled: Mutex::new(None),
            rebuilding: Mutex::new(()),
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
        if idle.len() < IDLE_CONNECTIONS {
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

    /// The glossary compiled from the store as it is now.
    pub fn linter(&self, store: &Store) -> Result<Arc<Linter>> {
        let generation = store.generation()?;
        if let Some(linter) = self.current(generation) {
            return Ok(linter);
        }
        let _one_at_a_time = self.rebuilding.lock().unwrap_or_else(|e| e.into_inner());
        // Another request may have built it while this one waited.
        if let Some(linter) = self.current(generation) {
            return Ok(linter);
        }
        // The compiled glossary kept beside the store, read (or compiled
        // and kept) in one snapshot with the generation it belongs to: a
        // write between two reads must not pair old terms with a new
        // number. After a write, the first request compiles it once for
        // every process that reads this store.
        let (generation, glossary) = store.lint_glossary()?;
        let linter = Arc::new(Linter::with_glossary(
            Arc::new(glossary),
            self.lint_config.clone(),
        ));
        *self.compiled.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((generation, Arc::clone(&linter)));
        Ok(linter)
    }

    fn current(&self, generation: u64) -> Option<Arc<Linter>> {
        match &*self.compiled.lock().unwrap_or_else(|e| e.into_inner()) {
            Some((g, linter)) if *g == generation => Some(Arc::clone(linter)),
            _ => None,
        }
    }
}
