//! LSP positions and byte offsets.
//!
//! The engine speaks byte offsets into a `String`; the protocol speaks
//! `line` and `character`, both from 0, where `character` counts code
//! units of the encoding the client and server agreed on at
//! initialization: UTF-16 (the protocol's default, what most editors
//! use), UTF-32 (code points) or UTF-8 (bytes). A line ends at `\n`,
//! `\r\n` or a lone `\r`, as the protocol says.
//!
//! [`LineIndex`] converts many offsets of one text (a lint's findings)
//! without counting from the start of the line each time: it keeps, every
//! [`CHECKPOINT`] bytes, how many code units the line has reached there,
//! so a position on a 10 MB line costs at most a checkpoint's worth of
//! counting. [`offset`] converts one position (an edit's range) by
//! scanning the text once.

use lsp_types::{Position, PositionEncodingKind, Range};

/// How `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use: the first of the client's that this server
    /// knows, in the client's order; UTF-16 when the client names none
    /// (the protocol's rule: every client supports UTF-16).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        offered
            .unwrap_or_default()
            .iter()
            .find_map(Encoding::from_kind)
            .unwrap_or(Encoding::Utf16)
    }

    fn from_kind(kind: &PositionEncodingKind) -> Option<Encoding> {
        match kind.as_str() {
            "utf-8" => Some(Encoding::Utf8),
            "utf-16" => Some(Encoding::Utf16),
            "utf-32" => Some(Encoding::Utf32),
            _ => None,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// The code units of `c`.
    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }

    /// The code units of `s`.
    fn count(self, s: &str) -> u32 {
        match self {
            Encoding::Utf8 => s.len() as u32,
            Encoding::Utf16 => s.chars().map(char::len_utf16).sum::<usize>() as u32,
            Encoding::Utf32 => s.chars().count() as u32,
        }
    }
}

/// How far apart, in bytes, the index remembers a line's code-unit count.
const CHECKPOINT: usize = 1024;

/// Byte offsets of one text to positions and back.
pub struct LineIndex<'t> {
    text: &'t str,
    encoding: Encoding,
    /// The byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
    /// (byte offset, code units from its line's start), at the first
    /// character boundary after each multiple of [`CHECKPOINT`], in order.
    checkpoints: Vec<(usize, u32)>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str, encoding: Encoding) -> LineIndex<'t> {
        let mut starts = vec![0];
        let mut checkpoints = Vec::new();
        let bytes = text.as_bytes();
        let mut line_start = 0;
        let mut units = 0u32;
        let mut next_checkpoint = CHECKPOINT;
        for (i, c) in text.char_indices() {
            if i >= next_checkpoint {
                if i > line_start {
                    checkpoints.push((i, units));
                }
                next_checkpoint = (i / CHECKPOINT + 1) * CHECKPOINT;
            }
            match c {
                '\n' => {
                    line_start = i + 1;
                    starts.push(line_start);
                    units = 0;
                }
                '\r' if bytes.get(i + 1) != Some(&b'\n') => {
                    line_start = i + 1;
                    starts.push(line_start);
                    units = 0;
                }
                _ => units += encoding.units(c),
            }
        }
        LineIndex {
            text,
            encoding,
            starts,
            checkpoints,
        }
    }

    /// The position of byte offset `byte` (clamped to the text, and moved
    /// back to a character boundary).
    pub fn position(&self, byte: usize) -> Position {
        let byte = floor_char_boundary(self.text, byte.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        let line_start = self.starts[line];
        let (from, units) = match self.checkpoints.partition_point(|&(b, _)| b <= byte) {
            0 => (line_start, 0),
            n => {
                let (b, u) = self.checkpoints[n - 1];
                if b >= line_start {
                    (b, u)
                } else {
                    (line_start, 0)
                }
            }
        };
        Position {
            line: line as u32,
            character: units + self.encoding.count(&self.text[from..byte]),
        }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start: self.position(start),
            end: self.position(end),
        }
    }

    /// The byte offset of `position`: past the end of its line, the end of
    /// the line (its content, before the line break); past the last line,
    /// the end of the text; inside a character (half of a surrogate pair,
    /// a byte inside a UTF-8 sequence), that character's start.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return self.text.len();
        }
        let start = self.starts[line];
        let end = self.content_end(line);
        // The last checkpoint of this line at or before the position.
        let first = self.checkpoints.partition_point(|&(b, _)| b < start);
        let last = self.checkpoints.partition_point(|&(b, _)| b < end);
        let within = &self.checkpoints[first..last];
        let (from, units) = match within.partition_point(|&(_, u)| u <= position.character) {
            0 => (start, 0),
            n => within[n - 1],
        };
        walk(
            &self.text[from..end],
            position.character - units,
            self.encoding,
        ) + from
    }

    /// Where line `line`'s content ends (before its line break).
    fn content_end(&self, line: usize) -> usize {
        let start = self.starts[line];
        let next = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = &self.text[start..next];
        let terminator = if content.ends_with("\r\n") {
            2
        } else if content.ends_with(['\n', '\r']) {
            1
        } else {
            0
        };
        next - terminator
    }
}

/// The byte offset in `line` after `units` code units, stopping at a
/// character that would go past them and at the end of `line`.
fn walk(line: &str, units: u32, encoding: Encoding) -> usize {
    let mut seen = 0;
    for (i, c) in line.char_indices() {
        let next = seen + encoding.units(c);
        if next > units {
            return i;
        }
        seen = next;
    }
    line.len()
}

