//! Concepts and lookup hits as JSON: what `show --format json` and
//! `lookup --format json` print and the server's concept and lookup
//! endpoints answer.

use serde::Serialize;

use crate::{TermView, display_order, to_string};
use hcgloss_engine::lookup::Hit;
use hcgloss_engine::model::Concept;

#[derive(Serialize)]
struct ConceptView<'a> {
    concept: &'a str,
    category: &'a str,
    terms: Vec<TermView<'a>>,
}

fn concept_view(c: &Concept) -> ConceptView<'_> {
    ConceptView {
        concept: &c.concept,
        category: &c.category,
        terms: display_order(c).into_iter().map(TermView::full).collect(),
    }
}

#[derive(Serialize)]
struct HitView<'a> {
    concept: &'a str,
    score: u8,
    category: &'a str,
    matched: TermView<'a>,
    use_instead: Option<TermView<'a>>,
    terms: Vec<TermView<'a>>,
}

/// One concept as a JSON object.
pub fn concept(c: &Concept) -> String {
    to_string(&concept_view(c))
}

/// Lookup hits as a JSON array, best first.
pub fn hits(hits: &[Hit]) -> String {
    let views: Vec<HitView<'_>> = hits
        .iter()
        .map(|h| HitView {
            concept: &h.concept.concept,
            score: h.score,
            category: &h.concept.category,
            matched: TermView::full(&h.matched),
            use_instead: h.use_instead.as_ref().map(TermView::full),
            terms: concept_view(&h.concept).terms,
        })
        .collect();
    to_string(&views)
}
