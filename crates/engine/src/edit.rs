//! Editing the termbase a term at a time: what `hcgloss add` and `remove`
//! do, and what the server's term endpoints do, with the rules of an
//! import ([`crate::plan`]) and the conveniences a person expects.
//!
//! - An edit names a term (concept, language, text) and the fields to set;
//!   fields it leaves out keep their stored values, so changing a note
//!   does not mean retyping the status and type.
//! - Making a term preferred demotes the language's former preferred term
//!   to admitted, and says so; demoting the preferred term itself is
//!   refused with the way to do it (make another term preferred).
//! - A removal is planned first, so it can be shown before it is done.

use crate::error::{Error, Result};
use crate::exchange::csv::clean_note;
use crate::model::{
    CATEGORIES, Concept, FieldChange, ImportPlan, Lang, SourcedTerm, Status, Term, TermType,
    check_category, check_slug,
};
use crate::normalize::clean_term;
use crate::plan::{COMMAND_LINE, Origin, check_termbase, plan_import};
use crate::store::AuditEntry;

/// A term to add, or the fields of a stored term to change.
#[derive(Debug, Clone, Default)]
pub struct TermEdit {
    pub concept: String,
    pub lang: Option<Lang>,
    pub term: String,
    /// `None`: unchanged, or for a new term preferred when it is its
    /// language's first term, else admitted.
    pub status: Option<Status>,
    /// `None`: unchanged, or `full` for a new term.
    pub term_type: Option<TermType>,
    /// `None`: unchanged; required for a new concept.
    pub category: Option<String>,
    /// `None`: unchanged, or empty for a new term. `Some("")` clears it.
    pub note: Option<String>,
}

/// What an edit does to the term it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    Added,
    Updated,
    Unchanged,
}

impl EditKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EditKind::Added => "added",
            EditKind::Updated => "updated",
            EditKind::Unchanged => "unchanged",
        }
    }
}

/// A planned edit: the term as it will be, what changes, and the plan to
/// write.
#[derive(Debug)]
pub struct PlannedEdit {
    pub kind: EditKind,
    pub term: Term,
    /// The fields of `term` that change (empty when it is added).
    pub changes: Vec<FieldChange>,
    /// Former preferred terms made admitted by this edit.
    pub demoted: Vec<Term>,
    pub plan: ImportPlan,
}

/// Plans `edit` against its concept as stored (`None` when it is new).
/// `label` names the edit's origin in messages (`add`, a request).
pub fn plan_edit(label: &str, stored: Option<Concept>, edit: &TermEdit) -> Result<PlannedEdit> {
    check_slug(&edit.concept).map_err(Error::Usage)?;
    let lang = edit
        .lang
        .clone()
        .ok_or_else(|| Error::Usage("give the term's language".into()))?;
    let text = clean_term(&edit.term);
    if text.is_empty() {
        return Err(Error::Usage("the term is empty".into()));
    }
    if let Some(c) = &edit.category {
        check_category(c).map_err(Error::Usage)?;
    }
    let category = match (&edit.category, &stored) {
        (Some(c), _) => c.clone(),
        (None, Some(c)) => c.category.clone(),
        (None, None) => {
            return Err(Error::Usage(format!(
                "concept {} is new: give its category ({})",
                edit.concept,
                CATEGORIES.join(", ")
            )));
        }
    };
    let terms = stored.map(|c| c.terms).unwrap_or_default();
    let before = terms
        .iter()
        .find(|t| t.lang == lang && t.term == text)
        .cloned();
    let has_other_in_lang = terms.iter().any(|t| t.lang == lang && t.term != text);
    let term = Term {
        concept: edit.concept.clone(),
        lang: lang.clone(),
        status: edit.status.unwrap_or(match &before {
            Some(b) => b.status,
            None if has_other_in_lang => Status::Admitted,
            None => Status::Preferred,
        }),
        term_type: edit
            .term_type
            .or(before.as_ref().map(|b| b.term_type))
            .unwrap_or(TermType::Full),
        note: match (&edit.note, &before) {
            (Some(n), _) => clean_note(n),
            (None, Some(b)) => b.note.clone(),
            (None, None) => String::new(),
        },
        category: category.clone(),
        term: text,
    };
    if let Some(b) = &before
        && b.status == Status::Preferred
        && term.status != Status::Preferred
        && has_other_in_lang
    {
        return Err(Error::Usage(format!(
            "\"{}\" is the preferred {} term of {}: make another term preferred instead (that makes this one admitted)",
            b.term, lang, edit.concept
        )));
    }
    let mut rows = vec![term.clone()];
    let mut demoted = Vec::new();
    if term.status == Status::Preferred {
        for t in &terms {
            if t.lang == lang && t.term != term.term && t.status == Status::Preferred {
                let mut d = t.clone();
                d.status = Status::Admitted;
                d.category = category.clone();
                demoted.push(d.clone());
                rows.push(d);
            }
        }
    }
    let rows = rows
        .into_iter()
        .map(|term| SourcedTerm {
            line: COMMAND_LINE,
            term,
        })
        .collect();
    let plan = plan_import(label, terms, rows, false).map_err(Error::Invalid)?;
    let (kind, changes) = match &before {
        None => (EditKind::Added, Vec::new()),
        Some(b) => {
            let changes = term.changes_from(b);
            let kind = if changes.is_empty() {
                EditKind::Unchanged
            } else {
                EditKind::Updated
            };
            (kind, changes)
        }
    };
    Ok(PlannedEdit {
        kind,
        term,
        changes,
        demoted,
        plan,
    })
}

