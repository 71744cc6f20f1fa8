//! The physical limit of a lint run: fold a text and run one Aho–Corasick
//! automaton over it, nothing else (no stemming, no word boundaries, no
//! rules, no output), with the automaton lint itself uses, built from the
//! same folded terms (each between spaces, so that only whole words match).
//!
//!     cargo run --release --example lint_scan -- STORE TEXT [RUNS]
//!
//! Prints one JSON line: the median milliseconds of RUNS (default 3) runs
//! of fold + scan, of the scan alone, the matches counted, and MB/s. The
//! automaton's build is not timed.

use std::path::PathBuf;
use std::time::Instant;

use daachorse::DoubleArrayAhoCorasick;
use hcgloss_engine::normalize::fold;
use hcgloss_engine::store::Store;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> hcgloss_engine::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: lint_scan STORE TEXT [RUNS]");
        std::process::exit(2);
    }
    let runs: usize = args
        .get(2)
        .map_or(3, |r| r.parse().expect("RUNS is a number"));
    let store = Store::open_existing(&PathBuf::from(&args[0]))?;
    let mut forms: Vec<String> = store
        .all_terms()?
        .iter()
        .map(|t| fold(&t.term).text)
        .filter(|f| !f.is_empty())
        .collect();
    forms.sort_unstable();
    forms.dedup();
    // Between spaces, as lint's automaton has them: matches are then whole
    // words (see lint's matcher).
    let automaton: DoubleArrayAhoCorasick<u32> =
        DoubleArrayAhoCorasick::new(forms.iter().map(|f| format!(" {f} ")))
            .expect("the terms make an automaton");
    let text =
        std::fs::read_to_string(&args[1]).map_err(|e| hcgloss_engine::Error::io(&args[1], e))?;
    let (mut total, mut scan, mut matches) = (Vec::new(), Vec::new(), 0);
    for _ in 0..runs {
        let started = Instant::now();
        let folded = fold(&text);
        let scanning = Instant::now();
        let padded = format!(" {} ", folded.text);
        matches = automaton.find_overlapping_iter(&padded).count();
        scan.push(scanning.elapsed().as_secs_f64() * 1e3);
        total.push(started.elapsed().as_secs_f64() * 1e3);
    }
    let (total, scan) = (median(total), median(scan));
    let mb = text.len() as f64 / 1e6;
    println!(
        "{{\"patterns\": {}, \"mb\": {mb:.2}, \"fold_and_scan_ms\": {total:.0}, \"scan_ms\": {scan:.0}, \"matches\": {matches}, \"mb_per_s\": {:.1}}}",
        forms.len(),
        mb / (total / 1e3)
    );
    Ok(())
}
