//! Finding glossary terms in running text, with exact original spans.
//!
//! This is the one place that decides what counts as an occurrence of a
//! term; lint's rules and the translation memory's bilingual checks both
//! build on [`Matcher::find`].
//!
//! How a text is searched:
//! 1. It is folded ([`crate::normalize::fold`]): case, diacritics, `đ`,
//!    tone-mark placement, NFC/NFD, hyphens, line breaks and runs of spaces
//!    stop mattering, and every folded byte still knows which original
//!    characters it came from.
//! 2. For Indonesian, each folded word that is not itself a glossary word is
//!    run through the stemmer ([`super::stem`]) against the glossary's own
//!    Indonesian words; a word whose affixes keep its meaning is replaced by
//!    its root (`meratifikasi` → `ratifikasi`). A compound root
//!    (`menandatangani` → `tandatangan`) is spelled as its glossary words.
//! 3. One Aho–Corasick automaton over the folded forms of every term of
//!    every language reports all matches, overlapping ones included. An
//!    English possessive `'s` is left out of the stream and of the terms'
//!    forms (`the Hanoi Convention's mechanisms` holds `Hanoi
//!    Convention`, not the city). A deprecated term is also searched with
//!    a glossary acronym in place of a full name inside it (`Konvensi PBB
//!    Melawan Kejahatan Dunia Maya` for `Konvensi Perserikatan
//!    Bangsa-Bangsa …`), unless the glossary lists that form itself.
//! 4. Matches are kept only if they start and end on word boundaries, are in
//!    a wanted language, carry prefixes only on their first word and
//!    suffixes only on their last, do not run across punctuation the term
//!    itself does not have (`… siber. Konvensi …` is two sentences even
//!    though folding made it `siber konvensi`; a comma between two
//!    lower-case Vietnamese words is the exception, `phòng, chống` being
//!    `phòng chống`), and are not inside a web address or file name
//!    ([`super::address`]).
//! 5. Of the rest, the longest wins (most words, then most letters, then
//!    the leftmost), and the others fill the gaps it leaves: the
//!    convention's full name is one occurrence, not also one of `kejahatan
//!    dunia maya`, even where a shorter term begins earlier and overlaps
//!    it (`Upacara Penandatanganan Konvensi` + `Konvensi … Kejahatan
//!    Siber`). A deprecated term that overlaps a winner without lying
//!    inside it stays an occurrence too, so an overlap never hides it
//!    (`bantuan hukum` in `bantuan hukum internasional`).
//! 6. Where terms of one concept fold alike but differ in punctuation
//!    (`phòng, chống`, `phòng chống`), the one written as the text writes
//!    it is chosen.

use std::sync::Arc;

use daachorse::DoubleArrayAhoCorasick;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::{Deserialize, Serialize};

use super::stem::Analysis;
use crate::model::{Concept, Term, TermType};
use crate::normalize::{Folded, fold};

mod across;
mod fit;
mod langs;
mod stream;
use fit::TermFit;
pub(crate) use fit::has_marks;
use stream::{Token, Word};

/// A term of the matcher's glossary: indexes into [`Matcher::concepts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TermRef {
    pub concept: usize,
    pub term: usize,
}

/// One occurrence of a glossary term in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Byte range of the whole words in the original text, affixes
    /// included.
    pub start: usize,
    pub end: usize,
    /// Where the clitics of the last word begin (`end` when there are
    /// none); `original[start..stem_end]` is the term proper when
    /// [`Occurrence::inflection`] has no prefix and no derivational suffix.
    pub stem_end: usize,
    /// The term chosen for this occurrence (see [`Matcher::find`] for the
    /// order), then every other term with the same folded form in a wanted
    /// language, e.g. the same string as a term of another concept.
    pub terms: Vec<TermRef>,
    /// How the first and last words were inflected, when they were.
    pub inflection: Option<Inflection>,
    /// The original byte ranges of the text's words covered, in order.
    pub words: Vec<(usize, usize)>,
}

impl Occurrence {
    /// The chosen term.
    pub fn term(&self) -> TermRef {
        self.terms[0]
    }

