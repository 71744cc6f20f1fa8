//! The spreadsheet form: one row per concept, a group of four columns per
//! language, for Excel, LibreOffice and the spreadsheet imports of CAT
//! tools (memoQ, Phrase, Trados via Glossary Converter).
//!
//! Columns: `Entry_ID` (the slug) and `Entry_Subject` (the category), as
//! memoQ names its entry fields; then for each language its name (English,
//! Indonesian, Vietnamese; other languages by tag, e.g. `fr`), which
//! Glossary Converter and memoQ recognise as a language column, followed
//! by `<name>_Status`, `<name>_Type` and `<name>_Note`. Synonyms share
//! one cell joined by `|` (Glossary Converter's default), preferred first;
//! the status, type and note cells list their values in the same order.
//! A `|` or `\` inside a term or note is written `\|` or `\\`.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or tab
//! or CR) as a formula, which a termbase from elsewhere could abuse. Such a
//! cell is written with a leading apostrophe, and so is a cell that starts
//! with an apostrophe, so that reading removes exactly one and gets the
//! value back. The canonical `glossary.csv` is never altered this way.
//!
//! The file is UTF-8 with a byte-order mark (Excel needs it to read UTF-8),
//! comma-separated with CRLF line ends. It carries every field, so csv →
//! sheet → csv is exact.

mod read;

pub use read::parse;

use super::select::Selection;
use crate::error::{Error, Result};
use crate::model::group_concepts;
use crate::model::{Lang, Term};

/// Joins the synonyms of one language in one cell.
pub const SEPARATOR: char = '|';

/// The first two columns.
pub const ID_COLUMN: &str = "Entry_ID";
pub const SUBJECT_COLUMN: &str = "Entry_Subject";

const UTF8_BOM: &str = "\u{feff}";

/// The column header of a language.
pub(super) fn lang_header(lang: &Lang) -> String {
    match lang.as_str() {
        "id" => "Indonesian".into(),
        "vi" => "Vietnamese".into(),
        "en" => "English".into(),
        other => other.to_string(),
    }
}

/// The language of a column header, by name or tag. Only tags with a
/// two- or three-letter language subtag count, so that a column named
/// like a word (`Comment`) is not taken for a language.
pub(super) fn header_lang(header: &str) -> Option<Lang> {
    match header.to_ascii_lowercase().as_str() {
        "indonesian" => Some("id".parse().expect("valid tag")),
        "vietnamese" => Some("vi".parse().expect("valid tag")),
        "english" => Some("en".parse().expect("valid tag")),
        _ => {
            let primary = header.split('-').next().unwrap_or("");
            if (2..=3).contains(&primary.len()) {
                header.parse().ok()
            } else {
                None
            }
        }
    }
}

/// Writes a cell a spreadsheet will not run as a formula.
pub fn neutralise(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The value of a cell written by [`neutralise`].
pub fn unneutralise(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// Joins list items, escaping the separator and the escape character.
fn join_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let escaped: Vec<String> = items
        .map(|s| s.replace('\\', "\\\\").replace(SEPARATOR, "\\|"))
        .collect();
    escaped.join("|")
}

/// Splits a list cell, undoing the escapes of [`join_list`].
pub(super) fn split_list(cell: &str) -> Vec<String> {
    let mut items = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        let last = items.last_mut().expect("never empty");
        match c {
            '\\' => last.push(chars.next().unwrap_or('\\')),
            SEPARATOR => items.push(String::new()),
            c => last.push(c),
        }
    }
    items
}

/// Writes `terms` (canonical order, already filtered) as a sheet.
pub fn write(terms: Vec<Term>, selection: &Selection) -> Result<Vec<u8>> {
    let order = selection.order(&terms);
    let mut buf = UTF8_BOM.as_bytes().to_vec();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut buf);
    let io = |e: csv::Error| Error::io("<sheet>", std::io::Error::other(e));
    let mut header = vec![ID_COLUMN.to_string(), SUBJECT_COLUMN.to_string()];
    for lang in &order {
        let name = lang_header(lang);
        header.extend([
            name.clone(),
            format!("{name}_Status"),
            format!("{name}_Type"),
            format!("{name}_Note"),
        ]);
    }
    w.write_record(&header).map_err(io)?;
    for concept in group_concepts(terms) {
        let mut row = vec![concept.concept.clone(), concept.category.clone()];
        for lang in &order {
            let in_lang: Vec<&Term> = concept.terms.iter().filter(|t| t.lang == *lang).collect();
            if in_lang.is_empty() {
                row.extend(std::iter::repeat_n(String::new(), 4));
                continue;
            }
            row.push(join_list(in_lang.iter().map(|t| t.term.as_str())));
            row.push(join_list(in_lang.iter().map(|t| t.status.as_str())));
            row.push(join_list(in_lang.iter().map(|t| t.term_type.as_str())));
            row.push(if in_lang.iter().all(|t| t.note.is_empty()) {
                String::new()
            } else {
                join_list(in_lang.iter().map(|t| t.note.as_str()))
            });
        }
        w.write_record(row.into_iter().map(neutralise))
            .map_err(io)?;
    }
    w.flush().map_err(|e| Error::io("<sheet>", e))?;
    drop(w);
    Ok(buf)
}

/// Whether text (BOM stripped) starts with a sheet header.
/// The sheet's column separator: a comma, as `export` writes it, or a
/// semicolon, as a spreadsheet saves "CSV" under regional settings whose
/// decimal mark is a comma (Indonesian and Vietnamese among them), told
/// by the character after `Entry_ID` in the header.
pub fn delimiter(text: &str) -> u8 {
    let first = text.trim_start_matches('\u{feff}').trim_start_matches('"');
    match first
        .strip_prefix(ID_COLUMN)
        .map(|rest| rest.trim_start_matches('"'))
    {
        Some(rest) if rest.starts_with(';') => b';',
        _ => b',',
    }
}

pub fn looks_like_sheet(text: &str) -> bool {
    let first = text.trim_start_matches('"');
    first.starts_with(ID_COLUMN)
}

#[cfg(test)]
mod tests;