/// The byte offset of `position` in `text`, computed by one scan (for an
/// edit's range, where building an index would cost the same). The same
/// rules as [`LineIndex::offset`].
pub fn offset(text: &str, position: Position, encoding: Encoding) -> usize {
    let bytes = text.as_bytes();
    let mut line = 0u32;
    let mut i = 0;
    while line < position.line {
        match bytes[i..].iter().position(|&b| b == b'\n' || b == b'\r') {
            None => return text.len(),
            Some(at) => {
                i += at;
                i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                line += 1;
            }
        }
    }
    let end = bytes[i..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(text.len(), |at| i + at);
    i + walk(&text[i..end], position.character, encoding)
}

/// Applies one `didChange` content change to `text`: the range replaced
/// by `new_text`, or the whole text when there is no range. A range whose
/// end comes before its start is taken the other way round.
pub fn apply_change(text: &mut String, range: Option<Range>, new_text: &str, encoding: Encoding) {
    match range {
        None => {
            text.clear();
            text.push_str(new_text);
        }
        Some(range) => {
            let a = offset(text, range.start, encoding);
            let b = offset(text, range.end, encoding);
            let (start, end) = (a.min(b), a.max(b));
            text.replace_range(start..end, new_text);
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    const TEXT: &str = "Bộ Công an 😀 siber\r\nkedua\rketiga\n";

    #[test]
    fn utf16_counts_surrogate_pairs() {
        let idx = LineIndex::new(TEXT, Encoding::Utf16);
        let siber = TEXT.find("siber").unwrap();
        // "Bộ Công an " is 11 code units, the emoji 2, the space 1.
        assert_eq!(idx.position(siber), pos(0, 14));
        assert_eq!(idx.offset(pos(0, 14)), siber);
        assert_eq!(offset(TEXT, pos(0, 14), Encoding::Utf16), siber);
        // Inside the surrogate pair: the emoji's start.
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(idx.offset(pos(0, 12)), emoji);
        assert_eq!(offset(TEXT, pos(0, 12), Encoding::Utf16), emoji);
    }

    #[test]
    fn utf32_and_utf8() {
        let siber = TEXT.find("siber").unwrap();
        let idx = LineIndex::new(TEXT, Encoding::Utf32);
        assert_eq!(idx.position(siber), pos(0, 13));
        assert_eq!(idx.offset(pos(0, 13)), siber);
        let idx = LineIndex::new(TEXT, Encoding::Utf8);
        assert_eq!(idx.position(siber), pos(0, siber as u32));
        assert_eq!(idx.offset(pos(0, siber as u32)), siber);
        // Inside "ộ" (3 bytes): its start.
        assert_eq!(idx.offset(pos(0, 2)), 1);
    }

    #[test]
    fn every_line_break_counts() {
        let idx = LineIndex::new(TEXT, Encoding::Utf16);
        let kedua = TEXT.find("kedua").unwrap();
        let ketiga = TEXT.find("ketiga").unwrap();
        assert_eq!(idx.position(kedua), pos(1, 0));
        assert_eq!(idx.position(ketiga), pos(2, 0));
        assert_eq!(idx.position(TEXT.len()), pos(3, 0));
        // Past the end of a line: the end of its content.
        assert_eq!(idx.offset(pos(0, 99)), TEXT.find('\r').unwrap());
        assert_eq!(idx.offset(pos(1, 99)), ketiga - 1);
        assert_eq!(offset(TEXT, pos(1, 99), Encoding::Utf16), ketiga - 1);
        assert_eq!(idx.offset(pos(2, 3)), ketiga + 3);
        assert_eq!(offset(TEXT, pos(2, 3), Encoding::Utf16), ketiga + 3);
        // Past the last line: the end.
        assert_eq!(idx.offset(pos(9, 0)), TEXT.len());
        assert_eq!(offset(TEXT, pos(9, 0), Encoding::Utf16), TEXT.len());
    }

    #[test]
    fn long_lines_agree_with_counting() {
        let text = format!(
            "{}\n{}x😀{}\r\n",
            "ủy ".repeat(300),
            "Bộ Công an ".repeat(100),
            "é".repeat(CHECKPOINT)
        );
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let idx = LineIndex::new(&text, encoding);
            for (byte, _) in text.char_indices() {
                let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
                let expected = pos(
                    text[..byte].matches('\n').count() as u32,
                    encoding.count(&text[line_start..byte]),
                );
                assert_eq!(idx.position(byte), expected, "{encoding:?} at {byte}");
                if text.as_bytes()[byte] != b'\r' && text.as_bytes()[byte] != b'\n' {
                    assert_eq!(idx.offset(expected), byte, "{encoding:?} at {byte}");
                    assert_eq!(offset(&text, expected, encoding), byte);
                }
            }
        }
    }

    #[test]
    fn changes_apply_in_the_negotiated_encoding() {
        let mut text = String::from("😀 kejahatan dunia maya\nbaris");
        // Replace "dunia maya" (UTF-16 columns 13..23) with "siber".
        apply_change(
            &mut text,
            Some(Range {
                start: pos(0, 13),
                end: pos(0, 23),
            }),
            "siber",
            Encoding::Utf16,
        );
        assert_eq!(text, "😀 kejahatan siber\nbaris");
        apply_change(
            &mut text,
            Some(Range {
                start: pos(1, 5),
                end: pos(1, 5),
            }),
            "!",
            Encoding::Utf32,
        );
        assert_eq!(text, "😀 kejahatan siber\nbaris!");
        apply_change(&mut text, None, "baru", Encoding::Utf16);
        assert_eq!(text, "baru");
    }

    #[test]
    fn negotiation_prefers_the_clients_order() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offered = [
            PositionEncodingKind::new("utf-7"),
            PositionEncodingKind::UTF32,
            PositionEncodingKind::UTF8,
        ];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf32);
        assert_eq!(Encoding::negotiate(Some(&[])), Encoding::Utf16);
    }
}
