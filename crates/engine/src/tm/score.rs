//! The match percentage of a translation-memory hit, and the words that
//! make it less than 100.
//!
//! CAT tools score a fuzzy match by an edit distance over words. OmegaT
//! tokenizes both sentences, takes the Levenshtein distance `d` between the
//! two token lists and reports `(100 * (max(a, b) - d)) / max(a, b)` in
//! integer arithmetic, i.e. rounded down. translate-toolkit's comparer
//! computes `100 - 100 * d / max(a, b)` the same way over characters
//! (as a float). hcgloss follows OmegaT:
//!
//! ```text
//! score = floor(100 * (m - d) / m)     m = max(words in query, words in segment)
//!                                      d = word-level Levenshtein distance
//! ```
//!
//! Words are the folded words of [`crate::normalize::fold_key`]: case,
//! diacritics, tone-mark placement, NFC/NFD, punctuation and hyphens do not
//! count. Each inserted, deleted or replaced word costs 1; two words that
//! swap places cost 2 (Levenshtein, not Damerau, as in OmegaT).
//!
//! Rounding down rather than to nearest is deliberate: it makes 100 mean
//! "the same words" and nothing else (one changed word in 200 is 99, where
//! rounding would say 100), and it makes `--min` an exact bound on the
//! distance, which the candidate filters below rely on.
//!
//! The filters: a segment can only reach `min` when its length lies in
//! [`length_range`] and it shares at least [`min_common_words`] words with
//! the query (counted with repetition). Both follow from the formula, so
//! a search that skips segments failing them finds exactly what a full
//! scan finds.

use std::ops::Range;

/// The match percentage for a word-level distance `distance` between
/// sentences of `a` and `b` words. Two empty sentences score 0: there is
/// nothing to match.
pub fn percentage(distance: usize, a: usize, b: usize) -> u8 {
    let m = a.max(b);
    if m == 0 {
        return 0;
    }
    let d = distance.min(m);
    (100 * (m - d) / m) as u8
}

/// The largest distance that still scores `min` when the longer sentence
/// has `m` words: `100 (m - d) >= min m` holds exactly for
/// `d <= floor(m (100 - min) / 100)`.
pub fn max_distance(m: usize, min: u8) -> usize {
    m * (100 - min.min(100) as usize) / 100
}

/// The segment lengths (in words) that can score `min` against a query of
/// `n` words. A segment of `l` words is at least `|n - l|` edits away, so
/// `l` must satisfy `ceil(n min / 100) <= l <= floor(100 n / min)`.
/// With `min` = 0 every length can.
pub fn length_range(n: usize, min: u8) -> Range<usize> {
    if min == 0 {
        return 0..usize::MAX;
    }
    let min = min.min(100) as usize;
    let lo = (n * min).div_ceil(100);
    let hi = n * 100 / min;
    lo..hi + 1
}

/// How many words (counted with repetition) a segment must share with a
/// query of `n` words to score `min`: `ceil(n min / 100)`.
///
/// Why: an alignment with `k` matched words costs at least `m - k`, and
/// `k` cannot exceed the shared words `c`, so `d >= m - c`; with
/// `d <= max_distance(m, min)` that gives `c >= ceil(m min / 100)`, which
/// is smallest for `m = n`.
pub fn min_common_words(n: usize, min: u8) -> usize {
    (n * min.min(100) as usize).div_ceil(100)
}

/// The word-level Levenshtein distance between `a` and `b`, or `None` when
/// it exceeds `max`. Stops as soon as every cell of a row exceeds `max`.
pub fn bounded_distance<S: AsRef<str>, T: AsRef<str>>(
    a: &[S],
    b: &[T],
    max: usize,
) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0usize; b.len() + 1];
    for (i, wa) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, wb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(wa.as_ref() != wb.as_ref());
            let cell = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            current[j + 1] = cell;
            row_min = row_min.min(cell);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let d = previous[b.len()];
    (d <= max).then_some(d)
}

/// The word-level Levenshtein distance, unbounded.
pub fn distance<S: AsRef<str>, T: AsRef<str>>(a: &[S], b: &[T]) -> usize {
    bounded_distance(a, b, usize::MAX).expect("no bound")
}

