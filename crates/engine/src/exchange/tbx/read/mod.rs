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
//! Values hcgloss cannot represent (an unknown status or term type, a
//! subject field that is not a category, a bad language tag) are errors
//! with the file and line, as are missing required parts: an entry with no
//! language section, a language section with no term, a term section with
//! no term. All such problems of the file are listed together.
//!
//! A term with no status: when its language section has no preferred
//! term, the first term without a status becomes preferred; the others
//! are admitted.

use std::collections::BTreeMap;
use std::io::BufRead;

mod parser;

use parser::{Frame, Parser, attr, local};

use super::NAMESPACE;
use crate::error::{Error, Problem, Result};
use crate::exchange::entry_ids::{SlugAssigner, slug_for_id};
use crate::model::SourcedTerm;
use crate::model::{Status, Term, TermType};
use crate::xml::{XmlEvent, XmlReader};

/// Which TBX form a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// TBX v3, root `<tbx>` in the ISO 30042:2019 namespace.
    V3,
    /// TBX 2008, root `<martif>`.
    Martif,
}

/// What a TBX file held that hcgloss does not keep, by element.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Ignored(BTreeMap<String, (u64, u64)>);

impl Ignored {
    fn add(&mut self, what: String, line: u64) {
        let entry = self.0.entry(what).or_insert((0, line));
        entry.0 += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// One line naming each kind of element left out, how often, and
    /// where it first appears.
    pub fn describe(&self) -> String {
        self.0
            .iter()
            .map(|(what, (count, line))| format!("{what} ×{count} (first on line {line})"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A TBX file as read.
#[derive(Debug)]
pub struct TbxFile {
    pub dialect: Dialect,
    pub terms: Vec<SourcedTerm>,
    pub ignored: Ignored,
}

/// Reads a TBX document from `source`; `label` names it in messages.
pub fn read<R: BufRead>(label: &str, source: R) -> Result<TbxFile> {
    let mut xml = XmlReader::new(label, source);
    let mut parser = Parser {
        label: label.to_string(),
        frames: Vec::new(),
        skip_depth: 0,
        capture: None,
        entry: None,
        entries: Vec::new(),
        problems: Vec::new(),
        ignored: Ignored::default(),
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
    let terms = build_terms(label, &mut parser);
    if !parser.problems.is_empty() {
        parser.problems.sort_by_key(|p| p.line);
        return Err(Error::Invalid(parser.problems));
    }
    Ok(TbxFile {
        dialect,
        terms,
        ignored: parser.ignored,
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
fn build_terms(label: &str, parser: &mut Parser) -> Vec<SourcedTerm> {
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
    for (ordinal, (entry, slug)) in entries.into_iter().zip(assigned).enumerate() {
        let slug = slug.unwrap_or_else(|| {
            let first = entry
                .langs
                .iter()
                .flat_map(|l| &l.terms)
                .find_map(|t| t.term.as_ref().map(|(text, _)| text.as_str()))
                .unwrap_or("");
            slugs.derive(first, ordinal + 1)
        });
        let category = entry.category.map(|(c, _)| c).unwrap_or_default();
        for lang_state in entry.langs {
            let Some(lang) = lang_state.lang else {
                continue;
            };
            let has_preferred = lang_state
                .terms
                .iter()
                .any(|t| t.status == Some(Status::Preferred));
            let mut first_unstated = !has_preferred;
            for t in lang_state.terms {
                let Some((text, line)) = t.term else {
                    continue;
                };
                let status = t.status.unwrap_or_else(|| {
                    if std::mem::take(&mut first_unstated) {
                        Status::Preferred
                    } else {
                        Status::Admitted
                    }
                });
                terms.push(SourcedTerm {
                    line,
                    term: Term {
                        concept: slug.clone(),
                        lang: lang.clone(),
                        term: text,
                        status,
                        term_type: t.term_type.unwrap_or(TermType::Full),
                        category: category.clone(),
                        note: t.notes.join("\n"),
                    },
                });
            }
        }
    }
    terms
}

#[cfg(test)]
mod tests;
