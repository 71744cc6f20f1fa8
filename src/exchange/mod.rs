//! Glossary file formats. Each submodule reads and writes one format; the
//! store never sees a file, only validated [`crate::model::Term`]s.

pub mod csv;
pub mod xml;
pub mod xml_out;
