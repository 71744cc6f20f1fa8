//! Reading TBX: v3 (`<tbx>`, DCA or DCT style) and 2008 (`<martif>`),
//! told apart by the root element, streamed through the safe
//! [`crate::xml::XmlReader`] so that a file of any size is read in bounded
//! memory and a DTD, entity declaration or external entity never is.
//!
//! What hcgloss keeps: per entry its id (the concept slug, see
//! [`super::entry_ids`]) and `subjectField` (the category); per term its
//! text, `termType`, status (`administrativeStatus` in either vocabulary,
//! or 2008's `normativeAuthorization`) and `note`s. Everything else a TBX
//! may hold (definitions, contexts, transaction history, cross-references,
//! notes on entries or languages) is left out and counted, so the import
//! can say what it did not keep.
//!
//! Foreign termbases are read liberally; what does not fit hcgloss's model
//! is adjusted and reported ([`crate::adjust`]), never a reason to refuse
//! the file:
//!
//! - a subject field is the concept's category when it names one in other
//!   case or spacing (`General`); any other is kept as a note on each of
//!   the entry's terms (`Subject field: Software`);
//! - term types and statuses are read as the nearest hcgloss value
//!   ([`super::read_type`], [`super::read_status`]);
//! - an empty `<term/>` (MultiTerm's placeholder) is left out;
//! - the language sections of one language in one entry are merged;
//! - each language gets exactly one preferred term (see
//!   [`choose_preferred`]); a language with only deprecated terms keeps
//!   them when the store has its preferred term, and is left out when it
//!   has none ([`crate::plan::settle_foreign`]);
//! - a language tag written `en_US` is read as `en-US`;
//! - notes have their white space runs made single spaces, as terms do:
//!   the indentation of a pretty-printed file is not content.
//!
//! Refused, every problem listed with its line: a bad language tag, a
//! missing required part (an entry with no language section, a language
//! section with no term, a term section with no term), two terms, statuses
//! or term types in one term section, and XML that is not well-formed.

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;

mod parser;

use parser::{Frame, Parser, attr, local};

use super::NAMESPACE;
use parser::{EntryState, LangState, TermState};

use crate::adjust::{Adjustments, Kind, LeftOut};
use crate::error::{Error, Problem, Result};
use crate::exchange::entry_ids::{SlugAssigner, slug_for_id};
use crate::model::SourcedTerm;
use crate::model::{CATEGORIES, Lang, Status, Term, TermType};
use crate::xml::{XmlEvent, XmlReader};

/// Which TBX form a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// TBX v3, root `<tbx>` in the ISO 30042:2019 namespace.
    V3,
    /// TBX 2008, root `<martif>`.
    Martif,
}

/// A TBX file as read.
#[derive(Debug)]
pub struct TbxFile {
    pub dialect: Dialect,
    pub terms: Vec<SourcedTerm>,
    /// What hcgloss keeps no place for.
    pub left_out: LeftOut,
    /// What was read another way than written (see the module
    /// documentation).
    pub adjustments: Adjustments,
    /// The terms (indices into `terms`) made preferred because their
    /// language stated no preferred term: the store may have one
    /// ([`crate::plan::settle_foreign`]).
    pub chosen: Vec<usize>,
}

