//! Fuzzy lookup over every term of every language.
//!
//! Terms are compared in their folded form (see [`crate::normalize`]), so
//! case, diacritics, `đ`, tone-mark placement, NFC/NFD and hyphens cannot
//! cause a miss. On top of that the score ([`score`]) forgives typos
//! (Damerau–Levenshtein, so a swapped pair of letters is one edit), word
//! order (words compared sorted) and partial queries (every query word
//! found among the term's words, scored by how much of the term they
//! cover). The [`index`] finds the terms worth scoring without reading the
//! whole termbase.
//!
//! Among equal scores, a hit that also matches the query's diacritics
//! ranks first (`Hòa` before `Hoa` for the query `hoà`), then preferred
//! before admitted before deprecated terms, then concepts by slug.

pub mod index;
pub mod score;

use std::collections::HashMap;

use crate::error::Result;
use crate::lint::stem::{Dictionary, stem};
use crate::model::{Concept, Term};
use crate::normalize::{fold_key, tone_key};
pub use index::LookupIndex;

/// The default `--min`: below it, hits are mostly noise.
pub const DEFAULT_MIN_SCORE: u8 = 60;
/// The default `--limit`.
pub const DEFAULT_LIMIT: usize = 10;

/// A concept found by a query.
#[derive(Debug, Clone)]
pub struct Hit {
    pub score: u8,
    /// The term that matched best.
    pub matched: Term,
    pub concept: Concept,
    /// For a deprecated or superseded match: the preferred term of the
    /// matched term's language.
    pub use_instead: Option<Term>,
}

/// What to search.
#[derive(Debug, Clone)]
pub struct Query<'q> {
    pub text: &'q str,
    /// Only match terms of this language (all are still shown).
    pub lang: Option<&'q str>,
    pub limit: usize,
    pub min_score: u8,
}

/// Where the terms behind the index's ids come from: the store, or a map
/// in tests.
pub trait TermSource {
    /// The terms with these ids (ids not found are left out).
    fn terms_by_id(&self, ids: &[u64]) -> Result<Vec<(u64, Term)>>;
    /// One concept with all its terms.
    fn concept(&self, slug: &str) -> Result<Option<Concept>>;
}

/// How many folded strings are resolved to terms at a time.
const RESOLVE_BATCH: usize = 64;

/// The highest score of a hit found through the query's Indonesian
/// inflection (`ratifikasinya` for `ratifikasi`): just below a match
/// equal but for spaces and hyphens.
pub const INFLECTED_SCORE: u8 = 98;

/// The query with each Indonesian inflected word reduced to the root a
/// glossary term uses, as lint's matcher reduces words (`ratifikasinya`,
/// `meratifikasi` → `ratifikasi`); `None` when no word changes. Noun
/// formation is not undone (`penandatanganan` is not `tanda tangan`).
fn uninflected(index: &LookupIndex, text: &str) -> Option<String> {
    struct Words<'i>(&'i LookupIndex);
    impl Dictionary for Words<'_> {
        fn contains(&self, word: &str) -> bool {
            self.0.has_word(word)
        }
    }
    let folded = fold_key(text);
    let mut changed = false;
    let words: Vec<String> = folded
        .split(' ')
        .map(|w| match stem(w, &Words(index)) {
            Some(a) if !a.is_bare() && a.keeps_meaning() => {
                changed = true;
                a.root
            }
            _ => w.to_string(),
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// Runs `query` against `index`, resolving hits through `source`. One hit
/// per concept, best first, at most `query.limit`. A query with
/// Indonesian inflected words is also searched with them reduced to their
/// roots; hits found that way score at most [`INFLECTED_SCORE`].
pub fn search(index: &LookupIndex, source: &dyn TermSource, query: &Query<'_>) -> Result<Vec<Hit>> {
    let mut scored = index.search(query.text, query.min_score);
    if query.lang.is_none_or(|l| l == "id")
        && let Some(roots) = uninflected(index, query.text)
    {
        let mut best: HashMap<u32, u8> = scored.iter().copied().collect();
        for (ordinal, score) in index.search(&roots, query.min_score) {
            let score = score.min(INFLECTED_SCORE);
            if score < query.min_score {
                continue;
            }
            let entry = best.entry(ordinal).or_insert(0);
            *entry = (*entry).max(score);
        }
        scored = best.into_iter().collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    let query_tone = tone_key(query.text);
    // Per concept: the best (score, exact diacritics, status) and its term.
    let mut best: HashMap<String, (u8, bool, Term)> = HashMap::new();
    let mut next = 0;
    while next < scored.len() {
        let batch = &scored[next..(next + RESOLVE_BATCH).min(scored.len())];
        next += batch.len();
        let ids: Vec<u64> = batch.iter().flat_map(|(o, _)| index.term_ids(*o)).collect();
        let terms: HashMap<u64, Term> = source.terms_by_id(&ids)?.into_iter().collect();
        for (ordinal, score) in batch {
            for id in index.term_ids(*ordinal) {
                let Some(term) = terms.get(&id) else { continue };
                if query.lang.is_some_and(|l| l != term.lang.as_str()) {
                    continue;
                }
                let exact = *score == 100 && tone_key(&term.term) == query_tone;
                let better = match best.get(&term.concept) {
                    None => true,
                    Some((s, x, t)) => {
                        (*score, exact, std::cmp::Reverse(term.status))
                            > (*s, *x, std::cmp::Reverse(t.status))
                    }
                };
                if better {
                    best.insert(term.concept.clone(), (*score, exact, term.clone()));
                }
            }
        }
        // Strings not resolved yet score at most this; once enough concepts
        // score strictly more, nothing left can change the result.
        if let Some((_, remaining)) = scored.get(next) {
            let ahead = best.values().filter(|(s, _, _)| s > remaining).count();
            if ahead >= query.limit {
                break;
            }
        }
    }
    let mut ranked: Vec<(u8, bool, Term)> = best.into_values().collect();
    ranked.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.status.cmp(&b.2.status))
            .then(a.2.concept.cmp(&b.2.concept))
    });
    ranked.truncate(query.limit);
    let mut hits = Vec::with_capacity(ranked.len());
    for (score, _, matched) in ranked {
        let Some(concept) = source.concept(&matched.concept)? else {
            continue;
        };
        let use_instead = (!matched.status.is_allowed())
            .then(|| concept.preferred(matched.lang.as_str()).cloned())
            .flatten();
        hits.push(Hit {
            score,
            matched,
            concept,
            use_instead,
        });
    }
    Ok(hits)
}

