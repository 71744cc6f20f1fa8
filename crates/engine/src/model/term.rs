//! Terms and concepts: a row of `glossary.csv`, the concept that groups
//! them, the canonical order every export writes, and the change set an
//! import or an edit computes before it is written.

use serde::{Deserialize, Serialize};

use super::{Lang, Status, TermType};

/// One term of one concept in one language: a row of `glossary.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub concept: String,
    pub lang: Lang,
    pub term: String,
    pub status: Status,
    #[serde(rename = "type")]
    pub term_type: TermType,
    pub category: String,
    pub note: String,
}

impl Term {
    /// The canonical sort key: concept, language, status, then the term.
    pub fn canonical_key(&self) -> (&str, &str, Status, &str) {
        (&self.concept, self.lang.as_str(), self.status, &self.term)
    }
}

/// A concept with all its terms, as `show` and `lookup` present it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concept {
    pub concept: String,
    pub category: String,
    pub terms: Vec<Term>,
}

impl Concept {
    /// The preferred term of a language, if the concept has one.
    pub fn preferred(&self, lang: &str) -> Option<&Term> {
        self.terms
            .iter()
            .find(|t| t.lang.as_str() == lang && t.status == Status::Preferred)
    }
}

/// Terms for tests: a full term without a note, in one call.
#[cfg(test)]
impl Term {
    pub(crate) fn sample(
        concept: &str,
        category: &str,
        lang: &str,
        text: &str,
        status: Status,
    ) -> Term {
        Term {
            concept: concept.into(),
            lang: lang.parse().expect("a valid language tag"),
            term: text.into(),
            status,
            term_type: TermType::Full,
            category: category.into(),
            note: String::new(),
        }
    }

    pub(crate) fn with_note(self, note: &str) -> Term {
        Term {
            note: note.into(),
            ..self
        }
    }
}

/// Concepts for the tests of the modules that search terms.
#[cfg(test)]
impl Concept {
    /// A concept of category `general` whose terms, given as (language,
    /// term, status), are full terms without notes.
    pub(crate) fn with_terms(slug: &str, terms: &[(&str, &str, Status)]) -> Concept {
        Concept {
            concept: slug.into(),
            category: "general".into(),
            terms: terms
                .iter()
                .map(|(lang, text, status)| Term::sample(slug, "general", lang, text, *status))
                .collect(),
        }
    }
}

/// A term read from a file, with the line it was on.
#[derive(Debug, Clone)]
pub struct SourcedTerm {
    pub line: u64,
    pub term: Term,
}

/// Sorts terms in canonical order.
pub fn sort_canonical(terms: &mut [Term]) {
    terms.sort_by(|a, b| a.canonical_key().cmp(&b.canonical_key()));
}

/// Groups canonical-ordered terms into concepts.
pub fn group_concepts(terms: Vec<Term>) -> Vec<Concept> {
    let mut out: Vec<Concept> = Vec::new();
    for t in terms {
        match out.last_mut() {
            Some(c) if c.concept == t.concept => c.terms.push(t),
            _ => out.push(Concept {
                concept: t.concept.clone(),
                category: t.category.clone(),
                terms: vec![t],
            }),
        }
    }
    out
}

/// What an import will do, computed before anything is written.
#[derive(Debug, Default)]
pub struct ImportPlan {
    /// Terms not in the store yet.
    pub added: Vec<Term>,
    /// Terms in the store whose status, type, note or category changes.
    pub updated: Vec<Term>,
    /// The stored version of each of `updated`, in the same order.
    pub previous: Vec<Term>,
    pub unchanged: usize,
    /// Terms only in the store, removed by `--replace`.
    pub removed: Vec<Term>,
    /// What the import does not refuse but the user should look at, for
    /// the front end to show (see [`crate::plan::check_warnings`]).
    pub warnings: Vec<crate::error::Problem>,
}

/// One field of a term that an import or an edit changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub from: String,
    pub to: String,
}

impl FieldChange {
    /// `status admitted → preferred, note "" → "Older form."`: the changes
    /// as a person reads them, long notes shortened.
    pub fn describe_all(changes: &[FieldChange]) -> String {
        changes
            .iter()
            .map(|c| match c.field {
                "note" => format!("note \"{}\" → \"{}\"", elide(&c.from), elide(&c.to)),
                field => format!("{field} {} → {}", c.from, c.to),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A note shortened for a one-line report.
fn elide(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX - 1).collect();
    format!("{cut}…")
}

impl Term {
    /// The fields that differ from `before`, a stored version of the same
    /// term (same concept, language and text).
    pub fn changes_from(&self, before: &Term) -> Vec<FieldChange> {
        let mut out = Vec::new();
        let mut field = |field: &'static str, from: &str, to: &str| {
            if from != to {
                out.push(FieldChange {
                    field,
                    from: from.to_string(),
                    to: to.to_string(),
                });
            }
        };
        field("status", before.status.as_str(), self.status.as_str());
        field("type", before.term_type.as_str(), self.term_type.as_str());
        field("category", &before.category, &self.category);
        field("note", &before.note, &self.note);
        out
    }
}

impl ImportPlan {
    /// Each updated term with the fields it changes.
    pub fn field_changes(&self) -> impl Iterator<Item = (&Term, Vec<FieldChange>)> {
        self.updated
            .iter()
            .zip(&self.previous)
            .map(|(after, before)| (after, after.changes_from(before)))
    }

    pub fn changes_anything(&self) -> bool {
        !(self.added.is_empty() && self.updated.is_empty() && self.removed.is_empty())
    }
}
