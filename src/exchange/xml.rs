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
/// offsets only until the parser has moved past them.
struct LineTracking<R> {
    inner: R,
    consumed: u64,
    newlines: VecDeque<u64>,
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
    fn record(&mut self, bytes: &[u8]) {
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                self.newlines.push_back(self.consumed + i as u64);
            }
        }
        self.consumed += bytes.len() as u64;
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
}

impl<R: BufRead> XmlReader<R> {
    pub fn new(label: &str, source: R) -> Self {
        let tracking = LineTracking {
            inner: source,
            consumed: 0,
            newlines: VecDeque::new(),
        };
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
        }
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
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(e) => e.into_owned(),
                Err(e) => {
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
                    self.push_text(&s, line, start)?;
                }
                Event::CData(t) => {
                    let s = t.into_inner().into_owned();
                    self.push_text(&s, line, start)?;
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
                    self.push_text(&resolved, line, start)?;
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

    fn push_text(&mut self, s: &str, line: u64, offset: u64) -> Result<()> {
        if self.depth == 0 {
            if s.trim().is_empty() {
                return Ok(());
            }
            return Err(self.error(offset, "text outside the root element"));
        }
        match &mut self.text {
            Some((text, _)) => text.push_str(s),
            None => self.text = Some((s.to_string(), line)),
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
    fn not_well_formed_is_an_error_with_a_line() {
        let e = events("<a>\n<b></a>").unwrap_err().to_string();
        assert!(e.starts_with("t.xml:2: not well-formed XML"), "{e}");
        assert!(events("").is_err());
        assert!(events("<a/><b/>").is_err());
        assert!(events("<a>").is_err());
    }
}
