//! OmegaT glossaries: what is written, what is read, how rows meet the
//! store.

use super::*;
use crate::adjust::Adjustments;

fn term(concept: &str, lang: &str, text: &str, status: Status) -> Term {
    Term::sample(concept, "ministry", lang, text, status)
}

fn lang(s: &str) -> Lang {
    s.parse().unwrap()
}

#[test]
fn writes_source_terms_against_usable_targets() {
    let mut bca = term("mps", "vi", "BCA", Status::Admitted);
    bca.term_type = TermType::Acronym;
    bca.note = "spell out\non first mention".into();
    let terms = vec![
        term(
            "mps",
            "id",
            "Kementerian Keamanan Publik",
            Status::Preferred,
        ),
        term("mps", "id", "#KKP", Status::Deprecated),
        term("mps", "vi", "Bộ Công an", Status::Preferred),
        bca,
        term("mps", "vi", "Bộ Nội vụ cũ", Status::Superseded),
    ];
    assert_eq!(
        write(terms, &lang("id"), &lang("vi")),
        "# hcgloss glossary, source id, target vi -*- coding: utf-8 -*-\n\
         Kementerian Keamanan Publik\tBộ Công an\tpreferred\n\
         Kementerian Keamanan Publik\tBCA\tadmitted, acronym; spell out on first mention\n \
         #KKP\tBộ Công an\tpreferred\n \
         #KKP\tBCA\tadmitted, acronym; spell out on first mention\n"
    );
}

#[test]
fn parse_checks_cells_and_reads_the_declared_pair() {
    let g = parse(
        "g.txt",
        "# hcgloss glossary, source id, target vi -*- coding: utf-8 -*-\n\n# a comment\na\tb\r\nc\td\tnote\n",
    )
    .unwrap();
    assert_eq!(g.declared, Some((lang("id"), lang("vi"))));
    assert_eq!(g.rows.len(), 2);
    assert_eq!(g.rows[1].line, 5);
    assert_eq!(g.rows[1].comment, "note");
    let e = parse("g.txt", "a\n\tb\nx\ty\tz\tw\n")
        .unwrap_err()
        .to_string();
    let lines: Vec<&str> = e.lines().collect();
    assert!(lines[0].starts_with("g.txt:1: 1 cell;"), "{e}");
    assert_eq!(lines[1], "g.txt:2: the source term is empty");
    assert!(lines[2].starts_with("g.txt:3: 4 cells"), "{e}");
}

#[test]
fn comments_are_read_back() {
    assert_eq!(
        read_comment("admitted, acronym; spell out"),
        Stated {
            status: Some(Status::Admitted),
            term_type: Some(TermType::Acronym),
            note: "spell out".into()
        }
    );
    assert_eq!(read_comment("preferred").status, Some(Status::Preferred));
    assert_eq!(
        read_comment("used by the ministry, mostly"),
        Stated {
            status: None,
            term_type: None,
            note: "used by the ministry, mostly".into()
        }
    );
}

#[test]
fn rows_join_store_concepts_or_make_new_ones() {
    let existing = vec![
        term(
            "mps",
            "id",
            "Kementerian Keamanan Publik",
            Status::Preferred,
        ),
        term("mps", "vi", "Bộ Công an", Status::Preferred),
    ];
    let g = parse(
        "g.txt",
        "Kementerian Keamanan Publik\tBộ Công an\tpreferred\n\
         Kementerian Keamanan Publik\tBCA\n\
         KKP\tBộ Công an\n\
         Polisi Siber\tCảnh sát mạng\tused in headlines\n",
    )
    .unwrap();
    let terms = resolve(
        "g.txt",
        g,
        &lang("id"),
        &lang("vi"),
        &existing,
        &mut Default::default(),
    )
    .unwrap();
    let got: Vec<(String, String, String, Status, String)> = terms
        .iter()
        .map(|s| {
            let t = &s.term;
            (
                t.concept.clone(),
                t.lang.to_string(),
                t.term.clone(),
                t.status,
                t.note.clone(),
            )
        })
        .collect();
    let row = |c: &str, l: &str, t: &str, s: Status, n: &str| {
        (
            c.to_string(),
            l.to_string(),
            t.to_string(),
            s,
            n.to_string(),
        )
    };
    assert_eq!(
        got,
        vec![
            row(
                "mps",
                "id",
                "Kementerian Keamanan Publik",
                Status::Preferred,
                ""
            ),
            row("mps", "vi", "Bộ Công an", Status::Preferred, ""),
            row("mps", "vi", "BCA", Status::Admitted, ""),
            row("mps", "id", "KKP", Status::Admitted, ""),
            row("polisi-siber", "id", "Polisi Siber", Status::Preferred, ""),
            row(
                "polisi-siber",
                "vi",
                "Cảnh sát mạng",
                Status::Preferred,
                "used in headlines"
            ),
        ]
    );
}

