//! The shipped `glossary.csv` checked as a file: its header, slugs,
//! categories, NFC text, one preferred term per concept and language,
//! the three working languages in every concept, the canonical order,
//! and a byte-for-byte round trip through a store.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::Env;
use unicode_normalization::is_nfc;

const CATEGORIES: &[&str] = &[
    "convention",
    "legal-instrument",
    "organization",
    "un-body",
    "ministry",
    "agency",
    "office",
    "committee",
    "title",
    "rank",
    "person",
    "place",
    "event",
    "legal",
    "cyber",
    "media",
    "general",
];

const STATUSES: &[&str] = &["preferred", "admitted", "deprecated", "superseded"];

fn glossary_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary.csv")
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[test]
fn the_shipped_glossary_is_valid_and_canonical() {
    let text = std::fs::read_to_string(glossary_path()).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "concept", "lang", "term", "status", "type", "category", "note"
        ]
    );
    let mut problems = Vec::new();
    let mut preferred: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut langs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut category: BTreeMap<String, String> = BTreeMap::new();
    let mut previous: Option<(String, String, usize, String)> = None;
    for (i, record) in reader.records().enumerate() {
        let r = record.unwrap();
        let line = i + 2;
        let (concept, lang, term, status, kind, cat, note) =
            (&r[0], &r[1], &r[2], &r[3], &r[4], &r[5], &r[6]);
        if !is_slug(concept) {
            problems.push(format!("line {line}: slug {concept:?}"));
        }
        if !CATEGORIES.contains(&cat) {
            problems.push(format!("line {line}: category {cat:?}"));
        }
        if !["full", "acronym", "short"].contains(&kind) {
            problems.push(format!("line {line}: type {kind:?}"));
        }
        let Some(rank) = STATUSES.iter().position(|s| *s == status) else {
            problems.push(format!("line {line}: status {status:?}"));
            continue;
        };
        for (what, value) in [("term", term), ("note", note)] {
            if !is_nfc(value) {
                problems.push(format!("line {line}: the {what} is not in NFC"));
            }
            if value != value.trim() {
                problems.push(format!("line {line}: the {what} has surrounding space"));
            }
        }
        if let Some(known) = category.insert(concept.to_string(), cat.to_string())
            && known != cat
        {
            problems.push(format!("line {line}: {concept} is {known} and {cat}"));
        }
        if status == "preferred" {
            *preferred
                .entry((concept.to_string(), lang.to_string()))
                .or_default() += 1;
        }
        langs
            .entry(concept.to_string())
            .or_default()
            .insert(lang.to_string());
        let key = (
            concept.to_string(),
            lang.to_string(),
            rank,
            term.to_string(),
        );
        if let Some(prev) = &previous
            && *prev >= key
        {
            problems.push(format!("line {line}: out of canonical order"));
        }
        previous = Some(key);
    }
    for (concept, ls) in &langs {
        for lang in ["id", "vi", "en"] {
            if !ls.contains(lang) {
                problems.push(format!("{concept} has no {lang} term"));
            }
        }
        for lang in ls {
            let n = preferred
                .get(&(concept.clone(), lang.clone()))
                .copied()
                .unwrap_or(0);
            if n != 1 {
                problems.push(format!("{concept} has {n} preferred {lang} terms"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        langs.len() >= 280,
        "the glossary covers the beat: {} concepts",
        langs.len()
    );
}

#[test]
fn the_shipped_glossary_round_trips_byte_for_byte() {
    let env = Env::new();
    env.import(&glossary_path());
    assert_eq!(
        env.export(),
        std::fs::read_to_string(glossary_path()).unwrap()
    );
}
