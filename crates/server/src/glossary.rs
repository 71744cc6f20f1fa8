//! The glossary compiled for lint (and for the TM's term hits), kept
//! between requests and compiled again, on a thread of its own, when the
//! store's generation moves.
//!
//! Why not compile inside the request that first sees a new generation:
//! compiling takes about a tenth of a second for the shipped glossary
//! and tens of seconds for a million terms. Compiled in a request, one
//! lint paid for it while every lint behind it queued on the compile;
//! with another process committing without pause (an import in a loop)
//! the lints never caught up, and a store of a million terms answered the
//! first lint after each write 503 when the request timed out.
//!
//! So one thread compiles, always from a snapshot taken after the newest
//! request that asked for it began (and, when compiles follow each other,
//! at most half the time), and a lint waits for that compile at most
//! [`FRESH_WAIT`] (not at all when the last compile took longer than
//! that). A compile that ends within it gives the request
//! the store as it is (what another process wrote is served from the
//! next request on, as for lookups). Past it the request is answered
//! with the glossary compiled last, and [`Served`] says which generation
//! that was beside the store's, so the answer can say it (the server
//! sends both in headers). Before the first compile ends (a large store
//! just after start), a lint waits up to [`FIRST_WAIT`] and is then
//! answered 503 with a hint to retry.
//!
//! Why a freshness test by time, not by generation alone: a store file
//! replaced by an older copy has a lower generation than the glossary
//! compiled last. A compile whose snapshot began after the request did
//! is as new as the request's own view of the store, whatever the
//! numbers say.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::http::StatusCode;

use hcgloss_engine::bundled::open_store;
use hcgloss_engine::error::Result;
use hcgloss_engine::lint::{Config as LintConfig, Linter};
use hcgloss_engine::store::{Access, Location};

use crate::error::ApiError;

/// How long a lint waits for the glossary of the store's current
/// generation before it is answered with the one compiled last.
pub const FRESH_WAIT: Duration = Duration::from_millis(500);

/// How long a lint waits for the first glossary the server compiles.
/// Kept under the server's request timeout, so that the answer is ours
/// (503 with a reason) rather than the timeout's.
pub const FIRST_WAIT: Duration = Duration::from_secs(25);

/// A glossary compiled from one snapshot of the store.
#[derive(Clone)]
struct Compiled {
    generation: u64,
    linter: Arc<Linter>,
    /// When the compile began, before its snapshot was taken.
    began: Instant,
}

/// The glossary a request is answered with.
pub struct Served {
    pub linter: Arc<Linter>,
    /// The generation it was compiled from.
    pub glossary_generation: u64,
    /// The store's generation when the request read it: the same, or
    /// newer when the request was answered with the glossary compiled
    /// last because the newer one was still compiling.
    pub store_generation: u64,
}

#[derive(Default)]
struct Shared {
    latest: Option<Compiled>,
    /// The newest request that waits for a compile: when it began, and
    /// the store generation it read (`None` for the compile at start,
    /// which any generation satisfies).
    wanted: Option<(Instant, Option<u64>)>,
    compiling: bool,
    /// The last compile that failed: when it began, and why.
    failed: Option<(Instant, String)>,
    /// How long the last compile took.
    last_took: Duration,
}

/// Compiles the glossary from a snapshot of the store it reads, with
/// that snapshot's generation.
type Compile = dyn Fn() -> Result<(u64, Arc<Linter>)> + Send + Sync;

/// The server's compiled glossary and the thread that keeps it current.
pub struct LintGlossary {
    compile: Box<Compile>,
    shared: Mutex<Shared>,
    compiled: Condvar,
}

impl LintGlossary {
    /// The glossary of the store at `location`, linted with `config`.
    pub fn of_store(location: Location, config: LintConfig) -> Arc<LintGlossary> {
        LintGlossary::new(Box::new(move || compile(&location, &config)))
    }

