//! `tm search`: the stored segments closest to a sentence, with their
//! translations and the words that differ.
//!
//! The score is [`super::score::percentage`]. Finding the segments that
//! reach `--min` goes through a candidate step and a verification step:
//!
//! - [`Strategy::Scan`] reads every segment of the source language: the
//!   reference, obviously complete.
//! - [`Strategy::INDEX`] reads only segments that could reach `--min`:
//!   their word count must lie in [`length_range`], and they must share at
//!   least `t = min_common_words(n)` of the query's `n` words. A segment
//!   that shares `t` words must hold one of *any* `n - t + 1` of the
//!   query's words (counted with repetition), so only the postings of
//!   the query's rarest words are read from the inverted index (a prefix
//!   filter), and a segment must appear in enough of them (a count
//!   filter, see [`super::filter`]). Only the segments that pass are read.
//!
//! Both hand their candidates to the same verification, ranking and
//! tie-breaking, and neither filter can drop a segment that reaches `--min`
//! (see [`super::score`]), so the two strategies return identical results;
//! the tests compare them.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::Serialize;

use super::filter::{POSTING_BUDGET, choose_words};
use super::score::{
    WordChange, bounded_distance, length_range, max_distance, min_common_words, percentage,
    word_changes,
};
use super::source::SegmentSource;
use crate::error::{Error, Result};
use crate::model::Lang;
use crate::model::unit::{LangSelector, Segment};
use crate::model::unit::{SegmentFilter, SegmentRow, StoredUnit};
use crate::normalize::{Folded, column_at, fold, tone_key};

/// The default `--min`.
pub const DEFAULT_MIN: u8 = 75;
/// The default `--limit`.
pub const DEFAULT_LIMIT: usize = 5;

/// How candidates are found; the results are the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// Every segment of the source language.
    Scan,
    /// The inverted index with the length, prefix and count filters;
    /// `budget` is how many postings the count filter may read beyond the
    /// prefix ([`Strategy::INDEX`] uses [`POSTING_BUDGET`]).
    Index { budget: i64 },
}

impl Strategy {
    /// The inverted index with the default posting budget.
    pub const INDEX: Strategy = Strategy::Index {
        budget: POSTING_BUDGET,
    };
}

/// What to search for.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub sentence: &'a str,
    pub from: &'a LangSelector,
    pub to: &'a LangSelector,
    pub min: u8,
    pub limit: usize,
}

/// A stretch of a text, for showing: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// 1-based column of its first character, in code points.
    pub column: usize,
    /// Length in code points.
    pub length: usize,
    pub text: String,
    /// Byte range in the text it was taken from.
    #[serde(skip)]
    pub bytes: (usize, usize),
}

impl Span {
    /// The span of `original[start..end]`.
    pub fn of(original: &str, start: usize, end: usize) -> Span {
        let text = &original[start..end];
        Span {
            column: column_at(original, start),
            length: text.chars().count(),
            text: text.to_string(),
            bytes: (start, end),
        }
    }
}

/// Words where the stored segment and the sentence differ: the segment's
/// words `tm` stand where the sentence has `query`. One of them may be
/// missing (words only in the sentence, or only in the segment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub tm: Option<Span>,
    pub query: Option<Span>,
    /// Where in the stored segment the sentence's words would go when
    /// `tm` is `None`: the byte offset where the next word of the segment
    /// starts, or, past the last word, where that word ends.
    #[serde(skip)]
    pub insert_at: usize,
    /// Whether `insert_at` is the start of a following word (else the end
    /// of the segment's last word).
    #[serde(skip)]
    pub insert_before_word: bool,
}

/// One fuzzy match.
#[derive(Debug, Clone)]
pub struct Match {
    pub score: u8,
    pub unit: StoredUnit,
    /// The stored segment in the source language.
    pub source: Segment,
    /// The stored translation.
    pub target: Segment,
    pub differences: Vec<Difference>,
}

/// A scored candidate, before its unit is read.
#[derive(Debug, Clone)]
struct Scored {
    score: u8,
    same_diacritics: bool,
    row: SegmentRow,
}

/// Best first: score, then a match that also has the sentence's
/// diacritics, then the newest unit, then the earliest stored.
fn rank(a: &Scored, b: &Scored) -> Ordering {
    b.score
        .cmp(&a.score)
        .then(b.same_diacritics.cmp(&a.same_diacritics))
        .then(b.row.created.cmp(&a.row.created))
        .then(a.row.unit_id.cmp(&b.row.unit_id))
        .then(a.row.segment_id.cmp(&b.row.segment_id))
}

