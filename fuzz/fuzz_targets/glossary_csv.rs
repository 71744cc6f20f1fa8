//! Glossary CSV: any bytes are either refused with an error or read into
//! terms that pass the termbase rules, write back as canonical CSV, and
//! read again as the same terms.
#![no_main]

use hcgloss_engine::exchange::csv;
use hcgloss_engine::plan::plan_import;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = hcgloss_engine::input::decode("fuzz.csv", data.to_vec()) else {
        return;
    };
    let Ok(rows) = csv::parse("fuzz.csv", &text) else {
        return;
    };
    let Ok(plan) = plan_import("fuzz.csv", Vec::new(), rows, false) else {
        return;
    };
    let mut terms = plan.added;
    hcgloss_engine::model::sort_canonical(&mut terms);
    let mut written = Vec::new();
    csv::write(&mut written, &terms).unwrap();
    let written = String::from_utf8(written).unwrap();
    let again: Vec<_> = csv::parse("written.csv", &written)
        .unwrap()
        .into_iter()
        .map(|r| r.term)
        .collect();
    assert_eq!(again, terms);
});