    /// All candidate terms belong to one concept.
    pub fn is_unambiguous(&self) -> bool {
        self.terms
            .iter()
            .all(|t| t.concept == self.terms[0].concept)
    }
}

/// The affixes around an inflected occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inflection {
    /// Analysis of the first word, when it carries prefixes.
    pub first: Option<Analysis>,
    /// Analysis of the last word, when it carries suffixes.
    pub last: Option<Analysis>,
}

impl Inflection {
    pub fn has_prefix(&self) -> bool {
        self.first.as_ref().is_some_and(Analysis::has_prefix)
    }

    /// Only clitics (`-nya`, `-lah`, …) were added to the term.
    pub fn is_clitic_only(&self) -> bool {
        !self.has_prefix() && self.last.as_ref().is_none_or(Analysis::is_clitic_only)
    }

    /// The clitics after the term, as folded text.
    pub fn clitics(&self) -> String {
        self.last
            .as_ref()
            .map(Analysis::clitics)
            .unwrap_or_default()
    }
}

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct FindOptions<'a> {
    /// Only terms of these languages (`None`: all).
    pub langs: Option<&'a [&'a str]>,
    /// Recognise Indonesian inflected forms.
    pub stem_indonesian: bool,
}

/// A match that may become an occurrence: its first and last word, its
/// pattern, and the terms of the pattern it may be.
struct Candidate {
    first: usize,
    last: usize,
    pattern: usize,
    terms: Vec<TermRef>,
}

impl Candidate {
    fn copy(&self) -> Candidate {
        Candidate {
            terms: self.terms.clone(),
            ..*self
        }
    }
}

/// One automaton pattern: a folded form and the terms that have it.
#[derive(Serialize, Deserialize)]
struct Pattern {
    terms: Vec<TermRef>,
    /// Non-space punctuation between the term's words, per gap.
    gaps: Vec<String>,
    /// For a form the glossary does not list, made from a deprecated term
    /// by writing a name inside it as its acronym (`Konvensi PBB …` for
    /// `Konvensi Perserikatan Bangsa-Bangsa …`): what the text must fit,
    /// in place of the term's own [`TermFit`].
    fit: Option<TermFit>,
}

/// A glossary compiled for searching.
pub struct Matcher {
    data: MatcherData,
    /// Every pattern's folded form, the value being the pattern's index.
    /// A double-array automaton: as fast to search as any, and it can be
    /// written to a file and read back without being built again (see
    /// [`crate::lint::compiled`]).
    automaton: DoubleArrayAhoCorasick<u32>,
}

/// Everything of a [`Matcher`] but its automaton: what is written to a
/// file as it is.
#[derive(Serialize, Deserialize)]
pub(crate) struct MatcherData {
    concepts: Vec<Concept>,
    patterns: Vec<Pattern>,
    /// Folded words of the Indonesian terms, and two-word terms written as
    /// one word (`tandatangan`): the stemmer's dictionary.
    dictionary: HashSet<String>,
    /// Compound roots to the words they are written as in the glossary.
    compounds: HashMap<String, Vec<String>>,
    /// Characters in each pattern, to rank matches of equal word count.
    form_len: Vec<usize>,
    /// What each term needs beyond its folded form, by concept and term.
    fits: Vec<Vec<TermFit>>,
    /// The folded form of each term, by concept and term: rules compare
    /// terms in this form, and folding every term once per document would
    /// cost more than the search itself on a large glossary.
    folded: Vec<Vec<String>>,
    /// The punctuation between each term's words, per gap, by concept and
    /// term.
    gaps: Vec<Vec<Vec<String>>>,
    /// The languages of each pattern's terms. Kept in the file, not made
    /// again when it is read: that asked every term of a glossary of a
    /// million its language, a tenth of a second of every start-up.
    langs: langs::Langs,
}

