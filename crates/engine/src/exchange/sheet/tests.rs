//! The sheet: cells, lists, the written form and reading it back.

use super::*;
use crate::model::{Status, TermType};

fn t(concept: &str, lang: &str, text: &str, status: Status, note: &str) -> Term {
    Term::sample(concept, "ministry", lang, text, status).with_note(note)
}

#[test]
fn neutralising_is_reversible() {
    for cell in [
        "=1+1",
        "+84",
        "-x",
        "@UN",
        "\tx",
        "'s-Hertogenbosch",
        "plain",
        "",
    ] {
        let written = neutralise(cell.to_string());
        assert!(
            !written.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{written}"
        );
        assert_eq!(unneutralise(&written), cell);
    }
}

#[test]
fn lists_escape_the_separator() {
    let items = ["a|b", "c\\d", "", "e"];
    let cell = join_list(items.iter().copied());
    assert_eq!(cell, "a\\|b|c\\\\d||e");
    assert_eq!(split_list(&cell), items);
}

#[test]
fn writes_one_row_per_concept_with_bom_and_crlf() {
    let mut bca = t("mps", "vi", "BCA", Status::Admitted, "=spell out");
    bca.term_type = TermType::Acronym;
    let terms = vec![
        t(
            "mps",
            "en",
            "Ministry of Public Security",
            Status::Preferred,
            "",
        ),
        t("mps", "vi", "Bộ Công an", Status::Preferred, ""),
        bca,
    ];
    let out = String::from_utf8(write(terms.clone(), &Selection::default()).unwrap()).unwrap();
    assert_eq!(
        out,
        "\u{feff}Entry_ID,Entry_Subject,Vietnamese,Vietnamese_Status,Vietnamese_Type,Vietnamese_Note,English,English_Status,English_Type,English_Note\r\n\
         mps,ministry,Bộ Công an|BCA,preferred|admitted,full|acronym,|=spell out,Ministry of Public Security,preferred,full,\r\n"
    );
    let back: Vec<Term> = parse("s.csv", out.trim_start_matches('\u{feff}'))
        .unwrap()
        .into_iter()
        .map(|s| s.term)
        .collect();
    let mut expected = terms;
    expected.sort_by_key(|t| (t.lang.report_rank(), t.status));
    assert_eq!(back, expected);
}

#[test]
fn header_and_row_problems_name_their_lines() {
    let e = parse("s.csv", "Entry_ID,English,Colour\r\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("s.csv:1: column \"Colour\" is not one of"),
        "{e}"
    );
    let text = "Entry_ID,Entry_Subject,English,English_Status,English_Note\r\n\
                a,ministry,A|B,preferred,\r\n\
                b,kind,C,,\r\n\
                c,,D|E,preferred|forbidden,x|y|z\r\n\
                d,,D\r\n";
    let e = parse("s.csv", text).unwrap_err().to_string();
    let lines: Vec<&str> = e.lines().collect();
    assert!(
        lines[0].starts_with("s.csv:2: en: 1 status values for 2 terms"),
        "{e}"
    );
    assert!(lines[1].starts_with("s.csv:3: category \"kind\""), "{e}");
    assert!(
        lines[2].starts_with("s.csv:4: en: status \"forbidden\""),
        "{e}"
    );
    assert!(
        lines[3].starts_with("s.csv:4: en: 3 note values for 2 terms"),
        "{e}"
    );
    assert!(lines[4].starts_with("s.csv:5: 3 fields, expected 5"), "{e}");
}

#[test]
fn hand_made_rows_get_defaults_and_slugs() {
    let text = "Entry_ID,Vietnamese\n,Bộ Công an|BCA\n";
    let terms = parse("s.csv", text).unwrap();
    let got: Vec<(&str, &str, Status)> = terms
        .iter()
        .map(|s| (s.term.concept.as_str(), s.term.term.as_str(), s.term.status))
        .collect();
    assert_eq!(
        got,
        [
            ("bo-cong-an", "Bộ Công an", Status::Preferred),
            ("bo-cong-an", "BCA", Status::Admitted)
        ]
    );
}

#[test]
fn a_column_named_like_a_wrong_language_tag_gets_the_hint() {
    let e = parse("s.csv", "Entry_ID,English,vn,vn_Status\nx,a,b,preferred\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("s.csv:1: column \"vn\": \"vn\" is not a language; Vietnamese is \"vi\""),
        "{e}"
    );
}