impl PlannedEdit {
    /// The audit log's rows for this edit once applied: the term added or
    /// updated, and each term it demoted. An unchanged term has none.
    pub fn audit(&self, actor: &str, at: &str) -> Vec<AuditEntry> {
        let mut rows = Vec::new();
        let entry = |action: &str, t: &Term, detail: String| AuditEntry {
            at: at.to_string(),
            actor: actor.to_string(),
            action: action.to_string(),
            concept: t.concept.clone(),
            lang: t.lang.to_string(),
            term: t.term.clone(),
            detail,
        };
        match self.kind {
            EditKind::Unchanged => return rows,
            EditKind::Added => rows.push(entry(
                "added",
                &self.term,
                format!("{}, {}", self.term.status, self.term.term_type),
            )),
            EditKind::Updated => rows.push(entry(
                "updated",
                &self.term,
                FieldChange::describe_all(&self.changes),
            )),
        }
        for (after, changes) in self.plan.field_changes() {
            if self
                .demoted
                .iter()
                .any(|d| d.lang == after.lang && d.term == after.term)
            {
                rows.push(entry("demoted", after, FieldChange::describe_all(&changes)));
            }
        }
        rows
    }
}

/// The audit log's rows for terms removed.
pub fn audit_removal(actor: &str, at: &str, removed: &[Term]) -> Vec<AuditEntry> {
    removed
        .iter()
        .map(|t| AuditEntry {
            at: at.to_string(),
            actor: actor.to_string(),
            action: "removed".into(),
            concept: t.concept.clone(),
            lang: t.lang.to_string(),
            term: t.term.clone(),
            detail: format!("{}, {}", t.status, t.term_type),
        })
        .collect()
}

/// Who the command line writes as in the audit log: `cli:` and the
/// user's login name.
pub fn command_line_actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into());
    format!("cli:{user}")
}

/// Which terms of `concept` a removal takes: the one named (`lang` and
/// `term`), or all. Refused when it would leave a language with terms but
/// no preferred one. An empty list: no such term.
pub fn plan_removal(concept: &Concept, which: Option<(&Lang, &str)>) -> Result<Vec<Term>> {
    let (remove, keep): (Vec<Term>, Vec<Term>) = match which {
        Some((lang, term)) => {
            let term = clean_term(term);
            concept
                .terms
                .iter()
                .cloned()
                .partition(|t| &t.lang == lang && t.term == term)
        }
        None => (concept.terms.clone(), Vec::new()),
    };
    let remaining: Vec<_> = keep.iter().map(|t| (Origin::Store, t)).collect();
    let problems = check_termbase("the removal", &remaining);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(remove)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concept() -> Concept {
        let mut c = Concept::with_terms(
            "steering-committee",
            &[
                ("id", "Komite Pengarah", Status::Preferred),
                ("id", "Panitia Pengarah", Status::Admitted),
                ("en", "Steering Committee", Status::Preferred),
            ],
        );
        c.category = "committee".into();
        for t in &mut c.terms {
            t.category = "committee".into();
        }
        c.terms[0].note = "Used in the articles.".into();
        c
    }

    fn edit(lang: &str, term: &str) -> TermEdit {
        TermEdit {
            concept: "steering-committee".into(),
            lang: Some(lang.parse().unwrap()),
            term: term.into(),
            ..TermEdit::default()
        }
    }

    #[test]
    fn making_a_term_preferred_demotes_the_former_one() {
        let e = TermEdit {
            status: Some(Status::Preferred),
            ..edit("id", "Panitia Pengarah")
        };
        let planned = plan_edit("add", Some(concept()), &e).unwrap();
        assert_eq!(planned.kind, EditKind::Updated);
        assert_eq!(planned.demoted.len(), 1);
        assert_eq!(planned.demoted[0].term, "Komite Pengarah");
        assert_eq!(planned.demoted[0].status, Status::Admitted);
        // The demoted term keeps its note.
        assert_eq!(planned.demoted[0].note, "Used in the articles.");
        assert_eq!(planned.plan.updated.len(), 2);
    }

    #[test]
    fn fields_left_out_keep_their_stored_values() {
        let e = TermEdit {
            note: Some("Local police units.".into()),
            ..edit("id", "Panitia Pengarah")
        };
        let planned = plan_edit("add", Some(concept()), &e).unwrap();
        assert_eq!(planned.term.status, Status::Admitted);
        assert_eq!(
            planned.changes,
            vec![FieldChange {
                field: "note",
                from: String::new(),
                to: "Local police units.".into()
            }]
        );
    }

    #[test]
    fn demoting_the_preferred_term_itself_is_refused_with_the_way_to_do_it() {
        let e = TermEdit {
            status: Some(Status::Admitted),
            ..edit("id", "Komite Pengarah")
        };
        let err = plan_edit("add", Some(concept()), &e)
            .unwrap_err()
            .to_string();
        assert!(err.contains("make another term preferred instead"), "{err}");
    }

    #[test]
    fn removing_the_preferred_term_of_a_language_with_others_is_refused() {
        let c = concept();
        let id: Lang = "id".parse().unwrap();
        assert!(plan_removal(&c, Some((&id, "Komite Pengarah"))).is_err());
        assert_eq!(
            plan_removal(&c, Some((&id, "Panitia Pengarah")))
                .unwrap()
                .len(),
            1
        );
        assert_eq!(plan_removal(&c, None).unwrap().len(), 3);
        assert!(plan_removal(&c, Some((&id, "Nope"))).unwrap().is_empty());
    }
}
