//! Fuzzy lookup over every term of every language.
//!
//! Terms are compared in their folded form (see [`crate::normalize`]), so
//! case, diacritics, `đ`, tone-mark placement, NFC/NFD and hyphens cannot
//! cause a miss. On top of that the score forgives typos (Damerau–
//! Levenshtein, so a swapped pair of letters is one edit), word order
//! (words compared sorted) and partial queries (every query word found,
//! fuzzily, among the term's words; scored by how much of the term they
//! cover).
//!
//! Scores run 0–100: 100 is equality after folding, 99 equality up to
//! spaces and hyphens, 97 the same words in another order; fuzzy matches
//! score at most 95: the whole-string similarity squared times 95, or for
//! a partial query up to 90 by the share of the term it covers. Among equal scores, a hit that also matches the query's
//! diacritics ranks first (`Hòa` before `Hoa` for the query `hoà`).

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Concept, Term};
use crate::normalize::{fold_key, tone_key};

/// The default `--min`: below it, hits are mostly noise.
pub const DEFAULT_MIN_SCORE: u8 = 60;
/// The default `--limit`.
pub const DEFAULT_LIMIT: usize = 10;

/// One entry of the index: a term with its folded forms.
struct Entry {
    concept: usize,
    term: usize,
    folded: String,
    sorted_words: String,
    compact: String,
    tone: String,
}

/// An in-memory index of a termbase, built once per process.
pub struct Index {
    concepts: Vec<Concept>,
    entries: Vec<Entry>,
}

/// A concept found by a query.
#[derive(Debug, Clone, Serialize)]
pub struct Hit<'a> {
    pub score: u8,
    /// The term that matched best.
    pub matched: &'a Term,
    pub concept: &'a Concept,
    /// For a deprecated or superseded match: the preferred term of the
    /// matched term's language.
    pub use_instead: Option<&'a Term>,
    #[serde(skip)]
    exact_diacritics: bool,
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

fn sorted_words(folded: &str) -> String {
    let mut words: Vec<&str> = folded.split(' ').collect();
    words.sort_unstable();
    words.join(" ")
}

fn compact(folded: &str) -> String {
    folded.replace(' ', "")
}

impl Index {
    pub fn new(concepts: Vec<Concept>) -> Index {
        let mut entries = Vec::new();
        for (ci, c) in concepts.iter().enumerate() {
            for (ti, t) in c.terms.iter().enumerate() {
                let folded = fold_key(&t.term);
                entries.push(Entry {
                    concept: ci,
                    term: ti,
                    sorted_words: sorted_words(&folded),
                    compact: compact(&folded),
                    tone: tone_key(&t.term),
                    folded,
                });
            }
        }
        Index { concepts, entries }
    }

    /// The best hits for `query`, best first, at most `limit`, none below
    /// `min_score`; one hit per concept.
    pub fn search(&self, query: &Query<'_>) -> Vec<Hit<'_>> {
        let folded = fold_key(query.text);
        if folded.is_empty() {
            return Vec::new();
        }
        let q = QueryForms {
            sorted: sorted_words(&folded),
            compact: compact(&folded),
            words: folded.split(' ').map(str::to_string).collect(),
            tone: tone_key(query.text),
            folded,
        };
        let mut best: HashMap<usize, (u8, bool, usize)> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let t = &self.concepts[e.concept].terms[e.term];
            if query.lang.is_some_and(|l| l != t.lang.as_str()) {
                continue;
            }
            let score = score(&q, e);
            if score < query.min_score {
                continue;
            }
            let exact = score == 100 && e.tone == q.tone;
            let rank = (score, exact);
            match best.get(&e.concept) {
                Some((s, x, _)) if (*s, *x) >= rank => {}
                _ => {
                    best.insert(e.concept, (score, exact, i));
                }
            }
        }
        let mut hits: Vec<Hit<'_>> = best
            .into_values()
            .map(|(score, exact, i)| {
                let e = &self.entries[i];
                let concept = &self.concepts[e.concept];
                let matched = &concept.terms[e.term];
                let use_instead = (!matched.status.is_allowed())
                    .then(|| concept.preferred(matched.lang.as_str()))
                    .flatten();
                Hit {
                    score,
                    matched,
                    concept,
                    use_instead,
                    exact_diacritics: exact,
                }
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(b.exact_diacritics.cmp(&a.exact_diacritics))
                .then(a.matched.status.cmp(&b.matched.status))
                .then(a.concept.concept.cmp(&b.concept.concept))
        });
        hits.truncate(query.limit);
        hits
    }
}

struct QueryForms {
    folded: String,
    sorted: String,
    compact: String,
    words: Vec<String>,
    tone: String,
}

fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_damerau_levenshtein(a, b)
}

