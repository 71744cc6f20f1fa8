//! The canonical `glossary.csv` format: reading with a problem per bad
//! field (file and line named), and writing in the one stable order that
//! makes import-then-export reproduce a canonical file byte for byte.
//!
//! Canonical order: concept slug, then language tag, then status in the
//! order preferred, admitted, deprecated, superseded, then the term, all
//! compared byte-wise. Every row carries its concept's category and an
//! explicit type; quoting is minimal (RFC 4180) and lines end in LF.

use std::io::Write;

use rayon::prelude::*;

use crate::error::{Error, Problem, Result};
use crate::model::{Lang, SourcedTerm, Status, Term, TermType, check_category, check_slug};
use crate::normalize::clean_term;

/// The header, exactly.
pub const HEADER: [&str; 7] = [
    "concept", "lang", "term", "status", "type", "category", "note",
];

/// Parses glossary CSV text (already checked as UTF-8, BOM stripped).
/// Every field-level problem of every row is collected; any problem makes
/// the whole file an error.
pub fn parse(label: &str, text: &str) -> Result<Vec<SourcedTerm>> {
    check_quotes(label, text, b',')?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    // Records are read in batches and each batch's fields checked and
    // cleaned in parallel (NFC and slug checks are most of the cost of a
    // large file); the results are taken in file order.
    let mut batch: Vec<(u64, csv::StringRecord)> = Vec::new();
    let mut first = true;
    let mut lines = LineCounter::new(text);
    loop {
        let mut filled = 0;
        while filled < PARSE_BATCH {
            if filled == batch.len() {
                batch.push((0, csv::StringRecord::new()));
            }
            let (line, record) = &mut batch[filled];
            match reader.read_record(record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = lines.line_at(e.position().map_or(0, |p| p.byte() as usize));
                    return Err(Error::invalid(
                        label,
                        Some(line),
                        format!("not valid CSV: {e}"),
                    ));
                }
            }
            *line = lines.line_at(record.position().map_or(0, |p| p.byte() as usize));
            if first {
                first = false;
                check_header(label, *line, record)?;
                continue;
            }
            filled += 1;
        }
        let parsed: Vec<_> = batch[..filled]
            .par_iter()
            .map(|(line, record)| (*line, parse_row(record)))
            .collect();
        for (line, row) in parsed {
            match row {
                Ok(term) => rows.push(SourcedTerm { line, term }),
                Err(messages) => problems.extend(messages.into_iter().map(|message| Problem {
                    file: label.to_string(),
                    line: Some(line),
                    message,
                })),
            }
        }
        if filled < PARSE_BATCH {
            break;
        }
    }
    if first {
        return Err(Error::invalid(
            label,
            None,
            format!(
                "the file is empty: a glossary starts with the header {}",
                HEADER.join(",")
            ),
        ));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// How many records are read before their fields are checked together.
const PARSE_BATCH: usize = 8192;

/// Refuses any first line but the exact header.
fn check_header(label: &str, line: u64, record: &csv::StringRecord) -> Result<()> {
    let found: Vec<&str> = record.iter().collect();
    if found == HEADER {
        return Ok(());
    }
    Err(Error::invalid(
        label,
        Some(line),
        format!(
            "the header must be exactly {} (found {})",
            HEADER.join(","),
            if found.iter().all(|f| f.is_empty()) {
                "an empty line".to_string()
            } else {
                found.join(",")
            }
        ),
    ))
}

/// Line numbers from byte offsets. The csv crate's own line count is off
/// by one after a CRLF (it ends a record at the CR and counts the LF as
/// the start of the next), so lines are counted here from the text, with
/// the offsets only ever moving forward.
pub(crate) struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// The line of the first character at or after `byte` that is not a
    /// line break (a record position may point at the LF of a CRLF).
    pub(crate) fn line_at(&mut self, mut byte: usize) -> u64 {
        while byte < self.text.len() && matches!(self.text[byte], b'\r' | b'\n') {
            byte += 1;
        }
        let byte = byte.max(self.pos);
        self.line += crate::input::line_ends(self.text, self.pos, byte);
        self.pos = byte;
        self.line
    }
}

