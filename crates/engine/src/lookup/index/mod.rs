//! The lookup index: every distinct folded term, searchable without a
//! scan, in one flat byte buffer that can be memory-mapped from disk.
//!
//! A scan that scores every term is fine for the shipped glossary but not
//! for a termbase of a million terms. The index finds the few candidates
//! worth scoring:
//! - the folded terms in an FST (a sorted, compressed set searchable by
//!   automaton), walked with a Levenshtein automaton of up to two edits,
//!   so every term within two typos of the query is found;
//! - every word of every term in a second FST with postings back to the
//!   terms, for partial queries and for typos spread over several words
//!   (each query word is matched within its own small edit budget);
//!
//! Word-order variants are found through the words (every query word is
//! in the term), and `vietnam`/`viet nam` through the edit budget.
//!
//! Candidates are then scored exactly as a full scan would score them
//! ([`super::score`]), so the index changes how fast results come, not
//! which scores they get. [`LookupIndex::scan`] is that full scan, kept
//! for tests and benchmarks that check the index against it.
//!
//! Layout (little-endian): an 8-byte magic, the store generation the index
//! was built from, a table of (offset, length) for each section, then the
//! sections: two FSTs, the folded strings (offsets + bytes), two
//! postings lists (offsets + entries), and the words spelt backwards in a
//! third FST (for typos in a word's first letters).

use std::collections::HashSet;
use std::sync::Arc;

use fst::{Automaton, Map};

use super::score::{Forms, MIN_PARTIAL_QUERY, score_at_least, word_edit_budget};
use crate::normalize::fold_key;
use walk::{LevenshteinDfa, TwoEditSplit, automaton_builder, search_into, values};

mod build;
#[cfg(test)]
mod tests;
mod walk;

const MAGIC: &[u8; 8] = b"HCGLLKP\x02";
const SECTIONS: usize = 9;
const HEADER_LEN: usize = 8 + 8 + SECTIONS * 16;

/// The most candidates a partial query scores; past it, the shortest
/// terms are kept (they are the ones a partial query covers best).
const MAX_PARTIAL_CANDIDATES: usize = 50_000;

#[derive(Clone, Copy)]
enum Section {
    Terms = 0,
    Words,
    StringOffsets,
    StringBytes,
    TermPostOffsets,
    TermPost,
    WordPostOffsets,
    WordPost,
    /// Every word spelt backwards, to its ordinal in `Words`.
    ReversedWords,
}

/// The bytes of an index: a memory map or a buffer.
pub enum Bytes {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// A section of the shared bytes, as the FST crate wants its data.
#[derive(Clone)]
struct Slice {
    bytes: Arc<Bytes>,
    start: usize,
    end: usize,
}

impl AsRef<[u8]> for Slice {
    fn as_ref(&self) -> &[u8] {
        &self.bytes.as_ref().as_ref()[self.start..self.end]
    }
}

/// An opened index. Clones share the bytes.
#[derive(Clone)]
pub struct LookupIndex {
    bytes: Arc<Bytes>,
    generation: u64,
    sections: [(usize, usize); SECTIONS],
    terms: Map<Slice>,
    words: Map<Slice>,
    reversed_words: Map<Slice>,
}

/// Why an index file could not be used. The caller rebuilds it.
#[derive(Debug)]
pub struct CorruptIndex(pub String);

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[i * 4..i * 4 + 4].try_into().expect("4 bytes"))
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i * 8..i * 8 + 8].try_into().expect("8 bytes"))
}

impl LookupIndex {
    /// The generation recorded in index bytes, without opening them.
    pub fn generation_of(bytes: &[u8]) -> Option<u64> {
        (bytes.len() >= HEADER_LEN && &bytes[..8] == MAGIC).then(|| u64_at(&bytes[8..16], 0))
    }