/// Scores one term against the query; see the module documentation.
fn score(q: &QueryForms, e: &Entry) -> u8 {
    if q.folded == e.folded {
        return 100;
    }
    if q.compact == e.compact {
        return 99;
    }
    if q.sorted == e.sorted_words {
        return 97;
    }
    let whole = similarity(&q.folded, &e.folded).max(similarity(&q.sorted, &e.sorted_words));
    // Squared, so that short strings sharing half their letters (which
    // plain similarity rates 0.5–0.75) fall below the default minimum
    // while one or two typos in a long term still score in the 80s.
    let partial = partial_score(&q.words, &e.folded);
    ((whole * whole * 95.0).max(partial)).round().min(95.0) as u8
}

/// How alike two words are, or 0 when they are not the same word. Short
/// words must be equal: a Vietnamese syllable one letter away is another
/// word (`binh`/`hinh`), and so is a short Indonesian one. Longer words
/// may differ by typos up to a similarity of 0.75.
fn word_similarity(query_word: &str, term_word: &str) -> f64 {
    if query_word.len().min(term_word.len()) <= 4 {
        return if query_word == term_word { 1.0 } else { 0.0 };
    }
    let sim = similarity(query_word, term_word);
    if sim >= 0.75 { sim } else { 0.0 }
}

/// Every query word must match some word of the term (see
/// [`word_similarity`]);
/// the score grows with the share of the term's letters those words cover.
/// Queries shorter than three letters only ever match whole terms.
fn partial_score(query_words: &[String], term: &str) -> f64 {
    let query_len: usize = query_words.iter().map(|w| w.chars().count()).sum();
    if query_len < 3 {
        return 0.0;
    }
    let term_words: Vec<&str> = term.split(' ').collect();
    let mut used = vec![false; term_words.len()];
    let mut sim_sum = 0.0;
    let mut covered = 0usize;
    for qw in query_words {
        let best = term_words
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, tw)| (i, word_similarity(qw, tw)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, sim)) if sim > 0.0 => {
                used[i] = true;
                sim_sum += sim;
                covered += term_words[i].chars().count();
            }
            _ => return 0.0,
        }
    }
    let term_len: usize = term_words.iter().map(|w| w.chars().count()).sum();
    let coverage = covered as f64 / term_len.max(1) as f64;
    let avg = sim_sum / query_words.len() as f64;
    avg * (55.0 + 35.0 * coverage)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Status, TermType};

    fn concept(slug: &str, terms: &[(&str, &str, Status)]) -> Concept {
        Concept {
            concept: slug.into(),
            category: "general".into(),
            terms: terms
                .iter()
                .map(|(lang, text, status)| Term {
                    concept: slug.into(),
                    lang: lang.parse().unwrap(),
                    term: (*text).into(),
                    status: *status,
                    term_type: TermType::Full,
                    category: "general".into(),
                    note: String::new(),
                })
                .collect(),
        }
    }

    fn index() -> Index {
        use Status::*;
        Index::new(vec![
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
        ])
    }

    fn top(index: &Index, text: &str) -> Option<(String, u8)> {
        let q = Query {
            text,
            lang: None,
            limit: 10,
            min_score: DEFAULT_MIN_SCORE,
        };
        index
            .search(&q)
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
    fn deprecated_hit_names_the_preferred_term() {
        let ix = index();
        let q = Query {
            text: "panitia pengarah",
            lang: None,
            limit: 10,
            min_score: 60,
        };
        let hits = ix.search(&q);
        assert_eq!(hits[0].matched.term, "Panitia Pengarah");
        assert_eq!(hits[0].use_instead.unwrap().term, "Komite Pengarah");
    }

    #[test]
    fn noise_is_kept_out_and_lang_filter_applies() {
        let ix = index();
        assert_eq!(top(&ix, "xyzzy"), None);
        assert_eq!(top(&ix, "an"), None);
        let q = Query {
            text: "bo cong an",
            lang: Some("id"),
            limit: 10,
            min_score: 60,
        };
        assert!(
            ix.search(&q)
                .iter()
                .all(|h| h.matched.lang.as_str() == "id")
        );
    }

    #[test]
    fn short_words_of_a_partial_query_must_match_exactly() {
        use Status::*;
        let ix = Index::new(vec![
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
        assert_eq!(ix.search(&q).len(), 1);
    }

    #[test]
    fn exact_diacritics_rank_first_among_equals() {
        use Status::*;
        let ix = Index::new(vec![
            concept("a", &[("vi", "ma", Preferred)]),
            concept("b", &[("vi", "mà", Preferred)]),
        ]);
        assert_eq!(top(&ix, "mà").unwrap().0, "b");
        assert_eq!(top(&ix, "ma").unwrap().0, "a");
    }
}
