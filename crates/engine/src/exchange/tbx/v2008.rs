//! The older TBX-Basic form (ISO 30042:2008, root `martif`), which OmegaT,
//! translate-toolkit and many MultiTerm workflows read where TBX v3 is not
//! known yet.
//!
//! The header is the one the TBX-Basic 2008 specification shows: a
//! DOCTYPE naming `TBXBasiccoreStructV02.dtd` (never fetched by anyone
//! reading it here; the reader refuses internal subsets, not a system id),
//! `type="TBX-Basic-V1"`, and the `XCSURI` pointer to the TBX-Basic XCS.
//! Entries are `termEntry` / `langSet` / `tig` with the same data
//! categories as the v3 export, so this form round-trips just as exactly.
//!
//! translate-toolkit takes the first `langSet` of an entry as the source
//! and the second as the target; with `--source`/`--target` they come in
//! that order (see [`super::select`]).

use super::read::Dialect;
use crate::error::Result;
use crate::exchange::select::Selection;
use crate::model::Term;

/// The DOCTYPE line of a TBX-Basic 2008 file.
pub const DOCTYPE: &str = "<!DOCTYPE martif SYSTEM \"TBXBasiccoreStructV02.dtd\">";

/// Writes `terms` (canonical order, already filtered) as TBX-Basic 2008.
pub fn write(terms: Vec<Term>, selection: &Selection) -> Result<String> {
    super::write_dialect(terms, selection, Dialect::Martif)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Status, TermType};

    #[test]
    fn martif_with_doctype_and_tig() {
        let t = Term {
            concept: "2025-event".into(),
            lang: "vi".parse().unwrap(),
            term: "Lễ mở ký".into(),
            status: Status::Preferred,
            term_type: TermType::Full,
            category: "event".into(),
            note: String::new(),
        };
        let doc = write(vec![t], &Selection::default()).unwrap();
        assert!(doc.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE martif SYSTEM \"TBXBasiccoreStructV02.dtd\">\n<martif type=\"TBX-Basic-V1\" xml:lang=\"en\">\n"
        ));
        assert!(doc.contains(
            "      <termEntry id=\"_2025-event\">\n        <descrip type=\"subjectField\">event</descrip>\n        <langSet xml:lang=\"vi\">\n          <tig>\n            <term>Lễ mở ký</term>\n"
        ), "{doc}");
        assert!(doc.ends_with("    </body>\n  </text>\n</martif>\n"));
    }
}
