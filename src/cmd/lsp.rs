//! `hcgloss lsp`: the language server of [`hcgloss_lsp`] on standard
//! input and output, on the store every other command uses.

use super::Outcome;
use hcgloss_engine::store::Location;

/// Serves one editor until it says `exit` (or goes away). Exit status 0
/// after `shutdown`, 1 otherwise, as the protocol asks.
pub fn run(location: Location) -> Outcome {
    match hcgloss_lsp::run(location) {
        hcgloss_lsp::Exit::Clean => Outcome::Success,
        hcgloss_lsp::Exit::WithoutShutdown => Outcome::Negative,
    }
}