/// Reads a TBX document from `source`; `label` names it in messages.
pub fn read<R: BufRead>(label: &str, source: R) -> Result<TbxFile> {
    let mut xml = XmlReader::new(label, source).collapsing_white_space();
    let mut parser = Parser {
        label: label.to_string(),
        frames: Vec::new(),
        skip_depth: 0,
        capture: None,
        entry: None,
        entries: Vec::new(),
        problems: Vec::new(),
        left_out: LeftOut::default(),
        adjustments: Adjustments::default(),
        seen_text: false,
    };
    let mut dialect = None;
    let mut last_line = 1;
    while let Some(event) = xml.next_event()? {
        match event {
            XmlEvent::Start {
                name,
                attributes,
                line,
            } => {
                last_line = line;
                if parser.skip_depth > 0 {
                    parser.skip_depth += 1;
                } else if let Some(c) = parser.capture.as_mut() {
                    // Inline markup inside a value (<hi>, <foreign>...):
                    // its text is part of the value.
                    c.depth += 1;
                } else if dialect.is_none() {
                    dialect = Some(root_dialect(&xml, &name, &attributes, line)?);
                    parser.frames.push(Frame::Root);
                } else {
                    parser.start(&name, &attributes, line);
                }
            }
            XmlEvent::End { line, .. } => {
                last_line = line;
                if parser.skip_depth > 0 {
                    parser.skip_depth -= 1;
                } else if let Some(c) = parser.capture.as_mut() {
                    if c.depth > 0 {
                        c.depth -= 1;
                    } else {
                        let c = parser.capture.take().expect("checked above");
                        parser.finish_capture(c);
                    }
                } else {
                    parser.end();
                }
            }
            XmlEvent::Text { text, .. } => {
                if parser.skip_depth == 0
                    && let Some(c) = parser.capture.as_mut()
                {
                    c.text.push_str(&text);
                }
            }
        }
    }
    let Some(dialect) = dialect else {
        return Err(Error::invalid(label, None, "no root element"));
    };
    if !parser.seen_text {
        parser.problem(
            last_line,
            "the document has no <text> element: there are no entries to read",
        );
    }
    let (terms, chosen) = build_terms(label, &mut parser);
    if !parser.problems.is_empty() {
        parser.problems.sort_by_key(|p| p.line);
        return Err(Error::Invalid(parser.problems));
    }
    Ok(TbxFile {
        dialect,
        terms,
        left_out: parser.left_out,
        adjustments: parser.adjustments,
        chosen,
    })
}

fn root_dialect<R: BufRead>(
    xml: &XmlReader<R>,
    name: &str,
    attributes: &[(String, String)],
    line: u64,
) -> Result<Dialect> {
    match local(name) {
        "martif" => Ok(Dialect::Martif),
        "tbx" => {
            let ns_key = match name.split_once(':') {
                Some((prefix, _)) => format!("xmlns:{prefix}"),
                None => "xmlns".to_string(),
            };
            match attr(attributes, &ns_key) {
                Some(NAMESPACE) => Ok(Dialect::V3),
                found => Err(xml.error_at(
                    line,
                    format!(
                        "<tbx> is not in the TBX v3 namespace {NAMESPACE} (found {})",
                        found.map_or("none".to_string(), |f| format!("\"{f}\""))
                    ),
                )),
            }
        }
        _ => Err(xml.error_at(
            line,
            format!(
                "the root element is <{name}>, not a TBX document: TBX v3 starts with <tbx>, TBX 2008 with <martif>"
            ),
        )),
    }
}

