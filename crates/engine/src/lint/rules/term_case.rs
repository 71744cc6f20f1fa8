//! ## What it does
//! Finds a proper name of the glossary written with other capitals than
//! the glossary gives it, word by word: `kementerian luar negeri` for
//! `Kementerian Luar Negeri`, `Bộ Ngoại Giao` for `Bộ Ngoại giao`.
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
//! party). Acronyms only match in capitals (see the matcher), so their
//! case is never wrong here.
//!
//! Not reported either: a capital on the first word at the start of a
//! sentence or line; capitals in a title-case headline (every word of four
//! or more letters capitalised, no final full stop); a term written all in
//! capitals; function words inside a name (`dan`, `melawan`, `of`, `và`,
//! …), which house styles write either way. Deprecated terms are left to
//! `deprecated-term`.
//!
//! ## Why is this bad?
//! Capitals carry meaning: `Kementerian Luar Negeri` is the ministry,
//! `kementerian luar negeri` is any foreign ministry. Official names are
//! written one way, and readers notice when they are not.
//!
//! ## Example
//! ```text
//! Delegasi kementerian luar negeri tiba kemarin.
//! ```
//! Use instead:
//! ```text
//! Delegasi Kementerian Luar Negeri tiba kemarin.
//! ```

/// One line saying what the rule finds.
pub const SUMMARY: &str = "A glossary term written with other capitals than the glossary's.";

use super::one_line;
use crate::lint::case::{Shape, at_sentence_start, is_title_line, shape};
use crate::lint::fix::is_all_caps;
use crate::lint::matcher::{Matcher, Occurrence, TermRef};
use crate::lint::{Document, Draft, Linter, Rule};
use crate::model::{Term, TermType};
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

/// The term's own words, as written in the glossary.
fn term_words(term: &str) -> Vec<&str> {
    let f = fold(term);
    f.words()
        .map(|(s, w)| {
            let (a, b) = f.original_range(s, s + w.len());
            &term[a..b]
        })
        .collect()
}

/// Whether `o` is written as the glossary writes `term`.
fn matches_case(
    doc: &Document<'_>,
    o: &Occurrence,
    term: &Term,
    sentence_start: bool,
    title_line: bool,
) -> bool {
    let tws = term_words(&term.term);
    if tws.len() != o.words.len() {
        return true; // a compound written as one word: nothing to compare
    }
    for (i, (tw, &(s, e))) in tws.iter().zip(&o.words).enumerate() {
        let e = if i + 1 == tws.len() {
            e.min(o.stem_end)
        } else {
            e
        };
        if FUNCTION_WORDS.contains(&tw.to_lowercase().as_str()) {
            continue;
        }
        let (Some(ts), Some(fs)) = (shape(tw), shape(&doc.text[s..e])) else {
            continue;
        };
        let capital_allowed = (i == 0 && sentence_start) || title_line;
        if ts == fs || (ts == Shape::Lower && fs == Shape::Capitalised && capital_allowed) {
            continue;
        }
        return false;
    }
    true
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

pub fn check(doc: &Document<'_>, linter: &Linter, out: &mut Vec<Draft>) {
    let m = linter.matcher();
    // Whether a line is a title-case headline is read once per line: a
    // line holds any number of occurrences, and reading a 100 KB line for
    // each was quadratic.
    let mut title_lines: std::collections::HashMap<usize, bool> = Default::default();
    for o in &doc.occurrences {
        if !is_checked_name(m, o.term()) {
            continue;
        }
        let term = m.term(o.term());
        let found = &doc.text[o.start..o.end];
        if is_all_caps(found) && !is_all_caps(&term.term) {
            continue;
        }
        let line = doc.lines.line_of(o.start);
        let sentence_start = at_sentence_start(doc.text, o.start);
        let title_line = *title_lines
            .entry(line)
            .or_insert_with(|| is_title_line(doc.lines.line(line)));
        // Any allowed reading written right (another concept's term with
        // the same letters) clears the occurrence.
        if o.terms.iter().any(|r| {
            let t = m.term(*r);
            t.status.is_allowed() && matches_case(doc, o, t, sentence_start, title_line)
        }) {
            continue;
        }
        let clitic_only = o.inflection.as_ref().is_none_or(|i| i.is_clitic_only());
        let suggestion =
            clitic_only.then(|| format!("{}{}", term.term, &doc.text[o.stem_end..o.end]));
        out.push(Draft {
            rule: Rule::TermCase,
            start: o.start,
            end: o.end,
            concept: Some(m.concept(o.term()).concept.clone()),
            suggestion,
            message: format!(
                "\"{}\" is written \"{}\" in the glossary",
                one_line(found),
                term.term
            ),
            fix: None,
            related: None,
        });
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
}
