//! Properties over generated input, through the library's public API:
//! - export → import → export is the identity through a real store, for
//!   the canonical CSV, TBX v3, TBX 2008 and the sheet (each carries
//!   every field);
//! - no sheet cell starts like a spreadsheet formula;
//! - lint never reports a span outside the document: every finding's
//!   byte range lies on character boundaries inside the text, its line and
//!   columns are those of that range, and its fix edits inside it.
//!
//! (Folding offsets mapping back onto character boundaries, and CSV
//! write → parse, are properties beside the code in `normalize/` and
//! `exchange/csv.rs`.)

use std::collections::BTreeMap;

use hcgloss_engine::exchange::select::Selection;
use hcgloss_engine::exchange::tbx::{self, read as tbx_read, v2008 as tbx2008};
use hcgloss_engine::exchange::{csv, sheet};
use hcgloss_engine::lint::{Config, Language, Linter};
use hcgloss_engine::model::group_concepts;
use hcgloss_engine::model::{CATEGORIES, Status, Term, TermType};
use hcgloss_engine::normalize::clean_term;
use hcgloss_engine::plan::plan_import;
use hcgloss_engine::store::{Access, Location, Store};
use proptest::prelude::*;
use tempfile::TempDir;

// ------------------------------------------------------------ glossaries

/// Words with what trips writers up: diacritics (NFC and a decomposed
/// one), quotes, commas, XML's special characters, a formula start, the
/// sheet's separator and escape, and a CDATA end.
const WORDS: &[&str] = &[
    "Bộ",
    "Công",
    "an",
    "Kementerian",
    "kejahatan",
    "siber",
    "Ủy",
    "ban",
    "Hoa\u{300}",
    "\"quoted\"",
    "a,b",
    "R&D",
    "<i>",
    "=SUM(A1)",
    "+84",
    "@UN",
    "-x",
    "'s",
    "a|b",
    "back\\slash",
    "]]>",
    "PBB",
    "24/7",
];

fn text_of(words: Vec<&str>) -> String {
    clean_term(&words.join(" "))
}

fn term_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), 1..4).prop_map(text_of)
}

fn note() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        proptest::collection::vec(proptest::sample::select(WORDS), 1..6).prop_map(text_of),
        // A note over two lines.
        (term_text(), term_text()).prop_map(|(a, b)| format!("{a}\n{b}")),
    ]
}

/// One language's terms of one concept: a preferred term, then others.
fn lang_terms() -> impl Strategy<Value = Vec<(String, Status, TermType, String)>> {
    proptest::collection::vec((term_text(), 0..4usize, 0..3usize, note()), 1..4).prop_map(|rows| {
        let mut seen = std::collections::HashSet::new();
        rows.into_iter()
            .filter(|(t, ..)| seen.insert(t.clone()))
            .enumerate()
            .map(|(i, (t, s, ty, n))| {
                let status = if i == 0 {
                    Status::Preferred
                } else {
                    // Any status but preferred.
                    Status::ALL[1 + s % 3]
                };
                (t, status, TermType::ALL[ty], n)
            })
            .collect()
    })
}

/// A valid termbase: concepts with a category (or none) and terms in some
/// of four languages, one preferred term per language.
fn termbase() -> impl Strategy<Value = Vec<Term>> {
    let concept = (
        proptest::option::of(proptest::sample::select(CATEGORIES)),
        proptest::collection::btree_map(
            proptest::sample::select(&["id", "vi", "en", "fr-CA"][..]),
            lang_terms(),
            1..4,
        ),
    );
    proptest::collection::btree_map("[a-z0-9]{1,5}(-[a-z0-9]{1,3}){0,2}", concept, 1..6).prop_map(
        |concepts: BTreeMap<String, _>| {
            let mut terms = Vec::new();
            for (slug, (category, langs)) in concepts {
                for (lang, rows) in langs {
                    for (term, status, term_type, note) in rows {
                        terms.push(Term {
                            concept: slug.clone(),
                            lang: lang.parse().unwrap(),
                            term,
                            status,
                            term_type,
                            category: category.unwrap_or_default().to_string(),
                            note,
                        });
                    }
                }
            }
            terms
        },
    )
}

/// A new store in a temporary directory.
fn new_store(dir: &TempDir, name: &str) -> Store {
    let location = Location {
        path: dir.path().join(name),
        explicit: true,
    };
    Store::open(&location, Access::Write, &|_| Ok(())).unwrap()
}

/// Imports `rows` into `store` through the same plan and transaction as
/// the import command.
fn import(store: &mut Store, rows: Vec<hcgloss_engine::model::SourcedTerm>) {
    let mut tx = store.write().unwrap();
    let existing = tx.all_terms().unwrap();
    let plan = plan_import("p", existing, rows, false).unwrap();
    tx.apply(&plan, &mut hcgloss_engine::progress::Silent)
        .unwrap();
    tx.commit().unwrap();
}

fn canonical_csv(store: &Store) -> String {
    let mut out = Vec::new();
    csv::write(&mut out, &store.all_terms().unwrap()).unwrap();
    String::from_utf8(out).unwrap()
}