/// Characters that may join two words of a term without ending it.
pub(super) fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The non-space characters between two words.
fn gap_marks(gap: &str) -> String {
    gap.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Matcher {
    /// Whether some term has `c` between two of its words (`Jl.
    /// Sudirman`): only then may a match run across a `c` that ends a
    /// line.
    pub(crate) fn gaps_contain(&self, c: char) -> bool {
        self.data
            .patterns
            .iter()
            .any(|p| p.gaps.iter().any(|g| g.contains(c)))
    }

    pub fn new(concepts: Vec<Concept>) -> Matcher {
        let mut by_form: HashMap<String, usize> = HashMap::new();
        let mut forms: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut dictionary = HashSet::new();
        let mut compounds = HashMap::new();
        let mut fits = Vec::with_capacity(concepts.len());
        let mut folded_terms = Vec::with_capacity(concepts.len());
        let mut all_gaps = Vec::with_capacity(concepts.len());
        for (ci, c) in concepts.iter().enumerate() {
            let mut concept_fits = Vec::with_capacity(c.terms.len());
            let mut concept_folded = Vec::with_capacity(c.terms.len());
            let mut concept_gaps = Vec::with_capacity(c.terms.len());
            for (ti, t) in c.terms.iter().enumerate() {
                let folded = fold(&t.term);
                let gaps = term_gaps(&t.term, &folded);
                concept_fits.push(TermFit::of_folded(t, &folded));
                concept_folded.push(folded.text.clone());
                concept_gaps.push(gaps.clone());
                if folded.text.is_empty() {
                    continue;
                }
                if t.lang.as_str() == "id" {
                    let words: Vec<&str> = folded.text.split(' ').collect();
                    dictionary.extend(words.iter().map(|w| w.to_string()));
                    if words.len() == 2 {
                        let joined = words.concat();
                        dictionary.insert(joined.clone());
                        compounds.insert(joined, words.iter().map(|w| w.to_string()).collect());
                    }
                }
                let r = TermRef {
                    concept: ci,
                    term: ti,
                };
                for form in match_forms(&t.term, &folded) {
                    match by_form.get(&form) {
                        Some(&p) => {
                            if !patterns[p].terms.contains(&r) {
                                patterns[p].terms.push(r);
                            }
                        }
                        None => {
                            by_form.insert(form.clone(), patterns.len());
                            patterns.push(Pattern {
                                terms: vec![r],
                                gaps: gaps.clone(),
                                fit: None,
                            });
                            forms.push(form);
                        }
                    }
                }
            }
            fits.push(concept_fits);
            folded_terms.push(concept_folded);
            all_gaps.push(concept_gaps);
        }
        // Deprecated terms also with a glossary acronym in place of the
        // name it stands for, unless the glossary lists that form itself.
        for (form, r, variant) in acronym_variants(&concepts, &folded_terms) {
            if by_form.contains_key(&form) {
                continue;
            }
            let f = fold(&variant.term);
            by_form.insert(form.clone(), patterns.len());
            patterns.push(Pattern {
                terms: vec![r],
                gaps: term_gaps(&variant.term, &f),
                fit: Some(TermFit::of_folded(&variant, &f)),
            });
            forms.push(form);
        }
        // A compound root already spelled as one glossary word is that word.
        compounds.retain(|joined, _| !by_form.contains_key(joined));
        let form_len = forms.iter().map(|f| f.chars().count()).collect();
        // Each form between spaces, as the stream has its tokens: a match
        // then starts and ends on token boundaries, and the many places
        // where a term is only part of a longer word (`kerja` in
        // `bekerja`) are never reported at all.
        let automaton = if forms.is_empty() {
            // The double array wants at least one pattern; two spaces never
            // occur in the stream.
            DoubleArrayAhoCorasick::new(["  "])
        } else {
            DoubleArrayAhoCorasick::new(forms.iter().map(|f| format!(" {f} ")))
        }
        .expect("glossary forms are distinct and not empty");
        let mut data = MatcherData {
            concepts,
            patterns,
            dictionary,
            compounds,
            form_len,
            fits,
            folded: folded_terms,
            gaps: all_gaps,
            langs: langs::Langs::default(),
        };
        data.langs = langs::Langs::new(&data);
        Matcher { data, automaton }
    }

    /// The matcher's parts, for writing it to a file.
    pub(crate) fn parts(&self) -> (&MatcherData, &DoubleArrayAhoCorasick<u32>) {
        (&self.data, &self.automaton)
    }

    /// A matcher from the parts [`Matcher::parts`] gave.
    pub(crate) fn from_parts(data: MatcherData, automaton: DoubleArrayAhoCorasick<u32>) -> Matcher {
        Matcher { data, automaton }
    }

    pub fn concepts(&self) -> &[Concept] {
        &self.data.concepts
    }

    pub fn concept(&self, r: TermRef) -> &Concept {
        &self.data.concepts[r.concept]
    }

    pub fn term(&self, r: TermRef) -> &Term {
        &self.data.concepts[r.concept].terms[r.term]
    }

    /// The folded form of a term ([`crate::normalize::fold_key`]).
    pub fn folded_term(&self, r: TermRef) -> &str {
        &self.data.folded[r.concept][r.term]
    }

    /// The punctuation between a term's words, one string per gap (empty
    /// where only spaces separate them).
    pub fn term_gaps(&self, r: TermRef) -> &[String] {
        &self.data.gaps[r.concept][r.term]
    }

    /// The stemmer's dictionary: the glossary's Indonesian words.
    pub fn dictionary(&self) -> &HashSet<String> {
        &self.data.dictionary
    }

    /// Every occurrence of a glossary term in `text`, in text order, none
    /// overlapping. Among the terms with the matched form, the chosen one
    /// ([`Occurrence::term`]) is a term ending in a symbol the text has
    /// (`Vietnam+`) first, then the first in status order (preferred,
    /// admitted, deprecated, superseded), then full forms before short
    /// ones and acronyms; within one concept, the spelling the text
    /// writes (punctuation, then capitals) comes first.
    pub fn find(&self, text: &str, options: &FindOptions<'_>) -> Vec<Occurrence> {
        self.find_folded(text, &fold(text), options)
    }

    /// [`Matcher::find`] on a text already folded.
    pub fn find_folded(
        &self,
        text: &str,
        folded: &Folded,
        options: &FindOptions<'_>,
    ) -> Vec<Occurrence> {
        let found = self
            .find_folded_each(text, folded, options.stem_indonesian, &[options.langs])
            .pop()
            .expect("one selection, one result");
        Arc::try_unwrap(found).unwrap_or_else(|shared| (*shared).clone())
    }

    /// [`Matcher::find_folded`] for several language selections at once
    /// (`None`: every language), one result per selection. The text is
    /// tokenized, stemmed and scanned once; only the choice among
    /// overlapping matches, which depends on the languages wanted, is made
    /// per selection. Selections with the same result share it.
    pub fn find_folded_each(
        &self,
        text: &str,
        folded: &Folded,
        stem_indonesian: bool,
        selections: &[Option<&[&str]>],
    ) -> Vec<Arc<Vec<Occurrence>>> {
        let (words, tokens, stream) = self.tokenize(text, folded, stem_indonesian);
        let candidates = self.candidates(text, &words, &tokens, &stream);
        // Where a selection keeps every term of every candidate, its
        // result is that of choosing among all candidates: chosen once.
        let in_langs = |ls: &[&str], r: &TermRef| ls.contains(&self.term(*r).lang.as_str());
        let keeps_all = |langs: &Option<&[&str]>| match langs {
            None => true,
            Some(ls) => {
                let sel = self.data.langs.selection(ls);
                candidates
                    .iter()
                    .all(|c| match self.data.langs.keep(c.pattern, sel) {
                        langs::Keep::All => true,
                        _ => c.terms.iter().all(|r| in_langs(ls, r)),
                    })
            }
        };
        let mut all: Option<Arc<Vec<Occurrence>>> = None;
        selections
            .iter()
            .map(|langs| {
                if keeps_all(langs) {
                    return all
                        .get_or_insert_with(|| {
                            Arc::new(self.choose(
                                text,
                                &words,
                                candidates.iter().map(Candidate::copy).collect(),
                            ))
                        })
                        .clone();
                }
                let sel = langs.and_then(|ls| self.data.langs.selection(ls));
                let wanted = candidates.iter().filter_map(|c| {
                    let terms: Vec<TermRef> = match (langs, self.data.langs.keep(c.pattern, sel)) {
                        (None, _) | (Some(_), langs::Keep::All) => c.terms.clone(),
                        (Some(_), langs::Keep::None) => Vec::new(),
                        (Some(ls), langs::Keep::Each) => c
                            .terms
                            .iter()
                            .copied()
                            .filter(|r| in_langs(ls, r))
                            .collect(),
                    };
                    (!terms.is_empty()).then_some(Candidate { terms, ..*c })
                });
                Arc::new(self.choose(text, &words, wanted.collect()))
            })
            .collect()
    }

    /// Every match of the automaton that starts and ends on word
    /// boundaries, with the terms of its form that fit the original text,
    /// in the automaton's order. Language is not looked at here.
    fn candidates(
        &self,
        text: &str,
        words: &[Word],
        tokens: &[Token],
        stream: &str,
    ) -> Vec<Candidate> {
        let token_at_start = |at: usize| tokens.binary_search_by_key(&at, |t| t.start).ok();
        let token_at_end = |at: usize| tokens.binary_search_by_key(&at, |t| t.end).ok();
        let mut candidates: Vec<Candidate> = Vec::new();
        // The automaton reports the matches ending at one byte longest
        // first (each state's own pattern, then those along its failure
        // links): the order the candidates keep.
        for m in self.automaton.find_overlapping_iter(stream) {
            // Without the spaces around the form.
            let (Some(ts), Some(te)) = (token_at_start(m.start() + 1), token_at_end(m.end() - 1))
            else {
                continue;
            };
            let (a, b) = (tokens[ts].word, tokens[te].word);
            // A match may not begin or end inside a compound's tokens.
            if (ts > 0 && tokens[ts - 1].word == a)
                || (te + 1 < tokens.len() && tokens[te + 1].word == b)
            {
                continue;
            }
            let pattern = &self.data.patterns[m.value() as usize];
            let terms: Vec<TermRef> = pattern
                .terms
                .iter()
                .copied()
                .filter(|r| {
                    let fit = pattern
                        .fit
                        .as_ref()
                        .unwrap_or(&self.data.fits[r.concept][r.term]);
                    fits(fit, text, words, &tokens[ts..=te])
                })
                .collect();
            if terms.is_empty() || !affixes_in_place(words, a, b) {
                continue;
            }
            if !self.gaps_allowed(text, words, a, b, pattern) {
                continue;
            }
            candidates.push(Candidate {
                first: a,
                last: b,
                pattern: m.value() as usize,
                terms,
            });
        }
        // Address chunks are sorted and do not overlap: the only one that
        // can overlap a span is the first that ends after its start.
        // Only the stretch of text the words cover is read: a long
        // document is searched piece by piece.
        let addresses = match (words.first(), words.last()) {
            (Some(first), Some(last)) => {
                let bytes = text.as_bytes();
                let mut lo = first.orig.0;
                while lo > 0 && !bytes[lo - 1].is_ascii_whitespace() {
                    lo -= 1;
                }
                let mut hi = last.orig.1;
                while hi < bytes.len() && !bytes[hi].is_ascii_whitespace() {
                    hi += 1;
                }
                let mut a = super::address::address_ranges(&text[lo..hi]);
                for r in &mut a {
                    *r = (r.0 + lo, r.1 + lo);
                }
                a
            }
            _ => Vec::new(),
        };
        candidates.retain(|c| {
            let (s, e) = (words[c.first].orig.0, words[c.last].orig.1);
            let i = addresses.partition_point(|&(_, ae)| ae <= s);
            addresses.get(i).is_none_or(|&(as_, _)| as_ >= e)
        });
        candidates
    }

    /// The longest candidates win (most words, then most letters, then the
    /// leftmost) and the others fill the gaps; in text order. A deprecated
    /// term that lost to an overlapping candidate without lying inside it
    /// is kept as well (`bantuan hukum` in `bantuan hukum internasional`,
    /// `upacara pembukaan Konvensi` before the convention's full name), so
    /// no finding is swallowed by an overlap.
    fn choose(
        &self,
        text: &str,
        words: &[Word],
        mut candidates: Vec<Candidate>,
    ) -> Vec<Occurrence> {
        candidates.sort_by_key(|c| {
            (
                std::cmp::Reverse((c.last - c.first, self.data.form_len[c.pattern])),
                c.first,
            )
        });
        if candidates.is_empty() {
            return Vec::new();
        }
        // The chosen occurrence each word belongs to (`NONE`: none), for
        // the words from the first candidate's on.
        const NONE: u32 = u32::MAX;
        let base = candidates.iter().map(|c| c.first).min().unwrap_or(0);
        let top = candidates.iter().map(|c| c.last).max().unwrap_or(0);
        let mut owner: Vec<u32> = vec![NONE; top + 1 - base];
        let mut chosen = Vec::new();
        let mut lost = Vec::new();
        for c in candidates {
            let (a, b) = (c.first - base, c.last - base);
            if owner[a..=b].iter().any(|o| *o != NONE) {
                lost.push(c);
                continue;
            }
            let id = u32::try_from(chosen.len()).expect("fewer than 2^32 occurrences");
            owner[a..=b].iter_mut().for_each(|t| *t = id);
            chosen.push((c.first, c.last, c.terms));
        }
        let mut kept = vec![false; if lost.is_empty() { 0 } else { owner.len() }];
        for c in lost {
            let (a, b) = (c.first - base, c.last - base);
            let inside = owner[a] != NONE && owner[a] == owner[b];
            let deprecated = c.terms.iter().all(|r| !self.term(*r).status.is_allowed());
            if !deprecated || inside || kept[a..=b].iter().any(|k| *k) {
                continue;
            }
            kept[a..=b].iter_mut().for_each(|k| *k = true);
            chosen.push((c.first, c.last, c.terms));
        }
        chosen.sort_by_key(|(a, b, _)| (*a, *b));
        let mut out = Vec::with_capacity(chosen.len());
        for (a, b, mut terms) in chosen {
            // A term ending in a symbol the text has (`Vietnam+`) is what
            // the text wrote; then by status and type.
            terms.sort_by_key(|r| {
                let t = self.term(*r);
                (
                    !self.data.fits[r.concept][r.term].has_symbol_suffix(),
                    t.status,
                    t.term_type != TermType::Full,
                    t.term_type,
                    *r,
                )
            });
            self.prefer_written_form(text, words, a, b, &mut terms);
            let first = words[a].analysis.clone().filter(Analysis::has_prefix);
            let last = words[b].analysis.clone().filter(Analysis::has_suffix);
            let inflection = (first.is_some() || last.is_some()).then(|| Inflection {
                first: if a == b {
                    words[a].analysis.clone()
                } else {
                    first
                },
                last: if a == b {
                    words[b].analysis.clone()
                } else {
                    last
                },
            });
            out.push(Occurrence {
                start: words[a].orig.0,
                end: words[b].orig.1,
                stem_end: words[b].clitics_at.unwrap_or(words[b].orig.1),
                terms,
                inflection,
                words: words[a..=b].iter().map(|w| w.orig).collect(),
            });
        }
        out
    }

    /// Among the terms of the first term's concept, the one written as the
    /// text writes it comes first: its punctuation, then its diacritics,
    /// then its capitals.
    /// When the glossary lists `phòng, chống` and `phòng chống`, or
    /// `Liên Hợp Quốc` and `Liên hợp quốc`, or `António` and `Antonio`,
    /// the text says which one it wrote.
    fn prefer_written_form(
        &self,
        text: &str,
        words: &[Word],
        a: usize,
        b: usize,
        terms: &mut [TermRef],
    ) {
        let (concept, lang) = (terms[0].concept, &self.term(terms[0]).lang);
        let same = |r: &TermRef| r.concept == concept && self.term(*r).lang == *lang;
        if terms.iter().all(|r| !same(r) || *r == terms[0]) {
            return;
        }
        let written: Vec<String> = (a..b)
            .map(|i| gap_marks(&text[words[i].orig.1..words[i + 1].orig.0]))
            .collect();
        let written_marks =
            Self::marks_key(&text[words[a].orig.0..words[b].clitics_at.unwrap_or(words[b].orig.1)]);
        let shapes: Vec<Vec<bool>> = (a..=b)
            .map(|i| {
                capitals(&text[words[i].orig.0..words[i].clitics_at.unwrap_or(words[i].orig.1)])
            })
            .collect();
        let score = |r: TermRef| {
            let t = &self.term(r).term;
            let f = fold(t);
            let term_shapes: Vec<Vec<bool>> = f
                .words()
                .map(|(s, w)| {
                    let (x, y) = f.original_range(s, s + w.len());
                    capitals(&t[x..y])
                })
                .collect();
            (
                self.term_gaps(r) == written.as_slice(),
                Self::marks_key(t) == written_marks,
                term_shapes == shapes,
            )
        };
        let best = score(terms[0]);
        if best == (true, true, true) {
            return;
        }
        if let Some(k) = terms.iter().position(|r| same(r) && score(*r) > best) {
            let better = score(terms[k]);
            let k = terms
                .iter()
                .position(|r| same(r) && score(*r) == better)
                .unwrap_or(k);
            terms[..=k].rotate_right(1);
        }
    }

    /// The letters of `s` with their diacritics, without case, tone-mark
    /// placement, spaces or punctuation: `António` and `Antonio`, `Hòa` and
    /// `hoà` compare as written.
    fn marks_key(s: &str) -> String {
        crate::normalize::tone_key(s)
            .chars()
            .filter(|&c| c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c))
            .collect()
    }

    /// Whether the original text between the matched words may sit inside
    /// the term: spaces and line breaks (not a blank line), a hyphen joining
    /// two words, exactly the punctuation the term itself has there, or
    /// a comma the term lacks between two Vietnamese words in lower case
    /// (Vietnamese writes `phòng, chống` and `phòng chống` for one phrase,
    /// so a text with the comma matches a term without it, as a text
    /// without it matches a term with it). Elsewhere a comma ends a term
    /// (`kejahatan, siber` is a list).
    fn gaps_allowed(&self, text: &str, words: &[Word], a: usize, b: usize, p: &Pattern) -> bool {
        let lower = |w: &Word| {
            let word = &text[w.orig.0..w.orig.1];
            word.chars().next().is_some_and(char::is_lowercase) && has_marks(word)
        };
        for (k, i) in (a..b).enumerate() {
            let gap = &text[words[i].orig.1..words[i + 1].orig.0];
            if gap.matches('\n').count() >= 2 {
                return false;
            }
            let marks = gap_marks(gap);
            let hyphen = gap.chars().count() == 1 && gap.chars().all(is_joiner);
            let term_marks = p.gaps.get(k).map(String::as_str).unwrap_or("");
            let optional_comma =
                marks == "," && term_marks.is_empty() && lower(&words[i]) && lower(&words[i + 1]);
            if !(marks.is_empty() || hyphen || marks == term_marks || optional_comma) {
                return false;
            }
        }
        true
    }
}

