//! In-process translation-memory search figures, for `bench/compare.sh`:
//!
//!     cargo run --release --example bench_tm -- UNITS.tsv QUERIES [STORE]
//!
//! Imports the tab-separated units (header `id vi en`) into a store (a new
//! temporary one, or STORE when given and already filled), makes QUERIES
//! sentences by replacing one or two words of random stored Indonesian
//! segments (so that matches fall around 75–95%), then times
//! `tm search --from id --to vi --min 75` through the inverted index and
//! through a full scan, checks both return the same matches, and prints one
//! JSON object of figures. A scan of a large memory takes seconds per
//! query, so `BENCH_TM_SCANS=N` runs it (and the check) on the first N
//! queries only; the index is timed on all of them.

use std::time::Instant;

use hcgloss_engine::model::unit::LangSelector;
use hcgloss_engine::model::unit::now_created;
use hcgloss_engine::progress::Silent;
use hcgloss_engine::store::{Access, Location, Store};
use hcgloss_engine::tm;
use hcgloss_engine::tm::search::{Request, Strategy, search};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (tsv, queries) = (&args[0], args[1].parse::<usize>()?);
    let dir = tempfile::tempdir()?;
    let db = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| dir.path().join("tm.sqlite").display().to_string());

    let started = Instant::now();
    let location = Location {
        path: db.clone().into(),
        explicit: true,
    };
    {
        let units = tm::parse(tsv, &std::fs::read_to_string(tsv)?, tm::Format::Tsv)?;
        let mut store = Store::open(&location, Access::Write, &|_| Ok(()))?;
        let mut tx = store.write()?;
        tx.store_units(&units, &now_created(), &mut Silent)?;
        tx.commit()?;
    }
    let import_ms = started.elapsed().as_secs_f64() * 1e3;

    let text = std::fs::read_to_string(tsv)?;
    let sentences: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .collect();
    let vocabulary: Vec<&str> = sentences
        .iter()
        .take(2000)
        .flat_map(|s| s.split(' '))
        .collect();
    let mut rng = Rng(11);
    let queries: Vec<String> = (0..queries)
        .map(|_| {
            let mut words: Vec<&str> = sentences[rng.below(sentences.len())].split(' ').collect();
            for _ in 0..1 + rng.below(2) {
                let at = rng.below(words.len());
                words[at] = vocabulary[rng.below(vocabulary.len())];
            }
            words.join(" ")
        })
        .collect();

    let store = Store::open(&location, Access::Read, &|_| Ok(()))?;
    let (from, to) = (LangSelector::parse("id")?, LangSelector::parse("vi")?);
    let (mut indexed, mut scanned) = (Vec::new(), Vec::new());
    let mut identical = true;
    let mut found = 0usize;
    let scans: usize = std::env::var("BENCH_TM_SCANS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(queries.len());
    for (i, q) in queries.iter().enumerate() {
        let request = Request {
            sentence: q,
            from: &from,
            to: &to,
            min: 75,
            limit: 5,
        };
        let started = Instant::now();
        let a = search(&store, &request, Strategy::INDEX)?;
        indexed.push(started.elapsed().as_secs_f64() * 1e3);
        found += usize::from(!a.is_empty());
        if i >= scans {
            continue;
        }
        let started = Instant::now();
        let b = search(&store, &request, Strategy::Scan)?;
        scanned.push(started.elapsed().as_secs_f64() * 1e3);
        let key = |m: &hcgloss_engine::tm::search::Match| (m.unit.id, m.score);
        identical &= a.iter().map(key).eq(b.iter().map(key));
    }
    let p95 = {
        let mut t = indexed.clone();
        t.sort_by(f64::total_cmp);
        t[(t.len() * 95 / 100).min(t.len() - 1)]
    };
    println!(
        "{{\"units\": {}, \"import_ms\": {:.0}, \"queries\": {}, \"with_matches\": {}, \"median_ms\": {:.3}, \"p95_ms\": {:.3}, \"scanned\": {}, \"scan_median_ms\": {:.1}, \"identical\": {}}}",
        sentences.len(),
        import_ms,
        queries.len(),
        found,
        median(&mut indexed),
        p95,
        scanned.len(),
        median(&mut scanned),
        identical
    );
    Ok(())
}
