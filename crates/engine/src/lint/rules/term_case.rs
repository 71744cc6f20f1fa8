//! ## What it does
//! Finds a proper name of the glossary written with other capitals than
//! the glossary gives it, word by word: `kementerian luar negeri` for
//! `Kementerian Luar Negeri`, `Bộ Công An` for `Bộ Công an`.
//!
//! A proper name here is a term with a capital letter whose concept is a
//! named thing: an organization, UN body, ministry, agency, office,
//! convention, legal instrument, person, place or media outlet. Not
//! checked, because their words double as plain descriptions: titles,
//! ranks, events, committees and general terms (Indonesian writes `wakil
//! menteri`, `upacara penandatanganan`, `sebuah komite pengarah` in lower
//! case when it describes, and capitalises a common noun that refers to one
//! specific thing, `Keputusan`, `Rencana Induk`), and one-word short forms
//! (`Partai` for the Communist Party of Vietnam is also the word for any
//! party). A name inside such a term is still checked: in `Thứ trưởng Bộ
//! Công An` the title is not, `Bộ Công An` is. Acronyms only match in
//! capitals (see the matcher), so their case is never wrong here.
//!
//! A name inside a longer name may be written in any spelling the glossary
//! allows for it: with `Liên hợp quốc` admitted beside `Liên Hợp Quốc`,
//! `Công ước Liên hợp quốc về chống tội phạm mạng` is right too (but
//! `Liên Hợp quốc`, neither spelling, is not).
//!
//! Not reported either, because the text describes rather than names:
//! - capitals missing only on a run of words at one end of the term, the
//!   rest being a name written right: `UN headquarters`, `markas besar
//!   PBB`, `trụ sở Liên hợp quốc` (the place where the UN is, in news
//!   style), where `kementerian luar negeri` (no name left) is reported;
//! - a short form or a media outlet's name written all in lower case:
//!   `công tác công an` (police work, beside the force `Công an`), `họp
//!   báo quốc tế` (an international press conference, not the paper `Báo
//!   Quốc tế`);
//! - a Vietnamese institution of one or two words with one capital,
//!   written all in lower case: `quốc hội` (a parliament, or a portfolio
//!   "parliamentary affairs") beside `Quốc hội`. `việt nam` and `bộ công
//!   an` are still reported.
//!
//! A Vietnamese name written in lower case without its marks (`le hoai
//! trung` in an address slug or an image text) is not reported either:
//! that is no choice of capitals.
//!
//! Fine as well: a capital on the first word at the start of a sentence or
//! line, and a first word there written all in capitals (`KONVENSI …`
//! opening an article); capitals in a title-case headline (every word of
//! four or more letters capitalised, no final full stop); a term written
//! all in capitals; the press's capital on each word of a Vietnamese name
//! the glossary writes with one capital (`Cảnh sát Quốc gia Indonesia`,
//! not `Bộ Công An`, whose capital sits inside a word); function words
//! inside a name (`dan`, `melawan`, `of`,
//! `và`, …), which house styles write either way. Deprecated terms are
//! left to `deprecated-term`.
//!
//! ## Why is this bad?
//! Capitals carry meaning: `Kementerian Luar Negeri` is the ministry,
//! `kementerian luar negeri` is any foreign ministry. Official names are
//! written one way, and readers notice when they are not.
//!
//! ## Example
//! ```text
//! Delegasi kementerian luar negeri tiba kemarin.
//! Thứ trưởng Bộ Công An phát biểu.
//! ```
//! Use instead:
//! ```text
//! Delegasi Kementerian Luar Negeri tiba kemarin.
//! Thứ trưởng Bộ Công an phát biểu.
//! ```

/// One line saying what the rule finds.
pub const SUMMARY: &str = "A glossary term written with other capitals than the glossary's.";

use std::collections::HashMap;

use super::one_line;
use crate::lint::case::{Shape, at_sentence_start, is_title_line, shape};
use crate::lint::fix::is_all_caps;
use crate::lint::matcher::{Matcher, Occurrence, TermRef, has_marks, possessive_at};
use crate::lint::{Document, Draft, Linter, Rule};
use crate::model::{Concept, TermType};
use crate::normalize::fold;

