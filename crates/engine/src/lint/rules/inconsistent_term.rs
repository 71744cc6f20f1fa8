//! ## What it does
//! Finds a concept written with two or more different full forms in one
//! document (preferred or admitted, in any mix), and flags every use of the
//! forms other than the one to keep, naming that form and where it is
//! first used.
//!
//! The form to keep is the glossary's preferred term when the document
//! uses it, however often the other forms come (`kejahatan dunia maya`
//! five times beside `kejahatan siber` three times: the five are flagged,
//! with `kejahatan siber` as the suggestion). When the document uses no
//! preferred form, it is the form used most often (on a tie, the one used
//! first), and the message names the preferred term too. Acronyms and short forms (`PBB` beside
//! `Perserikatan Bangsa-Bangsa`, `Konvensi Hanoi` beside the convention's
//! full name) are normal and never flagged, and neither is a full term
//! that abbreviates part of itself with a glossary acronym (`Sekretaris
//! Jenderal PBB` beside `Sekretaris Jenderal Perserikatan Bangsa-Bangsa`).
//! A form that contains another form of the concept is that form with a
//! qualifier (`Kementerian Keamanan Publik Vietnam`) and counts as it.
//! Two glossary spellings that differ only in capitals (`Liên Hợp Quốc`,
//! `Liên hợp quốc`) are two forms, each use counted as the spelling it is
//! written in, inside a longer name too (`Tổng Thư ký Liên hợp quốc` is a
//! use of `Liên hợp quốc`, beside a bare `Liên Hợp Quốc`); two that differ
//! only in punctuation (`phòng, chống`, `phòng chống`) are one. Only
//! capitals are read inside a longer name: its other words are its own
//! (`Communist Party of Vietnam` does not choose `Vietnam` over `Viet
//! Nam`), and a media outlet's name is its brand (`Báo Công an nhân dân`).
//! A form written all in capitals (a dateline `VIETNAM, September 13 -`,
//! a headline in capitals) is typography, not a choice of form, and is
//! not counted. In English only spellings are compared (`Viet Nam`,
//! `Vietnam`; `organised`, `organized`): another wording (`human
//! trafficking` beside `trafficking in persons`) is English news style.
//! Deprecated terms are `deprecated-term`'s business. Left out as well: a
//! form whose text is also a term of another concept (ambiguous), and a
//! common term written with capitals next to other capitalised words,
//! which is part of a longer name the glossary does not have (`Konvensi
//! Melawan Kejahatan Dunia Maya`): that name is the problem, not the term.
//!
//! ## Why is this bad?
//! Two names for one thing in one article make readers wonder whether they
//! are two things (`Komite Pengarah` here, `Panitia Pengarah` there), and
//! tell them the article was assembled rather than edited.
//!
//! ## Example
//! ```text
//! Komite Pengarah bertemu. ... Panitia Pengarah menyetujui rencana itu.
//! ```
//! Use instead:
//! ```text
//! Komite Pengarah bertemu. ... Komite Pengarah menyetujui rencana itu.
//! ```

/// One line saying what the rule finds.
pub const SUMMARY: &str =
    "One concept written with two or more different full forms in one document.";

use std::collections::BTreeMap;

use super::term_case::term_words;
use super::{one_line, replacement_at};
use crate::lint::case::{at_sentence_start, neighbour_capitalised, shape};
use crate::lint::fix::is_all_caps;
use crate::lint::matcher::{Matcher, Occurrence, TermRef};
use crate::lint::{Document, Draft, Linter, Related, Rule};
use crate::model::{Status, TermType};

/// Whether a term counts as a full form here.
fn is_full_form(linter: &Linter, r: TermRef) -> bool {
    let m = linter.matcher();
    let t = m.term(r);
    t.status.is_allowed()
        && t.term_type == TermType::Full
        && !linter.contains_acronym_folded(m.folded_term(r))
}

/// Whether the folded `words` occur as whole words in the folded `term`.
fn contains_words(term: &str, words: &str) -> bool {
    term.match_indices(words).any(|(i, _)| {
        let j = i + words.len();
        (i == 0 || term.as_bytes()[i - 1] == b' ')
            && (j == term.len() || term.as_bytes()[j] == b' ')
    })
}

