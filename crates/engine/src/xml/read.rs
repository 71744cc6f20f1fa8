//! Safe, streaming XML reading for the TBX and TMX importers.
//!
//! XML files come from outside (a client's termbase, a vendor's TM), so
//! the reader refuses what could turn a file against its user: a DOCTYPE
//! with an internal subset (where entities are declared: billion laughs,
//! external entities) is an error, an external DTD is never fetched, and
//! the only entities expanded are the five predefined ones and character
//! references. Anything else is an error naming the file and line.
//!
//! The reader streams from any `BufRead`, so memory stays bounded by the
//! largest single element's text, not by the file.

use std::collections::VecDeque;
use std::io::{BufRead, Read};

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;

use crate::error::{Error, Result};

/// A simplified XML event: elements and their resolved text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlEvent {
    /// An element starts (an empty element yields `Start` then `End`).
    Start {
        /// The qualified name as written (`xml:lang` keeps its prefix).
        name: String,
        attributes: Vec<(String, String)>,
        line: u64,
    },
    End {
        name: String,
        line: u64,
    },
    /// Character data with references resolved; CDATA included.
    Text {
        text: String,
        line: u64,
    },
}

/// Counts lines of the bytes the parser consumes, remembering newline
/// offsets only until the parser has moved past them. It also checks the
/// bytes as UTF-8 on the way through, so that a decoding error can name
/// the exact byte offset and line rather than the start of the event.
struct LineTracking<R> {
    inner: R,
    consumed: u64,
    newlines: VecDeque<u64>,
    /// Newlines seen so far in total.
    lines_seen: u64,
    /// The bytes of a UTF-8 sequence cut at the end of the last chunk.
    partial: Vec<u8>,
    /// The byte offset and line of the first invalid UTF-8 sequence.
    invalid_utf8: Option<(u64, u64)>,
    /// The last two bytes seen, to find U+FFFE and U+FFFF cut across two
    /// chunks.
    last_two: [u8; 2],
    /// The byte offset, line and character of the first character XML
    /// 1.0 forbids, wherever it stands (text, attribute values, names,
    /// comments): a raw one is never well-formed XML.
    forbidden: Option<(u64, u64, char)>,
}

impl<R: BufRead> Read for LineTracking<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.record(&buf[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineTracking<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        let chunk = self
            .inner
            .fill_buf()
            .map(|b| b[..amt.min(b.len())].to_vec())
            .unwrap_or_default();
        self.record(&chunk);
        self.inner.consume(amt);
    }
}

impl<R> LineTracking<R> {
    fn new(inner: R) -> Self {
        LineTracking {
            inner,
            consumed: 0,
            newlines: VecDeque::new(),
            lines_seen: 0,
            partial: Vec::new(),
            invalid_utf8: None,
            last_two: [0; 2],
            forbidden: None,
        }
    }

