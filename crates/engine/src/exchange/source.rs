//! Telling which format an import is in, from `--format`, else the
//! extension, else the first (decoded) bytes. Opening and decoding the
//! input is [`crate::input`]'s.

use std::path::Path;

use super::sheet;
use crate::error::{Error, Result};
use crate::input::Input;

/// The formats an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The canonical `glossary.csv`.
    Csv,
    /// The spreadsheet form ([`super::sheet`]).
    Sheet,
    /// TBX v3 or 2008, told apart by the root element.
    Tbx,
    /// OmegaT's tab-separated glossary.
    Omegat,
}

/// Decides the format of `input`: `explicit` when given, else by the
/// extension of `path`, else by the first bytes.
pub fn detect(input: &mut Input, path: &Path, explicit: Option<Format>) -> Result<Format> {
    refuse_what_is_no_text_glossary(input)?;
    if let Some(format) = explicit {
        return Ok(format);
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("tbx" | "xml") => Ok(Format::Tbx),
        Some("tsv" | "txt" | "tab" | "utf8") => Ok(Format::Omegat),
        Some("csv") => Ok(if starts_like_sheet(input)? {
            Format::Sheet
        } else {
            Format::Csv
        }),
        _ => sniff(input),
    }
}

/// Refuses, with what to do instead, the files people most often give an
/// import by mistake: a spreadsheet workbook (XLSX and ODS are ZIP
/// archives, XLS a compound document), and `glossary.csv` saved by a
/// spreadsheet with semicolons between the columns (the canonical file
/// stays comma-separated; the sheet layout is read either way).
fn refuse_what_is_no_text_glossary(input: &mut Input) -> Result<()> {
    let label = input.name();
    let head = input.peek()?;
    let workbook = if head.starts_with(b"PK\x03\x04") {
        Some("a spreadsheet workbook (XLSX or ODS)")
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some("an Excel 97-2003 workbook (XLS)")
    } else {
        None
    };
    if let Some(what) = workbook {
        return Err(Error::invalid(
            &label,
            Some(1),
            format!(
                "this is {what}, not a text file: in the spreadsheet, save it as \"CSV UTF-8 (comma delimited)\" with the columns hcgloss export --format sheet writes (Entry_ID, then a column per language), and import that"
            ),
        ));
    }
    let text = String::from_utf8_lossy(head);
    let first_line = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    if first_line.starts_with("concept;lang;") || first_line.starts_with("\"concept\";") {
        return Err(Error::invalid(
            &label,
            Some(1),
            "the columns are separated by semicolons, as a spreadsheet saves CSV under regional settings whose decimal mark is a comma; glossary.csv is comma-separated: save it as \"CSV UTF-8 (comma delimited)\", or use the sheet layout (hcgloss export --format sheet), which is read either way",
        ));
    }
    Ok(())
}

fn starts_like_sheet(input: &mut Input) -> Result<bool> {
    let head = input.peek()?;
    Ok(sheet::looks_like_sheet(&String::from_utf8_lossy(head)))
}

/// Guesses from content: markup is TBX, the sheet and csv headers are
/// themselves, a tab or `#` on the first line is OmegaT; anything else
/// is read as csv, whose header check then says what is wrong.
fn sniff(input: &mut Input) -> Result<Format> {
    if starts_like_sheet(input)? {
        return Ok(Format::Sheet);
    }
    let head = input.peek()?;
    let text = String::from_utf8_lossy(head);
    let first_line = text.lines().next().unwrap_or("");
    Ok(if text.trim_start().starts_with('<') {
        Format::Tbx
    } else if first_line.starts_with("concept,") {
        Format::Csv
    } else if first_line.starts_with('#') || first_line.contains('\t') {
        Format::Omegat
    } else {
        Format::Csv
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Label;

    fn input(bytes: &[u8]) -> Input {
        Input::from_bytes(Label::Path("x".into()), bytes.to_vec()).unwrap()
    }

    fn detect_as(name: &str, bytes: &[u8]) -> Format {
        detect(&mut input(bytes), Path::new(name), None).unwrap()
    }

    #[test]
    fn by_extension_then_content() {
        assert_eq!(detect_as("g.tbx", b"<martif/>"), Format::Tbx);
        assert_eq!(detect_as("g.txt", b"a\tb"), Format::Omegat);
        assert_eq!(detect_as("g.csv", b"concept,lang"), Format::Csv);
        assert_eq!(
            detect_as("g.csv", "\u{feff}Entry_ID,English".as_bytes()),
            Format::Sheet
        );
        assert_eq!(detect_as("-", b"  <?xml version"), Format::Tbx);
        assert_eq!(detect_as("-", b"# hcgloss glossary"), Format::Omegat);
        assert_eq!(detect_as("-", b"concept,lang,term"), Format::Csv);
        assert_eq!(detect_as("g", b"whatever"), Format::Csv);
        let mut i = input(b"<x/>");
        assert_eq!(
            detect(&mut i, Path::new("g.csv"), Some(Format::Omegat)).unwrap(),
            Format::Omegat
        );
    }

    #[test]
    fn utf16_is_decoded_before_the_format_is_told() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("<martif/>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(detect_as("-", &bytes), Format::Tbx);
    }
}
