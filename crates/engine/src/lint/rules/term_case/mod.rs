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

mod names;
mod verdict;

pub use names::Names;
pub(crate) use names::term_words;
use verdict::{Place, Verdict, fits_spelling, verdict};

use super::one_line;
use crate::lint::case::at_sentence_start;
use crate::lint::fix::is_all_caps;
use crate::lint::matcher::{Matcher, Occurrence, TermRef, has_marks, possessive_at};
use crate::lint::{Document, Draft, Linter, Rule};
use crate::model::{Concept, TermType};

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
    for o in doc.occurrences.iter() {
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
                .or_insert_with(|| doc.is_title_line(line)),
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
mod tests;
