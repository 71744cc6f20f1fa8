//! What rules ask of a [`Document`] beyond its fields: whether it is read
//! whole, the lines it covers, and the facts of a whole line, which a line
//! cut between pieces shares with its other pieces ([`super::cut`]).

use super::{Document, case, rules};

impl Document<'_> {
    /// Whether the document is read whole, not one piece of it.
    pub fn is_whole(&self) -> bool {
        self.range == (0, self.text.len())
    }

    /// The numbers of the lines the document (or the piece) covers, in
    /// whole or in part (a piece may begin or end inside a line).
    pub fn line_numbers(&self) -> std::ops::RangeInclusive<usize> {
        let first = self.lines.line_of(self.range.0);
        let last = if self.range.1 >= self.text.len() {
            self.lines.line_count()
        } else {
            self.lines.line_of(self.range.1 - 1)
        };
        first..=last
    }

    /// Whether line `n` (1-based) is page furniture
    /// ([`rules::untranslated_text::is_page_furniture`]); a line cut
    /// between pieces is read once for all of them.
    pub fn is_furniture_line(&self, n: usize) -> bool {
        let read = || rules::untranslated_text::is_page_furniture(self.lines.line(n));
        match self.cut {
            Some(cut) => cut.furniture(n, read),
            None => read(),
        }
    }

    /// Whether line `n` (1-based) is a title-case headline
    /// ([`case::is_title_line`]); a line cut between pieces is read once
    /// for all of them.
    pub fn is_title_line(&self, n: usize) -> bool {
        let read = || case::is_title_line(self.lines.line(n));
        match self.cut {
            Some(cut) => cut.title(n, read),
            None => read(),
        }
    }
}
