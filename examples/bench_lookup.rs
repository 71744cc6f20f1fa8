//! In-process lookup figures on a glossary CSV, for `bench/compare.sh`:
//!
//!     cargo run --release --example bench_lookup -- GLOSSARY.csv QUERIES OUT_DIR [SEED] [--no-recall]
//!
//! Builds the lookup index of every term (timed), makes QUERIES queries by
//! applying one or two random edits to random terms (folded), then for
//! each query times the top-10 search (at the default minimum score, as
//! `hcgloss lookup` runs it) and checks recall@10 (with no minimum) against a
//! brute-force ground truth: the ten terms closest to the query within two
//! edits (optimal string alignment distance). A returned term counts when
//! it is no farther than the tenth of those, so ties at the cut are not
//! held against either side. Writes the folded
//! terms and the queries to OUT_DIR (for peers to run on the same
//! strings) and prints one JSON object of figures.

use std::io::Write;
use std::time::Instant;

use hcgloss_engine::lookup::index::{Bytes, LookupIndex};
use hcgloss_engine::normalize::fold_key;

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

fn edit(rng: &mut Rng, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for _ in 0..1 + rng.below(2) {
        let at = rng
            .below(chars.len().max(1))
            .min(chars.len().saturating_sub(1));
        let c = (b'a' + rng.below(26) as u8) as char;
        match rng.below(4) {
            0 => chars.insert(at, c),
            1 if chars.len() > 3 => {
                chars.remove(at);
            }
            2 => chars[at] = c,
            _ if at + 1 < chars.len() => chars.swap(at, at + 1),
            _ => chars[at] = c,
        }
    }
    chars.into_iter().collect()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (csv_path, queries, out_dir) = (&args[0], args[1].parse::<usize>()?, &args[2]);
    let mut rng = Rng(args.get(3).and_then(|s| s.parse().ok()).unwrap_or(7));
    // For profiling the search alone.
    let skip_recall = args.iter().any(|a| a == "--no-recall");
    let mut reader = csv::Reader::from_path(csv_path)?;
    let mut terms = Vec::new();
    for row in reader.records() {
        terms.push(row?[2].to_string());
    }

    let started = Instant::now();
    let bytes = LookupIndex::build(
        0,
        terms
            .iter()
            .enumerate()
            .map(|(i, t)| (i as u64, t.as_str())),
    );
    let build_ms = started.elapsed().as_secs_f64() * 1e3;
    let index_bytes = bytes.len();
    let index = LookupIndex::open(Bytes::Owned(bytes)).map_err(|e| e.0)?;
    let strings: Vec<String> = (0..index.len() as u32)
        .map(|o| index.string(o).to_string())
        .collect();

    let queries: Vec<String> = (0..queries)
        .map(|_| {
            let pick = rng.below(strings.len());
            edit(&mut rng, &strings[pick])
        })
        .collect();
    std::fs::create_dir_all(out_dir)?;
    let mut f = std::io::BufWriter::new(std::fs::File::create(format!("{out_dir}/choices.txt"))?);
    for s in &strings {
        writeln!(f, "{s}")?;
    }
    f.flush()?;
    std::fs::write(format!("{out_dir}/queries.txt"), queries.join("\n") + "\n")?;

    let mut times = Vec::new();
    let mut recall_sum = 0.0;
    let mut recall_n = 0usize;
    for q in &queries {
        // Timed as a user gets it: the default minimum score.
        let started = Instant::now();
        let mut shown = index.search(q, hcgloss_engine::lookup::DEFAULT_MIN_SCORE);
        shown.truncate(10);
        times.push(started.elapsed().as_secs_f64() * 1e3);
        // Recall with no minimum, so that terms two edits from a short
        // query (which score below it) are still in the comparison.
        let mut hits = index.search(q, 0);
        hits.truncate(10);
        if skip_recall {
            continue;
        }
        let _ = &shown;
        // Ground truth by brute force.
        let fq = fold_key(q);
        let mut truth: Vec<(usize, u32)> = strings
            .iter()
            .enumerate()
            .filter(|(_, s)| s.len().abs_diff(fq.len()) <= 2)
            .filter_map(|(o, s)| {
                let d = strsim::osa_distance(&fq, s);
                (d <= 2).then_some((d, o as u32))
            })
            .collect();
        truth.sort();
        truth.truncate(10);
        if truth.is_empty() {
            continue;
        }
        let found: std::collections::HashSet<u32> = hits.iter().map(|(o, _)| *o).collect();
        // Ties at the cut are common (many terms two edits away), so a hit
        // counts when it is at least as close as the truth's last member.
        let cut = truth.last().map_or(0, |(d, _)| *d);
        let got = hits
            .iter()
            .filter(|(o, _)| strsim::osa_distance(&fq, &strings[*o as usize]) <= cut)
            .count()
            .min(truth.len());
        recall_sum += got as f64 / truth.len() as f64;
        if got < truth.len() && std::env::var_os("BENCH_SHOW_MISSES").is_some() {
            let all = index.search(q, 0);
            for (d, o) in &truth {
                if !found.contains(o) {
                    let rank = all.iter().position(|(x, _)| x == o);
                    eprintln!(
                        "miss: query {fq:?} term {:?} distance {d} rank {:?} score {:?}; 10th score {:?}",
                        strings[*o as usize],
                        rank,
                        rank.map(|r| all[r].1),
                        hits.last().map(|h| h.1)
                    );
                }
            }
        }
        recall_n += 1;
    }
    let p95 = {
        let mut t = times.clone();
        t.sort_by(f64::total_cmp);
        t[(t.len() * 95 / 100).min(t.len() - 1)]
    };
    println!(
        "{{\"terms\": {}, \"distinct\": {}, \"index_bytes\": {}, \"build_ms\": {:.1}, \"queries\": {}, \"median_ms\": {:.4}, \"p95_ms\": {:.4}, \"recall_at_10\": {:.4}}}",
        terms.len(),
        strings.len(),
        index_bytes,
        build_ms,
        times.len(),
        median(&mut times),
        p95,
        recall_sum / recall_n.max(1) as f64
    );
    Ok(())
}