/// The letters and digits of a term, as written.
fn letters(term: &str) -> String {
    term.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The form `r` counts as: the shortest full form of its concept and
/// language whose words it contains (itself when there is none).
fn base_form(linter: &Linter, r: TermRef) -> TermRef {
    let m = linter.matcher();
    let t = m.term(r);
    let folded = m.folded_term(r);
    m.concept(r)
        .terms
        .iter()
        .enumerate()
        .map(|(i, _)| TermRef {
            concept: r.concept,
            term: i,
        })
        .filter(|&u| m.term(u).lang == t.lang && is_full_form(linter, u))
        // A form folding alike but with other capitals (`Liên hợp quốc`
        // beside `Liên Hợp Quốc`) is a form of its own; one that differs
        // only in punctuation (`phòng chống`, `phòng, chống`) is not.
        .filter(|&u| {
            u == r || m.folded_term(u) != folded || letters(&m.term(u).term) == letters(&t.term)
        })
        .filter(|&u| contains_words(folded, m.folded_term(u)))
        .min_by_key(|&u| (m.term(u).term.chars().count(), u))
        .unwrap_or(r)
}

/// A common term capitalised beside other capitalised words: part of a
/// longer name.
fn inside_unknown_name(doc: &Document<'_>, m: &Matcher, o: &Occurrence) -> bool {
    let term = &m.term(o.term()).term;
    if term.chars().any(char::is_uppercase) {
        return false;
    }
    let found = &doc.text[o.start..o.end];
    let mut capitals = found
        .split_whitespace()
        .enumerate()
        .filter(|(_, w)| w.chars().next().is_some_and(char::is_uppercase));
    let capitalised_beyond_start =
        capitals.any(|(i, _)| i > 0 || !at_sentence_start(doc.text, o.start));
    capitalised_beyond_start && neighbour_capitalised(doc.text, o.start, o.end)
}

/// The stretches of a document that are not its own writing: page
/// furniture (a site's brand line, a motto header) and sentences in
/// another working language (a Vietnamese caption in an English page).
/// A name written there is not the document's choice of form: the brand
/// line `Vietnam.vn - Nền tảng quảng bá Việt Nam` does not make an English
/// page that writes `Vietnam` inconsistent.
fn aside(doc: &Document<'_>) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let read;
    let sentences = if doc.sentences.is_empty() && doc.is_whole() {
        read = crate::lint::lang::read_sentences(doc.text);
        &read
    } else {
        &doc.sentences
    };
    for s in sentences {
        if s.lang.is_some() && s.lang != doc.lang {
            ranges.push((s.start, s.end));
        }
    }
    for n in doc.line_numbers() {
        if doc.is_furniture_line(n) {
            ranges.push(doc.lines.line_range(n));
        }
    }
    ranges.sort_unstable();
    // Sentences and lines overlap: merged, the ranges are disjoint.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Whether `at` lies in one of `ranges` (disjoint, sorted).
fn within(ranges: &[(usize, usize)], at: usize) -> bool {
    let i = ranges.partition_point(|&(s, _)| s <= at);
    i > 0 && at < ranges[i - 1].1
}

/// Written all in capitals where the term is not: typography (a
/// dateline, a headline in capitals), which hides the spelling.
fn in_capitals(doc: &Document<'_>, m: &Matcher, o: &Occurrence) -> bool {
    is_all_caps(&doc.text[o.start..o.end]) && !is_all_caps(&m.term(o.term()).term)
}

/// The allowed full forms of `name`'s concept and language that differ
/// from it only in capitals (`Liên Hợp Quốc`, `Liên hợp quốc`), with
/// their words; empty when it has no such twin.
fn case_twins(linter: &Linter, name: TermRef) -> Vec<(TermRef, Vec<String>)> {
    let m = linter.matcher();
    let t = m.term(name);
    let twins: Vec<(TermRef, Vec<String>)> = (0..m.concept(name).terms.len())
        .map(|i| TermRef {
            concept: name.concept,
            term: i,
        })
        .filter(|&u| {
            m.term(u).lang == t.lang
                && is_full_form(linter, u)
                && m.folded_term(u) == m.folded_term(name)
                && letters(&m.term(u).term).to_lowercase() == letters(&t.term).to_lowercase()
        })
        .map(|u| (u, term_words(&m.term(u).term)))
        .collect();
    if twins.len() < 2 {
        return Vec::new();
    }
    twins
}

/// The uses of a name written inside longer terms, for names with
/// spellings that differ only in capitals: each counts as the spelling
/// its capitals match (`Liên hợp quốc` in `Tổng Thư ký Liên hợp quốc`).
fn inner_uses(doc: &Document<'_>, linter: &Linter, aside: &[(usize, usize)]) -> Vec<Occurrence> {
    let m = linter.matcher();
    let names = linter.case_names();
    let mut uses = Vec::new();
    for o in doc.occurrences.iter() {
        let r = o.term();
        if !o.is_unambiguous()
            || !m.term(r).status.is_allowed()
            || m.concept(r).category == "media"
            || names.word_count(r) != o.words.len()
            || in_capitals(doc, m, o)
            || within(aside, o.start)
        {
            continue;
        }
        for (first, last, name) in names.inner_names(r) {
            let twins = case_twins(linter, name);
            if twins.is_empty() {
                continue;
            }
            let span = &o.words[first..=last];
            let written: Vec<&str> = span.iter().map(|&(s, e)| &doc.text[s..e]).collect();
            // A first word at the start of a sentence has its capital
            // anyway: it tells nothing.
            let from = usize::from(at_sentence_start(doc.text, span[0].0));
            let matching: Vec<TermRef> = twins
                .iter()
                .filter(|(_, words)| {
                    words.len() == written.len()
                        && (from..words.len()).all(|k| shape(&words[k]) == shape(written[k]))
                })
                .map(|(u, _)| *u)
                .collect();
            if let [u] = matching[..] {
                let (start, end) = (span[0].0, span[span.len() - 1].1);
                uses.push(Occurrence {
                    start,
                    end,
                    stem_end: end,
                    terms: vec![u],
                    inflection: None,
                    words: span.to_vec(),
                });
            }
        }
    }
    uses
}

/// Whether two forms are spellings of one wording (`Viet Nam`,
/// `Vietnam`; `organised`, `organized`; `Antonio`, `António`) rather than
/// two wordings: at most two edits apart once folded, spaces and hyphens
/// left out. English news varies its wordings (`human trafficking` beside
/// `trafficking in persons`, `online fraud` beside `online scam`) as a
/// matter of style, which no English editor would undo, but not its
/// spellings; Indonesian and Vietnamese editors keep wordings consistent
/// too (`kejahatan siber`, not `kejahatan dunia maya`).
fn spelling_variant(m: &Matcher, a: TermRef, b: TermRef) -> bool {
    let squeeze = |r: TermRef| -> String {
        m.folded_term(r)
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect()
    };
    strsim::levenshtein(&squeeze(a), &squeeze(b)) <= 2
}

pub fn check(doc: &Document<'_>, linter: &Linter, out: &mut Vec<Draft>) {
    finish(doc.text, linter, collect(doc, linter), out);
}

/// One occurrence of a full form, as [`finish`] weighs it: the form it
/// counts as, where it is, and whether only clitics were added to it.
pub(crate) struct Use {
    form: TermRef,
    start: usize,
    end: usize,
    stem_end: usize,
    clitic_only: bool,
}

impl Use {
    /// The form the use counts as.
    pub(crate) fn form(&self) -> TermRef {
        self.form
    }
}

/// The uses of full forms in a document (or in one piece of it), in text
/// order: what the rule needs from the text, kept apart from the
/// judgement, which takes the whole document.
pub(crate) fn collect(doc: &Document<'_>, linter: &Linter) -> Vec<Use> {
    let m = linter.matcher();
    let aside = aside(doc);
    let inner = inner_uses(doc, linter, &aside);
    let mut uses = Vec::new();
    // Whether each term is a full form, and its base form: a text names
    // the same few terms again and again.
    let mut forms: foldhash::HashMap<TermRef, Option<TermRef>> = Default::default();
    let mut all: Vec<&Occurrence> = doc.occurrences.iter().chain(&inner).collect();
    all.sort_by_key(|o| (o.start, o.end));
    for o in all {
        if !o.is_unambiguous() {
            continue;
        }
        let Some(r) = *forms
            .entry(o.term())
            .or_insert_with(|| is_full_form(linter, o.term()).then(|| base_form(linter, o.term())))
        else {
            continue;
        };
        if inside_unknown_name(doc, m, o) || in_capitals(doc, m, o) || within(&aside, o.start) {
            continue;
        }
        uses.push(Use {
            form: r,
            start: o.start,
            end: o.end,
            stem_end: o.stem_end,
            clitic_only: o.inflection.as_ref().is_none_or(|i| i.is_clitic_only()),
        });
    }
    uses
}

/// The findings of a whole document's `uses` (in text order) in `text`.
pub(crate) fn finish(text: &str, linter: &Linter, uses: Vec<Use>, out: &mut Vec<Draft>) {
    let m = linter.matcher();
    // (concept, language) → term → its uses in text order.
    let mut groups: BTreeMap<(usize, &str), BTreeMap<TermRef, Vec<Use>>> = BTreeMap::new();
    for u in uses {
        let t = m.term(u.form);
        groups
            .entry((u.form.concept, t.lang.as_str()))
            .or_default()
            .entry(u.form)
            .or_default()
            .push(u);
    }
    for ((concept, lang), forms) in groups {
        if forms.len() < 2 {
            continue;
        }
        let concept_name = &m.concepts()[concept].concept;
        // The glossary's preferred form, when the document uses it, is the
        // one to keep; else the form the document uses most.
        let preferred = forms
            .iter()
            .find(|(r, _)| m.term(**r).status == Status::Preferred);
        let (&dominant, uses) = preferred.unwrap_or_else(|| {
            forms
                .iter()
                .max_by_key(|(_, uses)| (uses.len(), std::cmp::Reverse(uses[0].start)))
                .expect("two or more forms")
        });
        let dominant_term = m.term(dominant);
        let lead = if preferred.is_some() {
            format!(
                "; the glossary prefers \"{}\", which this document writes {}×",
                dominant_term.term,
                uses.len()
            )
        } else {
            format!(
                ", which this document writes \"{}\" {}×",
                dominant_term.term,
                uses.len()
            )
        };
        // When the glossary prefers a form the document does not use, say
        // which: the editor may rather change every use.
        let preferred_note = match m.concept(dominant).preferred(dominant_term.lang.as_str()) {
            Some(p) if p.term != dominant_term.term => {
                format!("; the glossary prefers \"{}\"", p.term)
            }
            _ => String::new(),
        };
        for (&r, deviant) in &forms {
            if r == dominant || (lang == "en" && !spelling_variant(m, r, dominant)) {
                continue;
            }
            for o in deviant {
                let found = one_line(&text[o.start..o.end]);
                let (suggestion, _) = replacement_at(
                    text,
                    (o.start, o.stem_end, o.end),
                    o.clitic_only,
                    m.term(r),
                    (dominant_term, m.concept(dominant)),
                );
                out.push(Draft {
                    rule: Rule::InconsistentTerm,
                    start: o.start,
                    end: o.end,
                    concept: Some(concept_name.clone()),
                    suggestion: Some(suggestion),
                    message: format!("\"{found}\" names {concept_name}{lead}"),
                    fix: None,
                    related: Some(Related {
                        start: uses[0].start,
                        end: uses[0].end,
                        rest: preferred_note.clone(),
                    }),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{drafts, found, run};
    use crate::lint::{Language, Rule};

    #[test]
    fn flags_the_forms_that_deviate_from_the_dominant_one() {
        let text = "Komite Pengarah bertemu.\nKomite Pengarah setuju.\nPanitia Pengarah menolak.";
        assert_eq!(
            run(Rule::InconsistentTerm, text, Language::Id),
            found(&[("Panitia Pengarah", Some("Komite Pengarah"))])
        );
        let d = drafts(Rule::InconsistentTerm, text, Language::Id);
        assert_eq!(
            d[0].message,
            "\"Panitia Pengarah\" names steering-committee; the glossary prefers \"Komite Pengarah\", \
             which this document writes 2× (first at 1:1)"
        );
    }

    #[test]
    fn the_preferred_form_is_kept_even_when_used_less() {
        let text = "kejahatan dunia maya, kejahatan dunia maya, dan kejahatan siber";
        assert_eq!(
            run(Rule::InconsistentTerm, text, Language::Id),
            found(&[
                ("kejahatan dunia maya", Some("kejahatan siber")),
                ("kejahatan dunia maya", Some("kejahatan siber"))
            ])
        );
        assert_eq!(
            drafts(Rule::InconsistentTerm, text, Language::Id)[0].message,
            "\"kejahatan dunia maya\" names cybercrime; the glossary prefers \"kejahatan siber\", \
             which this document writes 1× (first at 1:49)"
        );
        // Inflected uses count, the suggestion keeps their clitics and
        // capital.
        let text = "Kejahatan dunia mayanya meningkat. Kejahatan siber juga.";
        assert_eq!(
            run(Rule::InconsistentTerm, text, Language::Id),
            found(&[("Kejahatan dunia mayanya", Some("Kejahatan sibernya"))])
        );
    }

    #[test]
    fn short_forms_acronyms_and_deprecated_terms_are_not_inconsistencies() {
        let text = "Perserikatan Bangsa-Bangsa dan PBB. Sekretaris Jenderal Perserikatan Bangsa-Bangsa, \
                    Sekretaris Jenderal PBB, Sekjen PBB. Konvensi Perserikatan Bangsa-Bangsa Melawan \
                    Kejahatan Siber atau Konvensi Hanoi. Kejahatan siber, kriminalitas maya.";
        assert!(run(Rule::InconsistentTerm, text, Language::Id).is_empty());
    }

    #[test]
    fn a_qualified_name_is_the_same_form() {
        let text = "Kementerian Keamanan Publik dan Kementerian Keamanan Publik Vietnam.";
        assert!(run(Rule::InconsistentTerm, text, Language::Id).is_empty());
    }

    #[test]
    fn a_common_term_inside_an_unknown_name_is_left_out() {
        let text = "kejahatan siber, kejahatan siber, lalu Piagam Kejahatan Dunia Maya Asia.";
        assert!(run(Rule::InconsistentTerm, text, Language::Id).is_empty());
        // At the start of a sentence it is the term.
        let text = "kejahatan siber, kejahatan siber. Kejahatan dunia maya meningkat.";
        assert_eq!(run(Rule::InconsistentTerm, text, Language::Id).len(), 1);
    }

    #[test]
    fn one_form_in_one_document_is_consistent() {
        assert!(
            run(
                Rule::InconsistentTerm,
                "kejahatan siber dan kejahatan sibernya",
                Language::Id
            )
            .is_empty()
        );
    }

    #[test]
    fn a_name_inside_a_longer_term_counts_as_the_spelling_its_capitals_match() {
        // Two uses in lower case inside longer names, one bare in
        // capitals: the preferred spelling is kept, the other two flagged.
        let text = "Tổng Thư ký Liên hợp quốc đến. Đại diện Liên Hợp Quốc nói. \
                    Tổng Thư ký Liên hợp quốc về.";
        assert_eq!(
            run(Rule::InconsistentTerm, text, Language::Vi),
            found(&[
                ("Liên hợp quốc", Some("Liên Hợp Quốc")),
                ("Liên hợp quốc", Some("Liên Hợp Quốc"))
            ])
        );
        // Inside longer names only, the mix is still a mix.
        let text = "Tổng Thư ký Liên hợp quốc đến. Tổng Thư ký Liên Hợp Quốc về.";
        assert_eq!(
            run(Rule::InconsistentTerm, text, Language::Vi),
            found(&[("Liên hợp quốc", Some("Liên Hợp Quốc"))])
        );
        // One spelling throughout is consistent.
        let text = "Tổng Thư ký Liên hợp quốc đến. Liên hợp quốc họp.";
        assert!(run(Rule::InconsistentTerm, text, Language::Vi).is_empty());
    }

    #[test]
    fn a_form_in_capitals_is_typography_not_a_choice() {
        let text = "VIETNAM, 13 September - Viet Nam signed. Viet Nam hosts the talks.";
        assert!(run(Rule::InconsistentTerm, text, Language::En).is_empty());
        // In English, another wording is style, another spelling is not.
        let text = "Human trafficking rose. Trafficking in persons fell, \
                    trafficking in persons said the report.";
        assert!(run(Rule::InconsistentTerm, text, Language::En).is_empty());
        let text = "Vietnam signed. Viet Nam hosts the talks, Viet Nam said.";
        assert_eq!(
            run(Rule::InconsistentTerm, text, Language::En),
            found(&[("Vietnam", Some("Viet Nam"))])
        );
    }
}
