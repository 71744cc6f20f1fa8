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
//! - [`pieces`] reads a long document piece by piece (a long line too,
//!   what its pieces share kept in `cut`), so memory follows
//!   the piece and not the document;
//! - [`usage`] is the corpus-wide view of which variants are used where;
//! - [`bilingual`] checks translation units (a source segment and its
//!   translation), with [`numbers`] reading the numbers of each.

pub mod address;
mod asides;
pub mod bilingual;
pub mod case;
pub mod compiled;
pub mod config;
mod cut;
mod document;
pub mod finding;
pub mod fix;
pub mod lang;
mod lang_words;
pub mod matcher;
pub mod numbers;
pub mod pieces;
mod repeated;
pub mod rules;
pub mod sources;
mod spill;
pub mod stem;
pub mod usage;

use std::sync::Arc;

pub use compiled::Glossary;
pub use config::Config;
pub use finding::{Edit, Finding, LineIndex, RelatedPlace, Rule, SegmentPlace, Severity, Span};
pub use lang::Language;
use lang::Sentence;
use matcher::{Matcher, Occurrence, TermRef};

use crate::model::Concept;
use crate::normalize::{Folded, fold_range};

/// A glossary and a configuration, ready to check documents.
///
/// Everything derived from the glossary is computed once ([`Glossary`]),
/// and only read while checking, so one `Linter` checks many documents at
/// once from several threads (it is `Sync`).
pub struct Linter {
    glossary: Arc<Glossary>,
    config: Config,
}

/// Everything the rules may look at in one document.
pub struct Document<'a> {
    pub text: &'a str,
    /// The byte range of `text` read: all of it, or one piece of a long
    /// document ([`pieces`]); the fields below cover this range only,
    /// with positions in the whole of `text`.
    pub range: (usize, usize),
    pub folded: Folded,
    pub lines: LineIndex<'a>,
    /// The document's language, when given or detected.
    pub lang: Option<Language>,
    /// The original byte range of each word of `folded`, in order.
    pub words: Vec<(usize, usize)>,
    /// The sentences, read for language identification (empty when
    /// neither the document's language had to be detected nor
    /// `untranslated-text` runs).
    pub sentences: Vec<Sentence>,
    /// Occurrences of terms of the document's language (of every language
    /// when it is unknown). Shared with `all_occurrences` when the two are
    /// the same, as in most documents, rather than copied.
    pub occurrences: Arc<Vec<Occurrence>>,
    /// Occurrences of terms of every language.
    pub all_occurrences: Arc<Vec<Occurrence>>,
    /// The lines cut between pieces, whose facts the pieces share.
    cut: Option<&'a cut::CutLines>,
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
    /// A second place the finding is about (bytes of the same text), and
    /// how the message goes on after naming it (see [`RelatedPlace`]).
    pub related: Option<Related>,
}

/// The second place of a draft: a byte range of its text, named in the
/// message after the message proper and before `rest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub start: usize,
    pub end: usize,
    pub rest: String,
}

impl Draft {
    /// The finding's message once the related place, when there is one, is
    /// named as `describe` says.
    pub(crate) fn message_with(&self, related: Option<&RelatedPlace>) -> String {
        match (&self.related, related) {
            (Some(r), Some(place)) => {
                format!("{} ({}){}", self.message, place.describe(), r.rest)
            }
            _ => self.message.clone(),
        }
    }
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
    /// The term of each occurrence of the document's language, in text
    /// order, for [`usage`]. Only the term is kept: a corpus of many files
    /// holds millions of occurrences.
    pub terms_used: Vec<TermRef>,
}

impl Linter {
    /// Compiles `concepts` (see [`Glossary`]; a front end with a store
    /// reads the compiled glossary kept beside it instead:
    /// [`crate::store::Store::lint_glossary`]).
    pub fn new(concepts: Vec<Concept>, config: Config) -> Linter {
        Linter::with_glossary(Arc::new(Glossary::new(concepts)), config)
    }

