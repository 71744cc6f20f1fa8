//! The machine-readable reports of hcgloss: the JSON every front end
//! gives (`--format json` on the command line, the server's API) and
//! SARIF for code-scanning services. One crate, so that one schema serves
//! every front end; people's text output stays with each front end.

pub mod concept;
pub mod lint;
pub mod sarif;
pub mod tm;

use serde::Serialize;

use hcgloss_engine::model::{Concept, Lang, Status, Term, TermType};

/// A term as every report shows it. The TM's reports leave the note out
/// (`note: None`), the termbase's carry it.
#[derive(Serialize)]
pub(crate) struct TermView<'a> {
    lang: &'a Lang,
    term: &'a str,
    status: Status,
    #[serde(rename = "type")]
    term_type: TermType,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

impl<'a> TermView<'a> {
    /// The term with its note.
    pub(crate) fn full(t: &'a Term) -> TermView<'a> {
        TermView {
            note: Some(&t.note),
            ..TermView::bare(t)
        }
    }

    /// The term without its note.
    pub(crate) fn bare(t: &'a Term) -> TermView<'a> {
        TermView {
            lang: &t.lang,
            term: &t.term,
            status: t.status,
            term_type: t.term_type,
            note: None,
        }
    }
}

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
