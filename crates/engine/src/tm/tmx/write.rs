//! Writing TMX 1.4 that validates against the DTD: a fixed header, one
//! `<tu>` per unit with its tuid and creation date, the origin as
//! properties, one `<tuv>` per segment. Text is escaped by quick-xml.

use std::io::{self, Write};

use quick_xml::escape::{escape, partial_escape};

use super::{PROP_ORIGIN_DATE, PROP_ORIGIN_DOC};
use crate::model::unit::{Unit, created_to_tmx};

/// Writes the XML declaration, `<tmx>` and its `<header>`, and opens `<body>`.
pub fn write_start(w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(w, "<tmx version=\"1.4\">")?;
    writeln!(
        w,
        "  <header creationtool=\"hcgloss\" creationtoolversion=\"{}\" segtype=\"sentence\" o-tmf=\"hcgloss\" adminlang=\"en\" srclang=\"*all*\" datatype=\"plaintext\"/>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(w, "  <body>")
}

/// Writes one unit as a `<tu>`.
pub fn write_unit(w: &mut dyn Write, unit: &Unit) -> io::Result<()> {
    write!(w, "    <tu")?;
    if !unit.tuid.is_empty() {
        write!(w, " tuid=\"{}\"", escape(unit.tuid.as_str()))?;
    }
    if let Some(created) = &unit.created {
        write!(w, " creationdate=\"{}\"", created_to_tmx(created))?;
    }
    writeln!(w, ">")?;
    if !unit.origin_doc.is_empty() {
        writeln!(
            w,
            "      <prop type=\"{PROP_ORIGIN_DOC}\">{}</prop>",
            partial_escape(unit.origin_doc.as_str())
        )?;
    }
    if !unit.origin_date.is_empty() {
        writeln!(
            w,
            "      <prop type=\"{PROP_ORIGIN_DATE}\">{}</prop>",
            partial_escape(unit.origin_date.as_str())
        )?;
    }
    for s in &unit.segments {
        writeln!(
            w,
            "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>",
            escape(s.lang.as_str()),
            partial_escape(s.text.as_str())
        )?;
    }
    writeln!(w, "    </tu>")
}

/// Closes `<body>` and `<tmx>`.
pub fn write_end(w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "  </body>")?;
    writeln!(w, "</tmx>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::unit::Segment;
    use crate::tm::tmx::parse;

    #[test]
    fn written_units_read_back_the_same() {
        let unit = Unit {
            tuid: "q\"1".into(),
            origin_doc: "A & B <news>".into(),
            origin_date: "2025-10-25".into(),
            created: Some("2025-10-25T01:02:03Z".into()),
            segments: vec![
                Segment {
                    lang: "vi".parse().unwrap(),
                    text: "Bộ Công an <tăng cường> & \"hợp tác\"".into(),
                },
                Segment {
                    lang: "en".parse().unwrap(),
                    text: "Ministry's cooperation".into(),
                },
            ],
        };
        let mut out = Vec::new();
        write_start(&mut out).unwrap();
        write_unit(&mut out, &unit).unwrap();
        write_end(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let back = parse("t.tmx", &text).unwrap();
        assert_eq!(back[0].unit, unit);
    }
}
