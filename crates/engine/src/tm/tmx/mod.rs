//! TMX 1.4b: reading translation units through the safe XML reader, and
//! writing a file valid against the TMX 1.4 DTD.
//!
//! What is read: `<tu tuid creationdate>`, its `<prop type="x-origin-document">`
//! and `<prop type="x-origin-date">`, and each `<tuv xml:lang>` (or the
//! deprecated `lang`) with its one `<seg>`. Inline codes inside a segment
//! (`bpt`, `ept`, `ph`, `it`, `ut`) are native markup of the source format
//! and are dropped (a placeholder between words leaves a space); the text
//! of `<hi>` and of `<sub>` is kept. Other properties, notes and the
//! header's content are left out and counted. Structure problems (a wrong
//! root, a `<tu>` without `<tuv>`, a `<tuv>` without `<seg>` or
//! `xml:lang`) are collected with their lines; a file that is not
//! well-formed XML stops the reading at its first error.

mod read;
mod write;

pub use read::{parse, read};
pub use write::{write_end, write_start, write_unit};

/// The property carrying the document a unit comes from.
pub const PROP_ORIGIN_DOC: &str = "x-origin-document";
/// The property carrying that document's date (YYYY-MM-DD).
pub const PROP_ORIGIN_DATE: &str = "x-origin-date";
