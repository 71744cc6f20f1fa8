//! Reading TMX: a recursive descent over the safe pull reader's events,
//! collecting structure problems with their lines, and recording what it
//! adjusted and left out.

use std::collections::BTreeMap;

use super::{PROP_ORIGIN_DATE, PROP_ORIGIN_DOC};
use crate::adjust::{Adjustments, Kind, LeftOut};
use crate::error::{Error, Problem, Result};
use crate::model::Lang;
use crate::model::unit::{
    Segment, SourcedUnit, Unit, check_created, check_fields, check_origin_date, clean_segment,
    created_from_tmx, split_alternatives,
};
use crate::normalize::clean_term;
use crate::tm::TmFile;
use crate::xml::{XmlEvent, XmlReader};

/// Inline elements that stand for a piece of the original document's code
/// where the text had something (a line break, an image, a variable): a
/// word boundary when dropped.
const PLACEHOLDERS: &[&str] = &["ph", "ut"];
/// Inline elements that mark where formatting begins or ends (bold, a
/// link): dropped without a boundary, since they may fall inside a word.
const FORMATTING: &[&str] = &["bpt", "ept", "it"];

struct Parser<'a> {
    xml: XmlReader<&'a [u8]>,
    label: String,
    problems: Vec<Problem>,
    adjustments: Adjustments,
    left_out: LeftOut,
}

fn attribute<'e>(attributes: &'e [(String, String)], name: &str) -> Option<&'e str> {
    attributes
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// How a left-out element is named: `<prop type="x-Context">`, `<note>`.
fn element_name(name: &str, attributes: &[(String, String)]) -> String {
    match attribute(attributes, "type") {
        Some(t) => format!("<{name} type=\"{t}\">"),
        None => format!("<{name}>"),
    }
}

/// Text of a segment being read, with the word boundaries dropped codes
/// leave behind.
#[derive(Default)]
struct SegText {
    text: String,
    /// A placeholder was dropped since the last text.
    boundary: bool,
}

impl SegText {
    fn push(&mut self, t: &str) {
        if std::mem::take(&mut self.boundary) && needs_space(&self.text, t) {
            self.text.push(' ');
        }
        self.text.push_str(t);
    }

    /// Text that stands apart from its neighbours (a `<sub>` flow).
    fn push_apart(&mut self, t: &str) {
        self.text.push(' ');
        self.text.push_str(t);
        self.text.push(' ');
    }
}

