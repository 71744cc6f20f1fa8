//! Turning results into text for people and JSON for programs. Renderers
//! return strings; the binary decides where they go.

pub mod json;
pub mod lint;
pub mod terminal;
pub mod text;
pub mod tm;

use crate::model::{Concept, Term};

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
