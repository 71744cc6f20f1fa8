//! Reading TMX: a recursive descent over the safe pull reader's events,
//! collecting structure problems with their lines.

use super::{PROP_ORIGIN_DATE, PROP_ORIGIN_DOC};
use crate::error::{Error, Problem, Result};
use crate::model::Lang;
use crate::model::unit::{
    Segment, SourcedUnit, Unit, check_fields, check_origin_date, check_segments, clean_segment,
    created_from_tmx,
};
use crate::normalize::clean_term;
use crate::xml::{XmlEvent, XmlReader};

/// Inline elements whose content is native code, not text.
const CODE_ELEMENTS: &[&str] = &["bpt", "ept", "ph", "it", "ut", "sub"];

struct Parser<'a> {
    xml: XmlReader<&'a [u8]>,
    label: String,
    problems: Vec<Problem>,
}

fn attribute<'e>(attributes: &'e [(String, String)], name: &str) -> Option<&'e str> {
    attributes
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

impl<'a> Parser<'a> {
    fn problem(&mut self, line: u64, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.label.clone(),
            line: Some(line),
            message: message.into(),
        });
    }

    /// An error that ends the reading, listed after the problems found so far.
    fn fatal(&mut self, e: Error) -> Error {
        match e {
            Error::Invalid(more) => {
                let mut all = std::mem::take(&mut self.problems);
                all.extend(more);
                Error::Invalid(all)
            }
            other => other,
        }
    }

    /// The next event inside an element; the reader itself reports a
    /// document that ends inside one.
    fn next(&mut self) -> Result<XmlEvent> {
        match self.xml.next_event() {
            Ok(Some(e)) => Ok(e),
            Ok(None) => Err(self.fatal(Error::invalid(
                &self.label,
                None,
                "the document ends inside an element",
            ))),
            Err(e) => Err(self.fatal(e)),
        }
    }

    /// Skips the rest of an element whose start was just read.
    fn skip(&mut self) -> Result<()> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                XmlEvent::Start { .. } => depth += 1,
                XmlEvent::End { .. } => depth -= 1,
                XmlEvent::Text { .. } => {}
            }
        }
        Ok(())
    }

    /// Text between elements where only white space belongs.
    fn stray_text(&mut self, text: &str, line: u64, parent: &str) {
        if !text.trim().is_empty() {
            self.problem(line, format!("text is not allowed directly in <{parent}>"));
        }
    }

    fn unexpected(&mut self, name: &str, line: u64, parent: &str) -> Result<()> {
        self.problem(line, format!("<{name}> is not allowed in <{parent}>"));
        self.skip()
    }

    fn tmx(&mut self) -> Result<Vec<SourcedUnit>> {
        match self.next()? {
            XmlEvent::Start { name, .. } if name == "tmx" => {}
            XmlEvent::Start { name, line, .. } => {
                return Err(self.fatal(Error::invalid(
                    &self.label,
                    Some(line),
                    format!("the root element is <{name}>: a TMX file's root is <tmx>"),
                )));
            }
            XmlEvent::Text { line, .. } | XmlEvent::End { line, .. } => {
                return Err(self.fatal(Error::invalid(
                    &self.label,
                    Some(line),
                    "no root element where one was expected",
                )));
            }
        }
        let (mut header, mut body) = (false, false);
        let mut units = Vec::new();
        let end_line = loop {
            match self.next()? {
                XmlEvent::Start { name, line, .. } if name == "header" => {
                    if header {
                        self.problem(line, "a second <header>");
                    }
                    header = true;
                    self.skip()?;
                }
                XmlEvent::Start { name, line, .. } if name == "body" => {
                    if body {
                        self.problem(line, "a second <body>");
                    }
                    if !header {
                        self.problem(line, "<body> comes before any <header>");
                        header = true;
                    }
                    body = true;
                    self.body(&mut units)?;
                }
                XmlEvent::Start { name, line, .. } => self.unexpected(&name, line, "tmx")?,
                XmlEvent::Text { text, line } => self.stray_text(&text, line, "tmx"),
                XmlEvent::End { line, .. } => break line,
            }
        };
        if !header {
            self.problem(end_line, "<tmx> has no <header>");
        }
        if !body {
            self.problem(end_line, "<tmx> has no <body>");
        }
        if let Err(e) = self.xml.next_event() {
            return Err(self.fatal(e));
        }
        Ok(units)
    }

    fn body(&mut self, units: &mut Vec<SourcedUnit>) -> Result<()> {
        loop {
            match self.next()? {
                XmlEvent::Start {
                    name,
                    attributes,
                    line,
                } if name == "tu" => {
                    if let Some(unit) = self.tu(&attributes, line)? {
                        units.push(SourcedUnit { line, unit });
                    }
                }
                XmlEvent::Start { name, line, .. } => self.unexpected(&name, line, "body")?,
                XmlEvent::Text { text, line } => self.stray_text(&text, line, "body"),
                XmlEvent::End { .. } => return Ok(()),
            }
        }
    }

    /// Reads a `<tu>`; `None` when it has problems (already recorded).
    fn tu(&mut self, attributes: &[(String, String)], line: u64) -> Result<Option<Unit>> {
        let mut ok = true;
        let tuid = clean_term(attribute(attributes, "tuid").unwrap_or(""));
        let created = match attribute(attributes, "creationdate").map(created_from_tmx) {
            None => None,
            Some(Ok(c)) => Some(c),
            Some(Err(e)) => {
                self.problem(line, e);
                ok = false;
                None
            }
        };
        let (mut origin_doc, mut origin_date) = (String::new(), String::new());
        let mut segments: Vec<Segment> = Vec::new();
        let mut tuvs = 0;
        loop {
            match self.next()? {
                XmlEvent::Start {
                    name,
                    attributes,
                    line,
                } => match name.as_str() {
                    "prop" => {
                        let text = self.element_text("prop")?;
                        match attribute(&attributes, "type") {
                            Some(PROP_ORIGIN_DOC) => origin_doc = clean_term(&text),
                            Some(PROP_ORIGIN_DATE) => match check_origin_date(&text) {
                                Ok(d) => origin_date = d,
                                Err(e) => {
                                    self.problem(line, format!("{PROP_ORIGIN_DATE}: {e}"));
                                    ok = false;
                                }
                            },
                            _ => {}
                        }
                    }
                    "note" => self.skip()?,
                    "tuv" => {
                        tuvs += 1;
                        match self.tuv(&attributes, line)? {
                            Some(s) => segments.push(s),
                            None => ok = false,
                        }
                    }
                    other => {
                        self.unexpected(other, line, "tu")?;
                        ok = false;
                    }
                },
                XmlEvent::Text { text, line } => self.stray_text(&text, line, "tu"),
                XmlEvent::End { .. } => break,
            }
        }
        if tuvs == 0 {
            self.problem(line, "a <tu> without any <tuv>");
            return Ok(None);
        }
        if !ok {
            return Ok(None);
        }
        if let Err(e) = check_segments(&mut segments) {
            self.problem(line, e);
            return Ok(None);
        }
        let unit = Unit {
            tuid,
            origin_doc,
            origin_date,
            created,
            segments,
        };
        let problems = check_fields(&unit);
        if !problems.is_empty() {
            for p in problems {
                self.problem(line, p);
            }
            return Ok(None);
        }
        Ok(Some(unit))
    }

    /// The text of an element that holds only text (`prop`, `note`).
    fn element_text(&mut self, parent: &str) -> Result<String> {
        let mut text = String::new();
        loop {
            match self.next()? {
                XmlEvent::Text { text: t, .. } => text.push_str(&t),
                XmlEvent::Start { name, line, .. } => self.unexpected(&name, line, parent)?,
                XmlEvent::End { .. } => return Ok(text),
            }
        }
    }

    fn tuv(&mut self, attributes: &[(String, String)], line: u64) -> Result<Option<Segment>> {
        let lang = match attribute(attributes, "xml:lang").or(attribute(attributes, "lang")) {
            None => {
                self.problem(line, "a <tuv> without xml:lang");
                None
            }
            Some(tag) => match tag.parse::<Lang>() {
                Ok(l) => Some(l),
                Err(e) => {
                    self.problem(line, format!("xml:lang: {e}"));
                    None
                }
            },
        };
        let mut text: Option<(String, u64)> = None;
        let mut ok = lang.is_some();
        loop {
            match self.next()? {
                XmlEvent::Start { name, line, .. } => match name.as_str() {
                    "seg" => {
                        let seg = self.seg_content()?;
                        if text.is_some() {
                            self.problem(line, "a second <seg> in one <tuv>");
                            ok = false;
                        }
                        text = Some((seg, line));
                    }
                    "note" | "prop" => self.skip()?,
                    other => {
                        self.unexpected(other, line, "tuv")?;
                        ok = false;
                    }
                },
                XmlEvent::Text { text: t, line } => self.stray_text(&t, line, "tuv"),
                XmlEvent::End { .. } => break,
            }
        }
        let Some((raw, seg_line)) = text else {
            self.problem(line, "a <tuv> without <seg>");
            return Ok(None);
        };
        let cleaned = match clean_segment(&raw) {
            Ok(t) => t,
            Err(e) => {
                self.problem(seg_line, e);
                return Ok(None);
            }
        };
        Ok(match (ok, lang) {
            (true, Some(lang)) => Some(Segment {
                lang,
                text: cleaned,
            }),
            _ => None,
        })
    }

    /// The text of a `<seg>`, inline codes dropped. The text of `<hi>`
    /// elements inside it is the segment's; they may nest to any depth, so
    /// they are counted, not followed by recursion (a file nesting them a
    /// hundred thousand deep overflowed the stack).
    fn seg_content(&mut self) -> Result<String> {
        let mut text = String::new();
        let mut open_hi = 0usize;
        loop {
            match self.next()? {
                XmlEvent::Text { text: t, .. } => text.push_str(&t),
                XmlEvent::Start { name, line, .. } => {
                    if name == "hi" {
                        open_hi += 1;
                    } else if CODE_ELEMENTS.contains(&name.as_str()) {
                        self.skip()?;
                    } else {
                        self.unexpected(&name, line, "seg")?;
                    }
                }
                XmlEvent::End { .. } if open_hi > 0 => open_hi -= 1,
                XmlEvent::End { .. } => return Ok(text),
            }
        }
    }
}

