//! How alike a query and a term are, 0–100, both already folded.
//!
//! 100 is equality after folding, 99 equality up to spaces and hyphens,
//! 97 the same words in another order. Fuzzy matches score at most 95:
//! the whole-string edit similarity (optimal string alignment: typos and
//! swapped neighbours are one edit each) squared times 95, or,
//! for a partial query whose words all occur in the term, up to 90 by the
//! share of the term they cover.

/// The forms of a folded string that scoring compares.
#[derive(Debug, Clone)]
pub struct Forms {
    pub folded: String,
    /// The words sorted, joined by single spaces.
    pub sorted: String,
    /// The folded string without spaces.
    pub compact: String,
}

impl Forms {
    pub fn new(folded: &str) -> Forms {
        Forms {
            folded: folded.to_string(),
            sorted: sorted_words(folded),
            compact: compact(folded),
        }
    }

    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.folded.split(' ').filter(|w| !w.is_empty())
    }
}

pub fn sorted_words(folded: &str) -> String {
    let mut words: Vec<&str> = folded.split(' ').collect();
    words.sort_unstable();
    words.join(" ")
}

pub fn compact(folded: &str) -> String {
    folded.replace(' ', "")
}

/// 1 − edit distance / length of the longer string, with the optimal
/// string alignment distance (a swap of neighbours is one edit, as in the
/// index's automata): what [`word_similarity`] computes with a band, kept
/// whole for its test.
#[cfg(test)]
fn similarity(a: &str, b: &str) -> f64 {
    let longest = a.chars().count().max(b.chars().count());
    if longest == 0 {
        return 1.0;
    }
    1.0 - strsim::osa_distance(a, b) as f64 / longest as f64
}

/// The optimal string alignment distance of `a` and `b` if it is at most
/// `max`, else `None`. Only the diagonal band of width `2 * max + 1` of the
/// dynamic-programming table can hold values within `max`, so the work is
/// O(len · max) instead of O(len²), and it stops early once a whole row
/// exceeds `max`.
pub fn bounded_osa(a: &str, b: &str, max: usize) -> Option<usize> {
    // Folded terms are nearly always ASCII: compare bytes then, and only
    // decode characters when either side needs it.
    if a.is_ascii() && b.is_ascii() {
        banded_osa(a.as_bytes(), b.as_bytes(), max)
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        banded_osa(&a, &b, max)
    }
}