/// Categories whose capitalised terms are proper names.
pub const NAME_CATEGORIES: &[&str] = &[
    "organization",
    "un-body",
    "ministry",
    "agency",
    "office",
    "convention",
    "legal-instrument",
    "person",
    "place",
    "media",
];

/// Whether the terms of `concept` are proper names (by its category), so
/// a replacement keeps the glossary's capitals wherever it goes.
pub fn names_a_thing(concept: &Concept) -> bool {
    NAME_CATEGORIES.contains(&concept.category.as_str())
}

/// Words a name may write in either case.
const FUNCTION_WORDS: &[&str] = &[
    // Indonesian
    "dan",
    "di",
    "ke",
    "dari",
    "untuk",
    "tentang",
    "melawan",
    "menentang",
    "terhadap",
    "atas",
    "bagi",
    "pada",
    "yang",
    "oleh",
    "dalam",
    "dengan",
    "serta",
    "atau",
    // English
    "of",
    "and",
    "the",
    "for",
    "against",
    "on",
    "in",
    "to",
    "at",
    "by",
    "with",
    "from",
    // Vietnamese
    "và",
    "của",
    "về",
    "với",
    "cho",
];

/// The words of a term or text, as written: the fold's words mapped back.
pub(crate) fn term_words(term: &str) -> Vec<String> {
    let f = fold(term);
    f.words()
        .map(|(s, w)| {
            let (a, b) = f.original_range(s, s + w.len());
            term[a..b].to_string()
        })
        .collect()
}

/// A name inside a longer term (`Liên Hợp Quốc` inside `Công ước Liên Hợp
/// Quốc về chống tội phạm mạng`, `UN` inside `UN Headquarters`): words
/// `first..=last` of the term are an allowed term of a named thing, or an
/// acronym.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Inner {
    first: usize,
    last: usize,
    /// The name, as the longer term writes it when it does.
    name: TermRef,
    /// Every allowed spelling of the name with the same letters (its
    /// concept's terms that fold alike), word by word.
    spellings: Vec<Vec<String>>,
    /// The longer term writes these words as one of `spellings`.
    as_written: bool,
    /// The name is itself a checked proper name.
    checked: bool,
}

/// What this rule knows of one glossary term: its words and the names
/// inside it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct TermNames {
    words: Vec<String>,
    inner: Vec<Inner>,
    /// A Vietnamese term, whose words may carry the press's capital on
    /// each word (see [`press_capitals`]).
    vietnamese: bool,
}

/// The words and inner names of every glossary term, built once per run
/// (the first time a document needs them) and shared by every document.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Names {
    terms: Vec<Vec<TermNames>>,
}

/// The longest inner name looked for, in words.
const MAX_INNER_WORDS: usize = 8;

impl Names {
    pub fn new(m: &Matcher) -> Names {
        // Allowed terms by folded form.
        let mut by_form: HashMap<&str, Vec<TermRef>> = HashMap::new();
        for (ci, c) in m.concepts().iter().enumerate() {
            for (ti, t) in c.terms.iter().enumerate() {
                if t.status.is_allowed() {
                    let r = TermRef {
                        concept: ci,
                        term: ti,
                    };
                    by_form.entry(m.folded_term(r)).or_default().push(r);
                }
            }
        }
        let terms = m
            .concepts()
            .iter()
            .enumerate()
            .map(|(ci, c)| {
                (0..c.terms.len())
                    .map(|ti| {
                        TermNames::new(
                            m,
                            &by_form,
                            TermRef {
                                concept: ci,
                                term: ti,
                            },
                        )
                    })
                    .collect()
            })
            .collect();
        Names { terms }
    }

    fn of(&self, r: TermRef) -> &TermNames {
        &self.terms[r.concept][r.term]
    }

    /// How many words term `r` has.
    pub(crate) fn word_count(&self, r: TermRef) -> usize {
        self.of(r).words.len()
    }

