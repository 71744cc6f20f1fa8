//! Tab-separated translation units: one unit per line, one column per
//! language, named by a header line.
//!
//! ```text
//! id<TAB>vi<TAB>en
//! Kementerian Keamanan Publik<TAB>Bộ Công an<TAB>Ministry of Public Security
//! ```
//!
//! Header columns are language tags, plus any of four reserved names for
//! a unit's metadata: `tuid`, `origin` (the source document), `origin-date`
//! (YYYY-MM-DD) and `created` (YYYY-MM-DDThh:mm:ssZ). At least two
//! language columns are required; an empty cell means the unit has no
//! segment in that language, and a row needs at least one. There is
//! no quoting: a segment cannot contain a tab or a line break (white space
//! inside a segment is made single spaces on import, so export never writes
//! one). Blank lines are skipped; CRLF line ends and a BOM are accepted.

use std::io::{self, Write};

use crate::adjust::{Adjustments, Kind};
use crate::error::{Error, Problem, Result};
use crate::model::Lang;
use crate::model::unit::Segment;
use crate::model::unit::{
    SourcedUnit, Unit, check_created, check_fields, check_origin_date, clean_segment, sort_segments,
};
use crate::normalize::clean_term;
use crate::tm::TmFile;

pub const TUID: &str = "tuid";
pub const ORIGIN: &str = "origin";
pub const ORIGIN_DATE: &str = "origin-date";
pub const CREATED: &str = "created";
const RESERVED: [&str; 4] = [TUID, ORIGIN, ORIGIN_DATE, CREATED];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Lang(Lang),
    Tuid,
    Origin,
    OriginDate,
    Created,
}

fn parse_header(label: &str, line: &str, adjustments: &mut Adjustments) -> Result<Vec<Column>> {
    let bad = |message: String| Error::invalid(label, Some(1), message);
    let mut columns = Vec::new();
    for (i, name) in line.split('\t').enumerate() {
        let name = name.trim();
        let column = match name {
            "" => return Err(bad(format!("header column {} has no name", i + 1))),
            TUID => Column::Tuid,
            ORIGIN => Column::Origin,
            ORIGIN_DATE => Column::OriginDate,
            CREATED => Column::Created,
            _ => match Lang::parse_foreign(name) {
                Ok((lang, note)) => {
                    if let Some(note) = note {
                        adjustments.add(Kind::Language, 1, format!("{name} → {lang}"), note);
                    }
                    Column::Lang(lang)
                }
                Err(e) if name.len() <= 3 || name.contains(['-', '_']) => {
                    return Err(bad(format!("header column {}: {e}", i + 1)));
                }
                Err(_) => {
                    return Err(bad(format!(
                        "header column {} \"{name}\" is neither a language tag nor one of {}; the header names the languages, tab-separated (e.g. id<TAB>vi<TAB>en)",
                        i + 1,
                        RESERVED.join(", ")
                    )));
                }
            },
        };
        if columns.contains(&column) {
            return Err(bad(format!("header column \"{name}\" appears twice")));
        }
        columns.push(column);
    }
    let langs = columns
        .iter()
        .filter(|c| matches!(c, Column::Lang(_)))
        .count();
    if langs < 2 {
        return Err(bad(format!(
            "the header names {langs} language{}: a translation memory needs at least two (e.g. id<TAB>vi<TAB>en)",
            if langs == 1 { "" } else { "s" }
        )));
    }
    Ok(columns)
}

/// Reads one row; `Err` holds its problems' messages.
fn parse_row(columns: &[Column], line: &str) -> Result<Unit, Vec<String>> {
    let cells: Vec<&str> = line.split('\t').collect();
    if cells.len() != columns.len() {
        return Err(vec![format!(
            "the row has {} fields, the header has {}",
            cells.len(),
            columns.len()
        )]);
    }
    let mut problems = Vec::new();
    let mut unit = Unit {
        tuid: String::new(),
        origin_doc: String::new(),
        origin_date: String::new(),
        created: None,
        segments: Vec::new(),
    };
    for (column, cell) in columns.iter().zip(cells) {
        match column {
            Column::Lang(lang) => {
                if cell.trim().is_empty() {
                    continue;
                }
                match clean_segment(cell) {
                    Ok(text) => unit.segments.push(Segment {
                        lang: lang.clone(),
                        text,
                    }),
                    Err(e) => problems.push(format!("{lang}: {e}")),
                }
            }
            Column::Tuid => unit.tuid = clean_term(cell),
            Column::Origin => unit.origin_doc = clean_term(cell),
            Column::OriginDate => match check_origin_date(cell) {
                Ok(d) => unit.origin_date = d,
                Err(e) => problems.push(e),
            },
            Column::Created if cell.trim().is_empty() => {}
            Column::Created => match check_created(cell) {
                Ok(c) => unit.created = Some(c),
                Err(e) => problems.push(e),
            },
        }
    }
    problems.extend(check_fields(&unit));
    sort_segments(&mut unit.segments);
    if problems.is_empty() {
        Ok(unit)
    } else {
        Err(problems)
    }
}

/// Reads tab-separated units (text already decoded, BOM stripped). Every
/// row's problems are collected; any makes the whole file an error.
pub fn parse(label: &str, text: &str) -> Result<Vec<SourcedUnit>> {
    read(label, text).map(|f| f.units)
}

