//! Text from data, made safe to show on a terminal. The engine prints
//! nothing; the front ends escape what they print with this.
//!
//! Articles, file names, terms, notes and the input that error messages
//! quote come from outside. Written raw, `ESC ]0;…BEL` retitles the
//! window, other escape sequences move the cursor or recolour the screen,
//! a carriage return overwrites the line a reader is looking at, and a
//! bidirectional control shows text in another order than it has. So
//! every text output for a person goes through [`escape`], as ripgrep and
//! git do: control characters (C0, DEL, C1) and bidirectional controls
//! are shown as escapes (`\x1b`, `\r`, `\u{202e}`); a tab stays a tab,
//! and a line break stays one only where the output's lines are its
//! structure. JSON and SARIF are exact and never go through here.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::io::{self, Write};

use crate::chars::is_bidi_control;

/// Whether `c` is shown escaped. `next` is the character after it: with
/// `keep_newlines`, a CR right before a LF ends a line like the LF.
fn needs_escape(c: char, next: Option<char>, keep_newlines: bool) -> bool {
    match c {
        '\t' => false,
        '\n' => !keep_newlines,
        '\r' => !(keep_newlines && next == Some('\n')),
        c => c.is_control() || is_bidi_control(c),
    }
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// `s` with every character a terminal would act on shown as an escape:
/// control characters (C0, DEL, C1) and bidirectional controls as
/// `\x1b`, `\r`, `\u{202e}`; a tab stays a tab. Line breaks are kept when
/// `keep_newlines` (CRLF included), else escaped too. Borrowed when
/// nothing needs escaping, which is almost always.
pub fn escape(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let mut chars = s.char_indices().peekable();
    let first = loop {
        let Some((i, c)) = chars.next() else {
            return Cow::Borrowed(s);
        };
        let next = chars.peek().map(|&(_, n)| n);
        if needs_escape(c, next, keep_newlines) {
            break i;
        }
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    let mut chars = s[first..].chars().peekable();
    while let Some(c) = chars.next() {
        if needs_escape(c, chars.peek().copied(), keep_newlines) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value shown on one line of text output: [`escape`]d, line breaks
/// included. `format!("{}", Line(&term))`.
pub struct Line<'a>(pub &'a str);

impl fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape(self.0, false))
    }
}

/// A writer that [`escape`]s everything written through it, keeping line
/// breaks: the binary puts standard error behind one, so that no message
/// (an error quoting a file's content, a file name) reaches the terminal
/// raw. Bytes that are not UTF-8 are passed on as they are; a UTF-8
/// sequence or a CR cut between two writes waits for the next.
pub struct Escaping<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Escaping<W> {
    pub fn new(inner: W) -> Self {
        Escaping {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes out what can be written of `pending`; with `all`, the rest
    /// too (a cut sequence as it is).
    fn drain(&mut self, all: bool) -> io::Result<()> {
        let mut start = 0;
        while start < self.pending.len() {
            let rest = &self.pending[start..];
            let (valid, bad) = match std::str::from_utf8(rest) {
                Ok(s) => (s, None),
                Err(e) => (
                    std::str::from_utf8(&rest[..e.valid_up_to()]).expect("valid prefix"),
                    Some(e.error_len()),
                ),
            };
            // A CR at the end may be the first half of a CRLF.
            let hold_cr = !all && bad.is_none() && valid.ends_with('\r');
            let text = if hold_cr {
                &valid[..valid.len() - 1]
            } else {
                valid
            };
            self.inner.write_all(escape(text, true).as_bytes())?;
            start += text.len();
            match bad {
                None => break,
                // Cut off at the end: wait for the rest.
                Some(None) if !all => break,
                Some(None) => {
                    let rest = self.pending.len();
                    self.inner.write_all(&self.pending[start..rest])?;
                    start = rest;
                }
                Some(Some(n)) => {
                    self.inner.write_all(&self.pending[start..start + n])?;
                    start += n;
                }
            }
        }
        self.pending.drain(..start);
        Ok(())
    }
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Escaping<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_tabs_and_plain_text_kept() {
        assert!(matches!(escape("Bộ Công an\tx", false), Cow::Borrowed(_)));
        assert_eq!(
            escape(
                "a\u{1b}]0;owned\u{7}b\rc\u{7f}d\u{9b}e\u{202e}f\u{0}",
                false
            ),
            "a\\x1b]0;owned\\x07b\\rc\\x7fd\\u{9b}e\\u{202e}f\\x00"
        );
        assert_eq!(
            escape("one\ntwo\r\nthree\rx", true),
            "one\ntwo\r\nthree\\rx"
        );
        assert_eq!(escape("one\ntwo\r\n", false), "one\\ntwo\\r\\n");
        assert_eq!(Line("a\nb").to_string(), "a\\nb");
        // Escaping what is escaped changes nothing.
        let once = escape("\u{1b}[2J\u{2066}", false).into_owned();
        assert_eq!(escape(&once, false), once);
    }

    #[test]
    fn the_writer_escapes_across_cut_writes() {
        let mut out = Vec::new();
        {
            let mut w = Escaping::new(&mut out);
            let text = "hcgloss: a\u{1b}[31m.csv:2: \"ủy\u{202e}\"\r\nnext\r";
            let bytes = text.as_bytes();
            // Byte by byte: every UTF-8 sequence and the CRLF are cut.
            for b in bytes {
                w.write_all(std::slice::from_ref(b)).unwrap();
            }
            w.write_all(b"x\xffy").unwrap();
            w.flush().unwrap();
        }
        let mut expected = "hcgloss: a\\x1b[31m.csv:2: \"ủy\\u{202e}\"\r\nnext\\rx"
            .as_bytes()
            .to_vec();
        expected.extend_from_slice(b"\xffy");
        assert_eq!(out, expected);
    }
}