    /// A linter over a glossary already compiled.
    pub fn with_glossary(glossary: Arc<Glossary>, config: Config) -> Linter {
        Linter { glossary, config }
    }

    pub fn glossary(&self) -> &Arc<Glossary> {
        &self.glossary
    }

    /// The candidates of `misspelled-term`, built on first use.
    pub(crate) fn misspellings(&self) -> &rules::misspelled_term::Index {
        self.glossary.misspellings()
    }

    /// The names inside each term, for `term-case`, built on first use.
    pub(crate) fn case_names(&self) -> &rules::term_case::Names {
        self.glossary.case_names()
    }

    pub fn matcher(&self) -> &Matcher {
        &self.glossary.matcher
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Whether a folded term contains a glossary acronym as a word.
    pub fn contains_acronym(&self, term: &str) -> bool {
        self.contains_acronym_folded(&crate::normalize::fold_key(term))
    }

    /// [`Linter::contains_acronym`] for a term already folded.
    pub fn contains_acronym_folded(&self, folded: &str) -> bool {
        folded
            .split(' ')
            .any(|w| self.glossary.acronyms.contains(w))
    }

    /// Reads `text` (named `file` in findings) in `lang`, or in its
    /// detected language when `lang` is `None`.
    pub fn check(&self, file: &str, text: &str, lang: Option<Language>) -> DocumentReport {
        let mut findings = Vec::new();
        let mut report = self
            .check_with(
                file,
                text,
                lang,
                true,
                (pieces::PIECE_BYTES, usize::MAX),
                &mut |f| findings.push(f),
            )
            .expect("drafts kept in memory");
        report.findings = findings;
        report
    }

    /// [`Linter::check`] that hands each finding, in text order, to
    /// `each` instead of keeping it: the report it returns has no
    /// findings and no terms. A long document is read piece by piece
    /// ([`pieces`]), and while it is judged its drafts beyond a few
    /// megabytes wait in a temporary file, whose failure is the only
    /// error.
    pub fn check_each(
        &self,
        file: &str,
        text: &str,
        lang: Option<Language>,
        each: &mut dyn FnMut(Finding),
    ) -> crate::Result<DocumentReport> {
        self.check_with(
            file,
            text,
            lang,
            false,
            (pieces::PIECE_BYTES, spill::BOUND),
            each,
        )
        .map_err(|e| crate::Error::io("temporary file", e))
    }

    /// [`Linter::check_each`], listing the terms used when `terms` is set,
    /// in pieces of about `size` bytes, with drafts beyond `bound` bytes in
    /// a temporary file.
    fn check_with(
        &self,
        file: &str,
        text: &str,
        lang: Option<Language>,
        terms: bool,
        (size, bound): (usize, usize),
        each: &mut dyn FnMut(Finding),
    ) -> std::io::Result<DocumentReport> {
        let (lang, detected) = match lang {
            Some(l) => (Some(l), false),
            None => (lang::detect_document(text), true),
        };
        // Each piece reads its own sentences (a sentence never crosses a
        // line break), when a rule reads them: `untranslated-text`, and
        // `inconsistent-term`, which leaves out sentences in another
        // language.
        let read = self.config.severity(Rule::UntranslatedText).is_some()
            || self.config.severity(Rule::InconsistentTerm).is_some();
        let sentences = (!read).then_some(&[][..]);
        let lines = LineIndex::new(text);
        let mut drafts =
            self.piecewise_drafts(text, lang, sentences, &lines, terms, (size, bound))?;
        // Twice through the drafts: which are left out (a later copy of a
        // repeated line), then each as reported.
        let mut repeats = repeated::Repeats::new(text, lines.clone());
        drafts.for_each(&mut |i, d| repeats.note(i, &d))?;
        let mut verdict = repeats.verdict();
        drafts.for_each(&mut |i, d| {
            if let Some(d) = verdict.apply(i, d) {
                each(self.place(file, text, &lines, d));
            }
        })?;
        Ok(DocumentReport {
            file: file.to_string(),
            lang,
            lang_detected: detected,
            findings: Vec::new(),
            terms_used: std::mem::take(&mut drafts.terms),
        })
    }

    /// The finding a draft of `text` (named `file`) makes.
    fn place(&self, file: &str, text: &str, lines: &LineIndex<'_>, d: Draft) -> Finding {
        let related = d.related.as_ref().map(|r| RelatedPlace {
            span: lines.span(r.start, r.end),
            unit: None,
        });
        Finding {
            file: file.to_string(),
            span: lines.span(d.start, d.end),
            start: d.start,
            end: d.end,
            rule: d.rule,
            severity: self
                .config
                .severity(d.rule)
                .expect("only enabled rules ran"),
            concept: d.concept.clone(),
            found: text[d.start..d.end].to_string(),
            suggestion: d.suggestion.clone(),
            message: d.message_with(related.as_ref()),
            fix: d.fix,
            segment: None,
            related,
        }
    }

    /// The drafts of the enabled document rules on `doc`, in text order.
    fn run_rules(&self, doc: &Document<'_>) -> Vec<Draft> {
        let mut drafts = Vec::new();
        for &rule in Rule::ALL {
            if !rule.is_bilingual() && self.config.severity(rule).is_some() {
                rule.check_document(doc, self, &mut drafts);
            }
        }
        drafts.sort_by_key(|d| (d.start, d.rule, d.end));
        repeated::group(doc.text, &doc.lines, drafts)
    }

    /// The drafts of the enabled document rules on `text` in `lang`, not
    /// yet placed: for checks that place findings themselves.
    pub(crate) fn drafts(&self, text: &str, lang: Option<Language>) -> Vec<Draft> {
        let sentences = if self.config.severity(Rule::UntranslatedText).is_some() {
            lang::read_sentences(text)
        } else {
            Vec::new()
        };
        self.run_rules(&self.document_with(text, lang, sentences))
    }

    /// Folds and searches a document once for all rules.
    pub fn document<'a>(&self, text: &'a str, lang: Option<Language>) -> Document<'a> {
        self.document_with(text, lang, lang::read_sentences(text))
    }

    /// [`Linter::document`] with the sentences already read.
    fn document_with<'a>(
        &self,
        text: &'a str,
        lang: Option<Language>,
        sentences: Vec<Sentence>,
    ) -> Document<'a> {
        self.document_of_piece(
            text,
            (0, text.len()),
            lang,
            sentences,
            LineIndex::new(text),
            None,
        )
    }

    /// The document of the piece `range` of `text` (see [`pieces`]).
    fn document_of_piece<'a>(
        &self,
        text: &'a str,
        range: (usize, usize),
        lang: Option<Language>,
        sentences: Vec<Sentence>,
        lines: LineIndex<'a>,
        cut: Option<&'a cut::CutLines>,
    ) -> Document<'a> {
        let folded = fold_range(text, range.0, range.1);
        let words = folded
            .words()
            .map(|(s, w)| folded.original_range(s, s + w.len()))
            .collect();
        let stem = lang == Some(Language::Id);
        // Terms of every language, and of the document's: one search.
        let (all_occurrences, occurrences) = match lang {
            None => {
                let all = self
                    .matcher()
                    .find_folded_each(text, &folded, stem, &[None])
                    .pop()
                    .expect("one selection");
                (all.clone(), all)
            }
            Some(l) => {
                let langs = [l.code()];
                let mut found =
                    self.matcher()
                        .find_folded_each(text, &folded, stem, &[None, Some(&langs)]);
                let occurrences = found.pop().expect("two selections");
                (found.pop().expect("two selections"), occurrences)
            }
        };
        Document {
            text,
            range,
            lines,
            folded,
            lang,
            words,
            sentences,
            occurrences,
            all_occurrences,
            cut,
        }
    }
}
