//! Pairing the rows of an OmegaT glossary with the store's concepts (the
//! rules are in the parent module's documentation).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use super::{Glossary, Row, Stated, read_comment};
use crate::adjust::{Adjustments, Kind};
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
    /// The first non-empty comment on a target term and its line.
    stated: Option<(Stated, u64)>,
}

/// What the store holds, looked up by the rows.
struct Store<'a> {
    /// The concepts a term of a language belongs to.
    by_text: HashMap<(&'a Lang, &'a str), Vec<&'a str>>,
    /// The store's terms by concept, language and text.
    terms: HashMap<(&'a str, &'a Lang, &'a str), &'a Term>,
}

impl<'a> Store<'a> {
    fn new(existing: &'a [Term], slugs: &mut SlugAssigner) -> Self {
        let mut by_text: HashMap<(&Lang, &str), Vec<&str>> = HashMap::new();
        let mut terms = HashMap::new();
        for t in existing {
            let concepts = by_text.entry((&t.lang, t.term.as_str())).or_default();
            if !concepts.contains(&t.concept.as_str()) {
                concepts.push(&t.concept);
            }
            terms.insert((t.concept.as_str(), &t.lang, t.term.as_str()), t);
            slugs.claim(&t.concept);
        }
        Store { by_text, terms }
    }