/// The folded query with its words.
struct QueryForms {
    folded: Folded,
    words: Vec<String>,
    tone: String,
}

impl QueryForms {
    fn new(sentence: &str) -> Result<QueryForms> {
        let folded = fold(sentence);
        let words: Vec<String> = folded.words().map(|(_, w)| w.to_string()).collect();
        if words.is_empty() {
            return Err(Error::Usage(format!(
                "\"{sentence}\" has no words to search for"
            )));
        }
        Ok(QueryForms {
            words,
            tone: tone_key(sentence),
            folded,
        })
    }
}

/// The segments that can reach `--min`, in ascending order, found by the
/// prefix and count filters of [`choose_words`]. `None` when no filter
/// applies (`t` = 0: every segment can reach `--min`).
fn candidate_ids(
    store: &dyn SegmentSource,
    req: &Request<'_>,
    words: &[String],
    budget: i64,
) -> Result<Option<Vec<i64>>> {
    let n = words.len();
    let t = min_common_words(n, req.min);
    if t == 0 {
        return Ok(None);
    }
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    // The index is kept per primary subtag; for `--from en-US` the `en`
    // postings are a superset, and the segment filter narrows them.
    let stats = store.word_stats(Some(req.from.base()), &refs)?;
    let known: HashMap<&str, (i64, i64)> = stats
        .iter()
        .map(|s| (s.word.as_str(), (s.id, s.segments)))
        .collect();
    let occurrences: Vec<(i64, &str)> = refs
        .iter()
        .map(|w| (known.get(w).map_or(0, |k| k.1), *w))
        .collect();
    let (chosen, required) = choose_words(occurrences, n, t, budget);
    // A segment counts every chosen occurrence of a word it holds: at
    // least as many as it really shares, so the bound stays safe.
    let mut lists: Vec<(Vec<i64>, usize)> = Vec::with_capacity(chosen.len());
    for (word, weight) in &chosen {
        if let Some(&(id, _)) = known.get(word) {
            lists.push((store.postings(id)?, *weight));
        }
    }
    let ids = counted_at_least(&lists, required);
    Ok(Some(ids))
}

/// The ids found in ascending lists `lists` whose weights, summed over the
/// lists holding them, reach `required`, in ascending order.
///
/// The lists are merged one at a time, shortest first, into a running
/// list of ids with the weight found so far. An id that could not reach
/// `required` even if every list still to come held it is dropped at once,
/// so once the weight left is small the running list shrinks to the few
/// real candidates, and each merge is a linear walk over two sorted lists:
/// a dozen lists of thousands of ids are counted in a fraction of a
/// millisecond, where a hash map of counts took several.
fn counted_at_least(lists: &[(Vec<i64>, usize)], required: usize) -> Vec<i64> {
    let mut order: Vec<&(Vec<i64>, usize)> = lists.iter().collect();
    order.sort_by_key(|(ids, _)| ids.len());
    let mut remaining: usize = lists.iter().map(|(_, weight)| weight).sum();
    let mut running: Vec<(i64, usize)> = Vec::new();
    for (ids, weight) in order {
        remaining -= weight;
        let keep = |found: usize| found + remaining >= required;
        let mut merged = Vec::with_capacity(running.len() + ids.len());
        let (mut i, mut j) = (0, 0);
        while i < running.len() || j < ids.len() {
            let (id, found) = match (running.get(i), ids.get(j)) {
                (Some(&(a, found)), Some(&b)) if a == b => {
                    i += 1;
                    j += 1;
                    (a, found + weight)
                }
                (Some(&(a, found)), Some(&b)) if a < b => {
                    i += 1;
                    (a, found)
                }
                (Some(&(a, found)), None) => {
                    i += 1;
                    (a, found)
                }
                (_, Some(&b)) => {
                    j += 1;
                    (b, *weight)
                }
                (None, None) => unreachable!("the loop stops when both are done"),
            };
            if keep(found) {
                merged.push((id, found));
            }
        }
        running = merged;
    }
    running
        .into_iter()
        .filter(|&(_, found)| found >= required)
        .map(|(id, _)| id)
        .collect()
}

/// The score of a stored segment (its folded text) against the query's
/// words, if it reaches `min`.
fn verify(query: &[String], folded: &str, min: u8) -> Option<u8> {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let m = query.len().max(words.len());
    let d = bounded_distance(query, &words, max_distance(m, min))?;
    let score = percentage(d, query.len(), words.len());
    (score >= min).then_some(score)
}

