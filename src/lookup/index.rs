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
//! - the space-free and word-sorted forms of each term in a third FST, so
//!   `vietnam`/`viet nam` and word-order variants are exact hits.
//!
//! Candidates are then scored exactly as a full scan would score them
//! ([`super::score`]), so the index changes how fast results come, not
//! which scores they get. [`LookupIndex::scan`] is that full scan, kept
//! for tests and benchmarks that check the index against it.
//!
//! Layout (little-endian): an 8-byte magic, the store generation the index
//! was built from, a table of (offset, length) for each section, then the
//! sections: three FSTs, the folded strings (offsets + bytes), and three
//! postings lists (offsets + entries).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use fst::{Automaton, IntoStreamer, Map, Streamer};
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};

use super::score::{Forms, MIN_PARTIAL_QUERY, score, word_edit_budget};
use crate::normalize::fold_key;

const MAGIC: &[u8; 8] = b"HCGLLKP\x01";
const SECTIONS: usize = 11;
const HEADER_LEN: usize = 8 + 8 + SECTIONS * 16;

/// The most candidates a partial query scores; past it, the shortest
/// terms are kept (they are the ones a partial query covers best).
const MAX_PARTIAL_CANDIDATES: usize = 50_000;

#[derive(Clone, Copy)]
enum Section {
    Terms = 0,
    Words,
    Variants,
    StringOffsets,
    StringBytes,
    TermPostOffsets,
    TermPost,
    WordPostOffsets,
    WordPost,
    VariantPostOffsets,
    VariantPost,
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

/// An opened index.
pub struct LookupIndex {
    bytes: Arc<Bytes>,
    generation: u64,
    sections: [(usize, usize); SECTIONS],
    terms: Map<Slice>,
    words: Map<Slice>,
    variants: Map<Slice>,
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

/// Postings: for each key, a list of entries.
struct PostingsBuilder<T> {
    offsets: Vec<u32>,
    entries: Vec<T>,
}

impl<T> PostingsBuilder<T> {
    fn new() -> Self {
        PostingsBuilder {
            offsets: vec![0],
            entries: Vec::new(),
        }
    }
    fn push(&mut self, list: impl IntoIterator<Item = T>) {
        self.entries.extend(list);
        self.offsets.push(self.entries.len() as u32);
    }
}

fn u32s(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn u64s(v: &[u64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

impl LookupIndex {
    /// Builds the index bytes from `(term id, term)` pairs.
    pub fn build<'a>(generation: u64, terms: impl IntoIterator<Item = (u64, &'a str)>) -> Vec<u8> {
        let mut by_folded: BTreeMap<String, Vec<u64>> = BTreeMap::new();
        for (id, term) in terms {
            let folded = fold_key(term);
            if !folded.is_empty() {
                by_folded.entry(folded).or_default().push(id);
            }
        }
        let mut terms_fst = fst::MapBuilder::memory();
        let mut string_offsets = vec![0u32];
        let mut string_bytes = Vec::new();
        let mut term_post = PostingsBuilder::new();
        let mut words: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
        let mut variants: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for (ordinal, (folded, ids)) in by_folded.iter().enumerate() {
            let ordinal = ordinal as u32;
            terms_fst
                .insert(folded, ordinal as u64)
                .expect("keys are sorted and unique");
            string_bytes.extend_from_slice(folded.as_bytes());
            string_offsets.push(string_bytes.len() as u32);
            term_post.push(ids.iter().copied());
            for w in folded.split(' ') {
                words.entry(w).or_default().insert(ordinal);
            }
            let forms = Forms::new(folded);
            for variant in [forms.compact, forms.sorted] {
                if variant != *folded {
                    variants.entry(variant).or_default().insert(ordinal);
                }
            }
        }
        let (words_fst, word_post) = keyed_postings(words.into_iter());
        let (variants_fst, variant_post) =
            keyed_postings(variants.iter().map(|(k, v)| (k.as_str(), v.clone())));

        let sections: [Vec<u8>; SECTIONS] = [
            terms_fst.into_inner().expect("in memory"),
            words_fst,
            variants_fst,
            u32s(&string_offsets),
            string_bytes,
            u32s(&term_post.offsets),
            u64s(&term_post.entries),
            u32s(&word_post.offsets),
            u32s(&word_post.entries),
            u32s(&variant_post.offsets),
            u32s(&variant_post.entries),
        ];
        let mut out = Vec::with_capacity(HEADER_LEN + sections.iter().map(Vec::len).sum::<usize>());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&generation.to_le_bytes());
        let mut offset = HEADER_LEN as u64;
        for s in &sections {
            out.extend_from_slice(&offset.to_le_bytes());
            out.extend_from_slice(&(s.len() as u64).to_le_bytes());
            offset += s.len() as u64;
        }
        for s in &sections {
            out.extend_from_slice(s);
        }
        out
    }

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
            variants: map(Section::Variants)?,
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
            )
            && offsets_ok(
                Section::VariantPostOffsets,
                index.variants.len(),
                Section::VariantPost,
                4,
            ))
        {
            return Err(CorruptIndex("postings do not match their keys".into()));
        }
        Ok(index)
    }

    fn section(&self, s: Section) -> &[u8] {
        let (start, end) = self.sections[s as usize];
        &self.bytes.as_ref().as_ref()[start..end]
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
            if let Some(v) = self.variants.get(key) {
                candidates.extend(self.list(Section::VariantPostOffsets, Section::VariantPost, v));
            }
        }
        let distance = whole_edit_budget(&q.folded);
        if distance > 0 {
            let dfa = automaton_builder(distance).build_dfa(&q.folded);
            let mut stream = self.terms.search(LevenshteinDfa(&dfa)).into_stream();
            while let Some((_, o)) = stream.next() {
                candidates.insert(o as u32);
            }
        }
        candidates.extend(self.partial_candidates(&q));
        let mut scored: Vec<(u32, u8)> = candidates
            .into_iter()
            .filter_map(|o| {
                let s = score(&q, &Forms::new(self.string(o)));
                (s >= min_score).then_some((o, s))
            })
            .collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
    }

    /// Terms that contain a match for every query word.
    fn partial_candidates(&self, q: &Forms) -> Vec<u32> {
        let query_words: Vec<&str> = q.words().collect();
        if query_words.iter().map(|w| w.chars().count()).sum::<usize>() < MIN_PARTIAL_QUERY {
            return Vec::new();
        }
        let mut result: Option<HashSet<u32>> = None;
        for w in &query_words {
            let mut set = HashSet::new();
            let mut add = |word_ordinal: u64| {
                set.extend(self.list(Section::WordPostOffsets, Section::WordPost, word_ordinal))
            };
            match word_edit_budget(w) {
                0 => {
                    if let Some(o) = self.words.get(w) {
                        add(o);
                    }
                }
                d => {
                    let dfa = automaton_builder(d).build_dfa(w);
                    let mut stream = self.words.search(LevenshteinDfa(&dfa)).into_stream();
                    while let Some((_, o)) = stream.next() {
                        add(o);
                    }
                }
            }
            result = Some(match result {
                None => set,
                Some(prev) => prev.intersection(&set).copied().collect(),
            });
            if result.as_ref().is_some_and(HashSet::is_empty) {
                return Vec::new();
            }
        }
        let mut found: Vec<u32> = result.unwrap_or_default().into_iter().collect();
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
        let mut scored: Vec<(u32, u8)> = (0..self.len() as u32)
            .filter_map(|o| {
                let s = score(&q, &Forms::new(self.string(o)));
                (s >= min_score).then_some((o, s))
            })
            .collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
    }
}

