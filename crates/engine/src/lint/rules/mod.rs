//! One module per lint rule. Each exposes `check`, which reads a
//! [`Document`] and pushes [`super::Draft`]s; the driver in
//! [`super::Linter::check`] places them (lines, columns), grades them from
//! the configuration and sorts them.

pub mod deprecated_term;
pub mod inconsistent_term;
pub mod missing_term;
pub mod misspelled_term;
pub mod number_mismatch;
pub mod term_case;
pub mod untranslated_text;

use super::Document;
use super::finding::Edit;
use super::fix::{carry_case, keep_line_breaks};
use super::matcher::Occurrence;
use crate::model::Term;

/// How to write `to` in place of occurrence `o` of `term`: the suggestion
/// for the whole occurrence, and an edit when the swap is safe.
///
/// When the occurrence is the term, or the term plus clitics, the
/// replacement takes over the occurrence's capitals ([`carry_case`]) and
/// the clitics stay as written (`kejahatan dunia mayanya` →
/// `kejahatan sibernya`), and a line break inside it stays where it was
/// when the word counts allow ([`keep_line_breaks`]). A form with prefixes or a derivational suffix
/// gets `to` as the suggestion and no edit.
pub(crate) fn replacement(
    doc: &Document<'_>,
    o: &Occurrence,
    term: &Term,
    to: &str,
) -> (String, Option<Edit>) {
    let clitic_only = o.inflection.as_ref().is_none_or(|i| i.is_clitic_only());
    if !clitic_only {
        return (to.to_string(), None);
    }
    let stem = &doc.text[o.start..o.stem_end];
    let replacement = keep_line_breaks(stem, &carry_case(stem, &term.term, to));
    let suggestion = format!("{replacement}{}", &doc.text[o.stem_end..o.end]);
    let edit = Edit {
        start: o.start,
        end: o.stem_end,
        replacement,
    };
    (suggestion, Some(edit))
}

/// The original text of a span with line breaks and runs of spaces shown
/// as single spaces, for messages.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(any(test, feature = "testing"))]
#[doc(hidden)]
pub mod testing {
    //! A small glossary and a way to run one rule on a text, for the tests
    //! of the rules and of the front ends' renderers (the `testing`
    //! feature).

    use crate::lint::{Config, Draft, Language, Linter, Rule};
    use crate::model::Concept;

    /// The test glossary (`testing.csv`, in the `glossary.csv` format):
    /// a few concepts of each kind the rules tell apart.
    pub const GLOSSARY: &str = include_str!("testing.csv");

    /// A linter over [`GLOSSARY`], its concepts in the order they first
    /// appear in the file.
    pub fn linter() -> Linter {
        let rows = crate::exchange::csv::parse("testing.csv", GLOSSARY).expect("a valid glossary");
        let mut concepts: Vec<Concept> = Vec::new();
        for row in rows {
            let term = row.term;
            match concepts.iter_mut().find(|c| c.concept == term.concept) {
                Some(c) => c.terms.push(term),
                None => concepts.push(Concept {
                    concept: term.concept.clone(),
                    category: term.category.clone(),
                    terms: vec![term],
                }),
            }
        }
        Linter::new(concepts, Config::default())
    }

    /// The drafts one rule makes on `text` in `lang`, as (found, suggestion).
    pub fn run(rule: Rule, text: &str, lang: Language) -> Vec<(String, Option<String>)> {
        drafts(rule, text, lang)
            .into_iter()
            .map(|d| (text[d.start..d.end].to_string(), d.suggestion))
            .collect()
    }

    pub fn drafts(rule: Rule, text: &str, lang: Language) -> Vec<Draft> {
        let linter = linter();
        let report = linter.check("t.txt", text, Some(lang));
        report
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| Draft {
                rule: f.rule,
                start: f.start,
                end: f.end,
                concept: f.concept,
                suggestion: f.suggestion,
                message: f.message,
                fix: f.fix,
            })
            .collect()
    }

    pub fn found(v: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.map(str::to_string)))
            .collect()
    }
}