    /// Opens index bytes, checking their structure.
    pub fn open(bytes: Bytes) -> Result<LookupIndex, CorruptIndex> {
        let bytes = Arc::new(bytes);
        let raw = bytes.as_ref().as_ref();
        let generation =
            Self::generation_of(raw).ok_or_else(|| CorruptIndex("bad header".into()))?;
        let mut sections = [(0usize, 0usize); SECTIONS];
        for (i, s) in sections.iter_mut().enumerate() {
            let start = u64_at(&raw[16..], i * 2) as usize;
            let len = u64_at(&raw[16..], i * 2 + 1) as usize;
            if start < HEADER_LEN || start.checked_add(len).is_none_or(|end| end > raw.len()) {
                return Err(CorruptIndex(format!("section {i} out of bounds")));
            }
            *s = (start, start + len);
        }
        let map = |s: Section| -> Result<Map<Slice>, CorruptIndex> {
            let (start, end) = sections[s as usize];
            Map::new(Slice {
                bytes: bytes.clone(),
                start,
                end,
            })
            .map_err(|e| CorruptIndex(e.to_string()))
        };
        let index = LookupIndex {
            terms: map(Section::Terms)?,
            words: map(Section::Words)?,
            reversed_words: map(Section::ReversedWords)?,
            bytes: bytes.clone(),
            generation,
            sections,
        };
        let n = index.terms.len();
        let offsets_ok = |s: Section, count: usize, target: Section, width: usize| {
            let b = index.section(s);
            b.len() == (count + 1) * 4
                && u32_at(b, count) as usize * width == index.section(target).len()
        };
        if !(offsets_ok(Section::StringOffsets, n, Section::StringBytes, 1)
            && offsets_ok(Section::TermPostOffsets, n, Section::TermPost, 8)
            && offsets_ok(
                Section::WordPostOffsets,
                index.words.len(),
                Section::WordPost,
                4,
            ))
        {
            return Err(CorruptIndex("postings do not match their keys".into()));
        }
        if index.reversed_words.len() != index.words.len() {
            return Err(CorruptIndex("reversed words do not match the words".into()));
        }
        Ok(index)
    }

    fn section(&self, s: Section) -> &[u8] {
        let (start, end) = self.sections[s as usize];
        &self.bytes.as_ref().as_ref()[start..end]
    }

    /// Whether `word` (folded) is a word of some term.
    pub fn has_word(&self, word: &str) -> bool {
        self.words.contains_key(word)
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Number of distinct folded terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.len() == 0
    }

    /// The folded term with this ordinal.
    pub fn string(&self, ordinal: u32) -> &str {
        let offsets = self.section(Section::StringOffsets);
        let (a, b) = (
            u32_at(offsets, ordinal as usize) as usize,
            u32_at(offsets, ordinal as usize + 1) as usize,
        );
        std::str::from_utf8(&self.section(Section::StringBytes)[a..b]).unwrap_or("")
    }

    /// The ids of the terms that fold to the string with this ordinal.
    pub fn term_ids(&self, ordinal: u32) -> Vec<u64> {
        let offsets = self.section(Section::TermPostOffsets);
        let (a, b) = (
            u32_at(offsets, ordinal as usize) as usize,
            u32_at(offsets, ordinal as usize + 1) as usize,
        );
        let post = self.section(Section::TermPost);
        (a..b).map(|i| u64_at(post, i)).collect()
    }

