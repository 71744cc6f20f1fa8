//! One module per lint rule, and the one list of rules ([`registry!`]).
//!
//! Each rule module opens with its documentation (What it does / Why is
//! this bad? / Example), which `hcgloss lint --explain RULE` prints, and
//! has a one-line `SUMMARY` and a `check`:
//! - a document rule reads a [`Document`] and pushes [`super::Draft`]s;
//! - a pair rule reads a translation unit's source and target segments
//!   ([`Pair`]) and pushes [`PairDraft`]s, each on one side.
//!
//! The driver ([`super::Linter::check`], [`super::bilingual`]) places the
//! drafts (lines, columns), grades them from the configuration and sorts
//! them. Adding a rule is a module and one line of the registry.

pub mod deprecated_term;
pub mod inconsistent_term;
pub mod missing_term;
pub mod misspelled_term;
pub mod number_mismatch;
pub mod term_case;
pub mod tone_mark_style;
pub mod untranslated_text;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::finding::{Edit, Severity};
use super::fix::{carry_case, keep_line_breaks};
use super::matcher::Occurrence;
use super::{Document, Draft, Language, Linter};
use crate::model::{Concept, Term};

/// Declares the rules: for each, its variant, its stable name, its module
/// and source file, and whether it reads a document or a translation pair.
/// Everything that lists rules (parsing names, the configuration, the
/// reports' per-rule counts, SARIF's rule descriptions, the dispatch to
/// each `check`) is generated from this one list.
macro_rules! registry {
    ($($variant:ident => $name:literal, $module:ident, $file:literal, $kind:ident;)+) => {
        /// The rules, by their stable names.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum Rule {
            $($variant),+
        }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),+];

            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name),+ }
            }

            /// Whether the rule compares a source with its translation (run
            /// only on translation units, never on a single document).
            pub fn is_bilingual(self) -> bool {
                match self { $(Rule::$variant => Kind::$kind == Kind::Pair),+ }
            }

            /// One line saying what the rule finds.
            pub fn summary(self) -> &'static str {
                match self { $(Rule::$variant => $module::SUMMARY),+ }
            }

            /// The rule's documentation: the `//!` comment that opens its
            /// module, as Markdown.
            pub fn documentation(self) -> String {
                let source = match self { $(Rule::$variant => include_str!($file)),+ };
                module_doc(source)
            }

            /// Runs a document rule on `doc`.
            pub(crate) fn check_document(self, doc: &Document<'_>, linter: &Linter, out: &mut Vec<Draft>) {
                match self { $(Rule::$variant => dispatch!($kind document $module doc linter out)),+ }
            }

            /// Runs a pair rule on `pair`.
            pub(crate) fn check_pair(self, pair: &Pair<'_>, linter: &Linter, out: &mut Vec<PairDraft>) {
                match self { $(Rule::$variant => dispatch!($kind pair $module pair linter out)),+ }
            }
        }
    };
}

/// The call of one rule's `check` when the rule is of the kind asked for.
macro_rules! dispatch {
    (Document document $module:ident $input:ident $linter:ident $out:ident) => {
        $module::check($input, $linter, $out)
    };
    (Pair pair $module:ident $input:ident $linter:ident $out:ident) => {
        $module::check($input, $linter, $out)
    };
    ($kind:ident $asked:ident $module:ident $input:ident $linter:ident $out:ident) => {{
        let _ = ($input, $linter, $out);
    }};
}

/// What a rule reads.
#[derive(PartialEq, Eq)]
enum Kind {
    Document,
    Pair,
}

registry! {
    DeprecatedTerm => "deprecated-term", deprecated_term, "deprecated_term.rs", Document;
    InconsistentTerm => "inconsistent-term", inconsistent_term, "inconsistent_term.rs", Document;
    MisspelledTerm => "misspelled-term", misspelled_term, "misspelled_term/mod.rs", Document;
    TermCase => "term-case", term_case, "term_case/mod.rs", Document;
    UntranslatedText => "untranslated-text", untranslated_text, "untranslated_text.rs", Document;
    ToneMarkStyle => "tone-mark-style", tone_mark_style, "tone_mark_style.rs", Document;
    MissingTerm => "missing-term", missing_term, "missing_term.rs", Pair;
    NumberMismatch => "number-mismatch", number_mismatch, "number_mismatch.rs", Pair;
}

impl Rule {
    /// Every rule warns by default: each is a problem an editor should fix
    /// before publishing, none makes the text wrong beyond doubt.
    pub fn default_severity(self) -> Severity {
        Severity::Warning
    }
}

