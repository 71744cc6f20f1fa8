//! The glossary compiled for lint ([`Glossary`]), and its file.
//!
//! Compiling a glossary (folding every term, the automaton, the stemmer's
//! dictionary, the indexes of `misspelled-term` and `term-case`) takes
//! about a second per 100,000 terms, far longer than linting an article.
//! So it is done once per change of the glossary and kept beside the
//! store as `<store>.lint` (see [`crate::store`]: the same generation
//! protocol as the lookup index), and a lint run reads it back in a few
//! tens of milliseconds.
//!
//! The file: a header (magic, [`FINGERPRINT`], the store generation it
//! was compiled from, the payload's length and checksum), then the
//! payload: four postcard parts, each after its length (the matcher's
//! data, the acronyms, the index of `misspelled-term`, the names of
//! `term-case`), and the automaton in daachorse's own serialisation. The
//! parts are apart so that they are read on two threads at once: reading
//! them is most of a lint's start-up (allocating every term's strings),
//! and the matcher's data is about half of it. A file
//! whose magic, fingerprint, generation, length or checksum is not the
//! one expected is never read further: it is compiled anew.

use std::sync::OnceLock;

use daachorse::DoubleArrayAhoCorasick;
use foldhash::HashSet;

use super::matcher::{Matcher, MatcherData, TermRef};
use super::rules::{misspelled_term, term_case};
use crate::model::{Concept, TermType};

const MAGIC: &[u8; 8] = b"HCGLINT\x01";

/// FNV-1a over bytes, usable in constants.
const fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

/// What the file's layout and contents depend on: the source of every
/// module that decides what a compiled glossary holds. A build whose
/// compiling code differs in any byte writes and reads files of its own,
/// so a file is never read by code that would have compiled it otherwise.
pub const FINGERPRINT: u64 = {
    let mut h = 0xcbf2_9ce4_8422_2325;
    h = fnv(h, include_bytes!("compiled.rs"));
    h = fnv(h, include_bytes!("mod.rs"));
    h = fnv(h, include_bytes!("matcher/mod.rs"));
    h = fnv(h, include_bytes!("matcher/fit.rs"));
    h = fnv(h, include_bytes!("matcher/langs.rs"));
    h = fnv(h, include_bytes!("matcher/stream.rs"));
    h = fnv(h, include_bytes!("rules/misspelled_term/index.rs"));
    h = fnv(h, include_bytes!("rules/misspelled_term/mod.rs"));
    h = fnv(h, include_bytes!("rules/term_case/mod.rs"));
    h = fnv(h, include_bytes!("rules/term_case/names.rs"));
    h = fnv(h, include_bytes!("../normalize/mod.rs"));
    h = fnv(h, include_bytes!("../model/mod.rs"));
    h = fnv(h, include_bytes!("../model/term.rs"));
    h = fnv(h, include_bytes!("../model/lang.rs"));
    fnv(h, env!("CARGO_PKG_VERSION").as_bytes())
};

const HEADER: usize = 40;

/// A checksum of the payload, eight bytes at a time (a file is tens of
/// megabytes and is checked on every run: it must cost little).
fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let v = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        h = (h ^ v).wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    }
    h ^ (h >> 32)
}

/// A glossary compiled for lint: everything derived from the terms, read
/// only while checking, so one glossary serves any number of threads and
/// of [`super::Linter`]s (one per configuration).
pub struct Glossary {
    pub(crate) matcher: Matcher,
    /// Folded acronyms of the glossary (`pbb`): a full term containing one
    /// is an abbreviated form (`Sekretaris Jenderal PBB`).
    pub(crate) acronyms: HashSet<String>,
    /// The terms `misspelled-term` compares text with, built the first
    /// time a document needs them (or read from the file).
    misspellings: OnceLock<misspelled_term::Index>,
    /// The names inside each term, for `term-case`, built the same way.
    case_names: OnceLock<term_case::Names>,
}

