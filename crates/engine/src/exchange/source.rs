//! The input of an import: opening it (a file or standard input) and
//! telling which format it is in, from `--format`, else the extension,
//! else the first bytes.
//!
//! TBX is streamed straight from the file, so a large termbase is never
//! held in memory as text; the text formats are read whole through
//! [`crate::input::decode`], which checks UTF-8 and strips a BOM.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::sheet;
use crate::error::{Error, Result};
use crate::input::decode;

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

/// An open input.
pub struct Input {
    /// The name messages use.
    pub label: String,
    pub reader: Box<dyn BufRead>,
}

/// Opens `path`, or standard input for `-`.
pub fn open(path: &Path) -> Result<Input> {
    let label = path.display().to_string();
    if path.as_os_str() == "-" {
        return Ok(Input {
            label: "<stdin>".to_string(),
            reader: Box::new(BufReader::new(std::io::stdin())),
        });
    }
    crate::input::check_kind(path, &label)?;
    let file = File::open(path).map_err(|e| Error::io(&label, e))?;
    Ok(Input {
        label,
        reader: Box::new(BufReader::with_capacity(64 * 1024, file)),
    })
}

impl Input {
    /// The first bytes, without consuming them.
    fn peek(&mut self) -> Result<&[u8]> {
        let label = self.label.clone();
        self.reader.fill_buf().map_err(|e| Error::io(label, e))
    }

    /// Refuses UTF-16 (as MultiTerm and Excel's "Unicode text" write it):
    /// every format here is UTF-8.
    fn check_not_utf16(&mut self) -> Result<()> {
        let label = self.label.clone();
        let head = self.peek()?;
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Err(Error::invalid(
                &label,
                Some(1),
                "the file is UTF-16; save it as UTF-8 and import again",
            ));
        }
        Ok(())
    }

    /// Reads the rest as text.
    pub fn read_text(mut self) -> Result<String> {
        let mut bytes = Vec::new();
        self.reader
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(&self.label, e))?;
        decode(&self.label, bytes)
    }

    /// Decides the format: `explicit` when given, else by the extension of
    /// `path`, else by the first bytes.
    pub fn detect(&mut self, path: &Path, explicit: Option<Format>) -> Result<Format> {
        self.check_not_utf16()?;
        if let Some(format) = explicit {
            return Ok(format);
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("tbx" | "xml") => Ok(Format::Tbx),
            Some("tsv" | "txt" | "tab" | "utf8") => Ok(Format::Omegat),
            Some("csv") => Ok(if self.starts_like_sheet()? {
                Format::Sheet
            } else {
                Format::Csv
            }),
            _ => self.sniff(),
        }
    }

    fn starts_like_sheet(&mut self) -> Result<bool> {
        let head = self.peek()?;
        let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
        Ok(sheet::looks_like_sheet(&String::from_utf8_lossy(head)))
    }

    /// Guesses from content: markup is TBX, the sheet and csv headers are
    /// themselves, a tab or `#` on the first line is OmegaT; anything else
    /// is read as csv, whose header check then says what is wrong.
    fn sniff(&mut self) -> Result<Format> {
        if self.starts_like_sheet()? {
            return Ok(Format::Sheet);
        }
        let head = self.peek()?;
        let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(bytes: &'static [u8]) -> Input {
        Input {
            label: "x".into(),
            reader: Box::new(bytes),
        }
    }

    fn detect(name: &str, bytes: &'static [u8]) -> Result<Format> {
        input(bytes).detect(Path::new(name), None)
    }

    #[test]
    fn by_extension_then_content() {
        assert_eq!(detect("g.tbx", b"<martif/>").unwrap(), Format::Tbx);
        assert_eq!(detect("g.txt", b"a\tb").unwrap(), Format::Omegat);
        assert_eq!(detect("g.csv", b"concept,lang").unwrap(), Format::Csv);
        assert_eq!(
            detect("g.csv", "\u{feff}Entry_ID,English".as_bytes()).unwrap(),
            Format::Sheet
        );
        assert_eq!(detect("-", b"  <?xml version").unwrap(), Format::Tbx);
        assert_eq!(detect("-", b"# hcgloss glossary").unwrap(), Format::Omegat);
        assert_eq!(detect("-", b"concept,lang,term").unwrap(), Format::Csv);
        assert_eq!(detect("g", b"whatever").unwrap(), Format::Csv);
        let mut i = input(b"<x/>");
        assert_eq!(
            i.detect(Path::new("g.csv"), Some(Format::Omegat)).unwrap(),
            Format::Omegat
        );
    }

    #[test]
    fn utf16_is_refused_with_advice() {
        let e = detect("g.tbx", b"\xff\xfe<\x00").unwrap_err().to_string();
        assert!(
            e.starts_with("x:1: the file is UTF-16; save it as UTF-8"),
            "{e}"
        );
    }
}
