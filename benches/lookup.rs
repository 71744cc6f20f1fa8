//! In-process lookup figures: top-10 fuzzy search over indexes of 100,000
//! and 1,000,000 generated terms, for queries one or two typos away from a
//! term. `cargo bench --bench lookup`; bench/compare.sh puts the same
//! search beside RapidFuzz.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hcgloss_engine::lookup::index::{Bytes, LookupIndex};

#[path = "../examples/support/rng.rs"]
mod rng;
use rng::Rng;

const SYLLABLES: &[&str] = &[
    "ke", "men", "te", "ri", "an", "ba", "ngsa", "per", "se", "ri", "ka", "tan", "bo", "cong",
    "ngoai", "giao", "thu", "tuong", "pham", "minh", "chinh", "hoa", "binh", "ja", "hat", "si",
    "ber", "du", "nia", "ma", "ya", "lu", "ar",
];

fn word(rng: &mut Rng) -> String {
    (0..2 + rng.below(3))
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

fn terms(n: usize, rng: &mut Rng) -> Vec<String> {
    (0..n)
        .map(|_| {
            (0..1 + rng.below(4))
                .map(|_| word(rng))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn typo(s: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for _ in 0..1 + rng.below(2) {
        let at = rng.below(chars.len());
        match rng.below(3) {
            0 if chars.len() > 3 => {
                chars.remove(at);
            }
            1 => chars.insert(at, 'x'),
            _ => chars[at] = 'q',
        }
    }
    chars.into_iter().collect()
}

fn lookup(c: &mut Criterion) {
    let mut group = c.benchmark_group("lookup_top10");
    group.sample_size(20);
    for n in [100_000, 1_000_000] {
        let mut rng = Rng(n as u64);
        let terms = terms(n, &mut rng);
        let bytes = LookupIndex::build(
            0,
            terms
                .iter()
                .enumerate()
                .map(|(i, t)| (i as u64, t.as_str())),
        );
        let index = LookupIndex::open(Bytes::Owned(bytes)).expect("fresh index");
        let queries: Vec<String> = (0..64)
            .map(|_| typo(&terms[rng.below(n)], &mut rng))
            .collect();
        let mut next = 0;
        group.bench_with_input(BenchmarkId::from_parameter(n), &index, |b, index| {
            b.iter(|| {
                next = (next + 1) % queries.len();
                let mut hits =
                    index.search(&queries[next], hcgloss_engine::lookup::DEFAULT_MIN_SCORE);
                hits.truncate(10);
                hits
            })
        });
    }
    group.finish();
}

criterion_group!(benches, lookup);
criterion_main!(benches);