    /// The proper names inside term `r` (`Liên Hợp Quốc` inside `Tổng Thư
    /// ký Liên Hợp Quốc`), as (first word, last word, the name as the term
    /// writes it).
    pub(crate) fn inner_names(&self, r: TermRef) -> impl Iterator<Item = (usize, usize, TermRef)> {
        self.of(r)
            .inner
            .iter()
            .filter(|i| i.checked)
            .map(|i| (i.first, i.last, i.name))
    }
}

impl TermNames {
    fn new(m: &Matcher, by_form: &HashMap<&str, Vec<TermRef>>, r: TermRef) -> TermNames {
        let t = m.term(r);
        let words = term_words(&t.term);
        let folded: Vec<&str> = m.folded_term(r).split(' ').collect();
        let mut inner = Vec::new();
        let vietnamese = t.lang.as_str() == "vi";
        if folded.len() != words.len() || words.len() < 2 {
            return TermNames {
                words,
                inner,
                vietnamese,
            };
        }
        let n = words.len();
        for first in 0..n {
            for last in first..n.min(first + MAX_INNER_WORDS) {
                if (first, last) == (0, n - 1) {
                    continue;
                }
                let key = folded[first..=last].join(" ");
                let Some(hits) = by_form.get(key.as_str()) else {
                    continue;
                };
                let names: Vec<TermRef> = hits
                    .iter()
                    .copied()
                    .filter(|u| {
                        let ut = m.term(*u);
                        ut.lang == t.lang
                            && (ut.term_type == TermType::Acronym
                                || (ut.term.chars().any(char::is_uppercase)
                                    && NAME_CATEGORIES.contains(&m.concept(*u).category.as_str())))
                    })
                    .collect();
                let mut concepts: Vec<usize> = names.iter().map(|u| u.concept).collect();
                concepts.dedup();
                for concept in concepts {
                    let of_concept: Vec<TermRef> = names
                        .iter()
                        .copied()
                        .filter(|u| u.concept == concept)
                        .collect();
                    let spellings: Vec<Vec<String>> = of_concept
                        .iter()
                        .map(|u| term_words(&m.term(*u).term))
                        .filter(|w| w.len() == last - first + 1)
                        .collect();
                    if spellings.is_empty() {
                        continue;
                    }
                    let written = &words[first..=last];
                    let as_written_by = of_concept
                        .iter()
                        .copied()
                        .find(|u| term_words(&m.term(*u).term) == written);
                    inner.push(Inner {
                        first,
                        last,
                        name: as_written_by.unwrap_or(of_concept[0]),
                        spellings,
                        as_written: as_written_by.is_some(),
                        checked: as_written_by.is_some_and(|u| is_checked_name(m, u)),
                    });
                }
            }
        }
        TermNames {
            words,
            inner,
            vietnamese,
        }
    }
}

/// How one word of the text compares with the glossary's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    Same,
    /// The glossary capitalises it, the text writes it in lower case.
    Lowered,
    /// Any other difference (an added capital, mixed capitals).
    Other,
}

/// Where the words of an occurrence stand, for the capitals allowed there.
struct Place {
    /// The occurrence starts a sentence or a line.
    sentence_start: bool,
    /// The line is a title-case headline.
    title_line: bool,
}

/// How the text word `written`, at position `i` of the occurrence,
/// compares with the glossary word `tw`.
fn word_fit(tw: &str, written: &str, i: usize, place: &Place) -> Fit {
    if FUNCTION_WORDS.contains(&tw.to_lowercase().as_str()) {
        return Fit::Same;
    }
    let (Some(ts), Some(fs)) = (shape(tw), shape(written)) else {
        return Fit::Same;
    };
    let lead = i == 0 && place.sentence_start;
    if ts == fs
        || (ts == Shape::Lower && fs == Shape::Capitalised && (lead || place.title_line))
        // A lead word in capitals (`KONVENSI …` opening an article).
        || (ts == Shape::Capitalised && fs == Shape::Upper && lead)
    {
        return Fit::Same;
    }
    match (ts, fs) {
        (Shape::Capitalised | Shape::Upper, Shape::Lower) => Fit::Lowered,
        _ => Fit::Other,
    }
}

