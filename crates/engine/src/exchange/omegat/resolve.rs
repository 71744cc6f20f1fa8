//! Pairing the rows of an OmegaT glossary with the store's concepts (the
//! rules are in the parent module's documentation).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use super::{Glossary, Stated, read_comment};
use crate::error::{Error, Problem, Result};
use crate::exchange::entry_ids::SlugAssigner;
use crate::model::SourcedTerm;
use crate::model::{Lang, Status, Term, TermType};

/// A term being built from the rows, with where it was first given.
struct Pending {
    line: u64,
    term: Term,
    /// Whether the status came from the file or the store, rather than
    /// being left for the defaults.
    status_known: bool,
    /// The first non-empty comment on a target term and its line, to
    /// catch rows that disagree.
    stated: Option<(Stated, u64)>,
}

/// The store's term, or a new admitted full term; true when from the store.
fn stored_or_new(
    stored: &HashMap<(&str, &Lang, &str), &Term>,
    concept: &str,
    lang: &Lang,
    text: &str,
) -> (Term, bool) {
    match stored.get(&(concept, lang, text)) {
        Some(t) => ((*t).clone(), true),
        None => (
            Term {
                concept: concept.to_string(),
                lang: lang.clone(),
                term: text.to_string(),
                status: Status::Admitted,
                term_type: TermType::Full,
                category: String::new(),
                note: String::new(),
            },
            false,
        ),
    }
}

/// Turns rows into terms, pairing them with the concepts of `existing`.
/// See the module documentation for the rules.
pub fn resolve(
    label: &str,
    glossary: Glossary,
    source: &Lang,
    target: &Lang,
    existing: &[Term],
) -> Result<Vec<SourcedTerm>> {
    let mut problems = Vec::new();
    let mut by_text: HashMap<(&Lang, &str), Vec<&str>> = HashMap::new();
    let mut stored: HashMap<(&str, &Lang, &str), &Term> = HashMap::new();
    let mut slugs = SlugAssigner::default();
    for t in existing {
        let concepts = by_text.entry((&t.lang, t.term.as_str())).or_default();
        if !concepts.contains(&t.concept.as_str()) {
            concepts.push(&t.concept);
        }
        stored.insert((&t.concept, &t.lang, &t.term), t);
        slugs.claim(&t.concept);
    }
    let in_store = |lang: &Lang, text: &str| -> Vec<&str> {
        by_text.get(&(lang, text)).cloned().unwrap_or_default()
    };
    // The concept of the row before. A row whose terms are not in the
    // store joins it when it already has the row's source or target term:
    // an export writes the rows of one concept together, and so does a
    // translator adding synonyms. Rows further apart are not matched by
    // term, since one term may name two concepts.
    let mut previous: Option<String> = None;
    let mut pending: Vec<Pending> = Vec::new();
    let mut index: HashMap<(String, Lang, String), usize> = HashMap::new();

    for (ordinal, row) in glossary.rows.iter().enumerate() {
        let problem = |message: String| Problem {
            file: label.to_string(),
            line: Some(row.line),
            message,
        };
        let by_source = in_store(source, &row.source);
        let by_target = in_store(target, &row.target);
        let concept = match by_source.len() {
            1 => by_source[0].to_string(),
            n if n > 1 => {
                let both: Vec<&&str> = by_source.iter().filter(|c| by_target.contains(c)).collect();
                if both.len() == 1 {
                    both[0].to_string()
                } else {
                    problems.push(problem(format!(
                        "source term \"{}\" belongs to several concepts ({}); the row cannot say which",
                        row.source,
                        by_source.join(", ")
                    )));
                    previous = None;
                    continue;
                }
            }
            _ => {
                let follows_previous = previous.as_ref().filter(|p| {
                    index.contains_key(&((*p).to_string(), source.clone(), row.source.clone()))
                        || index.contains_key(&(
                            (*p).to_string(),
                            target.clone(),
                            row.target.clone(),
                        ))
                });
                if by_target.len() == 1 {
                    by_target[0].to_string()
                } else if let Some(c) = follows_previous {
                    c.clone()
                } else if by_target.is_empty() {
                    slugs.derive(&row.source, ordinal + 1)
                } else {
                    problems.push(problem(format!(
                        "target term \"{}\" belongs to several concepts ({}); the row cannot say which",
                        row.target,
                        by_target.join(", ")
                    )));
                    previous = None;
                    continue;
                }
            }
        };
        previous = Some(concept.clone());

        // The source term: as the store has it, or new.
        let key = (concept.clone(), source.clone(), row.source.clone());
        if let Entry::Vacant(slot) = index.entry(key) {
            let (term, known) = stored_or_new(&stored, &concept, source, &row.source);
            slot.insert(pending.len());
            pending.push(Pending {
                line: row.line,
                term,
                status_known: known,
                stated: None,
            });
        }

        // The target term: what the comment says over what the store has.
        let stated = read_comment(&row.comment);
        let key = (concept.clone(), target.clone(), row.target.clone());
        let i = match index.entry(key) {
            Entry::Occupied(slot) => *slot.get(),
            Entry::Vacant(slot) => {
                let (term, known) = stored_or_new(&stored, &concept, target, &row.target);
                slot.insert(pending.len());
                pending.push(Pending {
                    line: row.line,
                    term,
                    status_known: known,
                    stated: None,
                });
                pending.len() - 1
            }
        };
        if row.comment.is_empty() {
            continue;
        }
        let p = &mut pending[i];
        match &p.stated {
            Some((first, line)) if *first != stated => {
                problems.push(problem(format!(
                    "target term \"{}\" has the comment \"{}\" here but a different one on line {line}",
                    row.target, row.comment
                )));
            }
            Some(_) => {}
            None => {
                if let Some(s) = stated.status {
                    p.term.status = s;
                    // The written form leaves the type out only for full.
                    p.term.term_type = stated.term_type.unwrap_or(TermType::Full);
                    p.status_known = true;
                }
                p.term.note = stated.note.clone();
                p.stated = Some((stated, row.line));
            }
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(Error::Invalid(problems));
    }

    // Defaults: a language of a concept without a preferred term (in the
    // store or stated in the file) gets its first new term as preferred.
    let mut has_preferred: HashSet<(String, Lang)> = existing
        .iter()
        .filter(|t| t.status == Status::Preferred)
        .map(|t| (t.concept.clone(), t.lang.clone()))
        .collect();
    has_preferred.extend(
        pending
            .iter()
            .filter(|p| p.status_known && p.term.status == Status::Preferred)
            .map(|p| (p.term.concept.clone(), p.term.lang.clone())),
    );
    let mut out = Vec::with_capacity(pending.len());
    for mut p in pending {
        if !p.status_known && has_preferred.insert((p.term.concept.clone(), p.term.lang.clone())) {
            p.term.status = Status::Preferred;
        }
        // The category is the store's (or none): the format has none.
        p.term.category = String::new();
        out.push(SourcedTerm {
            line: p.line,
            term: p.term,
        });
    }
    Ok(out)
}
