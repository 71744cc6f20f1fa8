//! The per-term checks of every import: any text as a term is either
//! refused or accepted, and an accepted term has a visible character, no
//! bidirectional control, no byte-order mark and nothing TBX cannot
//! carry; the warnings never fail.
#![no_main]

use hcgloss_engine::chars::{is_bidi_control, is_invisible};
use hcgloss_engine::model::SourcedTerm;
use hcgloss_engine::plan::{check_file, check_warnings};
use hcgloss_engine::model::{Status, Term, TermType};
use hcgloss_engine::normalize::clean_term;
use libfuzzer_sys::fuzz_target;
use unicode_normalization::char::is_combining_mark;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let term = clean_term(text);
    if term.is_empty() {
        return;
    }
    let rows = [SourcedTerm {
        line: 2,
        term: Term {
            concept: "fuzz".into(),
            lang: "en".parse().unwrap(),
            term: term.clone(),
            status: Status::Preferred,
            term_type: TermType::Full,
            category: "general".into(),
            note: String::new(),
        },
    }];
    let _ = check_warnings("fuzz.csv", &rows);
    if !check_file("fuzz.csv", &rows).is_empty() {
        return;
    }
    assert!(
        term.chars()
            .any(|c| !is_invisible(c) && !is_combining_mark(c) && !c.is_whitespace()),
        "accepted an invisible term {term:?}"
    );
    assert!(!term.chars().any(is_bidi_control), "{term:?}");
    assert!(!term.contains('\u{FEFF}'), "{term:?}");
    assert!(
        term.chars().all(hcgloss_engine::xml::write::is_xml_char),
        "{term:?}"
    );
});