/// The text's words of an occurrence, the last without its clitics.
fn written_words<'t>(doc: &Document<'t>, o: &Occurrence) -> Vec<&'t str> {
    let n = o.words.len();
    o.words
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| {
            let e = if i + 1 == n { e.min(o.stem_end) } else { e };
            &doc.text[s..without_possessive(doc.text, s, e)]
        })
        .collect()
}

/// The end of the word at `s..e` of `text` without an English possessive
/// `’s`, which the matcher reads past inside a term (`ASEAN’s Senior
/// Officials Meeting`) and which is no capital of the name.
fn without_possessive(text: &str, s: usize, e: usize) -> usize {
    possessive_at(&text[s..e]).map_or(e, |at| s + at)
}

/// How an occurrence is written against one reading of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// As the glossary writes it (or one of its inner names' spellings).
    Right,
    /// A lower-case description built on a name, not the name itself:
    /// `UN headquarters`, `markas besar PBB`.
    Descriptive,
    Wrong,
}

/// Whether `written` (the words at `offset..` of an occurrence) fits the
/// spelling `words`.
fn fits_spelling(written: &[&str], words: &[String], offset: usize, place: &Place) -> bool {
    written
        .iter()
        .zip(words)
        .enumerate()
        .all(|(k, (w, tw))| word_fit(tw, w, offset + k, place) == Fit::Same)
}

/// Compares the written words with a term (`names`: its words and inner
/// names).
fn verdict(written: &[&str], names: &TermNames, place: &Place) -> Verdict {
    let fits: Vec<Fit> = names
        .words
        .iter()
        .zip(written)
        .enumerate()
        .map(|(i, (tw, w))| word_fit(tw, w, i, place))
        .collect();
    if fits.iter().all(|f| *f == Fit::Same) {
        return Verdict::Right;
    }
    let fits: Vec<Fit> = if names.vietnamese {
        (0..fits.len())
            .map(|i| match fits[i] {
                Fit::Other if press_capitals(written, &names.words, i) => Fit::Same,
                f => f,
            })
            .collect()
    } else {
        fits
    };
    if fits.iter().all(|f| *f == Fit::Same) {
        return Verdict::Right;
    }
    // An inner name written in another allowed spelling of it.
    let mut right: Vec<bool> = fits.iter().map(|f| *f == Fit::Same).collect();
    for inner in names.inner.iter().filter(|i| i.as_written) {
        let span = &written[inner.first..=inner.last];
        if inner
            .spellings
            .iter()
            .any(|s| fits_spelling(span, s, inner.first, place))
        {
            right[inner.first..=inner.last]
                .iter_mut()
                .for_each(|r| *r = true);
        }
    }
    if right.iter().all(|r| *r) {
        return Verdict::Right;
    }
    // Only capitals missing, on a run of words at one end, the rest a name
    // written right: a description in lower case around a name.
    if (0..fits.len()).any(|i| fits[i] == Fit::Other && !right[i]) {
        return Verdict::Wrong;
    }
    // The words the glossary capitalises, in order.
    let caps: Vec<usize> = (0..fits.len())
        .filter(|&i| names.words[i].chars().any(char::is_uppercase))
        .filter(|&i| !FUNCTION_WORDS.contains(&names.words[i].to_lowercase().as_str()))
        .collect();
    let lowered: Vec<usize> = (0..caps.len()).filter(|&k| !right[caps[k]]).collect();
    let (Some(&a), Some(&b)) = (lowered.first(), lowered.last()) else {
        return Verdict::Wrong;
    };
    if lowered.len() != b - a + 1 || (a != 0 && b != caps.len() - 1) {
        return Verdict::Wrong;
    }
    let kept: Vec<usize> = (0..caps.len())
        .filter(|k| *k < a || *k > b)
        .map(|k| caps[k])
        .collect();
    let (run_first, run_last) = (caps[a], caps[b]);
    if let (Some(&first), Some(&last)) = (kept.first(), kept.last())
        && names.inner.iter().any(|i| {
            i.first <= first && last <= i.last && (i.last < run_first || i.first > run_last)
        })
    {
        return Verdict::Descriptive;
    }
    Verdict::Wrong
}