    fn record(&mut self, bytes: &[u8]) {
        if self.invalid_utf8.is_none() {
            self.check_utf8(bytes);
        }
        if self.forbidden.is_none() {
            self.check_chars(bytes);
        }
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                self.newlines.push_back(self.consumed + i as u64);
                self.lines_seen += 1;
            }
        }
        self.consumed += bytes.len() as u64;
    }

    /// Looks for the raw characters XML 1.0 forbids in `bytes`: the C0
    /// controls but tab, line feed and carriage return (one byte each in
    /// UTF-8), and U+FFFE and U+FFFF (`EF BF BE`, `EF BF BF`, which may
    /// begin in the chunk before).
    fn check_chars(&mut self, bytes: &[u8]) {
        let control = bytes
            .iter()
            .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            .map(|i| (i, 0, char::from(bytes[i])));
        let byte_before = |i: usize, back: usize| -> u8 {
            if i >= back {
                bytes[i - back]
            } else {
                self.last_two[2 - (back - i)]
            }
        };
        let noncharacter = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b, 0xBE | 0xBF))
            .find(|&(i, _)| byte_before(i, 1) == 0xBF && byte_before(i, 2) == 0xEF)
            .map(|(i, &b)| (i, 2, if b == 0xBE { '\u{FFFE}' } else { '\u{FFFF}' }));
        let first = match (control, noncharacter) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        if let Some((i, back, c)) = first {
            let newlines = bytes[..i].iter().filter(|&&b| b == b'\n').count() as u64;
            let offset = self.consumed + i as u64 - back as u64;
            self.forbidden = Some((offset, self.lines_seen + newlines + 1, c));
        }
        match bytes {
            [.., a, b] => self.last_two = [*a, *b],
            [b] => self.last_two = [self.last_two[1], *b],
            [] => {}
        }
    }

    /// Validates `bytes` as the continuation of what came before.
    fn check_utf8(&mut self, bytes: &[u8]) {
        let carried = self.partial.len();
        let mut chunk = std::mem::take(&mut self.partial);
        chunk.extend_from_slice(bytes);
        if let Err(e) = std::str::from_utf8(&chunk) {
            match e.error_len() {
                // Cut off at the end: finish it with the next chunk.
                None => self.partial = chunk[e.valid_up_to()..].to_vec(),
                Some(_) => {
                    let at = e.valid_up_to();
                    let offset = self.consumed + at as u64 - carried as u64;
                    let newlines_before = chunk[carried.min(at)..at]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count() as u64;
                    self.invalid_utf8 = Some((offset, self.lines_seen + newlines_before + 1));
                }
            }
        }
    }
}

/// A pull reader over an XML document.
pub struct XmlReader<R: BufRead> {
    label: String,
    reader: quick_xml::Reader<LineTracking<R>>,
    buf: Vec<u8>,
    /// The line of the oldest newline still remembered.
    line_base: u64,
    /// Events converted but not yet handed out.
    ready: VecDeque<XmlEvent>,
    /// Adjacent text, CDATA and references are joined into one event.
    text: Option<(String, u64)>,
    depth: usize,
    seen_root: bool,
    /// Whether literal white space runs in text are read as one space.
    collapse: bool,
    /// The text being joined ends in a space made from a literal run.
    collapsed_space: bool,
}

impl<R: BufRead> XmlReader<R> {
    pub fn new(label: &str, source: R) -> Self {
        let tracking = LineTracking::new(source);
        let mut reader = quick_xml::Reader::from_reader(tracking);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        XmlReader {
            label: label.to_string(),
            reader,
            buf: Vec::new(),
            line_base: 1,
            ready: VecDeque::new(),
            text: None,
            depth: 0,
            seen_root: false,
            collapse: false,
            collapsed_space: false,
        }
    }

    /// Reads every run of literal white space in text (spaces, tabs, line
    /// breaks, as a pretty-printer indents) as one space, and white space
    /// written as a character reference (`&#10;`) as it is: the convention
    /// by which hcgloss's TBX export marks line breaks that are content.
    pub fn collapsing_white_space(mut self) -> Self {
        self.collapse = true;
        self
    }

    /// The file name used in messages.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The line of byte `offset`, forgetting newlines before it. Offsets
    /// asked for never go backwards.
    fn line_at(&mut self, offset: u64) -> u64 {
        let lines = &mut self.reader.get_mut().newlines;
        while lines.front().is_some_and(|&n| n < offset) {
            lines.pop_front();
            self.line_base += 1;
        }
        self.line_base
    }

    fn error(&mut self, offset: u64, message: impl Into<String>) -> Error {
        let line = self.line_at(offset);
        Error::invalid(&self.label, Some(line), message)
    }

    /// An error at a line already known (for importers' own checks).
    pub fn error_at(&self, line: u64, message: impl Into<String>) -> Error {
        Error::invalid(&self.label, Some(line), message)
    }