/// Turns the entries read into terms: slugs for entry ids, statuses for
/// terms that gave none.
fn build_terms(label: &str, parser: &mut Parser) -> (Vec<SourcedTerm>, Vec<usize>) {
    let entries = std::mem::take(&mut parser.entries);
    let mut slugs = SlugAssigner::default();
    let mut by_id: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let mut assigned: Vec<Option<String>> = Vec::with_capacity(entries.len());
    for entry in &entries {
        let Some(id) = &entry.id else {
            assigned.push(None);
            continue;
        };
        match slug_for_id(id) {
            None => {
                assigned.push(None);
            }
            Some(slug) => {
                if let Some((other, line)) = by_id.get(&slug) {
                    let message = if other == id {
                        format!("entry id \"{id}\" is also used on line {line}")
                    } else {
                        format!(
                            "entry id \"{id}\" and \"{other}\" (line {line}) both become concept {slug}"
                        )
                    };
                    parser.problems.push(Problem {
                        file: label.to_string(),
                        line: Some(entry.line),
                        message,
                    });
                } else {
                    by_id.insert(slug.clone(), (id.clone(), entry.line));
                    slugs.claim(&slug);
                }
                assigned.push(Some(slug));
            }
        }
    }
    let mut terms = Vec::new();
    let mut chosen = Vec::new();
    for (ordinal, (entry, slug)) in entries.into_iter().zip(assigned).enumerate() {
        let slug = slug.unwrap_or_else(|| {
            let first = entry
                .langs
                .iter()
                .flat_map(|l| &l.terms)
                .find_map(|t| t.term.as_ref().map(|(text, _)| text.as_str()))
                .filter(|t| !t.is_empty())
                .unwrap_or("");
            slugs.derive(first, ordinal + 1)
        });
        let (category, subject_note) = subjects(&slug, &entry.subjects, &mut parser.adjustments);
        let name = entry.id.clone().unwrap_or_else(|| slug.clone());
        for lang_state in merge_languages(&name, entry, &mut parser.adjustments) {
            let Some(lang) = lang_state.lang else {
                continue;
            };
            let mut kept = usable_terms(&name, &lang, lang_state.terms, &mut parser.adjustments);
            if kept.is_empty() {
                // Only empty terms, each reported where it was read.
                continue;
            }
            let made_preferred = choose_preferred(&name, &lang, &mut kept, &mut parser.adjustments);
            for (i, t) in kept.into_iter().enumerate() {
                let Some((text, line)) = t.term else {
                    continue;
                };
                if made_preferred == Some(i) {
                    chosen.push(terms.len());
                }
                let mut notes = subject_note.iter().cloned().collect::<Vec<_>>();
                notes.extend(t.notes);
                terms.push(SourcedTerm {
                    line,
                    term: Term {
                        concept: slug.clone(),
                        lang: lang.clone(),
                        term: text,
                        status: t.status.unwrap_or(Status::Admitted),
                        term_type: t.term_type.unwrap_or(TermType::Full),
                        category: category.clone(),
                        note: notes.join("\n"),
                    },
                });
            }
        }
    }
    (terms, chosen)
}

/// The category an entry's subject fields name, and the note the others
/// become. A subject field that is a category in other case or spacing
/// (`General`, `Legal instrument`) is that category; the first such one
/// is the entry's category. Any other (`Software`, `Stellar Birth`: TBX
/// leaves subject fields free, hcgloss has a closed list) is kept as a
/// note on each of the entry's terms, `Subject field: Software`, so it
/// goes out again with every export.
fn subjects(
    entry: &str,
    given: &[(String, u64)],
    adjustments: &mut Adjustments,
) -> (String, Option<String>) {
    let mut category: Option<&'static str> = None;
    let mut others: Vec<&str> = Vec::new();
    for (value, line) in given {
        let as_category = value.to_lowercase().replace([' ', '_'], "-");
        let known = CATEGORIES.iter().find(|c| **c == as_category);
        match (known, category) {
            (Some(c), None) => {
                category = Some(c);
                if value != c {
                    adjustments.add(
                        Kind::SubjectCategory,
                        *line,
                        format!("{value} → {c}"),
                        format!(
                            "subject field \"{value}\" of entry {entry} read as the category {c}"
                        ),
                    );
                }
            }
            (Some(c), Some(first)) if *c == first => {}
            _ => {
                if !others.contains(&value.as_str()) {
                    others.push(value);
                    adjustments.add(
                        Kind::SubjectNote,
                        *line,
                        value.clone(),
                        format!(
                            "subject field \"{value}\" of entry {entry} is not an hcgloss category: kept as a note on its terms"
                        ),
                    );
                }
            }
        }
    }
    let note = (!others.is_empty()).then(|| format!("Subject field: {}", others.join("; ")));
    (category.unwrap_or("").to_string(), note)
}