/// Reads the units of a TMX document (already checked as UTF-8 text).
/// Any problem makes the whole file an error listing every problem found.
pub fn parse(label: &str, text: &str) -> Result<Vec<SourcedUnit>> {
    let mut parser = Parser {
        xml: XmlReader::new(label, text.as_bytes()),
        label: label.to_string(),
        problems: Vec::new(),
    };
    let units = parser.tmx()?;
    if parser.problems.is_empty() {
        Ok(units)
    } else {
        Err(Error::Invalid(parser.problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmx(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"vi\" datatype=\"plaintext\"/>\n<body>\n{body}\n</body>\n</tmx>\n"
        )
    }

    fn errors(text: &str) -> String {
        parse("t.tmx", text).unwrap_err().to_string()
    }

    #[test]
    fn reads_units_with_metadata_and_drops_inline_codes() {
        let text = tmx(concat!(
            "<tu tuid=\"a1\" creationdate=\"20251026T083000Z\">\n",
            "  <prop type=\"x-origin-document\">Báo  Nhân Dân</prop>\n",
            "  <prop type=\"x-origin-date\">2025-10-26</prop>\n",
            "  <note>ignored</note>\n",
            "  <tuv xml:lang=\"vi\"><seg>Hà Nội <bpt i=\"1\">&lt;b&gt;</bpt><hi>25/10</hi><ept i=\"1\">&lt;/b&gt;</ept></seg></tuv>\n",
            "  <tuv lang=\"EN\"><seg>Hanoi &amp; 25 October</seg></tuv>\n",
            "</tu>"
        ));
        let units = parse("t.tmx", &text).unwrap();
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].line, 5);
        let u = &units[0].unit;
        assert_eq!(u.tuid, "a1");
        assert_eq!(u.created.as_deref(), Some("2025-10-26T08:30:00Z"));
        assert_eq!(u.origin_doc, "Báo Nhân Dân");
        assert_eq!(u.origin_date, "2025-10-26");
        let segs: Vec<_> = u
            .segments
            .iter()
            .map(|s| (s.lang.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            segs,
            vec![("vi", "Hà Nội 25/10"), ("en", "Hanoi & 25 October")]
        );
    }

    #[test]
    fn deeply_nested_highlights_are_read_without_recursion() {
        let depth = 100_000;
        let doc = tmx(&format!(
            "<tu><tuv xml:lang=\"vi\"><seg>a {}b{} c</seg></tuv><tuv xml:lang=\"en\"><seg>d</seg></tuv></tu>",
            "<hi>".repeat(depth),
            "</hi>".repeat(depth)
        ));
        let units = parse("deep.tmx", &doc).unwrap();
        let vi = units[0]
            .unit
            .segments
            .iter()
            .find(|s| s.lang.as_str() == "vi");
        assert_eq!(vi.unwrap().text, "a b c");
    }

    #[test]
    fn structure_problems_are_all_listed_with_lines() {
        let text = tmx(concat!(
            "<tu>\n<tuv xml:lang=\"vi\"><seg>một</seg></tuv>\n</tu>\n",
            "<tu>\n<tuv xml:lang=\"vi\"></tuv>\n<tuv><seg>x</seg></tuv>\n</tu>\n",
            "<tu creationdate=\"yesterday\"><tuv xml:lang=\"vi\"><seg>a</seg></tuv><tuv xml:lang=\"en\"><seg> </seg></tuv></tu>\n",
            "<tu/>"
        ));
        assert_eq!(
            errors(&text),
            [
                "t.tmx:5: a translation unit needs segments in at least two languages (it has only vi)",
                "t.tmx:9: a <tuv> without <seg>",
                "t.tmx:10: a <tuv> without xml:lang",
                "t.tmx:12: creationdate \"yesterday\" is not a TMX date (YYYYMMDDThhmmssZ, in UTC)",
                "t.tmx:12: the segment is empty",
                "t.tmx:13: a <tu> without any <tuv>",
                "6 problems; nothing was written",
            ]
            .join("\n")
        );
    }

    #[test]
    fn wrong_root_missing_parts_and_unsafe_xml_are_refused() {
        assert_eq!(
            errors("<?xml version=\"1.0\"?>\n<tbx/>"),
            "t.tmx:2: the root element is <tbx>: a TMX file's root is <tmx>\nnothing was written"
        );
        assert_eq!(
            errors("<tmx>\n<body/>\n</tmx>"),
            "t.tmx:2: <body> comes before any <header>\nnothing was written"
        );
        assert!(errors("<tmx><header/>\n</tmx>").starts_with("t.tmx:2: <tmx> has no <body>"));
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n<tmx/>";
        assert!(errors(bomb).starts_with("t.tmx:2: the DOCTYPE has an internal subset"));
        let xxe = tmx("<tu><tuv xml:lang=\"vi\"><seg>&xxe;</seg></tuv></tu>");
        assert!(errors(&xxe).starts_with("t.tmx:5: entity &xxe; is not defined"));
        assert!(
            errors(&tmx("<tu><tuv xml:lang=\"vi\"><seg>x</tuv></tu>")).contains("not well-formed")
        );
    }
}