/// An FST with postings of string ordinals, from sorted keys.
fn keyed_postings<'k>(
    entries: impl Iterator<Item = (&'k str, BTreeSet<u32>)>,
) -> (Vec<u8>, PostingsBuilder<u32>) {
    let mut builder = fst::MapBuilder::memory();
    let mut post = PostingsBuilder::new();
    for (i, (key, list)) in entries.enumerate() {
        builder
            .insert(key, i as u64)
            .expect("keys are sorted and unique");
        post.push(list);
    }
    (builder.into_inner().expect("in memory"), post)
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

/// Building the parametric automaton tables is the expensive part, so each
/// distance's builder is made once per process.
fn automaton_builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    use std::sync::OnceLock;
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match distance {
        1 => ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true)),
        _ => TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true)),
    }
}

/// A Levenshtein DFA as an FST automaton.
struct LevenshteinDfa<'a>(&'a DFA);

impl Automaton for LevenshteinDfa<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(terms: &[&str]) -> LookupIndex {
        let bytes =
            LookupIndex::build(7, terms.iter().enumerate().map(|(i, t)| (i as u64 + 1, *t)));
        LookupIndex::open(Bytes::Owned(bytes)).unwrap()
    }

    const TERMS: &[&str] = &[
        "Bộ Công an",
        "Kementerian Keamanan Publik",
        "Menteri Keamanan Publik",
        "Wakil Menteri Keamanan Publik",
        "Perserikatan Bangsa-Bangsa",
        "Vietnam",
        "Pham Minh Chinh",
        "Phạm Minh Chính",
        "Thành phố vì hòa bình",
        "hình sự hóa",
        "kejahatan siber",
        "kejahatan dunia maya",
    ];

    #[test]
    fn round_trips_and_reports_generation() {
        let ix = index(TERMS);
        assert_eq!(ix.generation(), 7);
        // Two spellings of one name fold to one string with two ids.
        let (o, s) = ix.search("pham minh chinh", 60)[0];
        assert_eq!(s, 100);
        assert_eq!(ix.term_ids(o), vec![7, 8]);
        assert_eq!(ix.string(o), "pham minh chinh");
    }

    #[test]
    fn search_agrees_with_a_full_scan() {
        let ix = index(TERMS);
        for q in [
            "bo cong an",
            "Kementrian Keamanan Publk",
            "keamanan publik",
            "viet nam",
            "PerserikatanBangsaBangsa",
            "Chinh Pham Minh",
            "hoa binh",
            "kejahatn siber",
            "dunia",
            "an",
            "xyz",
            "Menteri Keamanan",
        ] {
            assert_eq!(ix.search(q, 60), ix.scan(q, 60), "query {q:?}");
        }
    }

    #[test]
    fn corrupt_bytes_are_refused() {
        assert!(LookupIndex::open(Bytes::Owned(b"nonsense".to_vec())).is_err());
        let mut bytes = LookupIndex::build(1, [(1, "a b")]);
        bytes.truncate(bytes.len() - 3);
        assert!(LookupIndex::open(Bytes::Owned(bytes)).is_err());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn word() -> impl Strategy<Value = String> {
            "[a-z]{2,9}"
        }

        fn term() -> impl Strategy<Value = String> {
            proptest::collection::vec(word(), 1..4).prop_map(|w| w.join(" "))
        }

        /// Applies up to two random edits (insert, delete, substitute,
        /// swap) to `s`.
        fn edited(s: String) -> impl Strategy<Value = String> {
            let len = s.len();
            proptest::collection::vec(
                (0..4u8, 0..len.max(1), proptest::char::range('a', 'z')),
                0..=2,
            )
            .prop_map(move |edits| {
                let mut chars: Vec<char> = s.chars().collect();
                for (kind, at, c) in edits {
                    let at = at.min(chars.len().saturating_sub(1));
                    match kind {
                        0 => chars.insert(at, c),
                        1 if chars.len() > 1 => {
                            chars.remove(at);
                        }
                        2 if !chars.is_empty() => chars[at] = c,
                        _ if at + 1 < chars.len() => chars.swap(at, at + 1),
                        _ => {}
                    }
                }
                chars.into_iter().collect()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            /// Every term within the whole-string edit budget of the query
            /// is a candidate, scored as a full scan scores it.
            #[test]
            fn terms_within_the_edit_budget_are_always_found(
                (terms, query) in proptest::collection::vec(term(), 1..40)
                    .prop_flat_map(|terms| {
                        let pick = proptest::sample::select(terms.clone());
                        (Just(terms), pick.prop_flat_map(edited))
                    })
            ) {
                let ix = index(&terms.iter().map(String::as_str).collect::<Vec<_>>());
                let found: std::collections::HashMap<u32, u8> = ix.search(&query, 0).into_iter().collect();
                let scanned = ix.scan(&query, 0);
                let q = fold_key(&query);
                let budget = whole_edit_budget(&q) as usize;
                for (o, s) in scanned {
                    // Restricted transpositions, as the automaton counts them.
                    let distance = strsim::osa_distance(&q, ix.string(o));
                    if distance <= budget {
                        prop_assert_eq!(found.get(&o), Some(&s), "{:?} missed for {:?}", ix.string(o), q);
                    }
                }
                // Whatever the index returns, it scores like the scan.
                for (o, s) in &found {
                    prop_assert_eq!(*s, score(&Forms::new(&q), &Forms::new(ix.string(*o))));
                }
            }
        }
    }
}
