//! `hcgloss lsp`: the termbase in the editor, over the Language Server
//! Protocol on standard input and output.
//!
//! A front end on the engine as the command line and `hcgloss serve` are:
//! the same store, found the same way, the same lint and the same fixes.
//! - Plain text, Markdown and reStructuredText documents are linted on
//!   open and on every change (incremental sync); each finding is a
//!   diagnostic with the rule as its code and the severity
//!   `hcgloss.toml` gives the rule (found from the document's folder, as
//!   `hcgloss lint` finds it from the current one).
//! - Every finding with a suggestion has a quick fix, and "fix all"
//!   (`source.fixAll.hcgloss`) makes the edits `hcgloss lint --fix`
//!   makes ([`actions`]).
//! - Hovering a glossary term shows its concept: the terms of every
//!   language with their statuses, the category and the notes ([`hover`]).
//! - Positions are counted in the encoding negotiated at initialization
//!   (UTF-16, UTF-32 or UTF-8; [`position`]).
//! - The glossary is compiled once and again only when the store's
//!   generation moves; a store that goes away leaves the last glossary
//!   in use ([`glossary`]).
//! - The documents' language comes from the client's settings
//!   (`initializationOptions` or `workspace/didChangeConfiguration`:
//!   `{"hcgloss": {"language": "id"}}`), else it is detected per document.
//!
//! Everything is synchronous: a reader thread, a writer thread, and the
//! server on the calling thread ([`server`], [`transport`]).

pub mod actions;
pub mod glossary;
pub mod hover;
pub mod position;
mod server;
pub mod transport;

use std::io::{Read, Write};

use hcgloss_engine::store::Location;

pub use server::file_path;

/// How the server ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `exit` after `shutdown`: exit status 0.
    Clean,
    /// `exit` without `shutdown`, or the client went away: exit status 1,
    /// as the protocol asks.
    WithoutShutdown,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Clean => 0,
            Exit::WithoutShutdown => 1,
        }
    }
}

/// Serves one client on standard input and output, with the store at
/// `location`.
pub fn run(location: Location) -> Exit {
    run_on(location, std::io::stdin(), std::io::stdout())
}

/// Serves one client on `input` and `output`.
pub fn run_on(
    location: Location,
    input: impl Read + Send + 'static,
    output: impl Write + Send + 'static,
) -> Exit {
    let transport = transport::Transport::spawn(input, output);
    let exit = server::serve(&transport.connection, &transport.pending, location);
    transport.finish();
    exit
}
