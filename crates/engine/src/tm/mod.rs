//! The translation memory: units of aligned id / vi / en segments kept in
//! the same store as the termbase, read from and written to TMX and
//! tab-separated files, searched for CAT-style fuzzy matches and for
//! concordance, with the glossary's terms shown beside the matches.
//!
//! - [`unit`]: the unit, its checks and its identity;
//! - [`tmx`], [`tsv`]: the file formats;
//! - [`score`]: the match percentage and the words that differ;
//! - [`filter`]: which postings a search reads (prefix and count filters);
//! - [`postings`]: how the word index stores them;
//! - [`search`], [`concordance`]: the two ways of asking the memory;
//! - [`terms`]: glossary terms found in a sentence (the seam where the
//!   lint matcher plugs in).

pub mod concordance;
pub mod filter;
pub mod score;
pub mod search;
pub mod source;
pub mod terms;
pub mod tmx;
pub mod tsv;

use std::path::Path;

use crate::adjust::{Adjustments, LeftOut};
use crate::error::Result;
use crate::model::unit::SourcedUnit;

/// A TM file as read: its units, what was adjusted to fit the model and
/// what was left out.
#[derive(Debug, Default)]
pub struct TmFile {
    pub units: Vec<SourcedUnit>,
    pub adjustments: Adjustments,
    pub left_out: LeftOut,
}

/// A TM file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tmx,
    Tsv,
}

impl Format {
    /// The format of a file from its name, else from its first characters:
    /// `.tmx` or a document starting with `<` is TMX, anything else is
    /// tab-separated.
    pub fn detect(path: &Path, text: &str) -> Format {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("tmx") => Format::Tmx,
            Some("tsv" | "tab") => Format::Tsv,
            _ if text.trim_start().starts_with('<') => Format::Tmx,
            _ => Format::Tsv,
        }
    }
}

/// Reads a TM file's text in the given format.
pub fn read(label: &str, text: &str, format: Format) -> Result<TmFile> {
    match format {
        Format::Tmx => tmx::read(label, text),
        Format::Tsv => tsv::read(label, text),
    }
}

/// Reads the units of a TM file's text in the given format.
pub fn parse(label: &str, text: &str, format: Format) -> Result<Vec<SourcedUnit>> {
    read(label, text, format).map(|f| f.units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_name_then_content() {
        assert_eq!(Format::detect(Path::new("a.TMX"), ""), Format::Tmx);
        assert_eq!(Format::detect(Path::new("a.tsv"), "<x>"), Format::Tsv);
        assert_eq!(Format::detect(Path::new("-"), " \n<?xml"), Format::Tmx);
        assert_eq!(
            Format::detect(Path::new("pairs.txt"), "vi\ten"),
            Format::Tsv
        );
    }
}