fn banded_osa<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    const FAR: usize = usize::MAX / 2;
    // Rows i-2, i-1 and i of the table, in three buffers that take turns.
    // Only the band of row i is computed; the one cell left of it that the
    // row reads is set to FAR first. Every other cell a row reads lies in
    // the band of the row it belongs to, or right of every band its
    // buffer has held, where the initial FAR still stands, so no buffer
    // needs clearing.
    let mut before = vec![FAR; m + 1];
    let mut previous: Vec<usize> = (0..=m).map(|j| if j <= max { j } else { FAR }).collect();
    let mut current = vec![FAR; m + 1];
    for i in 1..=n {
        let low = i.saturating_sub(max).max(1);
        let high = (i + max).min(m);
        let mut row_min = if i <= max {
            current[0] = i;
            i
        } else {
            current[low - 1] = FAR;
            FAR
        };
        for j in low..=high {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            current[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let d = previous[m];
    (d <= max).then_some(d)
}

/// Whether two folded strings are equal but for spaces.
fn equal_but_spaces(a: &str, b: &str) -> bool {
    a.bytes()
        .filter(|&c| c != b' ')
        .eq(b.bytes().filter(|&c| c != b' '))
}

/// Scores a term against the query.
pub fn score(query: &Forms, term: &Forms) -> u8 {
    score_at_least(query, &term.folded, 0)
}

/// Scores a folded term against the query, or returns 0 as soon as it is
/// clear the score is below `floor` (the costly comparisons are skipped
/// when a bound from the lengths already rules them out).
pub fn score_at_least(query: &Forms, term: &str, floor: u8) -> u8 {
    if query.folded == term {
        return 100;
    }
    if equal_but_spaces(&query.folded, term) {
        return 99;
    }
    if query.folded.len() == term.len() && query.sorted == sorted_words(term) {
        return 97;
    }
    let needed = f64::from(floor) - 0.5;
    let (lq, lt) = (query.folded.chars().count(), term.chars().count());
    let bound = 1.0 - lq.abs_diff(lt) as f64 / lq.max(lt).max(1) as f64;
    let partial = if needed <= 90.0 {
        partial_score(query, term)
    } else {
        0.0
    };
    let mut best = partial;
    // Squared, so that short strings sharing half their letters (which
    // plain similarity rates 0.5–0.75) fall below the default minimum
    // while one or two typos in a long term still score in the 80s.
    let target = needed.max(best);
    if bound * bound * 95.0 >= target {
        // The most edits that can still reach the target score; a banded
        // comparison gives up as soon as they are exceeded.
        let longest = lq.max(lt);
        let max_edits = ((1.0 - (target.max(0.0) / 95.0).sqrt()) * longest as f64).floor() as usize;
        let sim = |a: &str, b: &str| {
            bounded_osa(a, b, max_edits).map_or(0.0, |d| 1.0 - d as f64 / longest.max(1) as f64)
        };
        let direct = sim(&query.folded, term);
        let whole = if direct < bound {
            direct.max(sim(&query.sorted, &sorted_words(term)))
        } else {
            direct
        };
        best = best.max(whole * whole * 95.0);
    }
    let s = best.round().min(95.0) as u8;
    if f64::from(s) >= f64::from(floor) {
        s
    } else {
        0
    }
}

/// The largest edit distance at which two words still count as the same
/// word for a partial query; see [`word_similarity`].
pub fn word_edit_budget(query_word: &str) -> u8 {
    let len = query_word.chars().count();
    if len <= 4 { 0 } else { (len / 3).min(2) as u8 }
}

/// How alike two words are, or 0 when they are not the same word. Short
/// words must be equal: a Vietnamese syllable one letter away is another
/// word (`binh`/`hinh`), and so is a short Indonesian one. Longer words
/// may differ by typos up to a similarity of 0.75.
pub fn word_similarity(query_word: &str, term_word: &str) -> f64 {
    if query_word.len().min(term_word.len()) <= 4 {
        return if query_word == term_word { 1.0 } else { 0.0 };
    }
    // A similarity of 0.75 allows a quarter of the longer word's letters
    // to differ: the banded distance stops as soon as more do, which is
    // most comparisons of a partial query's words with a term's.
    let longest = query_word.chars().count().max(term_word.chars().count());
    match bounded_osa(query_word, term_word, longest / 4) {
        Some(d) => 1.0 - d as f64 / longest as f64,
        None => 0.0,
    }
}

/// Shortest query, in letters, that may match part of a term.
pub const MIN_PARTIAL_QUERY: usize = 3;

/// Every query word must match a different word of the term (see
/// [`word_similarity`]); the score grows with the share of the term's
/// letters those words cover. Queries shorter than
/// [`MIN_PARTIAL_QUERY`] letters only ever match whole terms.
fn partial_score(query: &Forms, term: &str) -> f64 {
    let query_words: Vec<&str> = query.words().collect();
    let query_len: usize = query_words.iter().map(|w| w.chars().count()).sum();
    if query_len < MIN_PARTIAL_QUERY {
        return 0.0;
    }
    let term_words: Vec<&str> = term.split(' ').collect();
    let mut used = vec![false; term_words.len()];
    let mut sim_sum = 0.0;
    let mut covered = 0usize;
    for qw in &query_words {
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

    fn s(q: &str, t: &str) -> u8 {
        score(&Forms::new(q), &Forms::new(t))
    }

    #[test]
    fn exact_forms() {
        assert_eq!(s("bo cong an", "bo cong an"), 100);
        assert_eq!(s("vietnam", "viet nam"), 99);
        assert_eq!(s("chinh pham minh", "pham minh chinh"), 97);
    }

    #[test]
    fn fuzzy_and_partial() {
        let typo = s("kementrian keamanan publk", "kementerian keamanan publik");
        assert!((80..=95).contains(&typo), "{typo}");
        // Two query words found whole in a three-word term.
        let partial = s("keamanan publik", "kementerian keamanan publik");
        assert!((70..90).contains(&partial), "{partial}");
        // Short words must be equal.
        assert_eq!(partial_score(&Forms::new("hoa binh"), "hinh su hoa"), 0.0);
        assert_eq!(partial_score(&Forms::new("an"), "bo cong an"), 0.0);
    }

    #[test]
    fn bounded_osa_agrees_with_the_full_distance_within_its_bound() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "kementerian",
            "kementrian",
            "kemnetrian",
            "keamanan publik",
            "ca",
        ];
        for a in words {
            for b in words {
                let full = strsim::osa_distance(a, b);
                for max in 0..5 {
                    let expected = (full <= max).then_some(full);
                    assert_eq!(bounded_osa(a, b, max), expected, "{a:?} {b:?} within {max}");
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The banded distance equals the full one whenever it is within
        /// the bound, and says so otherwise, for ASCII and for other
        /// letters (which take the character path).
        #[test]
        fn bounded_osa_agrees_with_the_full_distance(
            a in "[abcđ]{0,12}",
            b in "[abcđ]{0,12}",
            max in 0usize..7,
        ) {
            let full = strsim::osa_distance(&a, &b);
            proptest::prop_assert_eq!(bounded_osa(&a, &b, max), (full <= max).then_some(full));
        }

        /// The banded word similarity gives exactly what the full
        /// distance gave with its 0.75 cut.
        #[test]
        fn word_similarity_equals_the_cut_full_similarity(a in "[abcdeđ]{0,12}", b in "[abcdeđ]{0,12}") {
            let full = similarity(&a, &b);
            let expected = if a.len().min(b.len()) <= 4 {
                if a == b { 1.0 } else { 0.0 }
            } else if full >= 0.75 { full } else { 0.0 };
            proptest::prop_assert_eq!(word_similarity(&a, &b), expected);
        }

        #[test]
        fn bounded_osa_agrees_on_ascii(a in "[abc ]{0,16}", b in "[abc ]{0,16}", max in 0usize..7) {
            let full = strsim::osa_distance(&a, &b);
            proptest::prop_assert_eq!(bounded_osa(&a, &b, max), (full <= max).then_some(full));
        }
    }

    #[test]
    fn word_budget_matches_word_similarity() {
        assert_eq!(word_edit_budget("binh"), 0);
        assert_eq!(word_edit_budget("guteres"), 2);
        assert_eq!(word_edit_budget("kejahatan"), 2);
        assert_eq!(word_edit_budget("siber"), 1);
        assert!(word_similarity("guteres", "guterres") > 0.0);
        assert_eq!(word_similarity("binh", "hinh"), 0.0);
    }
}
