//! TMX import: any bytes are refused with an error or read into units,
//! which write back as TMX and read again as the same units.
#![no_main]

use hcgloss_engine::tm::{self, Format, tmx};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = hcgloss_engine::input::decode("fuzz.tmx", data.to_vec()) else {
        return;
    };
    let Ok(units) = tm::parse("fuzz.tmx", &text, Format::Tmx) else {
        return;
    };
    let mut out = Vec::new();
    tmx::write_start(&mut out).unwrap();
    for u in &units {
        tmx::write_unit(&mut out, &u.unit).unwrap();
    }
    tmx::write_end(&mut out).unwrap();
    let written = String::from_utf8(out).unwrap();
    let again = tm::parse("written.tmx", &written, Format::Tmx).unwrap();
    assert_eq!(
        again.iter().map(|u| &u.unit).collect::<Vec<_>>(),
        units.iter().map(|u| &u.unit).collect::<Vec<_>>()
    );
});
