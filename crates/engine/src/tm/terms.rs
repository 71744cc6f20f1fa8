//! Glossary terms found in a sentence, shown beside the TM matches as CAT
//! tools show termbase hits: each with its concept and the preferred term
//! of the target language.
//!
//! Finding terms in text is what `lint` does with its own matcher
//! (inflection, rules). The TM only needs the occurrences, so it asks a
//! [`TermFinder`]; [`WordBoundaryFinder`] is the simple one used until the
//! lint matcher implements the trait: a term is found where its folded
//! words occur as whole words in the folded sentence, longest term first.

use std::collections::HashMap;

use super::search::Span;
use crate::model::unit::LangSelector;
use crate::model::{Concept, Term};
use crate::normalize::{fold, fold_key};

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

/// Whole-word search over folded text (see the module documentation).
pub struct WordBoundaryFinder {
    concepts: Vec<Concept>,
    /// Folded term -> (concept, term) indexes.
    by_folded: HashMap<String, Vec<(usize, usize)>>,
    /// The most words any term has: longer runs need not be looked up.
    max_words: usize,
}

impl WordBoundaryFinder {
    pub fn new(concepts: Vec<Concept>) -> WordBoundaryFinder {
        let mut by_folded: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut max_words = 0;
        for (ci, c) in concepts.iter().enumerate() {
            for (ti, t) in c.terms.iter().enumerate() {
                let key = fold_key(&t.term);
                if key.is_empty() {
                    continue;
                }
                max_words = max_words.max(key.split(' ').count());
                by_folded.entry(key).or_default().push((ci, ti));
            }
        }
        WordBoundaryFinder {
            concepts,
            by_folded,
            max_words,
        }
    }
}

impl TermFinder for WordBoundaryFinder {
    fn find<'t>(&'t self, text: &str, lang: &LangSelector) -> Vec<Occurrence<'t>> {
        let folded = fold(text);
        let words: Vec<(usize, &str)> = folded.words().collect();
        let mut out = Vec::new();
        let mut i = 0;
        // Left to right; at each word the longest term starting there wins
        // and the search resumes after it.
        while i < words.len() {
            let longest = (1..=self.max_words.min(words.len() - i))
                .rev()
                .find_map(|len| {
                    let first = words[i];
                    let last = words[i + len - 1];
                    let key = &folded.text[first.0..last.0 + last.1.len()];
                    let hits = self.by_folded.get(key)?;
                    let (ci, ti) = hits
                        .iter()
                        .copied()
                        .filter(|&(ci, ti)| lang.matches(&self.concepts[ci].terms[ti].lang))
                        // Prefer an allowed term when several concepts share a spelling.
                        .min_by_key(|&(ci, ti)| (self.concepts[ci].terms[ti].status, ci))?;
                    let (start, end) = folded.original_range(first.0, last.0 + last.1.len());
                    Some((len, ci, ti, start, end))
                });
            match longest {
                Some((len, ci, ti, start, end)) => {
                    let concept = &self.concepts[ci];
                    out.push(Occurrence {
                        concept,
                        term: &concept.terms[ti],
                        start,
                        end,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
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

    fn finder() -> WordBoundaryFinder {
        use Status::*;
        WordBoundaryFinder::new(vec![
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
