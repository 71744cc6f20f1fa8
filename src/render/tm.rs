//! Reports of the translation-memory commands, as text for people and
//! JSON for programs.
//!
//! In text, the stored segment of a fuzzy match shows what differs from
//! the sentence in the word-diff convention: `[-words-]` are in the stored
//! segment but not in the sentence, `{+words+}` in the sentence but not in
//! the segment. Concordance marks the phrase as `[[phrase]]`.

use std::fmt::Write;

use crate::render::terminal::escape;
use hcgloss_engine::model::Lang;
use hcgloss_engine::model::unit::StoredUnit;
use hcgloss_engine::tm::concordance::Hit;
use hcgloss_engine::tm::search::{Difference, Match, Span};
use hcgloss_engine::tm::terms::TermHit;

/// `text` with each difference marked (see the module documentation).
pub fn mark_differences(text: &str, differences: &[Difference]) -> String {
    let mut out = String::with_capacity(text.len() + 16 * differences.len());
    let mut cursor = 0;
    for d in differences {
        let query = d.query.as_ref().map(|q| format!("{{+{}+}}", q.text));
        match &d.tm {
            Some(tm) => {
                let (start, end) = tm.bytes;
                out.push_str(&text[cursor..start]);
                let _ = write!(out, "[-{}-]", tm.text);
                out.push_str(query.as_deref().unwrap_or(""));
                cursor = end;
            }
            None => {
                let at = d.insert_at.max(cursor);
                out.push_str(&text[cursor..at]);
                let q = query.unwrap_or_default();
                if d.insert_before_word {
                    let _ = write!(out, "{q} ");
                } else {
                    let _ = write!(out, " {q}");
                }
                cursor = at;
            }
        }
    }
    out.push_str(&text[cursor..]);
    out
}

/// `[[...]]` around each highlighted span of `text`.
pub fn mark_highlights(text: &str, highlights: &[Span]) -> String {
    let mut out = String::with_capacity(text.len() + 4 * highlights.len());
    let mut cursor = 0;
    for h in highlights {
        let (start, end) = h.bytes;
        out.push_str(&text[cursor..start]);
        let _ = write!(out, "[[{}]]", &text[start..end]);
        cursor = end;
    }
    out.push_str(&text[cursor..]);
    out
}

/// The heading of a unit: its number, tuid and origin.
fn unit_heading(unit: &StoredUnit) -> String {
    let mut parts = vec![format!("unit {}", unit.id)];
    if !unit.unit.tuid.is_empty() {
        parts.push(format!("tuid {}", unit.unit.tuid));
    }
    let origin: Vec<&str> = [
        unit.unit.origin_doc.as_str(),
        unit.unit.origin_date.as_str(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    if !origin.is_empty() {
        parts.push(origin.join(", "));
    }
    parts.join(" · ")
}

fn lang_width<'a>(langs: impl Iterator<Item = &'a Lang>) -> usize {
    langs.map(|l| l.as_str().len()).max().unwrap_or(2)
}

/// `tm search` as text: the matches, best first, then the glossary terms.
pub fn search_text(matches: &[Match], terms: &[TermHit<'_>], to: &str) -> String {
    let mut s = String::new();
    for (i, m) in matches.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        let _ = writeln!(s, "{:>3}%  {}", m.score, unit_heading(&m.unit));
        let w = lang_width([&m.source.lang, &m.target.lang].into_iter());
        let marked = mark_differences(&m.source.text, &m.differences);
        let _ = writeln!(s, "  {:<w$}  {marked}", m.source.lang.as_str());
        let _ = writeln!(s, "  {:<w$}  {}", m.target.lang.as_str(), m.target.text);
    }
    if !terms.is_empty() {
        if !matches.is_empty() {
            s.push('\n');
        }
        s.push_str("Glossary terms in the sentence:\n");
        let found: Vec<String> = terms
            .iter()
            .map(|t| {
                let mut f = t.span.text.clone();
                if !t.term.status.is_allowed() {
                    let _ = write!(f, " ({}", t.term.status);
                    if let Some(p) = t.use_instead {
                        let _ = write!(f, ": use {}", p.term);
                    }
                    f.push(')');
                }
                f
            })
            .collect();
        let targets: Vec<String> = terms
            .iter()
            .map(|t| match t.target {
                Some(p) => p.term.clone(),
                None => format!("(no {to} term)"),
            })
            .collect();
        let fw = found.iter().map(|f| f.chars().count()).max().unwrap_or(0);
        let tw = targets.iter().map(|f| f.chars().count()).max().unwrap_or(0);
        for ((f, target), t) in found.iter().zip(&targets).zip(terms) {
            let fpad = fw - f.chars().count();
            let tpad = tw - target.chars().count();
            let _ = writeln!(
                s,
                "  {f}{:fpad$}  →  {target}{:tpad$}  ({})",
                "", "", t.concept
            );
        }
    }
    // Every value shown is one line (segments, tuids and origins are
    // stored with white space runs made single spaces).
    escape(&s, true).into_owned()
}

/// `tm concordance` as text: each segment with the phrase marked, then the
/// unit's other segments.
pub fn concordance_text(hits: &[Hit]) -> String {
    let mut s = String::new();
    for (i, h) in hits.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        let _ = writeln!(s, "{}", unit_heading(&h.unit));
        let w = lang_width(
            std::iter::once(&h.segment.lang).chain(h.translations.iter().map(|t| &t.lang)),
        );
        let marked = mark_highlights(&h.segment.text, &h.highlights);
        let _ = writeln!(s, "  {:<w$}  {marked}", h.segment.lang.as_str());
        for t in &h.translations {
            let _ = writeln!(s, "  {:<w$}  {}", t.lang.as_str(), t.text);
        }
    }
    escape(&s, true).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hcgloss_engine::normalize::fold;
    use hcgloss_engine::tm::search::differences;

    fn marked(tm: &str, sentence: &str) -> String {
        mark_differences(tm, &differences(tm, &fold(sentence), sentence))
    }

    #[test]
    fn differences_are_marked_in_the_stored_text() {
        assert_eq!(
            marked(
                "Việt Nam đã ký Công ước ở Hà Nội.",
                "Việt Nam đã ký Công ước tại Hà Nội."
            ),
            "Việt Nam đã ký Công ước [-ở-]{+tại+} Hà Nội."
        );
        assert_eq!(
            marked("Công ước Hà Nội.", "Công ước tại thủ đô Hà Nội năm 2025"),
            "Công ước {+tại thủ đô+} Hà Nội {+năm 2025+}."
        );
        assert_eq!(
            marked("Ngày 25/10, Công ước được ký.", "Công ước được ký."),
            "[-Ngày 25/10-], Công ước được ký."
        );
        assert_eq!(marked("Hà Nội, 25/10.", "ha noi 25 10"), "Hà Nội, 25/10.");
    }

    #[test]
    fn highlights_are_bracketed() {
        let text = "Bộ Công an và Công an tỉnh";
        let first = text.find("Công an").unwrap();
        let second = text.rfind("Công an").unwrap();
        let len = "Công an".len();
        let spans = vec![
            Span::of(text, first, first + len),
            Span::of(text, second, second + len),
        ];
        assert_eq!(
            mark_highlights(text, &spans),
            "Bộ [[Công an]] và [[Công an]] tỉnh"
        );
    }
}