#[test]
fn ambiguous_terms_are_errors() {
    let existing = vec![
        term("a", "id", "Sama", Status::Preferred),
        term("b", "id", "Sama", Status::Preferred),
    ];
    let g = parse("g.txt", "Sama\tX\nBaru\tY\n").unwrap();
    let e = resolve(
        "g.txt",
        g,
        &lang("id"),
        &lang("vi"),
        &existing,
        &mut Default::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("g.txt:1: source term \"Sama\" belongs to several concepts (a, b)"),
        "{e}"
    );
}

/// OmegaT keeps a comment per row: rows that join one concept through a
/// shared target term may each say something of it. The first status
/// stays, the notes are joined, and each difference is reported.
#[test]
fn rows_sharing_a_target_term_with_different_comments_import() {
    let g = parse(
        "g.txt",
        "file\tfichier\tnoun, computing\n\
         files\tfichier\tplural form maps to the same entry\n\
         Baru\tY\tpreferred\n\
         Baharu\tY\tadmitted; older spelling\n",
    )
    .unwrap();
    let mut adjustments = Adjustments::default();
    let terms = resolve("g.txt", g, &lang("en"), &lang("fr"), &[], &mut adjustments).unwrap();
    let got: Vec<(&str, &str, Status, &str)> = terms
        .iter()
        .map(|s| {
            let t = &s.term;
            (
                t.concept.as_str(),
                t.term.as_str(),
                t.status,
                t.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("file", "file", Status::Preferred, ""),
            (
                "file",
                "fichier",
                Status::Preferred,
                "noun, computing\nplural form maps to the same entry"
            ),
            ("file", "files", Status::Admitted, ""),
            ("baru", "Baru", Status::Preferred, ""),
            ("baru", "Y", Status::Preferred, "older spelling"),
            ("baru", "Baharu", Status::Admitted, ""),
        ]
    );
    assert_eq!(
        adjustments.details("g.txt", false),
        [
            "g.txt:2: target term \"fichier\" has the comment \"plural form maps to the same entry\" here and another on line 1: its note is added to the term's",
            "g.txt:4: target term \"Y\" has the comment \"admitted; older spelling\" here and another on line 3: its note is added to the term's, and the status and type of line 3 are kept",
        ]
    );
}

#[test]
fn a_shared_term_joins_only_the_row_just_before() {
    // Two concepts rendered by the same Vietnamese term, far apart, and a
    // synonym written right after its concept's row.
    let g = parse(
        "g.txt",
        "Negara Pihak\tquốc gia thành viên\tpreferred\n\
         Negara-negara Pihak\tquốc gia thành viên\tpreferred\n\
         Kejahatan siber\ttội phạm mạng\tpreferred\n\
         Negara Anggota\tquốc gia thành viên\tpreferred; also renders another concept\n",
    )
    .unwrap();
    let terms = resolve(
        "g.txt",
        g,
        &lang("id"),
        &lang("vi"),
        &[],
        &mut Default::default(),
    )
    .unwrap();
    let got: Vec<(&str, &str)> = terms
        .iter()
        .map(|s| (s.term.concept.as_str(), s.term.term.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("negara-pihak", "Negara Pihak"),
            ("negara-pihak", "quốc gia thành viên"),
            ("negara-pihak", "Negara-negara Pihak"),
            ("kejahatan-siber", "Kejahatan siber"),
            ("kejahatan-siber", "tội phạm mạng"),
            ("negara-anggota", "Negara Anggota"),
            ("negara-anggota", "quốc gia thành viên"),
        ]
    );
    assert_eq!(terms[2].term.status, Status::Admitted);
}
