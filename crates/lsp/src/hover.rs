//! Hover: the glossary entry of the term under the cursor, as Markdown:
//! the concept, its category, its terms language by language (id, vi,
//! en, then any other) with their statuses, and their notes.

use hcgloss_engine::lint::matcher::{FindOptions, Occurrence};
use hcgloss_engine::lint::{Language, Linter};
use hcgloss_engine::model::{Concept, Status, TermType};

/// How far around the cursor the text is searched for terms, in bytes.
/// Terms are short and may run over a line break; a document of
/// megabytes is not searched whole for one hover.
const REACH: usize = 4096;

/// The term occurrence at byte `offset` of `text` (start inclusive, end
/// exclusive), as byte offsets into `text`, and its hover text.
pub fn at(
    linter: &Linter,
    text: &str,
    offset: usize,
    lang: Option<Language>,
) -> Option<(usize, usize, String)> {
    let (start, end) = window(text, offset);
    let options = FindOptions {
        langs: None,
        // Inflected Indonesian forms count, as in lint, unless the
        // document is known to be in another language.
        stem_indonesian: matches!(lang, None | Some(Language::Id)),
    };
    let occurrences = linter.matcher().find(&text[start..end], &options);
    let o = occurrences
        .iter()
        .find(|o| start + o.start <= offset && offset < start + o.end)?;
    let found = &text[start + o.start..start + o.end];
    Some((start + o.start, start + o.end, markdown(linter, o, found)))
}

/// The byte range searched for a hover at `offset`: up to three lines
/// either side, within [`REACH`] bytes, cut at white space.
fn window(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor(text, offset.min(text.len()));
    let low = floor(text, offset.saturating_sub(REACH));
    let high = ceil(text, (offset + REACH).min(text.len()));
    let before = &text[low..offset];
    let start = match before.rmatch_indices('\n').nth(2) {
        Some((i, _)) => low + i + 1,
        None if low == 0 => 0,
        None => before
            .find(char::is_whitespace)
            .map_or(offset, |i| low + i + 1),
    };
    let after = &text[offset..high];
    let end = match after.match_indices('\n').nth(2) {
        Some((i, _)) => offset + i,
        None if high == text.len() => high,
        None => after
            .rfind(char::is_whitespace)
            .map_or(high, |i| offset + i),
    };
    (start, end.max(start))
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The hover text of one occurrence: each concept its form may name.
fn markdown(linter: &Linter, o: &Occurrence, found: &str) -> String {
    let m = linter.matcher();
    let mut concepts: Vec<usize> = Vec::new();
    for r in &o.terms {
        if !concepts.contains(&r.concept) {
            concepts.push(r.concept);
        }
    }
    let mut out = String::new();
    for (i, &c) in concepts.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        let term = o
            .terms
            .iter()
            .find(|r| r.concept == c)
            .map(|&r| m.term(r))
            .expect("a term of this concept");
        let concept = &m.concepts()[c];
        out.push_str(&format!(
            "**{}** · {}\n\n",
            escape(&concept.concept),
            escape(&concept.category)
        ));
        let language = match term.lang.as_str().parse::<Language>() {
            Ok(l) => format!("{} term", l.name()),
            Err(_) => format!("term ({})", term.lang),
        };
        out.push_str(&format!(
            "“{}” is {} {} {language}",
            escape(&one_line(found)),
            article(term.status),
            term.status
        ));
        if one_line(found).to_lowercase() != term.term.to_lowercase() {
            out.push_str(&format!(" (“{}”)", escape(&term.term)));
        }
        match concept.preferred(term.lang.as_str()) {
            Some(p) if !term.status.is_allowed() => {
                out.push_str(&format!("; use **{}**", escape(&p.term)));
            }
            _ => {}
        }
        out.push_str(".\n\n");
        out.push_str(&terms(concept));
        out.push_str(&notes(concept));
    }
    out
}

fn article(status: Status) -> &'static str {
    match status {
        Status::Admitted => "an",
        _ => "a",
    }
}

/// One line per language: the terms, the preferred in bold, the
/// deprecated and superseded struck through, with status and type.
fn terms(concept: &Concept) -> String {
    let mut langs: Vec<&hcgloss_engine::model::Lang> = Vec::new();
    for t in &concept.terms {
        if !langs.contains(&&t.lang) {
            langs.push(&t.lang);
        }
    }
    langs.sort_by_key(|l| (l.report_rank(), l.as_str().to_string()));
    let mut out = String::new();
    for lang in langs {
        let mut cells = Vec::new();
        for t in concept.terms.iter().filter(|t| &t.lang == lang) {
            let written = match t.status {
                Status::Preferred => format!("**{}**", escape(&t.term)),
                Status::Admitted => escape(&t.term),
                Status::Deprecated | Status::Superseded => format!("~~{}~~", escape(&t.term)),
            };
            let kind = match t.term_type {
                TermType::Full => String::new(),
                other => format!(", {other}"),
            };
            cells.push(format!("{written} *({}{kind})*", t.status));
        }
        out.push_str(&format!("- **{}**: {}\n", lang, cells.join(" · ")));
    }
    out
}

fn notes(concept: &Concept) -> String {
    let noted: Vec<_> = concept
        .terms
        .iter()
        .filter(|t| !t.note.trim().is_empty())
        .collect();
    if noted.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nNotes:\n");
    for t in noted {
        out.push_str(&format!(
            "- {} ({}): {}\n",
            escape(&t.term),
            t.lang,
            escape(&one_line(&t.note))
        ));
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` with the characters Markdown would act on escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use hcgloss_engine::lint::rules::testing;

    #[test]
    fn the_entry_of_the_term_under_the_cursor() {
        let linter = testing::linter();
        let text = "Baris pertama.\nKasus kriminalitas maya meningkat.";
        let at_term = text.find("maya").unwrap();
        let (start, end, hover) = at(&linter, text, at_term, Some(Language::Id)).unwrap();
        assert_eq!(&text[start..end], "kriminalitas maya");
        assert!(
            hover.contains(
                "“kriminalitas maya” is a deprecated Indonesian term; use **kejahatan siber**."
            ),
            "{hover}"
        );
        assert!(hover.contains("use **kejahatan siber**"), "{hover}");
        assert!(hover.contains("~~kriminalitas maya~~"), "{hover}");
        let id = hover.find("- **id**").unwrap();
        let vi = hover.find("- **vi**").unwrap();
        let en = hover.find("- **en**").unwrap();
        assert!(id < vi && vi < en, "{hover}");
        assert!(at(&linter, text, text.find("Baris").unwrap(), None).is_none());
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(escape("a*b_c [d]"), "a\\*b\\_c \\[d\\]");
    }

    #[test]
    fn the_window_holds_the_cursor() {
        let text = format!("{}\nkata\n{}", "a ".repeat(5000), "b ".repeat(5000));
        let at = text.find("kata").unwrap();
        let (start, end) = window(&text, at);
        assert!(start <= at && at + 4 <= end);
        assert!(end - start <= 2 * REACH + 2);
        assert_eq!(window("x", 1), (0, 1));
        assert_eq!(window("", 0), (0, 0));
    }
}
