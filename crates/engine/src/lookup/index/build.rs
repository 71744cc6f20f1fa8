//! Building the index bytes: folding every term, grouping equal folded
//! strings, and the FSTs and postings of the layout described in the
//! parent module.

use rayon::prelude::*;

use super::{HEADER_LEN, LookupIndex, MAGIC, SECTIONS};
use crate::normalize::fold_key;

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
    ///
    /// The terms are folded in parallel, and the FSTs (each folded
    /// string; each word, forwards and backwards) are built side by side: on a large import
    /// this runs beside the writes to the store and is the longer of the
    /// two.
    pub fn build<'a>(generation: u64, terms: impl IntoIterator<Item = (u64, &'a str)>) -> Vec<u8> {
        let terms: Vec<(u64, &str)> = terms.into_iter().collect();
        let mut folded: Vec<FoldedTerm> = terms
            .par_iter()
            .map(|&(id, t)| FoldedTerm::new(fold_key(t), id))
            .filter(|f| !f.text.is_empty())
            .collect();
        drop(terms);
        folded.par_sort_unstable();
        let groups: Vec<&[FoldedTerm]> = folded.chunk_by(|a, b| a.text == b.text).collect();
        let (
            (terms_fst, string_offsets, string_bytes, term_post),
            (words_fst, word_post, reversed_fst),
        ) = rayon::join(|| term_sections(&groups), || word_sections(&groups));

        let sections: [Vec<u8>; SECTIONS] = [
            terms_fst,
            words_fst,
            u32s(&string_offsets),
            string_bytes,
            u32s(&term_post.offsets),
            u64s(&term_post.entries),
            u32s(&word_post.offsets),
            u32s(&word_post.entries),
            reversed_fst,
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
}

/// A term's folded text with its id, ordered by text then id. The first
/// bytes of the text are kept beside it as a number: sorting a million
/// strings is mostly waiting for memory, and the number settles most
/// comparisons without reading the text.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct FoldedTerm {
    prefix: u64,
    text: String,
    id: u64,
}

impl FoldedTerm {
    fn new(text: String, id: u64) -> Self {
        FoldedTerm {
            prefix: prefix(&text),
            text,
            id,
        }
    }
}

/// The first eight bytes of `s`, big-endian, zero-padded: ordering by it
/// and then by `s` is ordering by `s`.
fn prefix(s: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = s.len().min(8);
    bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// The sections about folded strings, from the groups of equal folded
/// strings (sorted; a group's position is its ordinal): the FST of the
/// strings, the strings themselves, and the ids of each one's terms.
fn term_sections(groups: &[&[FoldedTerm]]) -> (Vec<u8>, Vec<u32>, Vec<u8>, PostingsBuilder<u64>) {
    let mut terms_fst = fst::MapBuilder::memory();
    let mut string_offsets = Vec::with_capacity(groups.len() + 1);
    string_offsets.push(0u32);
    let mut string_bytes = Vec::new();
    let mut term_post = PostingsBuilder::new();
    for (ordinal, group) in groups.iter().enumerate() {
        let key = &group[0].text;
        terms_fst
            .insert(key, ordinal as u64)
            .expect("keys are sorted and unique");
        string_bytes.extend_from_slice(key.as_bytes());
        string_offsets.push(string_bytes.len() as u32);
        term_post.push(group.iter().map(|f| f.id));
    }
    (
        terms_fst.into_inner().expect("in memory"),
        string_offsets,
        string_bytes,
        term_post,
    )
}

/// The sections about words: the FST of every word of every folded
/// string, and for each word the ordinals of the strings holding it.
fn word_sections(groups: &[&[FoldedTerm]]) -> (Vec<u8>, PostingsBuilder<u32>, Vec<u8>) {
    // Word -> ordinals of the strings holding it. Ordinals arrive in
    // ascending order, so each list comes out sorted; only the distinct
    // words need sorting, not every (word, string) pair.
    // One entry per distinct word: a million and more on a large termbase,
    // where SipHash was a visible cost.
    let mut words: foldhash::HashMap<&str, Vec<u32>> =
        foldhash::HashMap::with_capacity_and_hasher(groups.len(), Default::default());
    for (ordinal, group) in groups.iter().enumerate() {
        let ordinal = ordinal as u32;
        for w in group[0].text.split(' ') {
            let list = words.entry(w).or_default();
            if list.last() != Some(&ordinal) {
                list.push(ordinal);
            }
        }
    }
    let mut words: Vec<(u64, &str, Vec<u32>)> = words
        .into_iter()
        .map(|(w, ordinals)| (prefix(w), w, ordinals))
        .collect();
    words.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut words_fst = fst::MapBuilder::memory();
    let mut word_post = PostingsBuilder::new();
    let mut reversed: Vec<(String, u64)> = Vec::with_capacity(words.len());
    for (i, (_, word, ordinals)) in words.into_iter().enumerate() {
        words_fst
            .insert(word, i as u64)
            .expect("keys are sorted and unique");
        word_post.push(ordinals);
        reversed.push((word.chars().rev().collect(), i as u64));
    }
    reversed.par_sort_unstable();
    let reversed_fst = fst::Map::from_iter(reversed)
        .expect("distinct words reverse to distinct keys")
        .into_fst()
        .into_inner();
    (
        words_fst.into_inner().expect("in memory"),
        word_post,
        reversed_fst,
    )
}