/// An in-memory termbase for callers without a store (tests, benchmarks).
pub struct MemorySource {
    terms: Vec<Term>,
}

impl MemorySource {
    /// Term ids are positions in `concepts`' terms, counted from 1.
    pub fn new(concepts: Vec<Concept>) -> MemorySource {
        MemorySource {
            terms: concepts.into_iter().flat_map(|c| c.terms).collect(),
        }
    }

    /// The index of these terms.
    pub fn index(&self) -> LookupIndex {
        let bytes = LookupIndex::build(
            0,
            self.terms
                .iter()
                .enumerate()
                .map(|(i, t)| (i as u64 + 1, t.term.as_str())),
        );
        LookupIndex::open(index::Bytes::Owned(bytes)).expect("freshly built")
    }
}

impl TermSource for MemorySource {
    fn terms_by_id(&self, ids: &[u64]) -> Result<Vec<(u64, Term)>> {
        Ok(ids
            .iter()
            .filter_map(|&id| {
                self.terms
                    .get(id.checked_sub(1)? as usize)
                    .map(|t| (id, t.clone()))
            })
            .collect())
    }

    fn concept(&self, slug: &str) -> Result<Option<Concept>> {
        let terms: Vec<Term> = self
            .terms
            .iter()
            .filter(|t| t.concept == slug)
            .cloned()
            .collect();
        Ok(terms.first().map(|t| Concept {
            concept: slug.to_string(),
            category: t.category.clone(),
            terms: terms.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn concept(slug: &str, terms: &[(&str, &str, Status)]) -> Concept {
        Concept::with_terms(slug, terms)
    }

    fn index() -> MemorySource {
        use Status::*;
        MemorySource::new(vec![
            concept(
                "mps",
                &[
                    ("vi", "Bộ Công an", Preferred),
                    ("id", "Kementerian Keamanan Publik", Preferred),
                    ("en", "Ministry of Public Security", Preferred),
                ],
            ),
            concept(
                "mofa",
                &[
                    ("vi", "Bộ Ngoại giao", Preferred),
                    ("id", "Kementerian Luar Negeri", Preferred),
                ],
            ),
            concept(
                "committee",
                &[
                    ("vi", "Ủy ban", Preferred),
                    ("id", "Komite Pengarah", Preferred),
                    ("id", "Panitia Pengarah", Deprecated),
                ],
            ),
            concept(
                "pm",
                &[
                    ("vi", "Phạm Minh Chính", Preferred),
                    ("id", "Pham Minh Chinh", Preferred),
                ],
            ),
            concept("un", &[("id", "Perserikatan Bangsa-Bangsa", Preferred)]),
            concept(
                "ratification",
                &[
                    ("id", "ratifikasi", Preferred),
                    ("id", "tanda tangan", Admitted),
                ],
            ),
        ])
    }

    fn run(source: &MemorySource, q: &Query<'_>) -> Vec<Hit> {
        search(&source.index(), source, q).unwrap()
    }

    fn top(source: &MemorySource, text: &str) -> Option<(String, u8)> {
        let q = Query {
            text,
            lang: None,
            limit: 10,
            min_score: DEFAULT_MIN_SCORE,
        };
        run(source, &q)
            .first()
            .map(|h| (h.concept.concept.clone(), h.score))
    }

    #[test]
    fn forgives_diacritics_case_tone_placement_and_nfd() {
        let ix = index();
        assert_eq!(top(&ix, "bo cong an"), Some(("mps".into(), 100)));
        assert_eq!(top(&ix, "BỘ CÔNG AN"), Some(("mps".into(), 100)));
        assert_eq!(top(&ix, "Uỷ ban"), Some(("committee".into(), 100)));
        let nfd: String =
            unicode_normalization::UnicodeNormalization::nfd("Phạm Minh Chính").collect();
        assert_eq!(top(&ix, &nfd), Some(("pm".into(), 100)));
    }

    #[test]
    fn forgives_typos_word_order_hyphens_and_partial_queries() {
        let ix = index();
        let (c, s) = top(&ix, "Kementrian Keamanan Publk").unwrap();
        assert_eq!(c, "mps");
        assert!((80..95).contains(&s), "{s}");
        assert_eq!(top(&ix, "Chinh Pham Minh"), Some(("pm".into(), 97)));
        assert_eq!(
            top(&ix, "Perserikatan Bangsa Bangsa"),
            Some(("un".into(), 100))
        );
        assert_eq!(
            top(&ix, "PerserikatanBangsaBangsa"),
            Some(("un".into(), 99))
        );
        assert_eq!(top(&ix, "keamanan publik").unwrap().0, "mps");
    }

    #[test]
    fn inflected_indonesian_queries_find_their_term() {
        let ix = index();
        assert_eq!(
            top(&ix, "ratifikasinya"),
            Some(("ratification".into(), INFLECTED_SCORE))
        );
        assert_eq!(
            top(&ix, "meratifikasi"),
            Some(("ratification".into(), INFLECTED_SCORE))
        );
        assert_eq!(top(&ix, "ratifikasi"), Some(("ratification".into(), 100)));
        // Noun formation makes another word.
        assert_ne!(
            top(&ix, "penandatanganan").map(|h| h.1),
            Some(INFLECTED_SCORE)
        );
    }

    #[test]
    fn deprecated_hit_names_the_preferred_term() {
        let ix = index();
        let q = Query {
            text: "panitia pengarah",
            lang: None,
            limit: 10,
            min_score: 60,
        };
        let hits = run(&ix, &q);
        assert_eq!(hits[0].matched.term, "Panitia Pengarah");
        assert_eq!(
            hits[0].use_instead.as_ref().unwrap().term,
            "Komite Pengarah"
        );
    }

    #[test]
    fn noise_is_kept_out_and_lang_filter_applies() {
        let ix = index();
        assert_eq!(top(&ix, "xyzzy"), None);
        assert_eq!(top(&ix, "an"), None);
        let in_lang = |lang| Query {
            text: "keamanan publik",
            lang: Some(lang),
            limit: 10,
            min_score: 60,
        };
        let hits = run(&ix, &in_lang("id"));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].matched.lang.as_str(), "id");
        assert!(run(&ix, &in_lang("vi")).is_empty());
    }

    #[test]
    fn short_words_of_a_partial_query_must_match_exactly() {
        use Status::*;
        let ix = MemorySource::new(vec![
            concept("crime", &[("vi", "hình sự hóa", Preferred)]),
            concept("peace", &[("vi", "Thành phố vì hòa bình", Preferred)]),
        ]);
        assert_eq!(top(&ix, "hoa binh").unwrap().0, "peace");
        let q = Query {
            text: "hoa binh",
            lang: None,
            limit: 10,
            min_score: 60,
        };
        assert_eq!(run(&ix, &q).len(), 1);
    }

    #[test]
    fn exact_diacritics_rank_first_among_equals() {
        use Status::*;
        let ix = MemorySource::new(vec![
            concept("a", &[("vi", "ma", Preferred)]),
            concept("b", &[("vi", "mà", Preferred)]),
        ]);
        assert_eq!(top(&ix, "mà").unwrap().0, "b");
        assert_eq!(top(&ix, "ma").unwrap().0, "a");
    }
}
