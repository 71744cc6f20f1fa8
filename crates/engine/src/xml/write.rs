//! Writing XML for the TBX exports: a small indenting writer whose output
//! is byte-for-byte predictable (the export snapshots depend on it) and
//! whose escaping is exact for what a term or note can hold.
//!
//! Text keeps tabs and line feeds as they are; a carriage return is written
//! as `&#13;` because a parser would otherwise turn a CR LF pair into a
//! single LF and the note would not come back unchanged. Characters that
//! XML 1.0 cannot carry at all (the other C0 controls, U+FFFE, U+FFFF) make
//! the export fail with a message naming the concept, rather than produce
//! a file every validator rejects.

use std::fmt::Write as _;

/// Escapes `s` for element content or a double-quoted attribute value.
/// Returns the first character XML 1.0 cannot represent, if any.
pub fn escape(s: &str) -> Result<String, char> {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // White space that is content, not layout: readers that take
            // literal white space runs for a pretty-printer's (hcgloss's TBX
            // reader does) keep what a character reference says.
            '\r' => out.push_str("&#13;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            ' ' if previous.is_none_or(char::is_whitespace)
                || chars.peek().is_none_or(|n| n.is_whitespace()) =>
            {
                out.push_str("&#32;")
            }
            c if is_xml_char(c) => out.push(c),
            c => return Err(c),
        }
        previous = Some(c);
    }
    Ok(out)
}

/// Whether XML 1.0 allows `c` in a document (the `Char` production).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// An XML document being written, two spaces of indentation per level,
/// LF line ends. Elements either hold only elements or only text.
pub struct XmlOut {
    out: String,
    open: Vec<&'static str>,
}

/// A value XML 1.0 cannot carry, found while writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrepresentable(pub char);

impl XmlOut {
    /// Starts a UTF-8 document with its XML declaration.
    pub fn new() -> Self {
        XmlOut {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            open: Vec::new(),
        }
    }

    /// Writes a line verbatim (a DOCTYPE, for instance).
    pub fn raw_line(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<(), Unrepresentable> {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            let value = escape(value).map_err(Unrepresentable)?;
            let _ = write!(self.out, " {key}=\"{value}\"");
        }
        Ok(())
    }

    /// Opens an element that will hold other elements.
    pub fn open(
        &mut self,
        name: &'static str,
        attrs: &[(&str, &str)],
    ) -> Result<(), Unrepresentable> {
        self.start_tag(name, attrs)?;
        self.out.push_str(">\n");
        self.open.push(name);
        Ok(())
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        let name = self.open.pop().expect("close() matches an open()");
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    /// Writes an element holding only `text`.
    pub fn leaf(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
    ) -> Result<(), Unrepresentable> {
        self.start_tag(name, attrs)?;
        let text = escape(text).map_err(Unrepresentable)?;
        let _ = writeln!(self.out, ">{text}</{name}>");
        Ok(())
    }

    /// Writes an empty element.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<(), Unrepresentable> {
        self.start_tag(name, attrs)?;
        self.out.push_str("/>\n");
        Ok(())
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

impl Default for XmlOut {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_carriage_returns() {
        assert_eq!(
            escape("a<b> & \"c\"\r\nd\te").unwrap(),
            "a&lt;b&gt; &amp; &quot;c&quot;&#13;&#10;d&#9;e"
        );
        assert_eq!(escape(" a  b c").unwrap(), "&#32;a&#32;&#32;b c");
        assert_eq!(escape("Bộ Công an").unwrap(), "Bộ Công an");
    }

    #[test]
    fn refuses_characters_xml_cannot_carry() {
        assert_eq!(escape("a\u{1}b"), Err('\u{1}'));
        assert_eq!(escape("\u{FFFE}"), Err('\u{FFFE}'));
        assert!(escape("\u{1F600}").is_ok());
    }

    #[test]
    fn writes_indented_elements() {
        let mut x = XmlOut::new();
        x.open("a", &[("k", "v&w")]).unwrap();
        x.leaf("b", &[], "t<").unwrap();
        x.empty("c", &[]).unwrap();
        assert_eq!(
            x.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a k=\"v&amp;w\">\n  <b>t&lt;</b>\n  <c/>\n</a>\n"
        );
    }
}
