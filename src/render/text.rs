//! Plain-text rendering, meant to be read at a glance in a terminal.

use std::fmt::Write;

use super::display_order;
use super::terminal::{Line, escape};
use hcgloss_engine::lookup::Hit;
use hcgloss_engine::model::{Concept, Lang, Term, TermType};
use hcgloss_engine::store::AuditEntry;

/// Which languages a view shows: all, or those listed (in their order).
#[derive(Debug, Clone, Copy, Default)]
pub struct Languages<'a>(pub Option<&'a [Lang]>);

impl Languages<'_> {
    fn shows(&self, lang: &Lang) -> bool {
        self.0.is_none_or(|ls| ls.contains(lang))
    }
}

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
    terms_block(&mut s, c, Languages::default());
    s
}

fn terms_block(s: &mut String, c: &Concept, langs: Languages<'_>) {
    let terms: Vec<&Term> = display_order(c)
        .into_iter()
        .filter(|t| langs.shows(&t.lang))
        .collect();
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

/// The audit log of a concept, oldest first.
pub fn history(entries: &[AuditEntry]) -> String {
    let mut s = String::from("history:\n");
    if entries.is_empty() {
        s.push_str("  no recorded changes\n");
    }
    for e in entries {
        let _ = writeln!(
            s,
            "  {}  {}  {} {} \"{}\": {}",
            e.at, e.actor, e.action, e.lang, e.term, e.detail
        );
    }
    s
}

/// How much of each hit a lookup shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Two lines a hit: what matched, and the preferred term of each
    /// language.
    Compact,
    /// Every term with its status, type and note.
    Long,
}

/// Lookup hits, best first, each with its score and the matched term.
pub fn hits(hits: &[Hit], detail: Detail, langs: Languages<'_>) -> String {
    let mut s = String::new();
    for (i, h) in hits.iter().enumerate() {
        if i > 0 && detail == Detail::Long {
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
        match detail {
            Detail::Long => terms_block(&mut s, &h.concept, langs),
            Detail::Compact => preferred_line(&mut s, &h.concept, langs),
        }
    }
    s
}

/// `     id Kementerian Keamanan Publik · vi Bộ Công an · en Ministry…`: the
/// preferred term of each language shown, in display order.
fn preferred_line(s: &mut String, c: &Concept, langs: Languages<'_>) {
    let mut seen: Vec<&Lang> = Vec::new();
    let mut parts = Vec::new();
    for t in display_order(c) {
        if seen.contains(&&t.lang) || !langs.shows(&t.lang) {
            continue;
        }
        seen.push(&t.lang);
        let preferred = c.preferred(t.lang.as_str()).unwrap_or(t);
        parts.push(format!("{} {}", preferred.lang, preferred.term));
    }
    if let Some(order) = langs.0 {
        parts.sort_by_key(|p| {
            order
                .iter()
                .position(|l| p.split(' ').next() == Some(l.as_str()))
        });
    }
    if !parts.is_empty() {
        let _ = writeln!(s, "     {}", parts.join(" · "));
    }
}
