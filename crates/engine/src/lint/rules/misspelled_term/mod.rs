//! ## What it does
//! Finds text that nearly matches a glossary term but is no term
//! (`Kementerian Keamanan Publk`) and suggests the term.
//!
//! The text is compared in its folded form (case, diacritics and spacing
//! do not count), in windows of as many words as the term has. A window is
//! reported only when all of this holds, because a false alarm here teaches
//! editors to ignore the tool:
//! - the window is not inside a term occurrence and does not cut through
//!   one (so `Menteri Keamanan Publik` inside `Wakil Menteri Keamanan
//!   Publik` is never compared); it may contain whole occurrences
//!   (`Kementrian Keamanan Publik` holds the term `Keamanan Publik`), and
//!   no sentence punctuation runs through it;
//! - the term is long enough to have a typo worth finding: two or more
//!   words and at least 10 letters, or one word of at least 9;
//! - a term of one word is a name, written with a capital in the glossary
//!   (`Politburo`, `VietnamPlus`). A common word's neighbours one edit
//!   away are often words of their own (`pendidikan`, education, beside
//!   `penyidikan`, investigation; `revolution` beside `resolution`), and
//!   its typos are a spell-checker's business;
//! - the Damerau–Levenshtein distance is at least 1 and at most 1 edit for
//!   terms under 20 characters, 2 under 32, 3 beyond; one word alone may
//!   differ by only 1;
//! - every word that differs has at least 4 letters, starts with the same
//!   letter as the term's word, differs from it by exactly one edit (a
//!   swapped pair of letters is one), has the same digits, and is not the
//!   term's word with an ending added or removed (`ministers`, `Publi`;
//!   a doubled last letter, `Pengarahh`, is a typo): endings are grammar,
//!   not typos, and two edits inside one word are more often another word
//!   (`diplomatik` beside `diplomasi`);
//! - a term of several words has at least one of them written exactly;
//! - no word is the term's word in its other regular British or American
//!   spelling (`Organisation`/`Organization`, `Centre`/`Center`,
//!   `Defence`/`Defense`, `programme`/`program`, `labour`/`labor`): both
//!   are right;
//! - no word written with Vietnamese marks faces a term word with other
//!   marks: folding makes `thư` (in `Bí thư Trung ương`) equal to `Thứ`
//!   and `lượng` (in `năng lượng công …`) equal to `Lương`, but with their
//!   marks they are other words, not typos of `Thứ trưởng` or `Lương
//!   Cường`. In a Vietnamese document a word written without marks faces
//!   no term word with marks either (`trong` is a word of its own, not
//!   `tướng` mistyped); elsewhere a name written plain is compared folded;
//! - the text is not a name quoted as written elsewhere: a window that
//!   stands alone between quotation marks (the title of a page) is left
//!   as quoted.
//!
//! A wrong Vietnamese diacritic is not reported: folding makes it equal.
//!
//! Also reported: an official name (a name-category term with capitals)
//! written without punctuation it has, such as the comma of `Cục An ninh
//! mạng và phòng, chống tội phạm sử dụng công nghệ cao`, when the glossary
//! lists no such form. The matcher accepts it as the name, so no other
//! check would say so.
//!
//! ## Why is this bad?
//! A misspelt official name is a visible error, and it also hides the name
//! from every other check and from search.
//!
//! ## Example
//! ```text
//! Kementerian Keamanan Publk mengumumkan rencana itu.
//! ```
//! Use instead:
//! ```text
//! Kementerian Keamanan Publik mengumumkan rencana itu.
//! ```

/// One line saying what the rule finds.
pub const SUMMARY: &str = "Text that nearly matches a glossary term but is no term.";

mod index;

pub use index::Index;

use super::one_line;
use super::term_case::{NAME_CATEGORIES, names_a_thing};
use crate::lint::fix::carry_case;
use crate::lint::{Document, Draft, Linter, Rule};

/// The most edits allowed for a term of `len` folded characters.
fn max_edits(len: usize, words: usize) -> usize {
    if words == 1 || len < 20 {
        1
    } else if len < 32 {
        2
    } else {
        3
    }
}

/// `written` is `term` with its last letter typed twice.
fn doubled_last_letter(written: &str, term: &str) -> bool {
    written
        .strip_prefix(term)
        .is_some_and(|extra| extra.chars().count() == 1 && term.ends_with(extra))
}