impl Glossary {
    /// Compiles `concepts`.
    pub fn new(concepts: Vec<Concept>) -> Glossary {
        let matcher = Matcher::new(concepts);
        let acronyms = matcher
            .concepts()
            .iter()
            .enumerate()
            .flat_map(|(ci, c)| c.terms.iter().enumerate().map(move |(ti, t)| (ci, ti, t)))
            .filter(|(_, _, t)| t.term_type == TermType::Acronym)
            .map(|(concept, term, _)| matcher.folded_term(TermRef { concept, term }).to_string())
            .collect();
        Glossary {
            matcher,
            acronyms,
            misspellings: OnceLock::new(),
            case_names: OnceLock::new(),
        }
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The candidates of `misspelled-term`, built on first use.
    pub(crate) fn misspellings(&self) -> &misspelled_term::Index {
        self.misspellings
            .get_or_init(|| misspelled_term::Index::new(&self.matcher))
    }

    /// The names inside each term, for `term-case`, built on first use.
    pub(crate) fn case_names(&self) -> &term_case::Names {
        self.case_names
            .get_or_init(|| term_case::Names::new(&self.matcher))
    }

    /// The file of this glossary, compiled from the store state of
    /// `generation` (the parts built lazily are built now).
    pub fn to_bytes(&self, generation: u64) -> Vec<u8> {
        let (data, automaton) = self.matcher.parts();
        let mut payload = Vec::new();
        let mut part = |bytes: Vec<u8>| {
            payload.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            payload.extend_from_slice(&bytes);
        };
        let plain = "plain data serialises";
        part(postcard::to_allocvec(data).expect(plain));
        part(postcard::to_allocvec(&self.acronyms).expect(plain));
        part(postcard::to_allocvec(self.misspellings()).expect(plain));
        part(postcard::to_allocvec(self.case_names()).expect(plain));
        payload.extend_from_slice(&automaton.serialize());
        let mut out = Vec::with_capacity(HEADER + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FINGERPRINT.to_le_bytes());
        out.extend_from_slice(&generation.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&checksum(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// The generation a file was compiled from, when it is a file of this
    /// build's format.
    pub fn generation_of(bytes: &[u8]) -> Option<u64> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC || word(bytes, 8) != FINGERPRINT {
            return None;
        }
        Some(word(bytes, 16))
    }

    /// Reads a file written by [`Glossary::to_bytes`] for `generation`;
    /// `None` for any other file, or a damaged one.
    pub fn from_bytes(bytes: &[u8], generation: u64) -> Option<Glossary> {
        if Glossary::generation_of(bytes)? != generation {
            return None;
        }
        let payload = &bytes[HEADER..];
        if word(bytes, 24) != payload.len() as u64 || word(bytes, 32) != checksum(payload) {
            return None;
        }
        let mut rest = payload;
        let mut part = || {
            let len = usize::try_from(word(rest.get(..8)?, 0)).ok()?;
            let (part, after) = rest.get(8..)?.split_at_checked(len)?;
            rest = after;
            Some(part)
        };
        let (data, acronyms, misspellings, case_names) = (part()?, part()?, part()?, part()?);
        // The matcher's data on one thread, the rest on the other.
        let (data, others) = rayon::join(
            || postcard::from_bytes::<MatcherData>(data).ok(),
            || {
                let automaton = DoubleArrayAhoCorasick::<u32>::deserialize(rest).ok()?;
                Some((
                    postcard::from_bytes::<HashSet<String>>(acronyms).ok()?,
                    postcard::from_bytes::<misspelled_term::Index>(misspellings).ok()?,
                    postcard::from_bytes::<term_case::Names>(case_names).ok()?,
                    automaton,
                ))
            },
        );
        let (acronyms, misspellings, case_names, (automaton, left)) = others?;
        if !left.is_empty() {
            return None;
        }
        Some(Glossary {
            matcher: Matcher::from_parts(data?, automaton),
            acronyms,
            misspellings: OnceLock::from(misspellings),
            case_names: OnceLock::from(case_names),
        })
    }
}

/// The little-endian `u64` at `at`.
fn word(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::testing;
    use crate::lint::{Config, Language, Linter};
    use std::sync::Arc;

    #[test]
    fn a_glossary_read_back_lints_as_the_one_written() {
        let built = testing::linter();
        let bytes = built.glossary().to_bytes(7);
        let read = Glossary::from_bytes(&bytes, 7).expect("its own file");
        let read = Linter::with_glossary(Arc::new(read), Config::default());
        let text = "Pengesahan Konvensi Melawan Kejahatan Dunia Maya oleh Kementerian Keamanan Publk \
                    dan kementerian luar negeri; ratifkiasi.";
        let a = built.check("a.txt", text, Some(Language::Id));
        let b = read.check("a.txt", text, Some(Language::Id));
        assert!(!a.findings.is_empty());
        assert_eq!(a.findings, b.findings);
        assert_eq!(a.terms_used, b.terms_used);
    }

    #[test]
    fn other_files_are_refused() {
        let bytes = testing::linter().glossary().to_bytes(7);
        assert_eq!(Glossary::generation_of(&bytes), Some(7));
        // Another generation: the store moved on.
        assert!(Glossary::from_bytes(&bytes, 8).is_none());
        // Cut short, or one byte changed anywhere in the payload.
        assert!(Glossary::from_bytes(&bytes[..bytes.len() - 1], 7).is_none());
        for at in [HEADER, HEADER + 100, bytes.len() / 2, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x40;
            assert!(Glossary::from_bytes(&damaged, 7).is_none(), "byte {at}");
        }
        // Another build's format, or not a glossary at all.
        let mut foreign = bytes.clone();
        foreign[8] ^= 1;
        assert_eq!(Glossary::generation_of(&foreign), None);
        assert!(Glossary::from_bytes(&foreign, 7).is_none());
        assert!(Glossary::from_bytes(b"SQLite format 3\0", 7).is_none());
        assert!(Glossary::from_bytes(&[], 7).is_none());
    }
}
