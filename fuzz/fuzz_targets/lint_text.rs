//! Lint on arbitrary text: never a panic, and every finding lies inside
//! the document on character boundaries, at the line and columns of its
//! byte range; applying the fixes gives text that lints again.
#![no_main]

use std::sync::OnceLock;

use hcgloss_engine::exchange::csv;
use hcgloss_engine::lint::{Config, Language, Linter};
use hcgloss_engine::model::{group_concepts, sort_canonical};
use libfuzzer_sys::fuzz_target;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let text = include_str!("../../tests/fixtures/lint/glossary.csv");
        let mut terms: Vec<_> = csv::parse("glossary.csv", text)
            .unwrap()
            .into_iter()
            .map(|r| r.term)
            .collect();
        sort_canonical(&mut terms);
        Linter::new(group_concepts(terms), Config::default())
    })
}

fn position(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..byte].chars().count() + 1)
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let lang = match choice % 4 {
        0 => None,
        1 => Some(Language::Id),
        2 => Some(Language::Vi),
        _ => Some(Language::En),
    };
    let report = linter().check("fuzz.txt", text, lang);
    for f in &report.findings {
        assert!(f.start <= f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert_eq!(f.found, text[f.start..f.end]);
        assert_eq!((f.span.line, f.span.column), position(text, f.start));
        assert_eq!((f.span.end_line, f.span.end_column), position(text, f.end));
        if let Some(e) = &f.fix {
            assert!(e.start <= e.end && e.end <= text.len());
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        }
    }
    let (fixed, _) = hcgloss_engine::lint::fix::apply_findings(text, &report.findings);
    linter().check("fuzz.txt", &fixed, lang);
});