/// Whether a differing word pair may be a typo of the term's word.
fn plausible_typo(written: &str, term: &str) -> bool {
    // One edit apart means at most one letter longer or shorter: most
    // pairs end here, before anything is allocated.
    let (wn, tn) = (written.chars().count(), term.chars().count());
    if wn < 4 || tn < 4 || wn.abs_diff(tn) > 1 || written.chars().next() != term.chars().next() {
        return false;
    }
    let digits = |s: &str| s.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    digits(written) == digits(term)
        && !regional_variants(written, term)
        && (!written.starts_with(term) || doubled_last_letter(written, term))
        && !term.starts_with(written)
        && strsim::damerau_levenshtein(written, term) == 1
}

/// British and American endings that spell one word two regular ways:
/// (British, American), compared at the end of the word.
const REGIONAL_ENDINGS: &[(&str, &str)] = &[
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("ence", "ense"),
    ("ences", "enses"),
    ("our", "or"),
    ("ours", "ors"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("amme", "am"),
    ("ammes", "ams"),
    ("elled", "eled"),
    ("elling", "eling"),
    ("ement", "ment"),
];

/// Whether two words are one word in its British and its American
/// spelling (`organisation`/`organization`, `centre`/`center`,
/// `defence`/`defense`, `programme`/`program`, `labour`/`labor`).
fn regional_variants(a: &str, b: &str) -> bool {
    REGIONAL_ENDINGS.iter().any(|(gb, us)| {
        let stems = |x: &str, y: &str| {
            x.strip_suffix(gb)
                .zip(y.strip_suffix(us))
                .is_some_and(|(p, q)| p == q && !p.is_empty())
        };
        stems(a, b) || stems(b, a)
    })
}

/// The Vietnamese marks of a word (tone marks and vowel marks as combining
/// characters, and `đ`), in code point order: two words with marks are
/// one word only when these agree.
fn vietnamese_marks(word: &str) -> Vec<char> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut marks: Vec<char> = word
        .nfd()
        .filter(|c| is_combining_mark(*c) || matches!(c, 'đ' | 'Đ'))
        .map(|c| if c == 'Đ' { 'đ' } else { c })
        .collect();
    marks.sort_unstable();
    marks
}

/// The marks of a word when it has any.
pub(super) fn marks_of(word: &str) -> Option<Vec<char>> {
    crate::lint::matcher::has_marks(word).then(|| vietnamese_marks(word))
}

/// How a written word compares with a term's word beyond their folded
/// forms: both written with Vietnamese marks and not the same marks makes
/// them different words (`lượng` is not `Lương`, `thư` is not `Thứ`). In
/// a Vietnamese document, where words carry their marks, a word written
/// without any is another word too (`trong` is not `tướng`); elsewhere a
/// name written plain (`Luong`) is compared folded.
fn marks_differ_from(written: Option<&[char]>, term: Option<&[char]>, vietnamese: bool) -> bool {
    match (written, term) {
        (Some(w), Some(t)) => w != t,
        (None, Some(_)) => vietnamese,
        _ => false,
    }
}

/// Whether `text[start..end]` stands alone between quotation marks: a
/// name quoted as it was written elsewhere (the title of a page, of a
/// post), which correcting would misquote.
fn quoted(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    matches!(
        (before, after),
        (Some('"'), Some('"'))
            | (Some('“'), Some('”'))
            | (Some('„'), Some('“'))
            | (Some('«'), Some('»'))
            | (Some('‘'), Some('’'))
            | (Some('\''), Some('\''))
    )
}

#[cfg(test)]
fn marks_differ(written: &str, term: &str) -> bool {
    marks_differ_from(
        marks_of(written).as_deref(),
        marks_of(term).as_deref(),
        false,
    )
}

/// Where the term occurrences lie, in words, for telling whether a window
/// sits inside one or cuts through one.
struct Occupied {
    /// Word `i` and word `i + 1` belong to one occurrence.
    joined: Vec<bool>,
    /// The (first word, last word) of every occurrence, sorted.
    exact: Vec<(usize, usize)>,
}

