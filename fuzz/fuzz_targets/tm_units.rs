//! Tab-separated translation memories: any text is refused or read into
//! units whose every field is free of control characters, and those units
//! write out as TMX that reads back as the same units (a backup hcgloss
//! can always import again).
#![no_main]

use hcgloss_engine::model::unit::check_fields;
use hcgloss_engine::tm::{self, Format, tmx};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = hcgloss_engine::input::decode("fuzz.tsv", data.to_vec()) else {
        return;
    };
    let Ok(units) = tm::parse("fuzz.tsv", &text, Format::Tsv) else {
        return;
    };
    let mut out = Vec::new();
    tmx::write_start(&mut out).unwrap();
    for u in &units {
        assert!(check_fields(&u.unit).is_empty(), "{:?}", u.unit);
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