/// The candidates that reach `--min`, checked on the folded text alone
/// (language, length, score) so that only matches are read in full.
fn verified_on_folded_text(
    store: &dyn SegmentSource,
    req: &Request<'_>,
    query: &[String],
    ids: &[i64],
) -> Result<Vec<i64>> {
    let lengths = length_range(query.len(), req.min);
    let mut passed = Vec::new();
    store.folded(ids, &mut |id, lang, words, folded| {
        let lang_ok = req.from.matches(&Lang::from_store(lang));
        if lang_ok && lengths.contains(&words) && verify(query, folded, req.min).is_some() {
            passed.push(id);
        }
        Ok(())
    })?;
    Ok(passed)
}

/// The best matches for `req`, best first.
pub fn search(
    store: &dyn SegmentSource,
    req: &Request<'_>,
    strategy: Strategy,
) -> Result<Vec<Match>> {
    let query = QueryForms::new(req.sentence)?;
    let n = query.words.len();
    let candidates = match strategy {
        Strategy::Scan => None,
        Strategy::Index { budget } => match candidate_ids(store, req, &query.words, budget)? {
            None => None,
            Some(ids) => Some(verified_on_folded_text(store, req, &query.words, &ids)?),
        },
    };
    let filter = SegmentFilter {
        ids: candidates.as_deref(),
        lang: Some(req.from),
        words: (strategy != Strategy::Scan).then(|| length_range(n, req.min)),
        unit_has: Some(req.to),
    };
    let mut scored: Vec<Scored> = Vec::new();
    store.segments(&filter, &mut |row| {
        if let Some(score) = verify(&query.words, &row.folded, req.min) {
            scored.push(Scored {
                score,
                same_diacritics: tone_key(&row.text) == query.tone,
                row,
            });
        }
        Ok(())
    })?;
    // A unit with several segments `--from` matches (en-GB and en-US for
    // `--from en`) is one match: its segment in the exact tag when that
    // one matched, else the first matching one in tag order.
    scored.sort_by(|a, b| {
        let key = |s: &Scored| {
            let lang = Lang::from_store(&s.row.lang);
            (
                *lang.as_str() != *req.from.tag.as_str(),
                lang.report_rank(),
                lang,
            )
        };
        a.row
            .unit_id
            .cmp(&b.row.unit_id)
            .then_with(|| key(a).cmp(&key(b)))
    });
    scored.dedup_by_key(|s| s.row.unit_id);
    scored.sort_by(rank);
    scored.truncate(req.limit);
    scored
        .into_iter()
        .map(|s| finish(store, req, &query, s))
        .collect()
}

/// Reads the unit of a scored segment and works out the differences.
fn finish(
    store: &dyn SegmentSource,
    req: &Request<'_>,
    query: &QueryForms,
    s: Scored,
) -> Result<Match> {
    let unit = store.unit(s.row.unit_id)?.ok_or_else(|| {
        Error::Internal(format!("unit {} vanished during the search", s.row.unit_id))
    })?;
    let source = Segment {
        lang: Lang::from_store(&s.row.lang),
        text: s.row.text.clone(),
    };
    let target = unit
        .unit
        .segments
        .iter()
        .find(|seg| req.to.matches(&seg.lang) && seg.lang != source.lang)
        .cloned()
        .ok_or_else(|| {
            Error::Internal(format!("unit {} lost its {} segment", unit.id, req.to.tag))
        })?;
    let differences = differences(&source.text, &query.folded, req.sentence);
    Ok(Match {
        score: s.score,
        unit,
        source,
        target,
        differences,
    })
}