/// A run of words where the stored segment and the query differ: the
/// segment's words `tm` are replaced by the query's words `query`. Either
/// range may be empty (words only in the query, or only in the segment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordChange {
    pub tm: Range<usize>,
    pub query: Range<usize>,
}

/// The changes that turn `tm` into `query` at the least cost, as runs of
/// word indexes. Among alignments of equal cost, a replacement is preferred
/// to a deletion plus an insertion, so that "ở" against "tại" shows as one
/// changed word.
pub fn word_changes<S: AsRef<str>, T: AsRef<str>>(tm: &[S], query: &[T]) -> Vec<WordChange> {
    let (n, m) = (tm.len(), query.len());
    let width = m + 1;
    let mut cost = vec![0usize; (n + 1) * width];
    for (j, c) in cost.iter_mut().enumerate().take(width) {
        *c = j;
    }
    for i in 1..=n {
        cost[i * width] = i;
        for j in 1..=m {
            let same = tm[i - 1].as_ref() == query[j - 1].as_ref();
            let diagonal = cost[(i - 1) * width + j - 1] + usize::from(!same);
            let up = cost[(i - 1) * width + j] + 1;
            let left = cost[i * width + j - 1] + 1;
            cost[i * width + j] = diagonal.min(up).min(left);
        }
    }
    // Walk back from the end, collecting each step as (tm word?, query word?).
    let mut steps: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let here = cost[i * width + j];
        if i > 0 && j > 0 {
            let same = tm[i - 1].as_ref() == query[j - 1].as_ref();
            if here == cost[(i - 1) * width + j - 1] + usize::from(!same) {
                let step = if same {
                    (None, None)
                } else {
                    (Some(i - 1), Some(j - 1))
                };
                steps.push(step);
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0 && here == cost[(i - 1) * width + j] + 1 {
            steps.push((Some(i - 1), None));
            i -= 1;
        } else {
            steps.push((None, Some(j - 1)));
            j -= 1;
        }
    }
    steps.reverse();
    // Group consecutive differing steps into runs, tracking the position
    // in both sentences so that empty ranges sit where the words would go.
    let mut changes: Vec<WordChange> = Vec::new();
    let (mut ti, mut qi) = (0usize, 0usize);
    let mut open = false;
    for step in steps {
        match step {
            (None, None) => {
                open = false;
                ti += 1;
                qi += 1;
            }
            (t, q) => {
                if !open {
                    changes.push(WordChange {
                        tm: ti..ti,
                        query: qi..qi,
                    });
                    open = true;
                }
                let change = changes.last_mut().expect("pushed above");
                if t.is_some() {
                    ti += 1;
                    change.tm.end = ti;
                }
                if q.is_some() {
                    qi += 1;
                    change.query.end = qi;
                }
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold_key;

    fn words(s: &str) -> Vec<String> {
        fold_key(s).split(' ').map(str::to_string).collect()
    }

    /// Scores two sentences the way `tm search` does.
    fn score(query: &str, tm: &str) -> u8 {
        let (q, t) = (words(query), words(tm));
        percentage(distance(&q, &t), q.len(), t.len())
    }

    #[test]
    fn the_same_words_after_folding_score_100() {
        assert_eq!(
            score("Bộ Công an đã ký Công ước.", "bo cong an da ky cong uoc"),
            100
        );
        assert_eq!(score("Uỷ ban nhân dân", "Ủy ban nhân dân"), 100);
    }

    #[test]
    fn hand_computed_percentages() {
        // 9 words each, "tại" replaced by "ở": d = 1, m = 9,
        // 100 * 8 / 9 = 88.9 -> 88 (rounding to nearest would say 89).
        assert_eq!(
            score(
                "Việt Nam đã ký Công ước tại Hà Nội",
                "Việt Nam đã ký Công ước ở Hà Nội"
            ),
            88
        );
        // 7 words against 8 (one extra word in the segment): d = 1, m = 8,
        // 100 * 7 / 8 = 87.5 -> 87.
        assert_eq!(
            score(
                "The convention was signed in Hanoi today",
                "The convention was formally signed in Hanoi today"
            ),
            87
        );
        // 4 words against 2 of them: d = 2, m = 4 -> 50.
        assert_eq!(
            score("Komite Pengarah Nasional Indonesia", "Komite Pengarah"),
            50
        );
        // Two neighbouring words swapped cost two edits: d = 2, m = 5 -> 60.
        assert_eq!(
            score(
                "the steering committee met today",
                "the committee steering met today"
            ),
            60
        );
        // A two-word phrase moved to the end costs four (two out, two in):
        // d = 4, m = 6, 100 * 2 / 6 = 33.3 -> 33.
        assert_eq!(
            score(
                "signed in Hanoi on 25 October",
                "signed on 25 October in Hanoi"
            ),
            33
        );
        // Nothing in common: 0.
        assert_eq!(score("kejahatan siber", "cybercrime convention"), 0);
    }

    #[test]
    fn one_change_in_a_long_sentence_is_not_100() {
        let long: Vec<String> = (0..200).map(|i| format!("w{i}")).collect();
        let mut changed = long.clone();
        changed[100] = "other".into();
        assert_eq!(percentage(distance(&long, &changed), 200, 200), 99);
    }

    #[test]
    fn bounds_follow_from_the_formula() {
        // n = 20 at 75%: lengths 15..=26, at least 15 shared words.
        assert_eq!(length_range(20, 75), 15..27);
        assert_eq!(min_common_words(20, 75), 15);
        assert_eq!(max_distance(26, 75), 6);
        assert_eq!(max_distance(27, 75), 6);
        assert_eq!(length_range(1, 75), 1..2);
        assert_eq!(length_range(4, 100), 4..5);
        assert_eq!(min_common_words(3, 0), 0);
    }

    #[test]
    fn bounded_distance_gives_up_past_the_bound() {
        let a = words("a b c d e f");
        let b = words("a x c y e z");
        assert_eq!(bounded_distance(&a, &b, 3), Some(3));
        assert_eq!(bounded_distance(&a, &b, 2), None);
        assert_eq!(bounded_distance(&a, &words("a"), 4), None);
        assert_eq!(bounded_distance(&a, &a, 0), Some(0));
    }

    #[test]
    fn changes_are_runs_of_word_indexes() {
        let tm = words("Việt Nam đã ký Công ước ở Hà Nội");
        let q = words("Việt Nam đã ký Công ước tại thủ đô Hà Nội");
        assert_eq!(
            word_changes(&tm, &q),
            vec![WordChange {
                tm: 6..7,
                query: 6..9
            }]
        );
        // Only in the query, at the end; only in the segment, at the start.
        let tm = words("đã ký Công ước");
        let q = words("ký Công ước hôm nay");
        assert_eq!(
            word_changes(&tm, &q),
            vec![
                WordChange {
                    tm: 0..1,
                    query: 0..0
                },
                WordChange {
                    tm: 4..4,
                    query: 3..5
                },
            ]
        );
        assert!(word_changes(&tm, &tm).is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn sentence() -> impl Strategy<Value = Vec<String>> {
            proptest::collection::vec(
                proptest::sample::select(vec!["a", "b", "c", "d", "e"]).prop_map(String::from),
                0..12,
            )
        }

        fn shared(a: &[String], b: &[String]) -> usize {
            let mut rest = b.to_vec();
            a.iter()
                .filter(|w| {
                    rest.iter()
                        .position(|x| x == *w)
                        .map(|i| rest.swap_remove(i))
                        .is_some()
                })
                .count()
        }

        proptest! {
            #[test]
            fn every_match_passes_the_filters(q in sentence(), t in sentence(), min in 1u8..=100) {
                prop_assume!(!q.is_empty());
                let d = distance(&q, &t);
                let s = percentage(d, q.len(), t.len());
                if s >= min {
                    prop_assert!(length_range(q.len(), min).contains(&t.len()));
                    prop_assert!(shared(&q, &t) >= min_common_words(q.len(), min));
                    let m = q.len().max(t.len());
                    prop_assert!(d <= max_distance(m, min));
                    prop_assert_eq!(bounded_distance(&q, &t, max_distance(m, min)), Some(d));
                }
                // The changes account for the distance exactly.
                let cost: usize = word_changes(&t, &q)
                    .iter()
                    .map(|c| c.tm.len().max(c.query.len()))
                    .sum();
                prop_assert_eq!(cost, d);
            }
        }
    }
}
