//! What lint reports: severities, and findings with exact positions.
//!
//! Positions are 1-based lines and columns counted in Unicode code points,
//! the end exclusive: a finding on `siber` at the start of a line is
//! column 1 to end column 6. This is what SARIF calls `endColumn` with
//! `columnKind: unicodeCodePoints`, so the same numbers go into every
//! output format.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::Serialize;

pub use super::rules::Rule;

/// How serious a finding is; ordered, so `--fail-on` is a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| format!("severity \"{s}\" is not one of error, warning, info"))
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A replacement of original bytes, for `--fix` and SARIF `fixes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// A position range: 1-based lines and code-point columns, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub file: String,
    pub span: Span,
    /// The same range as byte offsets into the text.
    pub start: usize,
    pub end: usize,
    pub rule: Rule,
    pub severity: Severity,
    pub concept: Option<String>,
    /// The original text of the span.
    pub found: String,
    pub suggestion: Option<String>,
    pub message: String,
    /// What `--fix` would write, when the finding can be fixed safely.
    pub fix: Option<Edit>,
    /// In a translation-memory file: where the finding is (see
    /// [`SegmentPlace`]); `None` in a monolingual document.
    pub segment: Option<SegmentPlace>,
    /// Another place the finding is about (for `inconsistent-term`, where
    /// the form the document mostly uses is first used).
    pub related: Option<RelatedPlace>,
}

/// A second place of a finding: a span of the same document, or, in a
/// translation memory, of another unit's segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedPlace {
    pub span: Span,
    /// The unit, in a translation-memory file.
    pub unit: Option<String>,
}

impl RelatedPlace {
    /// How a message names the place: `first at 5:52`, or `first in unit
    /// u7` in a translation memory.
    pub fn describe(&self) -> String {
        match &self.unit {
            Some(unit) => format!("first in unit {unit}"),
            None => format!("first at {}:{}", self.span.line, self.span.column),
        }
    }
}

/// Where a finding in a translation unit is. Its [`Finding::span`] then
/// has the line the unit starts on in the file and code-point columns
/// within the segment's text (as read: white space runs made one space),
/// and [`Finding::start`]/[`Finding::end`] are bytes of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentPlace {
    /// The unit's tuid, or `line N` when it has none.
    pub unit: String,
    /// The segment's language tag.
    pub lang: String,
    /// The segment's text, for excerpts.
    pub text: String,
}

/// Maps byte offsets of a text to lines and columns.
///
/// Columns count code points from the start of the line. Counting them
/// afresh for each position made a long line quadratic (a finding every
/// few words of a 10 MB line counted through megabytes each time), so
/// the index keeps how many code points come before every
/// [`CHAR_BLOCK`]-byte boundary, and a column costs at most one block.
///
/// A clone shares the index: the pieces of a long document each hold one.
#[derive(Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset where each line starts.
    starts: Arc<[usize]>,
    /// Code points before byte `i * CHAR_BLOCK`, for every block.
    block_chars: Arc<[usize]>,
}

/// The bytes between two code-point counts the index keeps.
const CHAR_BLOCK: usize = 256;

/// Code points starting in `bytes` (every byte but UTF-8 continuation
/// bytes starts one).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut block_chars = Vec::with_capacity(text.len() / CHAR_BLOCK + 1);
        let mut before = 0;
        for block in text.as_bytes().chunks(CHAR_BLOCK) {
            block_chars.push(before);
            before += char_starts(block);
        }
        block_chars.push(before);
        LineIndex {
            text,
            starts: starts.into(),
            block_chars: block_chars.into(),
        }
    }

    /// Code points in the text before `byte` (a character boundary).
    fn chars_before(&self, byte: usize) -> usize {
        let block = byte / CHAR_BLOCK;
        self.block_chars[block] + char_starts(&self.text.as_bytes()[block * CHAR_BLOCK..byte])
    }

    /// 1-based line and code-point column of the character at `byte`.
    pub fn position(&self, byte: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= byte);
        let col = self.chars_before(byte) - self.chars_before(self.starts[line - 1]) + 1;
        (line, col)
    }

    /// The 1-based line of the character at `byte` (without counting its
    /// column, which takes the line's length).
    pub fn line_of(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte)
    }

    /// The span of `start..end`, end exclusive.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (line, column) = self.position(start);
        let (end_line, end_column) = self.position(end);
        Span {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// Byte range of line `n` (1-based) without its line ending.
    pub fn line_range(&self, n: usize) -> (usize, usize) {
        let start = self.starts[n - 1];
        let mut end = self.starts.get(n).map_or(self.text.len(), |s| s - 1);
        if self.text[start..end].ends_with('\r') {
            end -= 1;
        }
        (start, end)
    }

    /// The text of line `n` (1-based) without its line ending.
    pub fn line(&self, n: usize) -> &'t str {
        let (s, e) = self.line_range(n);
        &self.text[s..e]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_code_points_and_end_is_exclusive() {
        let text = "Bộ Công an\nkejahatan siber";
        let idx = LineIndex::new(text);
        let s = text.find("siber").unwrap();
        assert_eq!(
            idx.span(s, s + 5),
            Span {
                line: 2,
                column: 11,
                end_line: 2,
                end_column: 16
            }
        );
        let s = text.find("Công").unwrap();
        assert_eq!(idx.position(s), (1, 4));
        assert_eq!(idx.position(s + "Công".len()), (1, 8));
        assert_eq!(idx.line(1), "Bộ Công an");
        assert_eq!(idx.line(2), "kejahatan siber");
    }

    #[test]
    fn columns_are_counted_across_blocks_of_any_text() {
        let text = format!(
            "{}\n{}x{}",
            "ủy ".repeat(300),
            "Bộ Công an ".repeat(100),
            "é".repeat(CHAR_BLOCK)
        );
        let idx = LineIndex::new(&text);
        for (byte, _) in text.char_indices() {
            let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
            let expected = (
                text[..byte].matches('\n').count() + 1,
                text[line_start..byte].chars().count() + 1,
            );
            assert_eq!(idx.position(byte), expected, "at {byte}");
        }
        assert_eq!(
            idx.position(text.len()).1,
            text.lines().last().unwrap().chars().count() + 1
        );
    }

    #[test]
    fn crlf_lines() {
        let text = "satu\r\ndua\r\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line(1), "satu");
        assert_eq!(idx.line(2), "dua");
        assert_eq!(idx.line(3), "");
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.position(text.find("dua").unwrap()), (2, 1));
    }

    #[test]
    fn severities_parse_by_name() {
        for s in Severity::ALL {
            assert_eq!(s.as_str().parse::<Severity>().unwrap(), s);
        }
        assert!("fatal".parse::<Severity>().is_err());
    }
}