/// The words where stored text `tm` and the query differ, as spans of the
/// original texts.
pub fn differences(tm: &str, query: &Folded, sentence: &str) -> Vec<Difference> {
    let tm_folded = fold(tm);
    let tm_words: Vec<(usize, &str)> = tm_folded.words().collect();
    let q_words: Vec<(usize, &str)> = query.words().collect();
    let tm_plain: Vec<&str> = tm_words.iter().map(|w| w.1).collect();
    let q_plain: Vec<&str> = q_words.iter().map(|w| w.1).collect();
    let span =
        |folded: &Folded, original: &str, words: &[(usize, &str)], run: &std::ops::Range<usize>| {
            if run.is_empty() {
                return None;
            }
            let first = words[run.start];
            let last = words[run.end - 1];
            let (start, _) = folded.original_range(first.0, first.0 + first.1.len());
            let (_, end) = folded.original_range(last.0, last.0 + last.1.len());
            Some(Span::of(original, start, end))
        };
    word_changes(&tm_plain, &q_plain)
        .iter()
        .map(
            |WordChange {
                 tm: run,
                 query: q_run,
             }| {
                let (insert_at, insert_before_word) = if run.start < tm_words.len() {
                    let w = tm_words[run.start];
                    (tm_folded.original_range(w.0, w.0 + w.1.len()).0, true)
                } else if let Some(w) = tm_words.last() {
                    (tm_folded.original_range(w.0, w.0 + w.1.len()).1, false)
                } else {
                    (0, true)
                };
                Difference {
                    tm: span(&tm_folded, tm, &tm_words, run),
                    query: span(query, sentence, &q_words, q_run),
                    insert_at,
                    insert_before_word,
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(tm: &str, sentence: &str) -> Vec<(Option<String>, Option<String>)> {
        differences(tm, &fold(sentence), sentence)
            .into_iter()
            .map(|d| (d.tm.map(|s| s.text), d.query.map(|s| s.text)))
            .collect()
    }

    #[test]
    fn differences_are_shown_in_the_original_spelling() {
        assert_eq!(
            diff(
                "Bộ Công an là cơ quan thường trực của Ban Chỉ đạo.",
                "Bo Cong an la co quan chu tri cua Ban Chi dao quoc gia"
            ),
            vec![
                (Some("thường trực".into()), Some("chu tri".into())),
                (None, Some("quoc gia".into())),
            ]
        );
        // Punctuation and case are not differences.
        assert!(diff("Hà Nội, 25/10.", "ha noi 25 10").is_empty());
    }

    #[test]
    fn candidates_reach_the_required_weight() {
        let lists = vec![
            (vec![1, 4, 7, 9], 1),
            (vec![4, 9, 12], 2),
            (vec![2, 4, 12], 1),
        ];
        assert_eq!(counted_at_least(&lists, 1), vec![1, 2, 4, 7, 9, 12]);
        // 4: 1 + 2 + 1; 9: 1 + 2; 12: 2 + 1.
        assert_eq!(counted_at_least(&lists, 3), vec![4, 9, 12]);
        assert_eq!(counted_at_least(&lists, 4), vec![4]);
        assert!(counted_at_least(&lists, 5).is_empty());
        assert!(counted_at_least(&[], 1).is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;
        use std::collections::BTreeMap;

        proptest! {
            /// The merge finds exactly the ids whose summed weight reaches
            /// `required`, as counting every id one by one does.
            #[test]
            fn the_merge_counts_as_a_tally_does(
                lists in proptest::collection::vec(
                    (proptest::collection::btree_set(1i64..60, 0..25), 1usize..4),
                    0..7,
                ),
                required in 1usize..8,
            ) {
                let lists: Vec<(Vec<i64>, usize)> = lists
                    .into_iter()
                    .map(|(ids, weight)| (ids.into_iter().collect(), weight))
                    .collect();
                let mut tally: BTreeMap<i64, usize> = BTreeMap::new();
                for (ids, weight) in &lists {
                    for id in ids {
                        *tally.entry(*id).or_default() += weight;
                    }
                }
                let expected: Vec<i64> = tally
                    .into_iter()
                    .filter(|&(_, w)| w >= required)
                    .map(|(id, _)| id)
                    .collect();
                prop_assert_eq!(counted_at_least(&lists, required), expected);
            }
        }
    }

    #[test]
    fn spans_count_code_points() {
        let d = differences(
            "Đã ký tại Hà Nội",
            &fold("Đã ký ở Hà Nội"),
            "Đã ký ở Hà Nội",
        );
        let tm = d[0].tm.as_ref().unwrap();
        assert_eq!((tm.column, tm.length, tm.text.as_str()), (7, 3, "tại"));
        let q = d[0].query.as_ref().unwrap();
        assert_eq!((q.column, q.length, q.text.as_str()), (7, 1, "ở"));
    }

    #[test]
    fn insertions_point_at_the_next_word_or_the_end() {
        let tm = "Công ước Hà Nội.";
        let d = differences(tm, &fold("Công ước tại Hà Nội"), "Công ước tại Hà Nội");
        assert_eq!(d[0].insert_at, tm.find("Hà").unwrap());
        assert!(d[0].insert_before_word);
        let d = differences(tm, &fold("Công ước Hà Nội 2025"), "Công ước Hà Nội 2025");
        assert_eq!(d[0].insert_at, tm.find('.').unwrap());
        assert!(!d[0].insert_before_word);
    }
}
