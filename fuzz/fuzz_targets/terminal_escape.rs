//! Escaping for the terminal: whatever the text, the escaped form holds
//! no control character (but tab, and line breaks where they are kept)
//! and no bidirectional control, escaping it again changes nothing, and
//! the escaping writer gives the same bytes however the text is cut into
//! writes.
#![no_main]

use std::io::Write;

use hcgloss_engine::chars::is_bidi_control;
use hcgloss_engine::escape::{Escaping, escape};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&cut, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let one_line = escape(text, false);
    assert!(
        !one_line
            .chars()
            .any(|c| (c.is_control() && c != '\t') || is_bidi_control(c)),
        "{one_line:?}"
    );
    assert_eq!(escape(&one_line, false), one_line);
    let lines = escape(text, true);
    let mut chars = lines.chars().peekable();
    while let Some(c) = chars.next() {
        let structural = c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n'));
        assert!(
            structural || !(c.is_control() || is_bidi_control(c)),
            "{lines:?}"
        );
    }
    let mut written = Vec::new();
    {
        let mut w = Escaping::new(&mut written);
        for chunk in bytes.chunks(usize::from(cut).max(1)) {
            w.write_all(chunk).unwrap();
        }
        w.flush().unwrap();
    }
    assert_eq!(written, lines.as_bytes());
});
