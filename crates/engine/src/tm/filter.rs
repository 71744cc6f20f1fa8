//! Which postings of the inverted index a fuzzy search reads, and how many
//! of them a segment must appear in. Pure: the store only supplies how many
//! segments hold each word.
//!
//! A segment that reaches `--min` shares at least `t` of the query's `n`
//! words (counted with repetition, see [`super::score::min_common_words`]),
//! so it lacks at most `n - t` of them. Taking the query's word occurrences
//! rarest first, a segment must therefore hold at least `p - (n - t)` of
//! the first `p`. With `p = n - t + 1` that is the classic prefix filter
//! (any one of them will do); taking more words while their postings are
//! cheap to read raises the count a candidate needs, and far fewer
//! segments are read and verified. A word that no segment holds costs
//! nothing and still counts as one of the `p`.

use std::collections::HashMap;

/// How many posting entries may be read beyond the prefix (or twice what
/// the prefix read, if more) before no more words are added. These
/// figures were the fastest on 100,000 generated units; with the postings
/// stored as one list per word they still are on 500,000 (3,000 to 10,000
/// alike, 0 and 30,000 slower).
pub const POSTING_BUDGET: i64 = 10_000;

/// Chooses the words whose postings to read: the prefix, one more, and
/// then more while the budget lasts. `occurrences` holds one entry
/// per word of the query (repeats included) with the number of segments
/// that hold the word. Returns each chosen word with the number of its
/// occurrences taken (a segment holding the word counts that many), and
/// the count a segment needs to be a candidate. `t` must be at least 1.
pub fn choose_words(
    mut occurrences: Vec<(i64, &str)>,
    n: usize,
    t: usize,
    budget_floor: i64,
) -> (HashMap<&str, usize>, usize) {
    debug_assert!(t >= 1 && t <= n && occurrences.len() == n);
    occurrences.sort_unstable();
    let prefix = n - t + 1;
    let mut chosen: HashMap<&str, usize> = HashMap::new();
    let (mut taken, mut read, mut budget) = (0usize, 0i64, i64::MAX);
    for (i, &(segments, word)) in occurrences.iter().enumerate() {
        let cost = if chosen.contains_key(word) {
            0
        } else {
            segments
        };
        // One word beyond the prefix is always taken: needing two of the
        // words instead of one cuts the candidates most of all.
        if i > prefix && read + cost > budget {
            break;
        }
        *chosen.entry(word).or_default() += 1;
        taken += 1;
        read += cost;
        if i + 1 == prefix {
            budget = budget_floor.max(2 * read);
        }
    }
    (chosen, taken - (n - t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::score::{distance, min_common_words, percentage};

    #[test]
    fn prefix_one_more_then_the_budget() {
        // n = 8 at 75%: t = 6, the 3 rarest occurrences form the prefix.
        let occ = vec![
            (90, "a"),
            (5, "b"),
            (7, "c"),
            (0, "d"),
            (50, "e"),
            (60, "f"),
            (70, "g"),
            (80, "h"),
        ];
        // The prefix (b, c, d: 12 postings) and always one more word (e).
        let (chosen, required) = choose_words(occ.clone(), 8, 6, 0);
        let mut words: Vec<_> = chosen.keys().copied().collect();
        words.sort();
        assert_eq!((words, required), (vec!["b", "c", "d", "e"], 2));
        // A budget of 122 also takes "f" (60), not "g" (70).
        let (chosen, required) = choose_words(occ, 8, 6, 122);
        assert_eq!((chosen.len(), required), (5, 3));
    }

    #[test]
    fn repeated_words_count_once_per_occurrence() {
        let occ = vec![(3, "x"), (3, "x"), (9, "y"), (9, "z")];
        // n = 4, t = 3: the prefix of 2 is both "x" (read once, 3
        // postings), then "y"; a segment holding "x" counts 2.
        let (chosen, required) = choose_words(occ, 4, 3, 0);
        assert_eq!(chosen.get("x"), Some(&2));
        assert_eq!(chosen.get("y"), Some(&1));
        assert_eq!(required, 2);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn sentence() -> impl Strategy<Value = Vec<&'static str>> {
            proptest::collection::vec(
                proptest::sample::select(vec!["a", "b", "c", "d", "e", "f"]),
                1..10,
            )
        }

        proptest! {
            /// Whatever the budget, every segment that reaches `min`
            /// holds at least `required` of the chosen occurrences, counted
            /// as the search counts them (by the postings of distinct words).
            #[test]
            fn no_match_is_filtered_out(
                corpus in proptest::collection::vec(sentence(), 1..30),
                query in sentence(),
                min in 1u8..=100,
                floor in prop_oneof![Just(0i64), Just(3), Just(20), Just(1_000)],
            ) {
                let n = query.len();
                let t = min_common_words(n, min);
                prop_assume!(t >= 1);
                let holds = |w: &str| corpus.iter().filter(|s| s.contains(&w)).count() as i64;
                let occ: Vec<(i64, &str)> = query.iter().map(|w| (holds(w), *w)).collect();
                let (chosen, required) = choose_words(occ, n, t, floor);
                prop_assert!(required >= 1);
                for segment in &corpus {
                    let score = percentage(distance(&query, segment), n, segment.len());
                    if score >= min {
                        let count: usize = chosen
                            .iter()
                            .filter(|(w, _)| segment.contains(*w))
                            .map(|(_, k)| *k)
                            .sum();
                        prop_assert!(count >= required, "{segment:?} against {query:?}");
                    }
                }
            }
        }
    }
}