/// Which letters of a word are capitals.
fn capitals(word: &str) -> Vec<bool> {
    word.chars()
        .filter(|c| c.is_alphabetic())
        .map(char::is_uppercase)
        .collect()
}

/// Whether a term's fit accepts the original text of `tokens`: Vietnamese
/// marks and acronym capitals (see [`fit`]). Words the stemmer reduced are
/// Indonesian and have neither.
fn fits(fit: &TermFit, text: &str, words: &[Word], tokens: &[Token]) -> bool {
    let (first, last) = (
        &words[tokens[0].word],
        &words[tokens[tokens.len() - 1].word],
    );
    if !fit.capitals_fit(&text[first.orig.0..last.orig.1]) || !fit.suffix_fits(&text[last.orig.1..])
    {
        return false;
    }
    tokens.iter().enumerate().all(|(k, t)| {
        let w = &words[t.word];
        w.analysis.is_some() || fit.word_fits(k, &text[w.orig.0..w.orig.1])
    })
}

/// Where the apostrophe of a word's English possessive `'s` (straight or
/// curly) is, when the word ends in one.
pub(crate) fn possessive_at(word: &str) -> Option<usize> {
    let rest = word.strip_suffix(['s', 'S'])?;
    let apostrophe = rest.chars().next_back()?;
    (matches!(apostrophe, '\'' | '\u{2019}' | '\u{02BC}') && rest.len() > apostrophe.len_utf8())
        .then(|| rest.len() - apostrophe.len_utf8())
}