/// Reads tab-separated units with what was adjusted: a row whose language
/// cells are all empty is left out and reported.
pub fn read(label: &str, text: &str) -> Result<TmFile> {
    let mut adjustments = Adjustments::default();
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let header = match lines.next() {
        Some(h) if !h.trim().is_empty() => h,
        _ => {
            return Err(Error::invalid(
                label,
                Some(1),
                "no header: the first line names the languages, tab-separated (e.g. id<TAB>vi<TAB>en)",
            ));
        }
    };
    let columns = parse_header(label, header, &mut adjustments)?;
    let mut units = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in lines.enumerate() {
        let number = i as u64 + 2;
        if line.trim().is_empty() {
            continue;
        }
        match parse_row(&columns, line) {
            Ok(unit) if unit.segments.is_empty() => adjustments.add(
                Kind::EmptyUnit,
                number,
                "",
                "a row with no text in any language: left out",
            ),
            Ok(unit) => units.push(SourcedUnit { line: number, unit }),
            Err(messages) => problems.extend(messages.into_iter().map(|message| Problem {
                file: label.to_string(),
                line: Some(number),
                message,
            })),
        }
    }
    if problems.is_empty() {
        Ok(TmFile {
            units,
            adjustments,
            left_out: Default::default(),
        })
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Writes the header: the language columns, then the metadata columns.
pub fn write_header(w: &mut dyn Write, langs: &[Lang]) -> io::Result<()> {
    let names: Vec<&str> = langs
        .iter()
        .map(Lang::as_str)
        .chain(RESERVED.iter().copied())
        .collect();
    writeln!(w, "{}", names.join("\t"))
}

/// Writes one unit under a header written for `langs`.
pub fn write_row(w: &mut dyn Write, langs: &[Lang], unit: &Unit) -> io::Result<()> {
    let mut cells: Vec<&str> = langs
        .iter()
        .map(|l| {
            unit.segments
                .iter()
                .find(|s| &s.lang == l)
                .map_or("", |s| s.text.as_str())
        })
        .collect();
    cells.push(&unit.tuid);
    cells.push(&unit.origin_doc);
    cells.push(&unit.origin_date);
    cells.push(unit.created.as_deref().unwrap_or(""));
    writeln!(w, "{}", cells.join("\t"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> String {
        parse("t.tsv", text).unwrap_err().to_string()
    }

    #[test]
    fn reads_languages_and_metadata() {
        let text = "\u{20}id\tvi\ten\ttuid\torigin-date\r\n\
                    Komite Pengarah\tBan Chỉ đạo\t\tu1\t2025-10-20\r\n\
                    \r\n\
                    \tBan  Chỉ đạo quốc gia\tNational Steering Committee\t\t\n";
        let units = parse("t.tsv", text).unwrap();
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].line, 2);
        assert_eq!(units[0].unit.tuid, "u1");
        assert_eq!(units[0].unit.origin_date, "2025-10-20");
        assert_eq!(units[0].unit.segments.len(), 2);
        assert_eq!(units[1].line, 4);
        assert_eq!(units[1].unit.segments[0].text, "Ban Chỉ đạo quốc gia");
        assert_eq!(units[1].unit.segments[1].lang.as_str(), "en");
    }

    #[test]
    fn bad_headers_are_refused_at_line_1() {
        assert_eq!(
            errors("id,vi,en\na,b,c\n"),
            "t.tsv:1: header column 1 \"id,vi,en\" is neither a language tag nor one of tuid, origin, origin-date, created; the header names the languages, tab-separated (e.g. id<TAB>vi<TAB>en)\nnothing was written"
        );
        assert!(errors("vi\ttuid\n").starts_with(
            "t.tsv:1: the header names 1 language: a translation memory needs at least two"
        ));
        assert!(errors("vi\ten\tvi\n").starts_with("t.tsv:1: header column \"vi\" appears twice"));
        assert!(errors("vi\t\ten\n").starts_with("t.tsv:1: header column 2 has no name"));
        assert!(errors("").starts_with("t.tsv:1: no header"));
    }

    #[test]
    fn every_bad_row_is_listed() {
        let text = "vi\ten\torigin-date\nmột\tone\n\thai\t\nba\tthree\t2025-13-01\nbốn\tfour\t\n";
        assert_eq!(
            errors(text),
            [
                "t.tsv:2: the row has 2 fields, the header has 3",
                "t.tsv:4: date \"2025-13-01\" is not a calendar date written YYYY-MM-DD",
                "2 problems; nothing was written",
            ]
            .join("\n")
        );
    }

    #[test]
    fn written_rows_read_back_the_same() {
        let langs: Vec<Lang> = vec![
            "id".parse().unwrap(),
            "vi".parse().unwrap(),
            "en".parse().unwrap(),
        ];
        let unit = Unit {
            tuid: "t-7".into(),
            origin_doc: "Kantor Berita \"Antara\"".into(),
            origin_date: "2025-10-25".into(),
            created: Some("2025-10-25T01:02:03Z".into()),
            segments: vec![
                Segment {
                    lang: "vi".parse().unwrap(),
                    text: "Hà Nội, 25/10".into(),
                },
                Segment {
                    lang: "en".parse().unwrap(),
                    text: "Hanoi, 25 October".into(),
                },
            ],
        };
        let mut out = Vec::new();
        write_header(&mut out, &langs).unwrap();
        write_row(&mut out, &langs, &unit).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "id\tvi\ten\ttuid\torigin\torigin-date\tcreated\n\tHà Nội, 25/10\tHanoi, 25 October\tt-7\tKantor Berita \"Antara\"\t2025-10-25\t2025-10-25T01:02:03Z\n"
        );
        assert_eq!(parse("t.tsv", &text).unwrap()[0].unit, unit);
    }
}