impl Occupied {
    fn new(doc: &Document<'_>) -> Occupied {
        let words = &doc.words;
        let ranges = doc
            .occurrences
            .iter()
            .chain(doc.all_occurrences.iter())
            .filter_map(|o| {
                // The words overlapping the occurrence (words are sorted
                // and do not overlap).
                let first = words.partition_point(|&(_, e)| e <= o.start);
                let end = words.partition_point(|&(s, _)| s < o.end);
                (first < end).then(|| (first, end - 1))
            });
        Occupied::from_ranges(words.len(), ranges)
    }

    /// From the (first word, last word) of each occurrence in a text of
    /// `words` words.
    fn from_ranges(words: usize, ranges: impl Iterator<Item = (usize, usize)>) -> Occupied {
        let mut joined = vec![false; words];
        let mut exact = Vec::new();
        for (first, last) in ranges {
            joined[first..last].iter_mut().for_each(|j| *j = true);
            exact.push((first, last));
        }
        exact.sort_unstable();
        Occupied { joined, exact }
    }

    /// A window may hold whole occurrences, but not be one, sit inside
    /// one or cut through one: an occurrence overlapping it must start
    /// and end within it, and not on both of its ends.
    fn clashes(&self, start: usize, end: usize) -> bool {
        (start > 0 && self.joined[start - 1])
            || self.joined[end]
            || self.exact.binary_search(&(start, end)).is_ok()
    }
}

/// The punctuation of a gap that is not a hyphen or a joiner.
fn stops(marks: &str) -> String {
    marks
        .chars()
        .filter(|c| !matches!(c, '-' | '\u{2010}' | '\u{2011}'))
        .collect()
}

/// Official names written without punctuation the glossary's name has
/// (`Cục An ninh mạng và phòng chống tội phạm …` for `… phòng, chống …`),
/// when the glossary lists no such form: the matcher accepts them as the
/// name, so nothing else would say so.
fn missing_punctuation(doc: &Document<'_>, linter: &Linter, out: &mut Vec<Draft>) {
    let m = linter.matcher();
    for o in doc.occurrences.iter() {
        let r = o.term();
        let term = m.term(r);
        let gaps = m.term_gaps(r);
        if !term.status.is_allowed()
            || !term.term.chars().any(char::is_uppercase)
            || !NAME_CATEGORIES.contains(&m.concept(r).category.as_str())
            || gaps.len() + 1 != o.words.len()
        {
            continue;
        }
        let missing = gaps.iter().enumerate().any(|(k, g)| {
            let written = &doc.text[o.words[k].1..o.words[k + 1].0];
            !stops(g).is_empty() && stops(written).trim().is_empty()
        });
        if !missing || quoted(doc.text, o.start, o.end) {
            continue;
        }
        let found = one_line(&doc.text[o.start..o.end]);
        out.push(Draft {
            rule: Rule::MisspelledTerm,
            start: o.start,
            end: o.end,
            concept: Some(m.concept(r).concept.clone()),
            message: format!(
                "\"{found}\" lacks the punctuation of the glossary's \"{}\"",
                term.term
            ),
            suggestion: Some(term.term.clone()),
            fix: None,
            related: None,
        });
    }
}

/// Whether the text words from `start` may be `words` written with typos:
/// each starts with the same byte as the term's word, as a word written
/// exactly does and [`plausible_typo`] wants of a typo. Only a first test:
/// a window that fails it would fail the comparison below anyway, and
/// most do, so fewer windows are sorted and compared.
fn may_be(folded: &[&str], start: usize, words: &[String]) -> bool {
    words.iter().enumerate().all(|(j, t)| {
        folded
            .get(start + j)
            .is_some_and(|w| w.as_bytes().first() == t.as_bytes().first())
    })
}