impl FromStr for Rule {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
                format!("unknown rule \"{s}\": the rules are {}", names.join(", "))
            })
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The `//!` lines that open a Rust source file, without their markers,
/// with rustdoc's intra-doc links (`` [`crate::lint::numbers`] ``) shown
/// as the code they name, since outside rustdoc they lead nowhere.
fn module_doc(source: &str) -> String {
    let mut doc = String::new();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("//!") else {
            break;
        };
        doc.push_str(&without_doc_links(rest.strip_prefix(' ').unwrap_or(rest)));
        doc.push('\n');
    }
    doc
}

/// `line` with each `` [`path`] `` that is no Markdown link (nothing in
/// brackets or parentheses after it) written `` `path` ``.
fn without_doc_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("[`") {
        let after = &rest[start + 1..];
        let Some(end) = after[1..].find("`]").map(|i| i + 1) else {
            break;
        };
        let code = &after[..=end];
        let follows = &after[end + 2..];
        out.push_str(&rest[..start]);
        if follows.starts_with('(') || follows.starts_with('[') {
            out.push('[');
            out.push_str(code);
            out.push(']');
        } else {
            out.push_str(code);
        }
        rest = follows;
    }
    out.push_str(rest);
    out
}

/// One segment of a translation unit, for the pair rules: its text, its
/// language and the glossary terms of that language in it.
pub struct Side<'a> {
    pub text: &'a str,
    pub lang: Language,
    pub occurrences: Vec<Occurrence>,
}

/// A translation unit's source and target segments.
pub struct Pair<'a> {
    pub source: Side<'a>,
    pub target: Side<'a>,
}

/// A draft of a pair rule, placed in one of the two segments.
pub struct PairDraft {
    pub in_target: bool,
    pub draft: Draft,
}

/// How to write `to` in place of occurrence `o` of `term`: the suggestion
/// for the whole occurrence, and an edit when the swap is safe.
///
/// When the occurrence is the term, or the term plus clitics, the
/// replacement takes over the occurrence's capitals ([`carry_case`]: all
/// of them when `to` is no proper name) and
/// the clitics stay as written (`kejahatan dunia mayanya` →
/// `kejahatan sibernya`), and a line break inside it stays where it was
/// when the word counts allow ([`keep_line_breaks`]). A form with prefixes or a derivational suffix
/// gets `to` as the suggestion and no edit.
pub(crate) fn replacement(
    doc: &Document<'_>,
    o: &Occurrence,
    term: &Term,
    to: &Term,
    to_concept: &Concept,
) -> (String, Option<Edit>) {
    let clitic_only = o.inflection.as_ref().is_none_or(|i| i.is_clitic_only());
    replacement_at(
        doc.text,
        (o.start, o.stem_end, o.end),
        clitic_only,
        term,
        (to, to_concept),
    )
}

/// [`replacement`] for an occurrence at `(start, stem_end, end)` of
/// `text`, inflected with clitics only (or not at all) when `clitic_only`.
pub(crate) fn replacement_at(
    text: &str,
    (start, stem_end, end): (usize, usize, usize),
    clitic_only: bool,
    term: &Term,
    (to, to_concept): (&Term, &Concept),
) -> (String, Option<Edit>) {
    let to_is_name = term_case::names_a_thing(to_concept);
    let to = to.term.as_str();
    if !clitic_only {
        return (to.to_string(), None);
    }
    let stem = &text[start..stem_end];
    let replacement = keep_line_breaks(stem, &carry_case(stem, &term.term, to, to_is_name));
    let suggestion = format!("{replacement}{}", &text[stem_end..end]);
    let edit = Edit {
        start,
        end: stem_end,
        replacement,
    };
    (suggestion, Some(edit))
}

/// The original text of a span with line breaks and runs of spaces shown
/// as single spaces, for messages.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_shows_doc_links_as_code() {
        assert_eq!(
            without_doc_links("see [`crate::lint::numbers`]: `1.000` and [`Rule`]."),
            "see `crate::lint::numbers`: `1.000` and `Rule`."
        );
        assert_eq!(
            without_doc_links("a [`link`](https://example.org) and [`ref`][r]"),
            "a [`link`](https://example.org) and [`ref`][r]"
        );
        assert_eq!(without_doc_links("half [`open"), "half [`open");
        for &rule in Rule::ALL {
            let doc = rule.documentation();
            assert!(doc.starts_with("## What it does\n"), "{rule}: {doc}");
            assert!(!doc.contains("[`crate::"), "{rule}: {doc}");
        }
    }
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
                related: None,
            })
            .collect()
    }

    pub fn found(v: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.map(str::to_string)))
            .collect()
    }
}