/// The first quote the csv crate would read leniently where RFC 4180
/// does not allow one, as (byte offset, problem): a quote inside a field
/// that does not start with one (`a,b"c,d`: the crate keeps it as a
/// character, so a broken quoting goes unnoticed and columns shift), text
/// after the closing quote of a quoted field (`"ab"c`), and a quoted
/// field never closed (which would swallow the rest of the file).
pub(crate) fn stray_quote(text: &str, delimiter: u8) -> Option<(usize, &'static str)> {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted(usize),
        AfterQuote,
    }
    let bytes = text.as_bytes();
    let mut state = State::FieldStart;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let separator = b == delimiter || matches!(b, b'\r' | b'\n');
        state = match state {
            State::FieldStart if b == b'"' => State::Quoted(i),
            State::FieldStart | State::Unquoted if separator => State::FieldStart,
            State::FieldStart | State::Unquoted if b == b'"' => {
                return Some((
                    i,
                    "a quote inside a field that does not start with one (quote the whole field and write the quote twice: \"a \"\"b\"\" c\")",
                ));
            }
            State::FieldStart | State::Unquoted => State::Unquoted,
            State::Quoted(start) if b == b'"' => {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                    State::Quoted(start)
                } else {
                    State::AfterQuote
                }
            }
            State::Quoted(start) => State::Quoted(start),
            State::AfterQuote if separator => State::FieldStart,
            State::AfterQuote => {
                return Some((
                    i,
                    "text after the closing quote of a quoted field (a quote inside a quoted field is written twice)",
                ));
            }
        };
        i += 1;
    }
    match state {
        State::Quoted(start) => Some((
            start,
            "a quoted field is never closed (a quote inside a quoted field is written twice)",
        )),
        _ => None,
    }
}

/// Refuses CSV text with a quote where RFC 4180 allows none (see
/// [`stray_quote`]), at its line.
pub(crate) fn check_quotes(label: &str, text: &str, delimiter: u8) -> Result<()> {
    match stray_quote(text, delimiter) {
        Some((offset, problem)) => Err(Error::invalid(
            label,
            Some(crate::input::line_of_offset(text.as_bytes(), offset)),
            format!("not valid CSV: {problem}"),
        )),
        None => Ok(()),
    }
}

fn parse_row(record: &csv::StringRecord) -> std::result::Result<Term, Vec<String>> {
    if record.len() != HEADER.len() {
        return Err(vec![format!(
            "{} fields, expected {} ({})",
            record.len(),
            HEADER.len(),
            HEADER.join(",")
        )]);
    }
    let mut problems = Vec::new();
    let field = |i: usize| record.get(i).unwrap_or("");
    let concept = field(0).trim().to_string();
    if let Err(e) = check_slug(&concept) {
        problems.push(e);
    }
    let lang = field(1)
        .trim()
        .parse::<Lang>()
        .map_err(|e| problems.push(e))
        .ok();
    let term = clean_term(field(2));
    if term.is_empty() {
        problems.push("the term is empty".to_string());
    }
    let status = field(3)
        .trim()
        .parse::<Status>()
        .map_err(|e| problems.push(e))
        .ok();
    let type_cell = field(4).trim();
    let term_type = if type_cell.is_empty() {
        Some(TermType::Full)
    } else {
        type_cell
            .parse::<TermType>()
            .map_err(|e| problems.push(e))
            .ok()
    };
    let category = field(5).trim().to_string();
    if !category.is_empty()
        && let Err(e) = check_category(&category)
    {
        problems.push(e);
    }
    let note = clean_note(field(6));
    match (lang, status, term_type) {
        (Some(lang), Some(status), Some(term_type)) if problems.is_empty() => Ok(Term {
            concept,
            lang,
            term,
            status,
            term_type,
            category,
            note,
        }),
        _ => Err(problems),
    }
}