/// Whether a dropped placeholder between `before` and `after` stood
/// between words: both sides touch it with something other than white
/// space, and the text after it does not go on with closing punctuation
/// (nor the text before end with opening punctuation).
fn needs_space(before: &str, after: &str) -> bool {
    let (Some(b), Some(a)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    !b.is_whitespace()
        && !a.is_whitespace()
        && !".,;:!?)]}»”’%".contains(a)
        && !"([{«“‘".contains(b)
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

    /// Skips an element hcgloss keeps nothing of, counting it.
    fn leave_out(&mut self, name: &str, attributes: &[(String, String)], line: u64) -> Result<()> {
        self.left_out.add(element_name(name, attributes), line);
        self.skip()
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
                    self.header()?;
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

    /// The header's attributes say how the file was made; its properties,
    /// notes and user-defined encodings are data hcgloss does not keep.
    fn header(&mut self) -> Result<()> {
        loop {
            match self.next()? {
                XmlEvent::Start {
                    name,
                    attributes,
                    line,
                } => {
                    let what = format!("{} in the header", element_name(&name, &attributes));
                    self.left_out.add(what, line);
                    self.skip()?;
                }
                XmlEvent::Text { .. } => {}
                XmlEvent::End { .. } => return Ok(()),
            }
        }
    }

    fn body(&mut self, units: &mut Vec<SourcedUnit>) -> Result<()> {
        loop {
            match self.next()? {
                XmlEvent::Start {
                    name,
                    attributes,
                    line,
                } if name == "tu" => {
                    for unit in self.tu(&attributes, line)? {
                        units.push(SourcedUnit { line, unit });
                    }
                }
                XmlEvent::Start { name, line, .. } => self.unexpected(&name, line, "body")?,
                XmlEvent::Text { text, line } => self.stray_text(&text, line, "body"),
                XmlEvent::End { .. } => return Ok(()),
            }
        }
    }

    /// A creation date: TMX's own form, or the ISO 8601 extended form some
    /// tools write; anything else is not read (the unit gets the time of
    /// the import), and reported.
    fn creation_date(&mut self, value: &str, line: u64) -> Option<String> {
        if let Ok(c) = created_from_tmx(value) {
            return Some(c);
        }
        if let Ok(c) = check_created(value) {
            return Some(c);
        }
        self.adjustments.add(
            Kind::CreationDate,
            line,
            "",
            format!(
                "creationdate \"{value}\" is not a TMX date (YYYYMMDDThhmmssZ); the unit is given the time of the import"
            ),
        );
        None
    }

    /// Reads a `<tu>`: no unit when it has problems (already recorded) or
    /// no text; several when it holds two segments in one language.
    fn tu(&mut self, attributes: &[(String, String)], line: u64) -> Result<Vec<Unit>> {
        let mut ok = true;
        let tuid = clean_term(attribute(attributes, "tuid").unwrap_or(""));
        let created =
            attribute(attributes, "creationdate").and_then(|v| self.creation_date(v, line));
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
                            _ => self.left_out.add(element_name(&name, &attributes), line),
                        }
                    }
                    "note" => self.leave_out(&name, &attributes, line)?,
                    "tuv" => {
                        tuvs += 1;
                        match self.tuv(&attributes, line)? {
                            Ok(Some(s)) => segments.push(s),
                            Ok(None) => {}
                            Err(()) => ok = false,
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
            return Ok(Vec::new());
        }
        if !ok {
            return Ok(Vec::new());
        }
        if segments.is_empty() {
            self.adjustments.add(
                Kind::EmptyUnit,
                line,
                "",
                "a <tu> whose segments are all empty: left out",
            );
            return Ok(Vec::new());
        }
        let (alternatives, doubled) = split_alternatives(segments);
        for lang in doubled {
            self.adjustments.add(
                Kind::SplitUnit,
                line,
                lang.to_string(),
                format!(
                    "a <tu> with two segments in {lang}: each is stored as a unit with the unit's other segments"
                ),
            );
        }
        let units: Vec<Unit> = alternatives
            .into_iter()
            .map(|segments| Unit {
                tuid: tuid.clone(),
                origin_doc: origin_doc.clone(),
                origin_date: origin_date.clone(),
                created: created.clone(),
                segments,
            })
            .collect();
        // Every field is checked once, whichever alternative holds it.
        let mut problems: Vec<String> = Vec::new();
        for p in units.iter().flat_map(check_fields) {
            if !problems.contains(&p) {
                problems.push(p);
            }
        }
        if !problems.is_empty() {
            for p in problems {
                self.problem(line, p);
            }
            return Ok(Vec::new());
        }
        Ok(units)
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

    /// The language of a `<tuv>`, read liberally (`en_US`).
    fn tuv_lang(&mut self, attributes: &[(String, String)], line: u64) -> Option<Lang> {
        let Some(tag) = attribute(attributes, "xml:lang").or(attribute(attributes, "lang")) else {
            self.problem(line, "a <tuv> without xml:lang");
            return None;
        };
        match Lang::parse_foreign(tag) {
            Ok((lang, note)) => {
                if let Some(note) = note {
                    self.adjustments
                        .add(Kind::Language, line, format!("{tag} → {lang}"), note);
                }
                Some(lang)
            }
            Err(e) => {
                self.problem(line, format!("xml:lang: {e}"));
                None
            }
        }
    }

    /// Reads a `<tuv>`: its segment, `Ok(None)` when the segment is empty
    /// (reported), `Err` when it has problems (recorded).
    fn tuv(
        &mut self,
        attributes: &[(String, String)],
        line: u64,
    ) -> Result<std::result::Result<Option<Segment>, ()>> {
        let lang = self.tuv_lang(attributes, line);
        let mut text: Option<(String, u64)> = None;
        let mut ok = lang.is_some();
        loop {
            match self.next()? {
                XmlEvent::Start {
                    name,
                    attributes,
                    line,
                } => match name.as_str() {
                    "seg" => {
                        let seg = self.seg_content(line)?;
                        if text.is_some() {
                            self.problem(line, "a second <seg> in one <tuv>");
                            ok = false;
                        }
                        text = Some((seg, line));
                    }
                    "note" | "prop" => self.leave_out(&name, &attributes, line)?,
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
            return Ok(Err(()));
        };
        if clean_term(&raw).is_empty() {
            if let Some(lang) = &lang {
                self.adjustments.add(
                    Kind::EmptySegment,
                    seg_line,
                    lang.to_string(),
                    format!("the {lang} segment is empty (or holds only inline codes): left out"),
                );
            }
            return Ok(if ok { Ok(None) } else { Err(()) });
        }
        let cleaned = match clean_segment(&raw) {
            Ok(t) => t,
            Err(e) => {
                self.problem(seg_line, e);
                return Ok(Err(()));
            }
        };
        Ok(match (ok, lang) {
            (true, Some(lang)) => Ok(Some(Segment {
                lang,
                text: cleaned,
            })),
            _ => Err(()),
        })
    }

    /// The text of a `<seg>`. Inline codes are dropped: a placeholder
    /// (`ph`, `ut`) that stood between words leaves a space, formatting
    /// marks (`bpt`, `ept`, `it`) leave nothing, since they may stand
    /// inside a word. The text of `<hi>` is the segment's, and so is that of
    /// a `<sub>` inside a code (a translatable flow, such as an image's
    /// alternative text), kept apart from its neighbours. `<hi>` may nest
    /// to any depth, so it is counted, not followed by recursion (a file
    /// nesting it a hundred thousand deep overflowed the stack).
    fn seg_content(&mut self, seg_line: u64) -> Result<String> {
        let mut text = SegText::default();
        let mut open_hi = 0usize;
        let mut dropped: BTreeMap<String, (usize, String)> = BTreeMap::new();
        loop {
            match self.next()? {
                XmlEvent::Text { text: t, .. } => text.push(&t),
                XmlEvent::Start { name, line, .. } => {
                    if name == "hi" {
                        open_hi += 1;
                    } else if PLACEHOLDERS.contains(&name.as_str())
                        || FORMATTING.contains(&name.as_str())
                    {
                        let (native, subs) = self.code_content()?;
                        let entry = dropped.entry(name.clone()).or_insert((0, native));
                        entry.0 += 1;
                        for sub in subs {
                            text.push_apart(&sub);
                        }
                        if PLACEHOLDERS.contains(&name.as_str()) {
                            text.boundary = true;
                        }
                    } else {
                        self.unexpected(&name, line, "seg")?;
                    }
                }
                XmlEvent::End { .. } if open_hi > 0 => open_hi -= 1,
                XmlEvent::End { .. } => break,
            }
        }
        for (name, (count, native)) in dropped {
            let example = native.trim();
            let example: String = example.chars().take(40).collect();
            self.adjustments.add_many(
                Kind::InlineCode,
                seg_line,
                count,
                format!("<{name}>"),
                format!("{count} <{name}> dropped from the segment (e.g. \"{example}\")"),
            );
        }
        Ok(text.text)
    }

    /// Reads an inline code whose start was just read: its native code,
    /// and the text of the `<sub>` flows inside it.
    fn code_content(&mut self) -> Result<(String, Vec<String>)> {
        let mut native = String::new();
        let mut subs: Vec<String> = Vec::new();
        // Depth of elements inside the code, and of `<sub>`s among them.
        let mut depth = 0usize;
        let mut sub_depth = 0usize;
        loop {
            match self.next()? {
                XmlEvent::Text { text, .. } => {
                    if sub_depth > 0 {
                        if let Some(last) = subs.last_mut() {
                            last.push_str(&text);
                        }
                    } else {
                        native.push_str(&text);
                    }
                }
                XmlEvent::Start { name, .. } => {
                    depth += 1;
                    if name == "sub" {
                        if sub_depth == 0 {
                            subs.push(String::new());
                        }
                        sub_depth += 1;
                    } else if sub_depth > 0 {
                        // A code inside a flow: its text is code.
                        sub_depth += 1;
                    }
                }
                XmlEvent::End { .. } if depth == 0 => break,
                XmlEvent::End { .. } => {
                    depth -= 1;
                    sub_depth = sub_depth.saturating_sub(1);
                }
            }
        }
        subs.retain(|s| !s.trim().is_empty());
        Ok((native, subs))
    }
}

/// Reads the units of a TMX document (already decoded). Any problem makes
/// the whole file an error listing every problem found; what was adjusted
/// and left out comes with the units.
pub fn read(label: &str, text: &str) -> Result<TmFile> {
    let mut parser = Parser {
        xml: XmlReader::new(label, text.as_bytes()),
        label: label.to_string(),
        problems: Vec::new(),
        adjustments: Adjustments::default(),
        left_out: LeftOut::default(),
    };
    let units = parser.tmx()?;
    if parser.problems.is_empty() {
        Ok(TmFile {
            units,
            adjustments: parser.adjustments,
            left_out: parser.left_out,
        })
    } else {
        Err(Error::Invalid(parser.problems))
    }
}

/// The units of a TMX document, without what was adjusted or left out.
pub fn parse(label: &str, text: &str) -> Result<Vec<SourcedUnit>> {
    read(label, text).map(|f| f.units)
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
            "<tu creationdate=\"yesterday\"><tuv xml:lang=\"vn\"><seg>a</seg></tuv><tuv xml:lang=\"en\"><seg> </seg></tuv></tu>\n",
            "<tu/>"
        ));
        assert_eq!(
            errors(&text),
            [
                "t.tmx:9: a <tuv> without <seg>",
                "t.tmx:10: a <tuv> without xml:lang",
                "t.tmx:12: xml:lang: \"vn\" is not a language; Vietnamese is \"vi\"",
                "t.tmx:13: a <tu> without any <tuv>",
                "4 problems; nothing was written",
            ]
            .join("\n")
        );
    }

    #[test]
    fn foreign_content_is_adjusted_and_reported() {
        let text = tmx(concat!(
            "<tu creationdate=\"2020-01-01T10:00:00Z\"><prop type=\"x-Context\">c</prop>\n",
            "<tuv xml:lang=\"en_US\"><seg>This is<ph>&lt;br&gt;</ph>a <bpt i=\"1\">&lt;b&gt;</bpt>bold<ept i=\"1\">&lt;/b&gt;</ept>ly<ph>&lt;img alt=\"<sub>Start here</sub>\"&gt;</ph>test<ph/>.</seg></tuv>\n",
            "<tuv xml:lang=\"fr-ca\"><seg>A</seg></tuv><tuv xml:lang=\"FR-CA\"><seg>B</seg></tuv>\n",
            "<tuv xml:lang=\"de\"><seg><ph>x</ph></seg></tuv></tu>\n",
            "<tu creationdate=\"yesterday\"><note>n</note><tuv xml:lang=\"vi\"><seg>Một</seg></tuv></tu>"
        ));
        let f = read("t.tmx", &text).unwrap();
        let units: Vec<Vec<(String, String)>> = f
            .units
            .iter()
            .map(|u| {
                u.unit
                    .segments
                    .iter()
                    .map(|s| (s.lang.to_string(), s.text.clone()))
                    .collect()
            })
            .collect();
        let en = "This is a boldly Start here test.".to_string();
        assert_eq!(
            units,
            [
                vec![
                    ("en-US".to_string(), en.clone()),
                    ("fr-CA".into(), "A".into())
                ],
                vec![("en-US".to_string(), en), ("fr-CA".into(), "B".into())],
                vec![("vi".to_string(), "Một".to_string())],
            ]
        );
        assert_eq!(
            f.units[0].unit.created.as_deref(),
            Some("2020-01-01T10:00:00Z")
        );
        assert_eq!(f.units[2].unit.created, None);
        assert_eq!(
            f.adjustments.summary(),
            "1 language tag read in its standard form (en_US → en-US ×1), 1 empty segment left out (de ×1), 1 unit with two segments in one language split (fr-CA ×1), 1 creation date not read, 6 inline codes dropped (<ph> ×4, <bpt> ×1, <ept> ×1)"
        );
        assert_eq!(
            f.left_out.describe(),
            "<note> ×1 (first on line 9), <prop type=\"x-Context\"> ×1 (first on line 5)"
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