/// The folded forms a term is searched by: its folded form with each
/// possessive `'s` of its words dropped, as the search stream drops it
/// from the text (`People's` is `people`), and, when that differs, the
/// folded form itself, for text written without the apostrophe.
fn match_forms(term: &str, folded: &Folded) -> Vec<String> {
    let mut stripped = String::with_capacity(folded.text.len());
    for (s, w) in folded.words() {
        let (a, b) = folded.original_range(s, s + w.len());
        if !stripped.is_empty() {
            stripped.push(' ');
        }
        match possessive_at(&term[a..b]) {
            Some(_) if w.len() > 1 => stripped.push_str(&w[..w.len() - 1]),
            _ => stripped.push_str(w),
        }
    }
    if stripped == folded.text {
        vec![stripped]
    } else {
        vec![stripped, folded.text.clone()]
    }
}

/// Forms of the deprecated terms with a glossary acronym in place of the
/// full name it stands for (`Konvensi PBB Melawan Kejahatan Dunia Maya`
/// for `Konvensi Perserikatan Bangsa-Bangsa Melawan Kejahatan Dunia
/// Maya`): (folded form, term, the form as a term of its own).
fn acronym_variants(concepts: &[Concept], folded: &[Vec<String>]) -> Vec<(String, TermRef, Term)> {
    // (language, folded full name, acronym as written), per concept with
    // an allowed acronym.
    let mut names: Vec<(&str, &str, &str)> = Vec::new();
    for (ci, c) in concepts.iter().enumerate() {
        for a in c
            .terms
            .iter()
            .filter(|t| t.term_type == TermType::Acronym && t.status.is_allowed())
        {
            for (ti, f) in c.terms.iter().enumerate() {
                if f.lang == a.lang
                    && f.term_type == TermType::Full
                    && f.status.is_allowed()
                    && folded[ci][ti].contains(' ')
                {
                    names.push((a.lang.as_str(), folded[ci][ti].as_str(), a.term.as_str()));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (ci, c) in concepts.iter().enumerate() {
        for (ti, t) in c.terms.iter().enumerate() {
            if t.status.is_allowed() || t.term_type == TermType::Acronym {
                continue;
            }
            let f = fold(&t.term);
            let words: Vec<(usize, &str)> = f.words().collect();
            for &(lang, name, acronym) in &names {
                if lang != t.lang.as_str() || name == folded[ci][ti] {
                    continue;
                }
                let name_words: Vec<&str> = name.split(' ').collect();
                let n = name_words.len();
                let Some(at) = (0..(words.len() + 1).saturating_sub(n)).find(|&i| {
                    words[i..i + n]
                        .iter()
                        .map(|(_, w)| *w)
                        .eq(name_words.iter().copied())
                }) else {
                    continue;
                };
                let (first, last) = (words[at], words[at + n - 1]);
                let (a, _) = f.original_range(first.0, first.0 + first.1.len());
                let (_, b) = f.original_range(last.0, last.0 + last.1.len());
                let variant = Term {
                    term: format!("{}{}{}", &t.term[..a], acronym, &t.term[b..]),
                    term_type: TermType::Full,
                    ..t.clone()
                };
                let form = fold(&variant.term).text;
                out.push((
                    form,
                    TermRef {
                        concept: ci,
                        term: ti,
                    },
                    variant,
                ));
            }
        }
    }
    out
}

/// Prefixes only on the first word of a match, suffixes only on its last:
/// `kerja bersama` is not an inflection of `kerja sama`.
fn affixes_in_place(words: &[Word], a: usize, b: usize) -> bool {
    (a..=b).all(|i| {
        words[i]
            .analysis
            .as_ref()
            .is_none_or(|an| (i == a || !an.has_prefix()) && (i == b || !an.has_suffix()))
    })
}

/// The punctuation between a term's own words, per gap.
fn term_gaps(term: &str, folded: &Folded) -> Vec<String> {
    let spans: Vec<(usize, usize)> = folded
        .words()
        .map(|(s, w)| folded.original_range(s, s + w.len()))
        .collect();
    spans
        .windows(2)
        .map(|w| gap_marks(&term[w[0].1..w[1].0]))
        .collect()
}

#[cfg(test)]
mod tests;
