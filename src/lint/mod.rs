//! `lint`: the terminology findings an editor runs on every article.
//!
//! [`Linter`] holds a glossary compiled for matching and the project's rule
//! configuration; [`Linter::check`] reads one document and returns its
//! findings. The pieces, each in its own module:
//! - [`matcher`] finds glossary terms with exact original spans; it is the
//!   library entry point for anything else that needs term occurrences
//!   (the translation memory's bilingual checks);
//! - [`stem`] reduces Indonesian inflected words for the matcher;
//! - [`lang`] tells the language of a document and of a sentence;
//! - [`address`] and [`case`] are the small text facts several parts share
//!   (web addresses, capitalisation in context);
//! - [`rules`] holds one module per rule;
//! - [`finding`] is what a rule reports, with positions;
//! - [`config`] reads `hcgloss.toml`; [`sources`] expands and reads inputs;
//! - [`fix`] turns fixable findings into a rewritten text;
//! - [`usage`] is the corpus-wide view of which variants are used where;
//! - [`bilingual`] checks translation units (a source segment and its
//!   translation), with [`numbers`] reading the numbers of each.

pub mod address;
pub mod bilingual;
pub mod case;
pub mod config;
pub mod finding;
pub mod fix;
pub mod lang;
pub mod matcher;
pub mod numbers;
pub mod rules;
pub mod sources;
pub mod stem;
pub mod usage;

use std::collections::HashSet;

pub use config::Config;
pub use finding::{Edit, Finding, LineIndex, Rule, SegmentPlace, Severity, Span};
pub use lang::Language;
use matcher::{FindOptions, Matcher, Occurrence};

use crate::model::{Concept, TermType};
use crate::normalize::{Folded, fold};

/// A glossary and a configuration, ready to check documents.
pub struct Linter {
    matcher: Matcher,
    config: Config,
    /// Folded acronyms of the glossary (`pbb`): a full term containing one
    /// is an abbreviated form (`Sekretaris Jenderal PBB`).
    acronyms: HashSet<String>,
}

/// Everything the rules may look at in one document.
pub struct Document<'a> {
    pub text: &'a str,
    pub folded: Folded,
    pub lines: LineIndex<'a>,
    /// The document's language, when given or detected.
    pub lang: Option<Language>,
    /// Occurrences of terms of the document's language (of every language
    /// when it is unknown).
    pub occurrences: Vec<Occurrence>,
    /// Occurrences of terms of every language.
    pub all_occurrences: Vec<Occurrence>,
}

/// A finding before it is placed: what a rule reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub rule: Rule,
    pub start: usize,
    pub end: usize,
    pub concept: Option<String>,
    pub suggestion: Option<String>,
    pub message: String,
    pub fix: Option<Edit>,
}

/// The result for one document.
#[derive(Debug, Clone)]
pub struct DocumentReport {
    pub file: String,
    pub lang: Option<Language>,
    /// The language was detected, not given.
    pub lang_detected: bool,
    /// In text order.
    pub findings: Vec<Finding>,
    /// The occurrences of the document's language, for [`usage`].
    pub occurrences: Vec<Occurrence>,
}

impl Linter {
    pub fn new(concepts: Vec<Concept>, config: Config) -> Linter {
        let acronyms = concepts
            .iter()
            .flat_map(|c| &c.terms)
            .filter(|t| t.term_type == TermType::Acronym)
            .map(|t| crate::normalize::fold_key(&t.term))
            .collect();
        Linter {
            matcher: Matcher::new(concepts),
            config,
            acronyms,
        }
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Whether a folded term contains a glossary acronym as a word.
    pub fn contains_acronym(&self, term: &str) -> bool {
        crate::normalize::fold_key(term)
            .split(' ')
            .any(|w| self.acronyms.contains(w))
    }

    /// Reads `text` (named `file` in findings) in `lang`, or in its
    /// detected language when `lang` is `None`.
    pub fn check(&self, file: &str, text: &str, lang: Option<Language>) -> DocumentReport {
        let (lang, detected) = match lang {
            Some(l) => (Some(l), false),
            None => (lang::detect_document(text), true),
        };
        let doc = self.document(text, lang);
        let mut drafts = Vec::new();
        let m = &self.matcher;
        for rule in Rule::ALL {
            if self.config.severity(rule).is_none() {
                continue;
            }
            match rule {
                Rule::DeprecatedTerm => rules::deprecated_term::check(&doc, m, &mut drafts),
                Rule::InconsistentTerm => rules::inconsistent_term::check(&doc, self, &mut drafts),
                Rule::MisspelledTerm => rules::misspelled_term::check(&doc, m, &mut drafts),
                Rule::TermCase => rules::term_case::check(&doc, m, &mut drafts),
                Rule::UntranslatedText => rules::untranslated_text::check(&doc, &mut drafts),
                // Made by [`bilingual`] from a source and its translation.
                Rule::MissingTerm | Rule::NumberMismatch => {}
            }
        }
        drafts.sort_by_key(|d| (d.start, d.rule, d.end));
        let findings = drafts
            .into_iter()
            .map(|d| Finding {
                file: file.to_string(),
                span: doc.lines.span(d.start, d.end),
                start: d.start,
                end: d.end,
                rule: d.rule,
                severity: self
                    .config
                    .severity(d.rule)
                    .expect("only enabled rules ran"),
                concept: d.concept,
                found: text[d.start..d.end].to_string(),
                suggestion: d.suggestion,
                message: d.message,
                fix: d.fix,
                segment: None,
            })
            .collect();
        DocumentReport {
            file: file.to_string(),
            lang,
            lang_detected: detected,
            findings,
            occurrences: doc.occurrences,
        }
    }

    /// Folds and searches a document once for all rules.
    pub fn document<'a>(&self, text: &'a str, lang: Option<Language>) -> Document<'a> {
        let folded = fold(text);
        let stem = lang == Some(Language::Id);
        let all_occurrences = self.matcher.find_folded(
            text,
            &folded,
            &FindOptions {
                langs: None,
                stem_indonesian: stem,
            },
        );
        let occurrences = match lang {
            None => all_occurrences.clone(),
            Some(l) => {
                let langs = [l.code()];
                self.matcher.find_folded(
                    text,
                    &folded,
                    &FindOptions {
                        langs: Some(&langs),
                        stem_indonesian: stem,
                    },
                )
            }
        };
        Document {
            text,
            lines: LineIndex::new(text),
            folded,
            lang,
            occurrences,
            all_occurrences,
        }
    }
}