/// The entry's language sections, those of one language merged into the
/// first (IBM and MultiTerm exports write one section per term), so that
/// the preferred term is chosen among all the terms of the language.
fn merge_languages(
    entry: &str,
    state: EntryState,
    adjustments: &mut Adjustments,
) -> Vec<LangState> {
    let mut merged: Vec<LangState> = Vec::new();
    for l in state.langs {
        let same = l
            .lang
            .as_ref()
            .and_then(|lang| merged.iter_mut().find(|m| m.lang.as_ref() == Some(lang)));
        match same {
            Some(first) => {
                adjustments.add(
                    Kind::MergedLanguages,
                    l.line,
                    l.tag.clone(),
                    format!(
                        "a second {} section in entry {entry} (the first is on line {}): its terms are read as the first's",
                        l.tag, first.line
                    ),
                );
                first.terms.extend(l.terms);
            }
            None => merged.push(l),
        }
    }
    merged
}

/// The terms of one language that can be stored: not empty (reported
/// where read), each text once.
fn usable_terms(
    entry: &str,
    lang: &Lang,
    terms: Vec<TermState>,
    adjustments: &mut Adjustments,
) -> Vec<TermState> {
    let mut seen = HashSet::new();
    let mut kept = Vec::with_capacity(terms.len());
    for t in terms {
        let Some((text, line)) = &t.term else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        if !seen.insert(text.clone()) {
            adjustments.add(
                Kind::DuplicateTerm,
                *line,
                lang.to_string(),
                format!("the {lang} term \"{text}\" is given twice in entry {entry}: kept once, as first given"),
            );
            continue;
        }
        kept.push(t);
    }
    kept
}

/// Gives one language exactly one preferred term, as hcgloss requires:
/// of several, the first stays preferred and the others become admitted;
/// of none, the first entry term (ISO 12620 `entryTerm`), else the first
/// term without a status, else the first admitted term becomes preferred.
/// A language whose terms are all deprecated or superseded has none to
/// prefer and is left as it is. Each choice is reported; terms without a
/// status are admitted. Returns which term was made preferred, if one
/// was.
fn choose_preferred(
    entry: &str,
    lang: &Lang,
    terms: &mut [TermState],
    adjustments: &mut Adjustments,
) -> Option<usize> {
    let text = |t: &TermState| {
        t.term
            .as_ref()
            .map_or((String::new(), t.line), |(s, l)| (s.clone(), *l))
    };
    let preferred: Vec<usize> = (0..terms.len())
        .filter(|&i| terms[i].status == Some(Status::Preferred))
        .collect();
    if let Some((&first, extra)) = preferred.split_first() {
        let (kept, kept_line) = text(&terms[first]);
        for &i in extra {
            let (demoted, line) = text(&terms[i]);
            terms[i].status = Some(Status::Admitted);
            adjustments.add(
                Kind::PreferredDemoted,
                line,
                lang.to_string(),
                format!(
                    "a second preferred {lang} term in entry {entry}: \"{demoted}\" made admitted (\"{kept}\", line {kept_line}, stays preferred)"
                ),
            );
        }
        return None;
    }
    let by = |f: &dyn Fn(&TermState) -> bool| terms.iter().position(f);
    let choice = by(&|t| t.entry_term && t.status.is_none_or(Status::is_allowed))
        .map(|i| (i, "its entry term"))
        .or_else(|| by(&|t| t.status.is_none()).map(|i| (i, "its first term without a status")))
        .or_else(|| {
            by(&|t| t.status == Some(Status::Admitted)).map(|i| (i, "its first admitted term"))
        });
    // With every term deprecated or superseded there is no choice: the
    // store may have the preferred term (a file adding an old name to a
    // known concept); the import decides (`crate::plan::settle_foreign`).
    let (i, why) = choice?;
    terms[i].status = Some(Status::Preferred);
    let (chosen, line) = text(&terms[i]);
    adjustments.add(
        Kind::PreferredChosen,
        line,
        "",
        format!(
            "{lang} of entry {entry} has no preferred term: \"{chosen}\" ({why}) made preferred"
        ),
    );
    Some(i)
}

#[cfg(test)]
mod tests;
