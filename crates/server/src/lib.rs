//! `hcgloss serve`: one termbase for a whole desk, over HTTP.
//!
//! The server is a thin front end on the engine, as the command line is:
//! the same store (found the same way), the same lookup, lint and
//! translation-memory search, and answers in the same JSON shapes
//! ([`hcgloss_report`]) the command line prints with `--format json`.
//!
//! - Reads (`/api/v1/lookup`, `/concepts/{slug}`, `/lint`, `/tm/...`, the
//!   amaGama-compatible `/tmserver/...`) need no token. Every request
//!   reads one snapshot of the store through a pooled connection; what
//!   another process writes is seen by the next request (the lookup index
//!   and the compiled glossary follow the store's generation, see
//!   [`state`]).
//! - Writes (`POST`/`DELETE /api/v1/terms`) need `Authorization: Bearer
//!   TOKEN` (`hcgloss token add NAME`) and follow the rules of `hcgloss
//!   add`/`remove`; each is one transaction with its audit record.
//! - `/` is a page (search, concept view, paste-and-lint) built into the
//!   binary, with no external assets.
//!
//! SQLite is synchronous, so every request's store work runs on tokio's
//! Reads run on a few threads of the server's own, as many at a time as
//! there are cores, in arrival order ([`pool`]); writes on tokio's
//! blocking pool. The async side only parses, routes and writes answers.

mod api;
mod error;
mod glossary;
mod log;
mod page;
mod pool;
mod state;
mod write;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::store::Location;

pub use state::AppState;

/// The address `hcgloss serve` listens on unless told otherwise: this
/// machine only. Serving a desk means choosing an address on purpose.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8765";

/// The largest request body: a long article to lint, a term to add.
/// Larger bodies are answered 413.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// How long one request may take before it is answered 503; a lint of
/// the largest body takes well under a second.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What `hcgloss serve` runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub location: Location,
    /// The lint configuration the server checks text with.
    pub lint: hcgloss_engine::lint::Config,
    /// How many requests may read the store at once (see [`state`]).
    pub workers: usize,
}

/// As many reads at once as the machine has cores.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
}

/// The routes, for the server and for tests.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/app.css", get(page::style))
        .route("/healthz", get(api::health))
        .route("/api/v1/lookup", get(api::lookup))
        .route("/api/v1/concepts/{slug}", get(api::concept))
        .route("/api/v1/concepts/{slug}/history", get(api::history))
        .route("/api/v1/lint", post(api::lint))
        .route("/api/v1/tm/search", get(api::tm_search))
        .route("/api/v1/tm/concordance", get(api::tm_concordance))
        .route(
            "/tmserver/{source}/{target}/unit/{*query}",
            get(api::amagama),
        )
        .route(
            "/api/v1/terms",
            post(write::add_term).delete(write::remove_term),
        )
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(CatchPanicLayer::custom(error::panic_answer))
        .layer(axum::middleware::from_fn(log::one_line_per_request))
        .with_state(state)
}

/// Serves until SIGINT or SIGTERM, then lets the requests in flight
/// finish. `ready` is told the address once the server listens (the port
/// the system chose, for `--listen 127.0.0.1:0`).
pub fn run(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("the server's runtime", e))?;
    runtime.block_on(async move {
        let state = Arc::new(AppState::open(&config)?);
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| Error::io(config.listen.to_string(), e))?;
        let address = listener
            .local_addr()
            .map_err(|e| Error::io(config.listen.to_string(), e))?;
        ready(address);
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| Error::io(address.to_string(), e))
    })
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    eprintln!("shutting down: finishing the requests in flight");
}