pub fn check(doc: &Document<'_>, linter: &Linter, out: &mut Vec<Draft>) {
    missing_punctuation(doc, linter, out);
    let (m, index) = (linter.matcher(), linter.misspellings());
    // The folded words, and the original range of each (`doc.words`).
    let folded: Vec<&str> = doc.folded.words().map(|(_, w)| w).collect();
    let words = &doc.words;
    if folded.is_empty() {
        return;
    }
    let occupied = Occupied::new(doc);
    let soft_gap = |i: usize| {
        let gap = &doc.text[words[i].1..words[i + 1].0];
        gap.bytes().filter(|b| *b == b'\n').count() < 2
            && (gap.chars().all(char::is_whitespace) || gap == "-")
    };
    let candidates = &index.candidates;

    // Windows worth comparing: a multi-word term anchored on one of its
    // words written exactly; a one-word term against words one edit away.
    // Text repeats its words: what a word anchors or is near is looked up
    // once per distinct word, as (candidate, position of the word in it).
    let mut per_word: foldhash::HashMap<&str, (u32, u32)> = Default::default();
    let mut found: Vec<(u32, u32)> = Vec::new();
    let mut near = Vec::new();
    let mut windows: Vec<(usize, usize)> = Vec::new(); // (first word, candidate)
    for (i, w) in folded.iter().enumerate() {
        let (from, to) = *per_word.entry(w).or_insert_with(|| {
            let from = found.len() as u32;
            for &(ci, k) in index.anchored(w) {
                if candidates[ci as usize].in_language(doc.lang) {
                    found.push((ci, k));
                }
            }
            near.clear();
            index.near_one_word(w, w.chars().count(), &mut near);
            for &ci in &near {
                if candidates[ci as usize].in_language(doc.lang) {
                    found.push((ci, 0));
                }
            }
            (from, found.len() as u32)
        });
        for &(ci, k) in &found[from as usize..to as usize] {
            let k = k as usize;
            if i >= k && may_be(&folded, i - k, &candidates[ci as usize].words) {
                windows.push((i - k, ci as usize));
            }
        }
    }
    windows.sort_unstable();
    windows.dedup();

    let vietnamese = doc.lang == Some(crate::lint::Language::Vi);
    // The marks of the text words written with any, computed when a window
    // first needs them (a word in plain ASCII has none).
    let mut text_marks: foldhash::HashMap<usize, Option<Vec<char>>> = Default::default();
    // (edits, first word, last word, candidate)
    let mut hits: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (start, ci) in windows {
        let c = &candidates[ci];
        let end = start + c.words.len() - 1;
        if end >= folded.len() || occupied.clashes(start, end) || !(start..end).all(soft_gap) {
            continue;
        }
        let window = &folded[start..=end];
        let mut exact_words = 0;
        let mut plausible = true;
        for (k, (w, t)) in window.iter().zip(&c.words).enumerate() {
            let i = start + k;
            let (s, e) = words[i];
            let written = if doc.text[s..e].is_ascii() {
                None
            } else {
                text_marks
                    .entry(i)
                    .or_insert_with(|| marks_of(&doc.text[s..e]))
                    .as_deref()
            };
            if marks_differ_from(written, c.marks[k].as_deref(), vietnamese) {
                plausible = false;
                break;
            }
            if w == t {
                exact_words += 1;
            } else if !plausible_typo(w, t) {
                plausible = false;
                break;
            }
        }
        if !plausible || (c.words.len() > 1 && exact_words == 0) {
            continue;
        }
        let joined = window.join(" ");
        let edits = strsim::damerau_levenshtein(&joined, &c.folded);
        if edits == 0 || edits > max_edits(c.chars, c.words.len()) {
            continue;
        }
        if quoted(doc.text, words[start].0, words[end].1) {
            continue;
        }
        hits.push((edits, start, end, ci));
    }
    // The closest term first, then the longest; one finding per stretch
    // of text.
    hits.sort_by_key(|&(edits, start, end, ci)| {
        (
            edits,
            std::cmp::Reverse(end - start),
            start,
            m.term(candidates[ci].term).status,
            candidates[ci].term,
        )
    });
    let mut taken = vec![false; folded.len()];
    for (_, start, end, ci) in hits {
        if taken[start..=end].iter().any(|t| *t) {
            continue;
        }
        taken[start..=end].iter_mut().for_each(|t| *t = true);
        let r = candidates[ci].term;
        let term = m.term(r);
        let concept = m.concept(r);
        let target = if term.status.is_allowed() {
            term
        } else {
            concept.preferred(term.lang.as_str()).unwrap_or(term)
        };
        let (s, e) = (words[start].0, words[end].1);
        let found = one_line(&doc.text[s..e]);
        let suggestion = carry_case(&found, &term.term, &target.term, names_a_thing(concept));
        out.push(Draft {
            rule: Rule::MisspelledTerm,
            start: s,
            end: e,
            concept: Some(concept.concept.clone()),
            message: format!("\"{found}\" is not a glossary term; did you mean \"{suggestion}\"?"),
            suggestion: Some(suggestion),
            fix: None,
            related: None,
        });
    }
}

#[cfg(test)]
mod tests;
