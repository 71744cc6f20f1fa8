//! The safe XML reader on any bytes, read through buffers of any size:
//! never a panic, and nothing it hands out (names, attribute values,
//! text) holds a character XML 1.0 forbids.
#![no_main]

use hcgloss_engine::xml::{XmlEvent, XmlReader};
use hcgloss_engine::xml::write::is_xml_char;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&capacity, xml)) = data.split_first() else {
        return;
    };
    let source = std::io::BufReader::with_capacity(usize::from(capacity).max(1), xml);
    let mut reader = XmlReader::new("fuzz.xml", source);
    let ok = |s: &str| s.chars().all(is_xml_char);
    while let Ok(Some(event)) = reader.next_event() {
        match event {
            XmlEvent::Start {
                name, attributes, ..
            } => {
                assert!(ok(&name), "{name:?}");
                for (k, v) in &attributes {
                    assert!(ok(k) && ok(v), "{k:?}={v:?}");
                }
            }
            XmlEvent::End { name, .. } => assert!(ok(&name), "{name:?}"),
            XmlEvent::Text { text, .. } => assert!(ok(&text), "{text:?}"),
        }
    }
});
