//! The machine-readable reports of hcgloss: the JSON every front end
//! gives (`--format json` on the command line, the server's API) and
//! SARIF for code-scanning services. One crate, so that one schema serves
//! every front end; people's text output stays with each front end.

pub mod concept;
pub mod lint;
pub mod sarif;
pub mod tm;

use serde::Serialize;

use hcgloss_engine::model::{Concept, Term};

/// A concept's terms in display order: working languages first (id, vi,
/// en), then other tags; within a language, preferred first.
pub fn display_order(concept: &Concept) -> Vec<&Term> {
    let mut terms: Vec<&Term> = concept.terms.iter().collect();
    terms.sort_by(|a, b| {
        (a.lang.report_rank(), a.lang.as_str(), a.status, &a.term).cmp(&(
            b.lang.report_rank(),
            b.lang.as_str(),
            b.status,
            &b.term,
        ))
    });
    terms
}

/// Pretty-printed JSON with a final newline.
pub fn to_string<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("plain data serialises");
    s.push('\n');
    s
}