/// Whether word `i` of a Vietnamese name carries the capital the press
/// gives each word of a name, where the glossary writes the name with one
/// capital (`Cảnh sát Quốc gia Indonesia`, `Công an Nhân dân` beside
/// `Cảnh sát quốc gia Indonesia`, `Công an nhân dân`): a widespread house
/// style, not an error. Vietnamese words are mostly two syllables, and the
/// style capitalises a word's first one only, so the capital counts as the
/// style when the syllable before it is in lower case in the glossary and
/// the one after it is in lower case in the text. A capital on every
/// syllable (`Bộ Công An`, `Bộ Ngoại Giao`, `Quốc Hội`) or on a word's
/// second syllable is not the style and is still reported, and so is a
/// name only partly in the style (`Công ước về Chống tội phạm mạng`: two
/// words after the capital stay in lower case).
fn press_capitals(written: &[&str], words: &[String], i: usize) -> bool {
    let lower = |w: &str| !w.chars().any(char::is_uppercase);
    let function = |w: &str| FUNCTION_WORDS.contains(&w.to_lowercase().as_str());
    // Every word in the style: a syllable in lower case is the second of a
    // word whose first one has the capital.
    let throughout = (1..written.len()).all(|k| {
        !lower(written[k]) || function(written[k]) || {
            let before = written[k - 1];
            !lower(before) && !function(before)
        }
    });
    throughout
        && i > 0
        && i + 1 < words.len()
        && lower(&words[i])
        && shape(written[i]) == Some(Shape::Capitalised)
        && lower(&words[i - 1])
        && lower(&words[i + 1])
        && lower(written[i + 1])
}

/// A term this rule checks: allowed, in a name category, with capitals,
/// and not a one-word short form.
fn is_checked_name(m: &Matcher, r: TermRef) -> bool {
    let t = m.term(r);
    let one_word_short = t.term_type == TermType::Short && !t.term.trim().contains(' ');
    t.status.is_allowed()
        && !one_word_short
        && t.term.chars().any(char::is_uppercase)
        && NAME_CATEGORIES.contains(&m.concept(r).category.as_str())
}

/// Written all in lower case: for a short form (`công an`, police, beside
/// `Công an`, the force), a media outlet's name (`báo quốc tế`, `nhân
/// dân`) or a Vietnamese institution of two words written with one capital
/// (`quốc hội`, a parliament, beside `Quốc hội`, Viet Nam's), the ordinary
/// words the name is made of.
fn ordinary_words(m: &Matcher, r: TermRef, written: &[&str]) -> bool {
    let t = m.term(r);
    let lower = written.iter().all(|w| !w.chars().any(char::is_uppercase));
    lower
        && (t.term_type == TermType::Short
            || m.concept(r).category == "media"
            || vietnamese_common_noun(t.lang.as_str(), &t.term))
}

/// A Vietnamese name of at most two words with a capital on its first
/// letter only (`Quốc hội`, `Chính phủ`): Vietnamese writes an institution
/// so, and the same words in lower case are the common noun (`quốc hội`
/// of another country, a portfolio). Names capitalised on every word
/// (`Việt Nam`, `Hà Nội`) and longer names (`Bộ Công an`) have no such
/// reading, and stay checked in lower case.
fn vietnamese_common_noun(lang: &str, term: &str) -> bool {
    let mut words = term.split_whitespace();
    let first = words.next().unwrap_or("");
    let rest: Vec<&str> = words.collect();
    lang == "vi"
        && rest.len() <= 1
        && first.chars().next().is_some_and(char::is_uppercase)
        && !first.chars().skip(1).any(char::is_uppercase)
        && rest.iter().all(|w| !w.chars().any(char::is_uppercase))
}