    fn new(compile: Box<Compile>) -> Arc<LintGlossary> {
        Arc::new(LintGlossary {
            compile,
            shared: Mutex::new(Shared::default()),
            compiled: Condvar::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts compiling the store as it is now, without waiting: at start,
    /// so that the first lint finds the glossary ready.
    pub fn prepare(self: &Arc<Self>) {
        let mut shared = self.lock();
        shared.wanted = Some((Instant::now(), None));
        self.start_compiling(&mut shared);
    }

    /// The glossary for a request that read `store_generation` from the
    /// store.
    pub fn get(self: &Arc<Self>, store_generation: u64) -> std::result::Result<Served, ApiError> {
        let asked = Instant::now();
        let mut shared = self.lock();
        let fresh = |c: &Compiled| c.generation == store_generation || c.began >= asked;
        if let Some(latest) = shared.latest.as_ref().filter(|c| fresh(c)) {
            return Ok(served(latest, latest.generation));
        }
        shared.wanted = Some((asked, Some(store_generation)));
        self.start_compiling(&mut shared);
        // A glossary whose last compile took longer than FRESH_WAIT will
        // not be ready within it: waiting would only make the answer late.
        let deadline = asked
            + if shared.latest.is_none() {
                FIRST_WAIT
            } else if shared.last_took > FRESH_WAIT {
                Duration::ZERO
            } else {
                FRESH_WAIT
            };
        loop {
            if let Some(latest) = shared.latest.as_ref().filter(|c| fresh(c)) {
                return Ok(served(latest, latest.generation));
            }
            if let Some((began, why)) = &shared.failed
                && *began >= asked
                && shared.latest.is_none()
            {
                return Err(ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("the glossary could not be compiled for lint: {why}"),
                ));
            }
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            shared = self
                .compiled
                .wait_timeout(shared, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        match &shared.latest {
            Some(latest) => Ok(served(latest, store_generation)),
            None => Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the glossary is still being compiled for lint (a large store takes a while \
                 after the server starts); try again in a few seconds",
            )
            .retry_after(5)),
        }
    }

    fn start_compiling(self: &Arc<Self>, shared: &mut Shared) {
        if shared.compiling {
            return;
        }
        shared.compiling = true;
        let this = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name("compile-glossary".into())
            .spawn(move || this.compile_while_wanted());
        if let Err(e) = spawned {
            shared.compiling = false;
            shared.failed = Some((Instant::now(), e.to_string()));
        }
    }

    /// Compiles until no request waits for a snapshot newer than the last
    /// compile's.
    ///
    /// Compiles back to back (a store written without pause) rest as long
    /// as the last compile took before the next begins, so that they take
    /// at most half of one core from the requests: on a store of a million
    /// terms a compile takes half a minute, and a writer committing every
    /// few seconds would otherwise keep a core compiling all along.
    fn compile_while_wanted(&self) {
        let mut rest = Duration::ZERO;
        loop {
            std::thread::sleep(rest);
            let began = Instant::now();
            let result = (self.compile)();
            rest = began.elapsed();
            let mut shared = self.lock();
            shared.last_took = rest;
            match result {
                Ok((generation, linter)) => {
                    shared.latest = Some(Compiled {
                        generation,
                        linter,
                        began,
                    });
                }
                Err(e) => shared.failed = Some((began, e.to_string())),
            }
            self.compiled.notify_all();
            // A request that began before this compile did is served by
            // it; so is one that read the generation it compiled. Only
            // one that began after it and read another generation needs
            // a newer snapshot.
            let compiled = shared.latest.as_ref().map(|c| c.generation);
            let satisfied = match shared.wanted {
                None => true,
                Some((since, generation)) => {
                    since < began || generation.is_none() || generation == compiled
                }
            };
            if satisfied {
                shared.compiling = false;
                return;
            }
        }
    }
}

fn compile(location: &Location, config: &LintConfig) -> Result<(u64, Arc<Linter>)> {
    let store = open_store(location, Access::Read)?;
    // The compiled glossary kept beside the store, read (or compiled and
    // kept) in one snapshot with the generation it belongs to: a write
    // between two reads must not pair old terms with a new number.
    let (generation, glossary) = store.lint_glossary()?;
    Ok((
        generation,
        Arc::new(Linter::with_glossary(Arc::new(glossary), config.clone())),
    ))
}

/// `store_generation` is the compiled one when the compile is as new as
/// the request's view of the store.
fn served(compiled: &Compiled, store_generation: u64) -> Served {
    Served {
        linter: Arc::clone(&compiled.linter),
        glossary_generation: compiled.generation,
        store_generation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hcgloss_engine::error::Error;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc::{Sender, channel};

    /// A glossary whose compiles each wait for the test to say what the
    /// store's generation was (or that the compile failed).
    fn gated() -> (
        Arc<LintGlossary>,
        Sender<std::result::Result<u64, String>>,
        Arc<AtomicUsize>,
    ) {
        let (tx, rx) = channel::<std::result::Result<u64, String>>();
        let rx = Mutex::new(rx);
        let compiles = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&compiles);
        let glossary = LintGlossary::new(Box::new(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            let told = rx
                .lock()
                .unwrap()
                .recv_timeout(Duration::from_secs(60))
                .map_err(|_| Error::Internal("the test said nothing".into()))?;
            let generation = told.map_err(Error::Internal)?;
            let linter = Linter::new(Vec::new(), LintConfig::default());
            Ok((generation, Arc::new(linter)))
        }));
        (glossary, tx, compiles)
    }

    fn generations(served: &Served) -> (u64, u64) {
        (served.glossary_generation, served.store_generation)
    }

    #[test]
    fn the_first_lint_waits_for_the_first_compile() {
        let (glossary, compile, _) = gated();
        let asking = std::thread::spawn({
            let glossary = Arc::clone(&glossary);
            move || {
                glossary
                    .get(1)
                    .map(|s| generations(&s))
                    .map_err(|e| e.message)
            }
        });
        compile.send(Ok(1)).unwrap();
        assert_eq!(asking.join().unwrap(), Ok((1, 1)));
        // The same generation again: no compile, no wait.
        assert_eq!(generations(&glossary.get(1).unwrap()), (1, 1));
    }

    #[test]
    fn a_compile_slower_than_the_fresh_wait_leaves_the_last_glossary_in_service() {
        let (glossary, compile, compiles) = gated();
        compile.send(Ok(1)).unwrap();
        assert_eq!(generations(&glossary.get(1).unwrap()), (1, 1));
        // The store moves on; its compile is held back past FRESH_WAIT.
        let served = glossary.get(2).unwrap();
        assert_eq!(generations(&served), (1, 2));
        // Asked again while it still compiles: still the old one, and no
        // second compile is started beside the running one.
        assert_eq!(generations(&glossary.get(2).unwrap()), (1, 2));
        assert_eq!(compiles.load(Ordering::SeqCst), 2);
        // Once it ends, the new glossary serves.
        compile.send(Ok(2)).unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while generations(&glossary.get(2).unwrap()) != (2, 2) {
            assert!(Instant::now() < deadline, "the new glossary never served");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(compiles.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_lint_that_reads_the_generation_being_compiled_costs_no_second_compile() {
        let (glossary, compile, compiles) = gated();
        glossary.prepare();
        let asking = std::thread::spawn({
            let glossary = Arc::clone(&glossary);
            move || {
                glossary
                    .get(7)
                    .map(|s| generations(&s))
                    .map_err(|e| e.message)
            }
        });
        // The request began after the compile at start did, but that
        // compile reads the generation the request read.
        std::thread::sleep(Duration::from_millis(50));
        compile.send(Ok(7)).unwrap();
        assert_eq!(asking.join().unwrap(), Ok((7, 7)));
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(compiles.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_store_whose_generation_went_back_is_compiled_again() {
        // A store replaced by an older copy: a lower generation is not
        // "older than the glossary", it is another store state.
        let (glossary, compile, _) = gated();
        compile.send(Ok(5)).unwrap();
        assert_eq!(generations(&glossary.get(5).unwrap()), (5, 5));
        compile.send(Ok(3)).unwrap();
        assert_eq!(generations(&glossary.get(3).unwrap()), (3, 3));
    }

    #[test]
    fn a_failed_first_compile_is_an_error_and_the_next_request_tries_again() {
        let (glossary, compile, _) = gated();
        compile.send(Err("disk full".into())).unwrap();
        let error = glossary.get(1).err().expect("no glossary to serve");
        assert_eq!(error.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(error.message.contains("disk full"), "{}", error.message);
        compile.send(Ok(1)).unwrap();
        assert_eq!(generations(&glossary.get(1).unwrap()), (1, 1));
    }
}
