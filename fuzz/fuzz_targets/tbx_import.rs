//! TBX import: any bytes are refused with an error or read into terms;
//! terms that pass the termbase rules are written as TBX v3 and read back
//! as the same terms.
#![no_main]

use hcgloss_engine::exchange::select::Selection;
use hcgloss_engine::exchange::tbx;
use hcgloss_engine::exchange::tbx::read as tbx_read;
use hcgloss_engine::plan::plan_import;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = tbx_read::read("fuzz.tbx", data) else {
        return;
    };
    let Ok(plan) = plan_import("fuzz.tbx", Vec::new(), file.terms, false) else {
        return;
    };
    let mut terms = plan.added;
    hcgloss_engine::model::sort_canonical(&mut terms);
    // A term with a character XML cannot carry is refused by the writer.
    let Ok(written) = tbx::write(terms.clone(), &Selection::default()) else {
        return;
    };
    let mut again: Vec<_> = tbx_read::read("written.tbx", written.as_bytes())
        .unwrap()
        .terms
        .into_iter()
        .map(|r| r.term)
        .collect();
    hcgloss_engine::model::sort_canonical(&mut again);
    assert_eq!(again, terms);
});