/// A note as stored: NFC, trimmed, inner line breaks kept.
pub fn clean_note(s: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    let s = s.trim();
    // Most notes (and every empty one) are NFC already.
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Writes `terms` (already in canonical order) as canonical CSV.
pub fn write(out: &mut dyn Write, terms: &[Term]) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(HEADER)?;
    for t in terms {
        w.write_record([
            t.concept.as_str(),
            t.lang.as_str(),
            t.term.as_str(),
            t.status.as_str(),
            t.term_type.as_str(),
            t.category.as_str(),
            t.note.as_str(),
        ])?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "concept,lang,term,status,type,category,note\n\
        mps,id,Kementerian Keamanan Publik,preferred,,ministry,\n\
        mps,vi,Bộ Công an,preferred,full,ministry,\"a, b\"\n";

    #[test]
    fn parses_and_defaults_type() {
        let rows = parse("g.csv", GOOD).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].term.term_type, TermType::Full);
        assert_eq!(rows[1].term.note, "a, b");
    }

    #[test]
    fn every_bad_field_is_reported_with_its_line() {
        let text = "concept,lang,term,status,type,category,note\n\
            ok,id,A,preferred,,,\n\
            Bad Slug,i_d,  ,preferd,long,kind,\n";
        let Error::Invalid(problems) = parse("g.csv", text).unwrap_err() else {
            panic!()
        };
        let messages: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(messages.len(), 6, "{messages:#?}");
        assert!(messages.iter().all(|m| m.starts_with("g.csv:3: ")));
        assert!(messages.contains(&"g.csv:3: status \"preferd\" is not one of preferred, admitted, deprecated, superseded".to_string()));
    }

    #[test]
    fn header_and_field_count() {
        assert!(
            parse("g.csv", "")
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
        let e = parse("g.csv", "concept,lang,term\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("g.csv:1: the header must be exactly"), "{e}");
        let e = parse(
            "g.csv",
            "concept,lang,term,status,type,category,note\na,id,x\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("g.csv:2: 3 fields, expected 7"), "{e}");
    }

    #[test]
    fn crlf_is_accepted_and_lines_stay_right() {
        let text = GOOD.replace('\n', "\r\n");
        let rows = parse("g.csv", &text).unwrap();
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].term.term, "Bộ Công an");
    }

    #[test]
    fn cr_only_line_ends_give_the_right_lines() {
        let text = "concept,lang,term,status,type,category,note\r\
            a,id,A,preferred,,,\r\
            b,id,B,preferd,,,\r\
            c,id,C,preferred,,kind,\r";
        let Error::Invalid(problems) = parse("g.csv", text).unwrap_err() else {
            panic!()
        };
        let lines: Vec<Option<u64>> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(3), Some(4)]);
    }

    #[test]
    fn quotes_where_rfc_4180_allows_none_are_refused_at_their_line() {
        let header = "concept,lang,term,status,type,category,note\n";
        for (rows, line, what) in [
            (
                "a,id,A,preferred,,,\nb,id,B \"x\",preferred,,,\n",
                3,
                "a quote inside a field",
            ),
            (
                "a,id,\"A\" x,preferred,,,\n",
                2,
                "text after the closing quote",
            ),
            (
                "a,id,A,preferred,,,\r\nb,id,\"B,preferred,,,\n",
                3,
                "never closed",
            ),
        ] {
            let e = parse("g.csv", &format!("{header}{rows}"))
                .unwrap_err()
                .to_string();
            assert!(
                e.starts_with(&format!("g.csv:{line}: not valid CSV: ")) && e.contains(what),
                "{e}"
            );
        }
        // Quotes as RFC 4180 writes them are fine, line breaks included.
        let ok = format!("{header}a,id,\"A \"\"x\"\"\",preferred,,,\"line\r\nbreak\"\n");
        assert_eq!(parse("g.csv", &ok).unwrap()[0].term.term, "A \"x\"");
        assert!(stray_quote("", b',').is_none() && stray_quote("\"\"", b',').is_none());
    }

    #[test]
    fn write_round_trips_canonical_text() {
        let canonical = "concept,lang,term,status,type,category,note\n\
            mps,id,Kementerian Keamanan Publik,preferred,full,ministry,\n\
            mps,vi,Bộ Công an,preferred,full,ministry,\"a, \"\"b\"\"\"\n";
        let rows: Vec<Term> = parse("g.csv", canonical)
            .unwrap()
            .into_iter()
            .map(|r| r.term)
            .collect();
        let mut out = Vec::new();
        write(&mut out, &rows).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), canonical);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::model::sort_canonical;
    use proptest::prelude::*;

    fn term() -> impl Strategy<Value = Term> {
        (
            "[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}",
            prop_oneof![Just("id"), Just("vi"), Just("en"), Just("pt-BR")],
            // Terms with quotes, commas, diacritics and inner spaces.
            "[A-Za-zĐđộỷ\",]{1,6}( [a-zà-ỹ,\"]{1,6}){0,2}",
            0..4usize,
            0..3usize,
            proptest::sample::select(crate::model::CATEGORIES),
            "([a-z ,\"\n]{0,12}[a-z])?",
        )
            .prop_map(
                |(concept, lang, term, status, term_type, category, note)| Term {
                    concept,
                    lang: lang.parse().unwrap(),
                    term: clean_term(&term),
                    status: Status::ALL[status],
                    term_type: TermType::ALL[term_type],
                    category: category.to_string(),
                    note: clean_note(&note),
                },
            )
    }

    proptest! {
        #[test]
        fn write_then_parse_is_the_identity(mut terms in proptest::collection::vec(term(), 0..12)) {
            sort_canonical(&mut terms);
            let mut first = Vec::new();
            write(&mut first, &terms).unwrap();
            let text = String::from_utf8(first).unwrap();
            let parsed: Vec<Term> = parse("p.csv", &text).unwrap().into_iter().map(|r| r.term).collect();
            prop_assert_eq!(&parsed, &terms);
            let mut second = Vec::new();
            write(&mut second, &parsed).unwrap();
            prop_assert_eq!(String::from_utf8(second).unwrap(), text);
        }
    }
}