    fn concepts_of(&self, lang: &Lang, text: &str) -> Vec<&'a str> {
        // The keys' lifetime shrinks to the lookup's; the values keep 'a.
        let map: &HashMap<(&Lang, &str), Vec<&'a str>> = &self.by_text;
        map.get(&(lang, text)).cloned().unwrap_or_default()
    }

    /// The store's term, or a new admitted full term; true when stored.
    fn term_or_new(&self, concept: &str, lang: &Lang, text: &str) -> (Term, bool) {
        match self.terms.get(&(concept, lang, text)) {
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
}

/// The terms the rows make, in the order first given.
#[derive(Default)]
struct Terms {
    pending: Vec<Pending>,
    index: HashMap<(String, Lang, String), usize>,
}

impl Terms {
    fn contains(&self, concept: &str, lang: &Lang, text: &str) -> bool {
        self.index
            .contains_key(&(concept.to_string(), lang.clone(), text.to_string()))
    }

    /// The term `text` of `concept` in `lang`: the one already pending, or
    /// a new one as the store has it.
    fn get_or_add(
        &mut self,
        store: &Store<'_>,
        concept: &str,
        lang: &Lang,
        text: &str,
        line: u64,
    ) -> usize {
        let key = (concept.to_string(), lang.clone(), text.to_string());
        match self.index.entry(key) {
            Entry::Occupied(slot) => *slot.get(),
            Entry::Vacant(slot) => {
                let (term, known) = store.term_or_new(concept, lang, text);
                slot.insert(self.pending.len());
                self.pending.push(Pending {
                    line,
                    term,
                    status_known: known,
                    stated: None,
                });
                self.pending.len() - 1
            }
        }
    }
}

/// The concept a row belongs to (see the parent module's documentation),
/// or why the row cannot say.
fn concept_of(
    row: &Row,
    ordinal: usize,
    (source, target): (&Lang, &Lang),
    store: &Store<'_>,
    terms: &Terms,
    previous: Option<&str>,
    slugs: &mut SlugAssigner,
) -> std::result::Result<String, String> {
    let by_source = store.concepts_of(source, &row.source);
    let by_target = store.concepts_of(target, &row.target);
    if by_source.len() == 1 {
        return Ok(by_source[0].to_string());
    }
    if by_source.len() > 1 {
        let both: Vec<&&str> = by_source.iter().filter(|c| by_target.contains(c)).collect();
        return match both.as_slice() {
            [one] => Ok(one.to_string()),
            _ => Err(format!(
                "source term \"{}\" belongs to several concepts ({}); the row cannot say which",
                row.source,
                by_source.join(", ")
            )),
        };
    }
    // A row whose terms are not in the store joins the row before when
    // that one already has the row's source or target term: an export
    // writes the rows of one concept together, and so does a translator
    // adding synonyms. Rows further apart are not matched by term, since
    // one term may name two concepts.
    let follows_previous = previous.filter(|p| {
        terms.contains(p, source, &row.source) || terms.contains(p, target, &row.target)
    });
    match (by_target.as_slice(), follows_previous) {
        ([one], _) => Ok(one.to_string()),
        (_, Some(p)) => Ok(p.to_string()),
        ([], None) => Ok(slugs.derive(&row.source, ordinal + 1)),
        (several, None) => Err(format!(
            "target term \"{}\" belongs to several concepts ({}); the row cannot say which",
            row.target,
            several.join(", ")
        )),
    }
}

/// Applies a row's comment to its target term. The first comment on a
/// term gives its status, type and note; a later row with another comment
/// (OmegaT keeps a comment per row, so `file → fichier` and `files →
/// fichier` may each say something) adds its note to the term's, keeps
/// the first status and type, and is reported.
fn apply_comment(p: &mut Pending, row: &Row, adjustments: &mut Adjustments) {
    let stated = read_comment(&row.comment);
    match &p.stated {
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
        Some((first, _)) if *first == stated => {}
        Some((first, first_line)) => {
            let first_line = *first_line;
            let status_differs = stated.status.is_some()
                && (stated.status != first.status || stated.term_type != first.term_type);
            let joined =
                !stated.note.is_empty() && !p.term.note.split('\n').any(|n| n == stated.note);
            if joined {
                if !p.term.note.is_empty() {
                    p.term.note.push('\n');
                }
                p.term.note.push_str(&stated.note);
            }
            let detail = format!(
                "target term \"{}\" has the comment \"{}\" here and another on line {first_line}: {}",
                row.target,
                row.comment,
                match (joined, status_differs) {
                    (true, true) => format!(
                        "its note is added to the term's, and the status and type of line {first_line} are kept"
                    ),
                    (true, false) => "its note is added to the term's".to_string(),
                    (false, true) => format!("the status and type of line {first_line} are kept"),
                    (false, false) => "nothing new in it".to_string(),
                }
            );
            adjustments.add(Kind::Comment, row.line, "", detail);
        }
    }
}

/// Defaults: a language of a concept without a preferred term (in the
/// store or stated in the file) gets its first new term as preferred.
fn with_defaults(pending: Vec<Pending>, existing: &[Term]) -> Vec<SourcedTerm> {
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
    pending
        .into_iter()
        .map(|mut p| {
            if !p.status_known
                && has_preferred.insert((p.term.concept.clone(), p.term.lang.clone()))
            {
                p.term.status = Status::Preferred;
            }
            // The category is the store's (or none): the format has none.
            p.term.category = String::new();
            SourcedTerm {
                line: p.line,
                term: p.term,
            }
        })
        .collect()
}

/// Turns rows into terms, pairing them with the concepts of `existing`.
/// See the module documentation for the rules; what had to be reconciled
/// is added to `adjustments`.
pub fn resolve(
    label: &str,
    glossary: Glossary,
    source: &Lang,
    target: &Lang,
    existing: &[Term],
    adjustments: &mut Adjustments,
) -> Result<Vec<SourcedTerm>> {
    let mut slugs = SlugAssigner::default();
    let store = Store::new(existing, &mut slugs);
    let mut terms = Terms::default();
    let mut problems = Vec::new();
    let mut previous: Option<String> = None;
    for (ordinal, row) in glossary.rows.iter().enumerate() {
        let concept = match concept_of(
            row,
            ordinal,
            (source, target),
            &store,
            &terms,
            previous.as_deref(),
            &mut slugs,
        ) {
            Ok(c) => c,
            Err(message) => {
                problems.push(Problem {
                    file: label.to_string(),
                    line: Some(row.line),
                    message,
                });
                previous = None;
                continue;
            }
        };
        terms.get_or_add(&store, &concept, source, &row.source, row.line);
        let i = terms.get_or_add(&store, &concept, target, &row.target, row.line);
        if !row.comment.is_empty() {
            apply_comment(&mut terms.pending[i], row, adjustments);
        }
        previous = Some(concept);
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(with_defaults(terms.pending, existing))
}
