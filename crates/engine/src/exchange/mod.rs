//! Glossary file formats. Each submodule reads and writes one format; the
//! store never sees a file, only validated [`crate::model::Term`]s.

pub mod csv;
pub mod entry_ids;
pub mod omegat;
pub mod select;
pub mod sheet;
pub mod source;
pub mod tbx;