    fn list(&self, offsets: Section, entries: Section, key: u64) -> impl Iterator<Item = u32> + '_ {
        let offsets = self.section(offsets);
        let (a, b) = (
            u32_at(offsets, key as usize) as usize,
            u32_at(offsets, key as usize + 1) as usize,
        );
        let entries = self.section(entries);
        (a..b).map(move |i| u32_at(entries, i))
    }

    /// Every folded term worth scoring for `query` (see the module
    /// documentation), scored, at or above `min_score`, best first.
    pub fn search(&self, query: &str, min_score: u8) -> Vec<(u32, u8)> {
        let q = Forms::new(&fold_key(query));
        if q.folded.is_empty() {
            return Vec::new();
        }
        let mut candidates: HashSet<u32> = HashSet::new();
        for key in [&q.folded, &q.compact, &q.sorted] {
            if let Some(o) = self.terms.get(key) {
                candidates.insert(o as u32);
            }
        }
        self.within_edit_budget(&q.folded, &mut candidates);
        candidates.extend(self.partial_candidates(&q));
        self.score(&q, candidates.into_iter(), min_score)
    }

    /// The strings at `offsets` scoring at least `min_score` against `q`,
    /// best first (ties by offset, so results are stable).
    fn score(
        &self,
        q: &Forms,
        offsets: impl Iterator<Item = u32>,
        min_score: u8,
    ) -> Vec<(u32, u8)> {
        let mut scored: Vec<(u32, u8)> = offsets
            .filter_map(|o| {
                let s = score_at_least(q, self.string(o), min_score);
                (s > 0 && s >= min_score).then_some((o, s))
            })
            .collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
    }

    /// Adds every term within the whole-string edit budget of the query.
    ///
    /// A Levenshtein automaton of two edits walked over the whole FST
    /// visits every node of the first levels (any two letters are two
    /// edits away from anything), which costs milliseconds on a large
    /// termbase. So the two-edit search is split by where the edits fall
    /// (a pigeonhole argument on the query's first third, the head):
    /// - at most one edit in the head: walk the FST with the two-edit
    ///   automaton and, beside it, a one-edit automaton for the head as a
    ///   prefix, which prunes the early levels;
    /// - both edits touch the head: the rest of the query (less one
    ///   character, which a swap across the boundary may move) ends the
    ///   term unchanged, so any query word lying wholly in it is a word of
    ///   the term; the terms holding the rarest such word are kept when
    ///   they end with that intact part (a byte comparison, no scoring).
    ///   A query with no word wholly in the intact part falls back to the
    ///   plain two-edit walk.
    ///
    /// Together the two find exactly the terms within two edits (the
    /// property test below holds them to it).
    fn within_edit_budget(&self, query: &str, out: &mut HashSet<u32>) {
        match whole_edit_budget(query) {
            0 => {}
            1 => search_into(
                &self.terms,
                LevenshteinDfa(&automaton_builder(1).build_dfa(query)),
                out,
            ),
            _ => {
                let split = TwoEditSplit::new(query);
                search_into(&self.terms, split.forward(), out);

                // The words of the intact part, each with the space
                // before it inside that part, are words of any such term.
                let intact_start = split.intact_start;
                let intact = &query[intact_start..];
                let mut offset = 0;
                let intact_words: Vec<&str> = query
                    .split(' ')
                    .filter(|w| {
                        let start = offset;
                        offset += w.len() + 1;
                        start > intact_start && !w.is_empty()
                    })
                    .collect();
                if intact_words.is_empty() {
                    search_into(&self.terms, LevenshteinDfa(&split.whole), out);
                } else if let Some(word) = intact_words
                    .iter()
                    .map(|w| self.words.get(w))
                    .collect::<Option<Vec<u64>>>()
                    .and_then(|found| found.into_iter().min_by_key(|&o| self.word_postings_len(o)))
                {
                    out.extend(
                        self.list(Section::WordPostOffsets, Section::WordPost, word)
                            .filter(|&o| self.string(o).ends_with(intact)),
                    );
                }
                // Otherwise an intact word is in no term, so no term ends
                // with the intact part.
            }
        }
    }

    /// The term words matching one query word: exactly for a short word,
    /// within its edit budget for a longer one.
    ///
    /// A two-edit automaton walked over the whole words FST visits every
    /// word's first two letters (any two letters are two edits from
    /// anything), which was most of a lookup's time on a large termbase.
    /// So the walk is split as the whole-term search is (see
    /// [`LookupIndex::within_edit_budget`]): words with at most one edit in
    /// the query word's first third are walked forwards with that third as
    /// a one-edit prefix; words with both edits there end with the rest of
    /// the query word unchanged, so they are walked backwards, from the
    /// reversed words FST, with that intact ending as an exact prefix.
    /// Reversal keeps edit distance (a swap reversed is a swap), so both
    /// walks use the same two-edit automaton, forwards or reversed.
    fn matching_words(&self, word: &str) -> Vec<u64> {
        match word_edit_budget(word) {
            0 => self.words.get(word).into_iter().collect(),
            1 => {
                let dfa = automaton_builder(1).build_dfa(word);
                values(&self.words, LevenshteinDfa(&dfa))
            }
            _ => {
                let split = TwoEditSplit::new(word);
                let mut found = values(&self.words, split.forward());
                let intact_reversed: String = word[split.intact_start..].chars().rev().collect();
                let reversed: String = word.chars().rev().collect();
                let whole_reversed = automaton_builder(2).build_dfa(&reversed);
                found.extend(values(
                    &self.reversed_words,
                    fst::automaton::Str::new(&intact_reversed)
                        .starts_with()
                        .intersection(LevenshteinDfa(&whole_reversed)),
                ));
                found.sort_unstable();
                found.dedup();
                found
            }
        }
    }

    /// The ordinals of the terms holding a word, ascending.
    fn word_postings(&self, word_ordinal: u64) -> Vec<u32> {
        self.list(Section::WordPostOffsets, Section::WordPost, word_ordinal)
            .collect()
    }

    fn word_postings_len(&self, word_ordinal: u64) -> usize {
        let offsets = self.section(Section::WordPostOffsets);
        (u32_at(offsets, word_ordinal as usize + 1) - u32_at(offsets, word_ordinal as usize))
            as usize
    }

    /// Terms that may contain a match for every query word: the terms
    /// holding a match of one pivot word. Scoring checks the other words,
    /// so the work is bounded by the pivot's postings, and the pivot is
    /// the query word with the fewest.
    ///
    /// Counting a word's postings exactly is a lookup; counting them
    /// within its edit budget is an automaton walk. So words found
    /// exactly are counted that way first, and the misspelt ones (no
    /// exact match) are walked only when no exact word is rare enough.
    /// This search also backs up the whole-string one for terms whose
    /// first third holds both typos, so a word that matches nothing only
    /// drops out of the choice; it does not end the search.
    fn partial_candidates(&self, q: &Forms) -> Vec<u32> {
        /// Postings few enough that walking other words cannot pay off.
        const RARE_ENOUGH: usize = 256;
        let query_words: Vec<&str> = q.words().collect();
        if query_words.iter().map(|w| w.chars().count()).sum::<usize>() < MIN_PARTIAL_QUERY {
            return Vec::new();
        }
        let exact = query_words
            .iter()
            .filter_map(|w| self.words.get(w).map(|o| (self.word_postings_len(o), *w)))
            .min();
        let mut pivot: Option<(usize, Vec<u64>)> =
            exact.map(|(count, w)| (count, self.matching_words(w)));
        if pivot.as_ref().is_none_or(|(count, _)| *count > RARE_ENOUGH) {
            for w in query_words.iter().filter(|w| self.words.get(w).is_none()) {
                let matches = self.matching_words(w);
                let count: usize = matches.iter().map(|&m| self.word_postings_len(m)).sum();
                if count > 0 && pivot.as_ref().is_none_or(|(c, _)| count < *c) {
                    pivot = Some((count, matches));
                }
            }
        }
        let Some((_, pivot_matches)) = pivot else {
            return Vec::new();
        };
        let mut found: Vec<u32> = pivot_matches
            .into_iter()
            .flat_map(|m| self.list(Section::WordPostOffsets, Section::WordPost, m))
            .collect();
        found.sort_unstable();
        found.dedup();
        // Short query words must occur exactly (see `word_similarity`), so
        // the candidates are cut to the terms holding each of them: a
        // binary search in each word's sorted postings, far cheaper than
        // scoring the candidates it removes.
        for w in query_words.iter().filter(|w| word_edit_budget(w) == 0) {
            let Some(word) = self.words.get(w) else {
                return Vec::new();
            };
            let postings = self.word_postings(word);
            found.retain(|o| postings.binary_search(o).is_ok());
        }
        if found.len() > MAX_PARTIAL_CANDIDATES {
            found.sort_by_key(|&o| (self.string(o).len(), o));
            found.truncate(MAX_PARTIAL_CANDIDATES);
        }
        found
    }

    /// Scores every folded term: what [`LookupIndex::search`] must agree
    /// with. For tests and benchmarks.
    pub fn scan(&self, query: &str, min_score: u8) -> Vec<(u32, u8)> {
        let q = Forms::new(&fold_key(query));
        if q.folded.is_empty() {
            return Vec::new();
        }
        self.score(&q, 0..self.len() as u32, min_score)
    }
}

/// How many edits a whole-string search allows: none for very short
/// queries (where one edit is another word), one up to five letters, two
/// beyond.
fn whole_edit_budget(folded: &str) -> u8 {
    match folded.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}
