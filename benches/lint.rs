//! In-process lint figures: how fast one document is checked against a
//! generated glossary of 10,000 and 100,000 terms, with the term search
//! alone and with every rule. `cargo bench --bench lint`;
//! bench/lint_vs_grep.sh runs the whole command beside grep.
//!
//! The glossary has what the generator of examples/gen.rs gives a concept:
//! an Indonesian preferred term and a deprecated variant (two to four
//! words with Indonesian affixes), a Vietnamese and an English term. The
//! document is 200 KB of Indonesian sentences using those terms, some with
//! `-nya`, some with one letter dropped. `lint_line_structure` checks
//! that the time stays linear in the size when the same text is one line.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hcgloss_engine::lint::{Config, Language, Linter};
use hcgloss_engine::model::{Concept, Lang, Status, Term, TermType};
use hcgloss_engine::normalize::fold;

#[path = "../examples/support/rng.rs"]
mod rng;
use rng::Rng;

const CONSONANTS: &[&str] = &[
    "b", "d", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "w", "ng", "ny",
];
const VOWELS: &[&str] = &["a", "i", "u", "e", "o", "a", "i", "a"];
const PREFIXES: &[&str] = &["", "", "", "me", "di", "ber", "ter", "pe", "ke", "per"];
const SUFFIXES: &[&str] = &["", "", "", "an", "kan", "i", "nya"];
const VI_SYLLABLES: &[&str] = &[
    "Bộ",
    "Công",
    "an",
    "Ngoại",
    "giao",
    "Ủy",
    "ban",
    "tội",
    "phạm",
    "mạng",
    "Hà",
    "Nội",
    "công",
    "ước",
    "Thượng",
    "tướng",
    "Liên",
    "Hợp",
    "Quốc",
];
const EN_WORDS: &[&str] = &[
    "Ministry",
    "Committee",
    "Council",
    "Public",
    "Security",
    "Foreign",
    "Affairs",
    "Cyber",
    "Crime",
    "Convention",
    "National",
    "Steering",
];

fn id_word(rng: &mut Rng) -> String {
    let mut root = String::new();
    for _ in 0..2 + rng.below(2) {
        root.push_str(rng.pick(CONSONANTS));
        root.push_str(rng.pick(VOWELS));
    }
    format!("{}{}{}", rng.pick(PREFIXES), root, rng.pick(SUFFIXES))
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn term(concept: &str, lang: &str, text: String, status: Status) -> Term {
    Term {
        concept: concept.into(),
        lang: lang.parse::<Lang>().expect("known language"),
        term: text,
        status,
        term_type: TermType::Full,
        category: "organization".into(),
        note: String::new(),
    }
}

/// About `terms` terms, four per concept.
fn glossary(terms: usize, rng: &mut Rng) -> Vec<Concept> {
    (0..terms / 4)
        .map(|n| {
            let slug = format!("c{n}");
            let words = 2 + rng.below(3);
            let id: Vec<String> = (0..words)
                .map(|i| {
                    let w = id_word(rng);
                    if i == 0 { capitalised(&w) } else { w }
                })
                .collect();
            let mut variant = id.clone();
            variant[words - 1] = id_word(rng);
            let vi: Vec<&str> = (0..words).map(|_| rng.pick(VI_SYLLABLES)).collect();
            let en: Vec<&str> = (0..words).map(|_| rng.pick(EN_WORDS)).collect();
            Concept {
                concept: slug.clone(),
                category: "organization".into(),
                terms: vec![
                    term(&slug, "en", en.join(" "), Status::Preferred),
                    term(&slug, "id", id.join(" "), Status::Preferred),
                    term(&slug, "id", variant.join(" "), Status::Deprecated),
                    term(&slug, "vi", vi.join(" "), Status::Preferred),
                ],
            }
        })
        .collect()
}

/// About `bytes` of Indonesian sentences using the glossary's Indonesian
/// terms.
fn document(concepts: &[Concept], bytes: usize, rng: &mut Rng) -> String {
    let terms: Vec<&str> = concepts
        .iter()
        .flat_map(|c| &c.terms)
        .filter(|t| t.lang.as_str() == "id")
        .map(|t| t.term.as_str())
        .collect();
    let mut text = String::with_capacity(bytes + 200);
    while text.len() < bytes {
        let mut used = terms[rng.below(terms.len())].to_string();
        match rng.below(20) {
            0 => {
                // One letter dropped.
                let at = rng.below(used.len());
                if used.is_char_boundary(at) && used.is_char_boundary(at + 1) {
                    used.remove(at);
                }
            }
            1 | 2 => used.push_str("nya"),
            _ => {}
        }
        let other = terms[rng.below(terms.len())];
        text.push_str(&format!(
            "Menurut laporan, {used} menegaskan bersama {other} dan mitra internasional.\n"
        ));
    }
    text
}

fn lint(c: &mut Criterion) {
    let mut group = c.benchmark_group("lint_200kb");
    // Under a minute in all, data included: each figure is tens of
    // milliseconds.
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for n in [10_000, 100_000] {
        let mut rng = Rng(n as u64);
        let concepts = glossary(n, &mut rng);
        let text = document(&concepts, 200_000, &mut rng);
        let linter = Linter::new(concepts, Config::default());
        let folded = fold(&text);
        // Built on first use: not part of what is measured.
        linter.check("warm-up.txt", &text, Some(Language::Id));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("terms", n), &text, |b, text| {
            b.iter(|| {
                linter
                    .matcher()
                    .find_folded_each(text, &folded, true, &[Some(&["id"])])
            })
        });
        group.bench_with_input(BenchmarkId::new("rules", n), &text, |b, text| {
            b.iter(|| linter.check("bench.txt", text, Some(Language::Id)))
        });
    }
    group.finish();
}

/// The same sentences as one line without sentence punctuation and as
/// lines, at 1×, 2× and 4× the size, checked and rendered as text: the
/// throughput must not fall with the size whatever the line structure
/// (`scripts/lint_scaling.sh` does the same through the binary, with the
/// ratios).
fn line_structure(c: &mut Criterion) {
    let mut group = c.benchmark_group("lint_line_structure");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let mut rng = Rng(7);
    let concepts = glossary(10_000, &mut rng);
    let text = document(&concepts, 400_000, &mut rng);
    let linter = Linter::new(concepts, Config::default());
    linter.check("warm-up.txt", &text, Some(Language::Id));
    for kb in [100, 200, 400] {
        let mut end = (kb * 1000).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let lines = &text[..end];
        let one_line: String = lines
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '.' | '!' | '?') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        group.throughput(Throughput::Bytes(lines.len() as u64));
        for (shape, doc) in [("lines", lines), ("one_line", one_line.as_str())] {
            group.bench_with_input(BenchmarkId::new(shape, kb), doc, |b, doc| {
                b.iter(|| {
                    let report = linter.check("bench.txt", doc, Some(Language::Id));
                    hcgloss_report::lint::findings(&[report])
                })
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Plots would take longer to draw than the figures take to measure.
    config = Criterion::default().without_plots();
    targets = lint, line_structure
}
criterion_main!(benches);
