//! The glossary side of `misspelled-term`, built once per run and shared
//! read-only by every document (and every thread): which terms are worth
//! comparing, their folded words, and two indexes that find the few terms
//! a stretch of text could be a typo of without comparing it with all.
//!
//! - A term of several words is only compared where one of its words is
//!   written exactly, so it is indexed by each of its words (the anchors).
//! - A term of one word is only a typo of a text word one edit away (an
//!   insertion, a deletion, a substitution or a swap of two neighbouring
//!   letters). Two words one such edit apart always share a string made by
//!   deleting at most one letter from each (`publik`/`publk` share
//!   `publk`; a swap `ratifkiasi`/`ratifikasi` shares `ratifkasi`), so
//!   each term is indexed under its deletion neighbourhood, and a text
//!   word looks up its own. The lookup may return terms further away (two
//!   words can share a deletion by chance); the rule checks each one
//!   exactly, so the index only decides what is compared, never what is
//!   reported.

use foldhash::HashMap;
use serde::{Deserialize, Serialize};

use crate::lint::Language;
use crate::lint::matcher::{Matcher, TermRef};
use crate::model::TermType;

/// A term the text is compared with.
#[derive(Serialize, Deserialize)]
pub(super) struct Candidate {
    pub(super) term: TermRef,
    /// The term's language, when lint knows it.
    pub(super) lang: Option<Language>,
    pub(super) folded: String,
    pub(super) words: Vec<String>,
    /// The Vietnamese marks of each of the term's words, when it has any.
    pub(super) marks: Vec<Option<Vec<char>>>,
    /// Characters in the folded term.
    pub(super) chars: usize,
}

impl Candidate {
    /// Whether the candidate is of the document's language (any, when the
    /// language is unknown).
    pub(super) fn in_language(&self, lang: Option<Language>) -> bool {
        lang.is_none_or(|l| self.lang == Some(l))
    }
}

/// The candidates and their indexes.
#[derive(Serialize, Deserialize)]
pub struct Index {
    pub(super) candidates: Vec<Candidate>,
    /// Word → (candidate, position of the word in it), for candidates of
    /// two or more words.
    anchors: HashMap<String, Vec<(u32, u32)>>,
    /// Hash of a deletion-neighbourhood string → one-word candidates.
    one_word: HashMap<u64, Vec<u32>>,
    /// The fewest characters of a one-word candidate.
    shortest_one_word: usize,
    /// The most characters of a one-word candidate. A text word more than
    /// one longer cannot be one edit from any; checking that first keeps a
    /// text made of one enormous "word" linear (its deletion neighbourhood
    /// alone would cost the square of its length).
    longest_one_word: usize,
}

/// Whether a term is long enough to have a typo worth finding: two or
/// more words and at least 10 letters, or one word of at least 9.
fn long_enough(words: usize, chars: usize) -> bool {
    if words == 1 { chars >= 9 } else { chars >= 10 }
}

/// Whether a one-word term is a name: written with a capital in the
/// glossary (`Politburo`, `VietnamPlus`). Only names are compared alone:
/// a common word's neighbours one edit away are often words of their own
/// (`pendidikan`, education, beside `penyidikan`; `revolution` beside
/// `resolution`; `terrorist` beside `terrorism`), which nothing in a
/// glossary tells from typos, and a spell-checker already knows the
/// common word's typos. Measured on a large frequency list of Indonesian
/// and English, 7 of the shipped glossary's 45 one-word common terms of
/// nine letters or more have such a frequent neighbour, none of its 21
/// one-word names.
fn compared_alone(term: &str) -> bool {
    term.chars().any(char::is_uppercase)
}

/// FNV-1a over the bytes of `parts`, as if they were one string.
fn hash_parts(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The hashes of `word` and of `word` with each one of its characters
/// deleted.
fn deletion_hashes(word: &str) -> impl Iterator<Item = u64> + '_ {
    std::iter::once(hash_parts(&[word])).chain(
        word.char_indices()
            .map(move |(i, c)| hash_parts(&[&word[..i], &word[i + c.len_utf8()..]])),
    )
}