pub fn check(doc: &Document<'_>, linter: &Linter, out: &mut Vec<Draft>) {
    let m = linter.matcher();
    let names = linter.case_names();
    // Whether a line is a title-case headline is read once per line: a
    // line holds any number of occurrences, and reading a 100 KB line for
    // each was quadratic.
    let mut title_lines: std::collections::HashMap<usize, bool> = Default::default();
    for o in &doc.occurrences {
        let chosen = o.term();
        let term = m.term(chosen);
        if !term.status.is_allowed() {
            continue; // deprecated-term's business
        }
        let checked = is_checked_name(m, chosen);
        let inner_names = names.of(chosen).inner.iter().any(|i| i.checked);
        if !checked && !inner_names {
            continue;
        }
        let found = &doc.text[o.start..o.end];
        if is_all_caps(found) && !is_all_caps(&term.term) {
            continue;
        }
        // A Vietnamese name in lower case without its marks (`le hoai
        // trung`, `viet nam` in an address slug or image text) is not a
        // choice of capitals.
        if has_marks(&term.term) && !has_marks(found) && !found.chars().any(char::is_uppercase) {
            continue;
        }
        if names.of(chosen).words.len() != o.words.len() {
            continue; // a compound written as one word: nothing to compare
        }
        let written = written_words(doc, o);
        let line = doc.lines.line_of(o.start);
        let place = Place {
            sentence_start: at_sentence_start(doc.text, o.start),
            title_line: *title_lines
                .entry(line)
                .or_insert_with(|| is_title_line(doc.lines.line(line))),
        };
        if checked {
            // Any allowed reading written right (another concept's term
            // with the same letters) clears the occurrence.
            let clear = o.terms.iter().any(|r| {
                let names = names.of(*r);
                m.term(*r).status.is_allowed()
                    && (names.words.len() != written.len()
                        || verdict(&written, names, &place) != Verdict::Wrong
                        || ordinary_words(m, *r, &written))
            });
            if !clear {
                let clitic_only = o.inflection.as_ref().is_none_or(|i| i.is_clitic_only());
                let suggestion =
                    clitic_only.then(|| format!("{}{}", term.term, &doc.text[o.stem_end..o.end]));
                out.push(draft(m, (o.start, o.end), chosen, found, suggestion));
            }
            continue;
        }
        // A title, an event, a committee: not a name itself, but the
        // names inside it are (`Thứ trưởng Bộ Công an`).
        let inner = &names.of(chosen).inner;
        for i in inner.iter().filter(|i| i.checked) {
            let maximal = !inner.iter().any(|j| {
                j.checked
                    && j.first <= i.first
                    && i.last <= j.last
                    && (j.first, j.last) != (i.first, i.last)
            });
            if !maximal {
                continue;
            }
            let span = &written[i.first..=i.last];
            let name_names = names.of(i.name);
            let sub_place = Place {
                sentence_start: place.sentence_start && i.first == 0,
                title_line: place.title_line,
            };
            if name_names.words.len() != span.len()
                || i.spellings
                    .iter()
                    .any(|s| fits_spelling(span, s, 0, &sub_place))
                || verdict(span, name_names, &sub_place) != Verdict::Wrong
                || ordinary_words(m, i.name, span)
            {
                continue;
            }
            let (s, e) = (o.words[i.first].0, o.words[i.last].1);
            let e = if i.last + 1 == o.words.len() {
                e.min(o.stem_end)
            } else {
                without_possessive(doc.text, o.words[i.last].0, e)
            };
            let suggestion = Some(m.term(i.name).term.clone());
            out.push(draft(m, (s, e), i.name, &doc.text[s..e], suggestion));
        }
    }
}

