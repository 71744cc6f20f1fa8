//! OmegaT's tab-separated glossary for one language pair: each line
//! `source<TAB>target<TAB>comment`, UTF-8, lines starting with `#` are
//! comments.
//!
//! How OmegaT reads it decides how it is written. OmegaT takes the file's
//! encoding from an Emacs-style `-*- coding: utf-8 -*-` first line (else
//! from the extension or the system default), so the export starts with
//! one, in ASCII. It splits lines on tabs and breaks them at CR or LF, so no
//! cell may hold either: inside a comment they become spaces. A source term
//! starting with `#` would be taken for a comment line, so it is written
//! after one space, which OmegaT trims.
//!
//! Rows: every source term of a concept (deprecated ones too: an article
//! may still use them, and the translator needs the right rendering) paired
//! with every usable target term (preferred first, then admitted).
//! Deprecated and superseded target terms are left out, since OmegaT would
//! offer them for insertion. The comment carries the target term's status,
//! its type unless `full`, and its note: `admitted, acronym; note text`.
//!
//! Importing pairs rows with the store: a row whose source term (or, failing
//! that, target term) is already a term of one concept joins that concept;
//! a row that shares its source or target term with the row just before it
//! joins that row's concept; other rows make new concepts named after the
//! source term. Rows further apart are not joined by a shared term, since
//! one term may name two concepts (the shipped glossary has such). A comment in
//! the form above gives the target term's status, type and note; any other
//! comment is the target term's note. Rows giving one target term different
//! comments keep the first status and type and join the notes, reported. Terms already in the store keep what
//! the file does not say; new terms without a status are admitted, or
//! preferred when their concept has no preferred term in that language.
//! What the format cannot hold is lost: categories, source-term statuses,
//! types and notes, and deprecated target terms.

mod resolve;

pub use resolve::resolve;

use super::csv::clean_note;
use crate::error::{Error, Problem, Result};
use crate::model::group_concepts;
use crate::model::{Lang, Status, Term, TermType};
use crate::normalize::clean_term;

/// The first line of an export, naming the pair and the encoding.
fn first_line(source: &Lang, target: &Lang) -> String {
    format!("# hcgloss glossary, source {source}, target {target} -*- coding: utf-8 -*-")
}

/// A cell with no tab or line break in it.
fn flatten(s: &str) -> String {
    s.split(['\t', '\r', '\n'])
        .filter(|part| !part.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The comment of a target term.
pub fn comment(t: &Term) -> String {
    let mut c = t.status.to_string();
    if t.term_type != TermType::Full {
        c.push_str(", ");
        c.push_str(t.term_type.as_str());
    }
    if !t.note.is_empty() {
        c.push_str("; ");
        c.push_str(&flatten(&t.note));
    }
    c
}

/// Writes the glossary for `source` → `target` from `terms` (canonical
/// order).
pub fn write(terms: Vec<Term>, source: &Lang, target: &Lang) -> String {
    let mut out = first_line(source, target);
    out.push('\n');
    let pair: Vec<Term> = terms
        .into_iter()
        .filter(|t| t.lang == *source || t.lang == *target)
        .collect();
    for concept in group_concepts(pair) {
        let targets: Vec<&Term> = concept
            .terms
            .iter()
            .filter(|t| t.lang == *target && t.status.is_allowed())
            .collect();
        for s in concept.terms.iter().filter(|t| t.lang == *source) {
            let mut source_cell = flatten(&s.term);
            if source_cell.starts_with('#') {
                source_cell.insert(0, ' ');
            }
            for t in &targets {
                out.push_str(&format!(
                    "{source_cell}\t{}\t{}\n",
                    flatten(&t.term),
                    comment(t)
                ));
            }
        }
    }
    out
}

/// One line of an OmegaT glossary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub source: String,
    pub target: String,
    pub comment: String,
}

/// An OmegaT glossary as read, before its rows meet the store.
#[derive(Debug, Clone)]
pub struct Glossary {
    pub rows: Vec<Row>,
    /// The pair named by an hcgloss export's first line.
    pub declared: Option<(Lang, Lang)>,
}

/// Reads the pair from an hcgloss first line.
fn declared_pair(line: &str) -> Option<(Lang, Lang)> {
    let rest = line.strip_prefix("# hcgloss glossary, source ")?;
    let (source, rest) = rest.split_once(", target ")?;
    let target = rest.split_whitespace().next()?;
    Some((source.parse().ok()?, target.parse().ok()?))
}

/// Parses glossary text (UTF-8, BOM already stripped).
pub fn parse(label: &str, text: &str) -> Result<Glossary> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut declared = None;
    for (i, raw) in text.split('\n').enumerate() {
        let line = i as u64 + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.starts_with('#') {
            if i == 0 {
                declared = declared_pair(raw);
            }
            continue;
        }
        if raw.trim().is_empty() {
            continue;
        }
        let mut problem = |message: String| {
            problems.push(Problem {
                file: label.to_string(),
                line: Some(line),
                message,
            })
        };
        let cells: Vec<&str> = raw.split('\t').collect();
        if !(2..=3).contains(&cells.len()) {
            let n = cells.len();
            problem(format!(
                "{n} {}; an OmegaT glossary line is source<TAB>target<TAB>comment (the comment may be left out)",
                if n == 1 { "cell" } else { "cells" }
            ));
            continue;
        }
        let source = clean_term(cells[0]);
        let target = clean_term(cells[1]);
        if source.is_empty() {
            problem("the source term is empty".into());
        }
        if target.is_empty() {
            problem("the target term is empty".into());
        }
        if !source.is_empty() && !target.is_empty() {
            rows.push(Row {
                line,
                source,
                target,
                comment: cells.get(2).map_or(String::new(), |c| c.trim().to_string()),
            });
        }
    }
    if problems.is_empty() {
        Ok(Glossary { rows, declared })
    } else {
        Err(Error::Invalid(problems))
    }
}

/// What a comment says about the target term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stated {
    pub(super) status: Option<Status>,
    pub(super) term_type: Option<TermType>,
    pub(super) note: String,
}

/// Reads a comment: `status[, type][; note]` as written by [`comment`],
/// else the whole comment is a note.
pub(super) fn read_comment(comment: &str) -> Stated {
    let (head, note) = match comment.split_once("; ") {
        Some((h, n)) => (h, n),
        None => (comment, ""),
    };
    let (status, term_type) = match head.split_once(", ") {
        Some((s, t)) => (s, Some(t)),
        None => (head, None),
    };
    let status = status.parse::<Status>().ok();
    let term_type = term_type.map(str::parse::<TermType>);
    match (status, term_type) {
        (Some(s), None) => Stated {
            status: Some(s),
            term_type: None,
            note: clean_note(note),
        },
        (Some(s), Some(Ok(t))) => Stated {
            status: Some(s),
            term_type: Some(t),
            note: clean_note(note),
        },
        _ => Stated {
            status: None,
            term_type: None,
            note: clean_note(comment),
        },
    }
}

#[cfg(test)]
mod tests;