impl Index {
    /// Every term of the glossary worth comparing: not an acronym, long
    /// enough.
    pub fn new(m: &Matcher) -> Index {
        let mut candidates = Vec::new();
        for (ci, c) in m.concepts().iter().enumerate() {
            for (ti, t) in c.terms.iter().enumerate() {
                if t.term_type == TermType::Acronym {
                    continue;
                }
                let term = TermRef {
                    concept: ci,
                    term: ti,
                };
                let folded = m.folded_term(term).to_string();
                let words: Vec<String> = folded.split(' ').map(str::to_string).collect();
                let chars = folded.chars().count();
                if !long_enough(words.len(), chars)
                    || (words.len() == 1 && !compared_alone(&t.term))
                {
                    continue;
                }
                let f = crate::normalize::fold(&t.term);
                let marks: Vec<Option<Vec<char>>> = f
                    .words()
                    .map(|(s, w)| {
                        let (a, b) = f.original_range(s, s + w.len());
                        super::marks_of(&t.term[a..b])
                    })
                    .collect();
                if marks.len() != words.len() {
                    continue;
                }
                candidates.push(Candidate {
                    term,
                    lang: t.lang.as_str().parse().ok(),
                    folded,
                    words,
                    marks,
                    chars,
                });
            }
        }
        let mut anchors: HashMap<String, Vec<(u32, u32)>> = HashMap::default();
        let mut one_word: HashMap<u64, Vec<u32>> = HashMap::default();
        let mut shortest_one_word = usize::MAX;
        let mut longest_one_word = 0;
        for (ci, c) in candidates.iter().enumerate() {
            let ci = u32::try_from(ci).expect("fewer than 2^32 terms");
            if c.words.len() > 1 {
                for (k, w) in c.words.iter().enumerate() {
                    let k = u32::try_from(k).expect("fewer than 2^32 words");
                    anchors.entry(w.clone()).or_default().push((ci, k));
                }
            } else {
                shortest_one_word = shortest_one_word.min(c.chars);
                longest_one_word = longest_one_word.max(c.chars);
                for h in deletion_hashes(&c.folded) {
                    let list = one_word.entry(h).or_default();
                    if list.last() != Some(&ci) {
                        list.push(ci);
                    }
                }
            }
        }
        Index {
            candidates,
            anchors,
            one_word,
            shortest_one_word,
            longest_one_word,
        }
    }

    /// The multi-word candidates with `word` among their words, and where.
    pub(super) fn anchored(&self, word: &str) -> &[(u32, u32)] {
        self.anchors.get(word).map_or(&[], Vec::as_slice)
    }

    /// One-word candidates that may be one edit from `word` (`chars`
    /// characters long), each at least once; a superset of those that are.
    pub(super) fn near_one_word(&self, word: &str, chars: usize, out: &mut Vec<u32>) {
        if chars + 1 < self.shortest_one_word || chars > self.longest_one_word + 1 {
            return;
        }
        for h in deletion_hashes(word) {
            if let Some(list) = self.one_word.get(&h) {
                out.extend_from_slice(list);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The brute-force edit distance the index must never miss.
    fn one_edit(a: &str, b: &str) -> bool {
        strsim::damerau_levenshtein(a, b) == 1
    }

    #[test]
    fn words_one_edit_apart_share_a_deletion() {
        let shared = |a: &str, b: &str| {
            let left: Vec<u64> = deletion_hashes(a).collect();
            deletion_hashes(b).any(|h| left.contains(&h))
        };
        for (a, b) in [
            ("publik", "publk"),
            ("ratifikasi", "ratifkiasi"),
            ("pengarah", "pengarahh"),
            ("jenderal", "jendral"),
            ("kementerian", "kemeterian"),
            ("kementerian", "kementarian"),
            ("hànội", "hànộii"),
        ] {
            assert!(one_edit(a, b), "{a} {b}");
            assert!(shared(a, b), "{a} {b}");
        }
        // Exhaustively over short strings of three letters: every pair one
        // edit apart shares a deletion.
        let letters = ['a', 'b', 'c'];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| letters.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        words.sort();
        words.dedup();
        for a in &words {
            for b in &words {
                if one_edit(a, b) {
                    assert!(shared(a, b), "{a} {b}");
                }
            }
        }
    }
}