/// The finding for `found` (bytes `span`), a miswritten `r`.
fn draft(
    m: &Matcher,
    span: (usize, usize),
    r: TermRef,
    found: &str,
    suggestion: Option<String>,
) -> Draft {
    Draft {
        rule: Rule::TermCase,
        start: span.0,
        end: span.1,
        concept: Some(m.concept(r).concept.clone()),
        suggestion,
        message: format!(
            "\"{}\" is written \"{}\" in the glossary",
            one_line(found),
            m.term(r).term
        ),
        fix: None,
        related: None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{drafts, found, run};
    use crate::lint::{Language, Rule};

    #[test]
    fn proper_names_with_other_capitals() {
        let text = "Delegasi kementerian luar negeri dan Kementerian Keamanan publik tiba.";
        assert_eq!(
            run(Rule::TermCase, text, Language::Id),
            found(&[
                ("kementerian luar negeri", Some("Kementerian Luar Negeri")),
                (
                    "Kementerian Keamanan publik",
                    Some("Kementerian Keamanan Publik")
                ),
            ])
        );
        let d = drafts(Rule::TermCase, text, Language::Id);
        assert_eq!(
            d[0].message,
            "\"kementerian luar negeri\" is written \"Kementerian Luar Negeri\" in the glossary"
        );
        assert_eq!(d[0].concept.as_deref(), Some("mofa"));
    }

    #[test]
    fn vietnamese_names_and_extra_capitals() {
        assert_eq!(
            run(
                Rule::TermCase,
                "Đại diện Bộ Ngoại Giao và Bộ Công an cho biết.",
                Language::Vi
            ),
            found(&[("Bộ Ngoại Giao", Some("Bộ Ngoại giao"))])
        );
        // The press's capital on each word of a name is a house style;
        // a capital on each syllable is not.
        let text = "Cảnh sát Quốc gia Indonesia và Bộ Công An họp.";
        assert_eq!(
            run(Rule::TermCase, text, Language::Vi),
            found(&[("Bộ Công An", Some("Bộ Công an"))])
        );
        let text = "Đoàn Cảnh sát Quốc Gia Indonesia đến.";
        assert_eq!(run(Rule::TermCase, text, Language::Vi).len(), 1);
        let text = "Đây là Công ước Liên Hợp Quốc về Chống tội phạm mạng.";
        assert_eq!(run(Rule::TermCase, text, Language::Vi).len(), 1);
        // Two words with one capital, in lower case: the common noun.
        let text = "Ông phụ trách lãnh sự, quốc hội và kiều bào. Quốc hội họp.";
        assert!(run(Rule::TermCase, text, Language::Vi).is_empty());
        // A longer name in lower case, or other capitals, is still wrong.
        assert_eq!(
            run(
                Rule::TermCase,
                "Đại diện bộ công an và Quốc Hội cho biết.",
                Language::Vi
            ),
            found(&[
                ("bộ công an", Some("Bộ Công an")),
                ("Quốc Hội", Some("Quốc hội"))
            ])
        );
    }

    #[test]
    fn clitics_keep_their_place_in_the_suggestion() {
        assert_eq!(
            run(
                Rule::TermCase,
                "Ia memuji kementerian luar negerinya.",
                Language::Id
            ),
            found(&[(
                "kementerian luar negerinya",
                Some("Kementerian Luar Negerinya")
            )])
        );
    }

    #[test]
    fn allowed_capitals() {
        for (text, lang) in [
            // A lowercase term with a capital at the start of a sentence
            // or line, or anywhere: common terms are not checked.
            (
                "Kejahatan siber meningkat. Kejahatan siber merugikan.",
                Language::Id,
            ),
            ("Judul\nKejahatan siber di kawasan", Language::Id),
            (
                "Negara itu memerangi Kejahatan Siber secara serius.",
                Language::Id,
            ),
            // Titles, ranks and committees double as descriptions.
            ("Seorang letnan jenderal senior hadir.", Language::Id),
            ("Sebuah komite pengarah kecil dibentuk.", Language::Id),
            // A one-word short form is also a plain word.
            ("Banyak partai politik hadir.", Language::Id),
            // A title-case headline.
            ("Bộ Ngoại Giao Và Bộ Công An Họp Báo", Language::Vi),
            // All capitals.
            ("KEMENTERIAN LUAR NEGERI MENGUMUMKAN", Language::Id),
            // Function words inside a name.
            (
                "Konvensi Perserikatan Bangsa-Bangsa melawan Kejahatan Siber ditandatangani.",
                Language::Id,
            ),
            // Clitics and the right capitals.
            ("Kementerian Luar Negerinya hadir.", Language::Id),
        ] {
            assert!(run(Rule::TermCase, text, lang).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_possessive_inside_a_longer_name_is_no_capital() {
        let text = "The 18th ASEAN’s Senior Officials Meeting on Transnational Crime opened.";
        assert!(run(Rule::TermCase, text, Language::En).is_empty());
    }
}
