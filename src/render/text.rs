//! Plain-text rendering, meant to be read at a glance in a terminal.

use std::fmt::Write;

use super::display_order;
use super::terminal::{Line, escape};
use crate::lookup::Hit;
use crate::model::{Concept, TermType};

/// A concept block: a heading line, then one line per term, languages
/// aligned, with status, type and note.
pub fn concept(c: &Concept) -> String {
    let mut s = String::new();
    let category = if c.category.is_empty() {
        "uncategorised"
    } else {
        &c.category
    };
    let _ = writeln!(s, "{} ({category})", c.concept);
    terms_block(&mut s, c);
    s
}

fn terms_block(s: &mut String, c: &Concept) {
    let terms = display_order(c);
    let shown: Vec<_> = terms.iter().map(|t| escape(&t.term, false)).collect();
    let width = shown.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let lang_width = terms
        .iter()
        .map(|t| t.lang.as_str().len())
        .max()
        .unwrap_or(2);
    let mut last_lang = None;
    for (t, term) in terms.iter().zip(&shown) {
        let lang = if last_lang == Some(&t.lang) {
            ""
        } else {
            t.lang.as_str()
        };
        last_lang = Some(&t.lang);
        let pad = width - term.chars().count();
        let kind = if t.term_type == TermType::Full {
            String::new()
        } else {
            format!(", {}", t.term_type)
        };
        let _ = writeln!(
            s,
            "  {lang:<lang_width$}  {term}{:pad$}  {}{kind}",
            "", t.status
        );
        if !t.note.is_empty() {
            let _ = writeln!(
                s,
                "  {:lang_width$}    note: {}",
                "",
                Line(&t.note.replace("\r\n", " ").replace('\n', " "))
            );
        }
    }
}

/// Lookup hits, best first, each with its score and the matched term.
pub fn hits(hits: &[Hit]) -> String {
    let mut s = String::new();
    for (i, h) in hits.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        let category = if h.concept.category.is_empty() {
            "uncategorised"
        } else {
            &h.concept.category
        };
        let m = &h.matched;
        let status = if m.status.is_allowed() {
            String::new()
        } else {
            format!("{} ", m.status)
        };
        let _ = write!(
            s,
            "{:>3}  {} ({category}) matched {status}{} \"{}\"",
            h.score,
            h.concept.concept,
            m.lang,
            Line(&m.term)
        );
        if let Some(p) = &h.use_instead {
            let _ = write!(s, ": use \"{}\"", Line(&p.term));
        }
        s.push('\n');
        terms_block(&mut s, &h.concept);
    }
    s
}
