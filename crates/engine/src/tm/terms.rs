//! Glossary terms found in a sentence, shown beside the TM matches as CAT
//! tools show termbase hits: each with its concept and the preferred term
//! of the target language.
//!
//! Finding terms in text is what `lint` does with its matcher; the TM
//! asks the same matcher, through [`TermFinder`], for the occurrences
//! alone.

use std::collections::BTreeSet;

use super::search::Span;
use crate::lint::matcher::{FindOptions, Matcher};
use crate::model::unit::LangSelector;
use crate::model::{Concept, Term};

/// A term found in a text: which term, and where (bytes of the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence<'t> {
    pub concept: &'t Concept,
    pub term: &'t Term,
    pub start: usize,
    pub end: usize,
}

/// Finds the glossary terms of one language in a text. Occurrences come
/// left to right and do not overlap.
pub trait TermFinder {
    fn find<'t>(&'t self, text: &str, lang: &LangSelector) -> Vec<Occurrence<'t>>;
}

/// The lint matcher is the one finder: the TM finds what lint finds,
/// inflected Indonesian forms, Vietnamese words written without their
/// marks and terms broken across lines included.
impl TermFinder for Matcher {
    fn find<'t>(&'t self, text: &str, lang: &LangSelector) -> Vec<Occurrence<'t>> {
        let langs: BTreeSet<&str> = self
            .concepts()
            .iter()
            .flat_map(|c| &c.terms)
            .filter(|t| lang.matches(&t.lang))
            .map(|t| t.lang.as_str())
            .collect();
        if langs.is_empty() {
            return Vec::new();
        }
        let langs: Vec<&str> = langs.into_iter().collect();
        let options = FindOptions {
            langs: Some(&langs),
            stem_indonesian: langs.contains(&"id"),
        };
        Matcher::find(self, text, &options)
            .into_iter()
            .map(|o| {
                let r = o.term();
                Occurrence {
                    concept: self.concept(r),
                    term: self.term(r),
                    start: o.start,
                    end: o.end,
                }
            })
            .collect()
    }
}

/// A termbase hit as reports show it.
#[derive(Debug, Clone)]
pub struct TermHit<'t> {
    pub concept: &'t str,
    pub category: &'t str,
    /// Where the term is in the sentence.
    pub span: Span,
    /// The glossary term that was found.
    pub term: &'t Term,
    /// For a deprecated or superseded term: the preferred term of its language.
    pub use_instead: Option<&'t Term>,
    /// The preferred term of the target language, if the concept has one.
    pub target: Option<&'t Term>,
}

/// The glossary terms of language `from` in `sentence`, each with the
/// concept's preferred term in `to`.
pub fn termbase_hits<'t>(
    finder: &'t dyn TermFinder,
    sentence: &str,
    from: &LangSelector,
    to: &LangSelector,
) -> Vec<TermHit<'t>> {
    finder
        .find(sentence, from)
        .into_iter()
        .map(|o| {
            let preferred_in = |sel: &LangSelector| {
                o.concept
                    .terms
                    .iter()
                    .find(|t| sel.matches(&t.lang) && t.status == crate::model::Status::Preferred)
            };
            let use_instead = (!o.term.status.is_allowed())
                .then(|| {
                    o.concept.terms.iter().find(|t| {
                        t.lang == o.term.lang && t.status == crate::model::Status::Preferred
                    })
                })
                .flatten();
            TermHit {
                concept: &o.concept.concept,
                category: &o.concept.category,
                span: Span::of(sentence, o.start, o.end),
                term: o.term,
                use_instead,
                target: preferred_in(to),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn concept(slug: &str, terms: &[(&str, &str, Status)]) -> Concept {
        Concept::with_terms(slug, terms)
    }

    fn finder() -> Matcher {
        use Status::*;
        Matcher::new(vec![
            concept(
                "mps",
                &[
                    ("vi", "Bộ Công an", Preferred),
                    ("en", "Ministry of Public Security", Preferred),
                ],
            ),
            concept(
                "police",
                &[("vi", "Công an", Preferred), ("en", "police", Preferred)],
            ),
            concept(
                "steering-committee",
                &[
                    ("id", "Komite Pengarah", Preferred),
                    ("id", "Panitia Pengarah", Deprecated),
                    ("en", "Steering Committee", Preferred),
                ],
            ),
        ])
    }

    fn sel(s: &str) -> LangSelector {
        LangSelector::parse(s).unwrap()
    }

    #[test]
    fn longest_term_wins_and_spans_are_original_text() {
        let f = finder();
        let text = "Bo cong an và công an tỉnh";
        let hits = termbase_hits(&f, text, &sel("vi"), &sel("en"));
        let seen: Vec<_> = hits
            .iter()
            .map(|h| {
                (
                    h.concept,
                    h.span.text.as_str(),
                    h.span.column,
                    h.target.map(|t| t.term.as_str()),
                )
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                ("mps", "Bo cong an", 1, Some("Ministry of Public Security")),
                ("police", "công an", 15, Some("police")),
            ]
        );
    }

    #[test]
    fn whole_words_only_and_only_the_source_language() {
        let f = finder();
        assert!(termbase_hits(&f, "côngan", &sel("vi"), &sel("en")).is_empty());
        assert!(termbase_hits(&f, "Bộ Công an", &sel("id"), &sel("en")).is_empty());
    }

    #[test]
    fn inflected_indonesian_forms_are_found() {
        let f = finder();
        let hits = termbase_hits(&f, "Komite Pengarahnya bertemu", &sel("id"), &sel("en"));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].span.text, "Komite Pengarahnya");
        assert_eq!(hits[0].target.unwrap().term, "Steering Committee");
    }

    #[test]
    fn a_deprecated_term_names_the_preferred_one() {
        let f = finder();
        let hits = termbase_hits(
            &f,
            "Rapat Panitia Pengarah hari ini",
            &sel("id"),
            &sel("en"),
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].term.term, "Panitia Pengarah");
        assert_eq!(hits[0].use_instead.unwrap().term, "Komite Pengarah");
        assert_eq!(hits[0].target.unwrap().term, "Steering Committee");
    }
}