/// `PROPTEST_CASES` when set (for long runs), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(24)))]

    #[test]
    fn export_import_export_is_the_identity(terms in termbase()) {
        let dir = tempfile::tempdir().unwrap();
        let mut first = new_store(&dir, "first.sqlite");
        let rows = terms
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, term)| hcgloss_engine::model::SourcedTerm { line: i as u64 + 2, term })
            .collect();
        import(&mut first, rows);
        let mut expected = terms.clone();
        hcgloss_engine::model::sort_canonical(&mut expected);
        prop_assert_eq!(&first.all_terms().unwrap(), &expected);
        let exported = canonical_csv(&first);
        let all = Selection::default();

        let mut via_csv = new_store(&dir, "csv.sqlite");
        import(&mut via_csv, csv::parse("g.csv", &exported).unwrap());
        prop_assert_eq!(&canonical_csv(&via_csv), &exported);

        let v3 = tbx::write(first.all_terms().unwrap(), &all).unwrap();
        let mut via_tbx = new_store(&dir, "tbx.sqlite");
        import(&mut via_tbx, tbx_read::read("g.tbx", v3.as_bytes()).unwrap().terms);
        prop_assert_eq!(&canonical_csv(&via_tbx), &exported, "TBX v3:\n{}", v3);

        let martif = tbx2008::write(first.all_terms().unwrap(), &all).unwrap();
        let mut via_2008 = new_store(&dir, "tbx2008.sqlite");
        import(&mut via_2008, tbx_read::read("g.tbx", martif.as_bytes()).unwrap().terms);
        prop_assert_eq!(&canonical_csv(&via_2008), &exported, "TBX 2008:\n{}", martif);

        let cells = sheet::write(first.all_terms().unwrap(), &all).unwrap();
        let text = String::from_utf8(cells).unwrap();
        let mut via_sheet = new_store(&dir, "sheet.sqlite");
        let body = text.strip_prefix('\u{feff}').unwrap();
        import(&mut via_sheet, sheet::parse("g.csv", body).unwrap());
        prop_assert_eq!(&canonical_csv(&via_sheet), &exported, "sheet:\n{}", text);
    }

    #[test]
    fn no_sheet_cell_starts_like_a_formula(terms in termbase()) {
        let bytes = sheet::write(terms, &Selection::default()).unwrap();
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[3..]);
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                prop_assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "cell {:?}", cell
                );
            }
        }
    }
}

// ------------------------------------------------------------------ lint

/// The lint fixture glossary, as the linter sees it (built once).
fn linter() -> &'static Linter {
    static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    LINTER.get_or_init(build_linter)
}

fn build_linter() -> Linter {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lint/glossary.csv"
    ))
    .unwrap();
    let mut terms: Vec<Term> = csv::parse("glossary.csv", &text)
        .unwrap()
        .into_iter()
        .map(|r| r.term)
        .collect();
    hcgloss_engine::model::sort_canonical(&mut terms);
    Linter::new(group_concepts(terms), Config::default())
}

/// Documents made of glossary terms (in other cases, inflected, misspelt,
/// split over lines) among arbitrary characters, combining marks, line
/// ends of every kind and sentence punctuation.
fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(&[
            "kejahatan siber", "kriminalitas maya", "Kriminalitas Maya", "KRIMINALITAS MAYA",
            "kejahatan\ndunia maya", "Panitia Pengarah", "panitia pengarah", "Komite Pengarah",
            "Kementerian Keamanan Publk", "Kementerian Keamanan Publik", "ratifikasinya",
            "meratifikasi", "pengesahan", "Pengesahan-nya", "PBB", "Perserikatan Bangsa-Bangsa",
            "Bộ Công an", "Bo\u{323} Co\u{302}ng an", "Uỷ ban", "Ủy ban", "tội phạm mạng",
            "cybercrime", "the Ministry of Public Security",
        ][..]).prop_map(str::to_string),
        3 => proptest::sample::select(&[
            " ", "  ", "\n", "\r\n", "\r", "\n\n", ". ", ", ", "! ", "? ", "-", "\"", "(", ")",
            "\u{301}", "\u{feff}", "\t", "https://example.org/kejahatan-siber ", "# ",
        ][..]).prop_map(str::to_string),
        2 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[a-zA-Zàáảãạăâđêôơư]{1,12}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Line and column (code points, from 1) of `byte`, computed on their own.
fn position(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..byte].chars().count() + 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(400)))]

    #[test]
    fn lint_never_reports_a_span_outside_the_document(
        text in document(),
        lang in proptest::option::of(proptest::sample::select(&Language::ALL[..])),
    ) {
        let linter = linter();
        let report = linter.check("doc.txt", &text, lang);
        let lines = text.matches('\n').count() + 1;
        for f in &report.findings {
            prop_assert!(f.start <= f.end && f.end <= text.len(), "{:?}", f);
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end), "{:?}", f);
            prop_assert_eq!(&f.found, &text[f.start..f.end]);
            prop_assert_eq!((f.span.line, f.span.column), position(&text, f.start), "{:?}", f);
            prop_assert_eq!((f.span.end_line, f.span.end_column), position(&text, f.end), "{:?}", f);
            prop_assert!(f.span.end_line <= lines);
            if let Some(edit) = &f.fix {
                prop_assert!(edit.start <= edit.end && edit.end <= text.len());
                prop_assert!(text.is_char_boundary(edit.start) && text.is_char_boundary(edit.end));
            }
        }
        // Fixing yields a text that lints again without trouble.
        let (fixed, _) = hcgloss_engine::lint::fix::apply_findings(&text, &report.findings);
        linter.check("doc.txt", &fixed, lang);
    }
}