    /// The next event, or `None` at the end of a well-formed document.
    pub fn next_event(&mut self) -> Result<Option<XmlEvent>> {
        loop {
            if let Some(ev) = self.ready.pop_front() {
                return Ok(Some(ev));
            }
            self.buf.clear();
            let start = self.reader.buffer_position();
            let read = self.reader.read_event_into(&mut self.buf);
            if let Some((_, line, c)) = self.reader.get_ref().forbidden
                && (read.is_ok() || self.reader.get_ref().invalid_utf8.is_none())
            {
                return Err(Error::invalid(
                    &self.label,
                    Some(line),
                    format!("character U+{:04X} is not allowed in XML 1.0", c as u32),
                ));
            }
            let event = match read {
                Ok(e) => e.into_owned(),
                Err(e) => {
                    if let quick_xml::Error::Io(io) = &e
                        && let Some(d) = crate::input::DecodeError::of(io)
                    {
                        return Err(Error::invalid(&self.label, Some(d.line), d.message.clone()));
                    }
                    let tracking = self.reader.get_ref();
                    // A decoding error may come before the bytes that show
                    // the sequence is bad are consumed: then the sequence
                    // is the cut-off one the tracker still holds.
                    let invalid = tracking.invalid_utf8.or_else(|| {
                        (matches!(e, quick_xml::Error::Encoding(_)) && !tracking.partial.is_empty())
                            .then(|| {
                                (
                                    tracking.consumed - tracking.partial.len() as u64,
                                    tracking.lines_seen + 1,
                                )
                            })
                    });
                    if let Some((offset, line)) = invalid {
                        return Err(Error::invalid(
                            &self.label,
                            Some(line),
                            format!("invalid UTF-8 at byte offset {offset}"),
                        ));
                    }
                    let at = self.reader.error_position();
                    return Err(self.error(at, format!("not well-formed XML: {e}")));
                }
            };
            let line = self.line_at(start);
            if !matches!(
                event,
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)
            ) && let Some((text, line)) = self.text.take()
            {
                self.ready.push_back(XmlEvent::Text { text, line });
            }
            match event {
                Event::Start(_) | Event::Empty(_) if self.depth == 0 && self.seen_root => {
                    return Err(self.error(start, "a second root element"));
                }
                Event::Start(e) => {
                    self.depth += 1;
                    self.seen_root = true;
                    let ev = self.start(&e, line)?;
                    self.ready.push_back(ev);
                }
                Event::Empty(e) => {
                    self.seen_root = true;
                    let ev = self.start(&e, line)?;
                    let XmlEvent::Start { name, .. } = &ev else {
                        unreachable!("start() makes a Start")
                    };
                    let end = XmlEvent::End {
                        name: name.clone(),
                        line,
                    };
                    self.ready.push_back(ev);
                    self.ready.push_back(end);
                }
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    let name = e.name().as_ref().to_string();
                    self.ready.push_back(XmlEvent::End { name, line });
                }
                Event::Text(t) => {
                    let s = t.xml10_content().into_owned();
                    self.push_text(&s, line, start, true)?;
                }
                Event::CData(t) => {
                    let s = t.into_inner().into_owned();
                    self.push_text(&s, line, start, true)?;
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            let name = r.to_string();
                            match resolve_predefined_entity(&name) {
                                Some(s) => s.to_string(),
                                None => {
                                    return Err(self.error(
                                        start,
                                        format!(
                                            "entity &{name}; is not defined: only the five XML entities and character references are read"
                                        ),
                                    ));
                                }
                            }
                        }
                        Err(e) => {
                            return Err(self.error(start, format!("bad character reference: {e}")));
                        }
                    };
                    self.push_text(&resolved, line, start, false)?;
                }
                Event::DocType(d) => {
                    if d.as_ref().contains('[') {
                        return Err(self.error(
                            start,
                            "the DOCTYPE has an internal subset: entity declarations are refused (no DTD is read)",
                        ));
                    }
                }
                Event::Eof => {
                    if !self.seen_root {
                        return Err(
                            self.error(start, "no root element: the file is empty or not XML")
                        );
                    }
                    if self.depth > 0 {
                        return Err(self.error(start, "the document ends inside an element"));
                    }
                    return Ok(None);
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            }
        }
    }

    fn push_text(&mut self, s: &str, line: u64, offset: u64, literal: bool) -> Result<()> {
        if let Some(c) = s.chars().find(|c| !super::write::is_xml_char(*c)) {
            return Err(self.error(
                offset,
                format!("character U+{:04X} is not allowed in XML 1.0", c as u32),
            ));
        }
        if self.depth == 0 {
            if s.trim().is_empty() {
                return Ok(());
            }
            return Err(self.error(offset, "text outside the root element"));
        }
        let text = &mut self.text.get_or_insert_with(|| (String::new(), line)).0;
        if text.is_empty() {
            self.collapsed_space = false;
        }
        if !(self.collapse && literal) {
            text.push_str(s);
            self.collapsed_space = false;
            return Ok(());
        }
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !self.collapsed_space {
                    text.push(' ');
                    self.collapsed_space = true;
                }
            } else {
                text.push(c);
                self.collapsed_space = false;
            }
        }
        Ok(())
    }

    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>, line: u64) -> Result<XmlEvent> {
        let name = e.name().as_ref().to_string();
        let mut attributes = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| {
                Error::invalid(
                    &self.label,
                    Some(line),
                    format!("bad attribute in <{name}>: {err}"),
                )
            })?;
            let key = a.key.as_ref().to_string();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| {
                    Error::invalid(
                        &self.label,
                        Some(line),
                        format!("attribute {key} of <{name}>: {err}"),
                    )
                })?
                .into_owned();
            // A character reference may name what XML 1.0 forbids
            // (`&#27;`); raw characters were refused as they were read.
            if let Some(c) = value.chars().find(|c| !super::write::is_xml_char(*c)) {
                return Err(Error::invalid(
                    &self.label,
                    Some(line),
                    format!(
                        "attribute {key} of <{name}>: character U+{:04X} is not allowed in XML 1.0",
                        c as u32
                    ),
                ));
            }
            attributes.push((key, value));
        }
        Ok(XmlEvent::Start {
            name,
            attributes,
            line,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error that ends reading `r`; reading to the end is a failure.
    fn error_of<R: std::io::BufRead>(mut r: XmlReader<R>, what: &str) -> String {
        loop {
            match r.next_event() {
                Ok(Some(_)) => continue,
                Ok(None) => panic!("{what} was read"),
                Err(e) => break e.to_string(),
            }
        }
    }

    fn events(xml: &str) -> Result<Vec<XmlEvent>> {
        let mut r = XmlReader::new("t.xml", xml.as_bytes());
        let mut out = Vec::new();
        while let Some(e) = r.next_event()? {
            out.push(e);
        }
        Ok(out)
    }

    #[test]
    fn reads_elements_text_and_lines() {
        let ev = events(
            "<?xml version=\"1.0\"?>\n<a x=\"1 &amp; 2\">\n<b/>t&amp;u&#233;<![CDATA[<c>]]></a>",
        )
        .unwrap();
        assert_eq!(
            ev,
            vec![
                XmlEvent::Start {
                    name: "a".into(),
                    attributes: vec![("x".into(), "1 & 2".into())],
                    line: 2
                },
                XmlEvent::Text {
                    text: "\n".into(),
                    line: 2
                },
                XmlEvent::Start {
                    name: "b".into(),
                    attributes: vec![],
                    line: 3
                },
                XmlEvent::End {
                    name: "b".into(),
                    line: 3
                },
                XmlEvent::Text {
                    text: "t&ué<c>".into(),
                    line: 3
                },
                XmlEvent::End {
                    name: "a".into(),
                    line: 3
                },
            ]
        );
    }

    #[test]
    fn refuses_entity_declarations_and_unknown_entities() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<lolz>&lol2;</lolz>";
        let e = events(bomb).unwrap_err().to_string();
        assert!(
            e.starts_with("t.xml:2: the DOCTYPE has an internal subset"),
            "{e}"
        );
        let xxe = "<!DOCTYPE a SYSTEM \"file:///etc/passwd\">\n<a>&xxe;</a>";
        let e = events(xxe).unwrap_err().to_string();
        assert!(e.starts_with("t.xml:2: entity &xxe; is not defined"), "{e}");
    }

    #[test]
    fn characters_xml_forbids_are_refused() {
        let e = events("<a>\n&#1;</a>").unwrap_err().to_string();
        assert!(
            e.starts_with("t.xml:2: character U+0001 is not allowed"),
            "{e}"
        );
        let e = events("<a>\u{7}</a>").unwrap_err().to_string();
        assert!(e.starts_with("t.xml:1: character U+0007"), "{e}");
        // Everywhere: attribute values raw or as references, names,
        // comments, and U+FFFF cut across read buffers.
        for (xml, line, c) in [
            ("<a>\n<b x=\"1\u{1b}]0;t\u{7}\"/></a>", 2, "001B"),
            ("<a>\n\n<b x=\"&#27;\"/></a>", 3, "001B"),
            ("<a>\n<b\u{1}/></a>", 2, "0001"),
            ("<a><!-- \n\u{1f} --></a>", 2, "001F"),
            ("<a>\n<b x=\"\u{FFFF}\"/></a>", 2, "FFFF"),
        ] {
            for capacity in [1, 2, 3, 64] {
                let r = XmlReader::new(
                    "t.xml",
                    std::io::BufReader::with_capacity(capacity, xml.as_bytes()),
                );
                let e = error_of(r, &format!("{xml:?}"));
                assert!(
                    e.starts_with(&format!("t.xml:{line}: "))
                        && e.contains(&format!("character U+{c} is not allowed in XML 1.0")),
                    "{xml:?} by {capacity}: {e}"
                );
            }
        }
        let e = error_of(
            XmlReader::new("t.xml", &b"<a>\n\xff</a>"[..]),
            "invalid UTF-8",
        );
        assert!(
            e.starts_with("t.xml:2: invalid UTF-8 at byte offset 4"),
            "{e}"
        );
        let e = error_of(
            XmlReader::new("t.xml", &b"<a>\n<b>caf\xe9</b></a>"[..]),
            "invalid UTF-8",
        );
        assert!(
            e.starts_with("t.xml:2: invalid UTF-8 at byte offset 10"),
            "{e}"
        );
        // Characters cut across read buffers are still valid.
        let text = "<a>\nBộ Công an Thượng tướng</a>";
        let mut r = XmlReader::new(
            "t.xml",
            std::io::BufReader::with_capacity(2, text.as_bytes()),
        );
        let mut read = String::new();
        while let Some(ev) = r.next_event().unwrap() {
            if let XmlEvent::Text { text, .. } = ev {
                read.push_str(&text);
            }
        }
        assert_eq!(read, "\nBộ Công an Thượng tướng");
    }

    #[test]
    fn literal_white_space_can_be_collapsed_and_references_kept() {
        let xml = "<a>\n  one\t\ttwo&#10;three &#32;four<![CDATA[  five]]>\n</a>";
        let mut r = XmlReader::new("t.xml", xml.as_bytes()).collapsing_white_space();
        let mut read = String::new();
        while let Some(ev) = r.next_event().unwrap() {
            if let XmlEvent::Text { text, .. } = ev {
                read.push_str(&text);
            }
        }
        assert_eq!(read, " one two\nthree  four five ");
    }

    #[test]
    fn not_well_formed_is_an_error_with_a_line() {
        let e = events("<a>\n<b></a>").unwrap_err().to_string();
        assert!(e.starts_with("t.xml:2: not well-formed XML"), "{e}");
        assert!(events("").is_err());
        assert!(events("<a/><b/>").is_err());
        assert!(events("<a>").is_err());
    }
}
