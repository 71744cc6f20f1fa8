//! The glossary compiled for lint, kept beside the store
//! (`<store>.lint`), in step with it by the lookup index's protocol (see
//! [`super::lookup`]): the file is stamped with the generation of the
//! store state it was compiled from, and used only when a reader's
//! snapshot has that generation.
//!
//! Unlike the lookup index, writers do not build it: compiling takes
//! about a second per 100,000 terms, which an import should not pay for
//! every lint user. The first reader that finds the file missing, stale
//! (another generation), foreign or damaged compiles the glossary from
//! its own snapshot, writes it to a temporary file and renames it into
//! place, so the next lint starts at once. Two readers racing both
//! compile and the last rename wins; a reader that compiled an older
//! snapshot than the store's current one leaves a file the next reader
//! finds stale. Either way no reader ever uses a file that does not match
//! the state it reads.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Store, lookup};
use crate::error::Result;
use crate::lint::Glossary;
use crate::model::group_concepts;

/// The compiled glossary file of the store at `db`.
pub fn lint_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lint");
    PathBuf::from(name)
}

/// Reads the file at `path` if it was compiled from `generation`.
fn read_current(path: &Path, generation: u64) -> Option<Glossary> {
    let file = File::open(path).ok()?;
    // SAFETY: the file is only ever replaced by rename, never written in
    // place, so the mapped bytes cannot change under us; and the bytes are
    // checked (header, length, checksum) before anything is read from them.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    if Glossary::generation_of(&map) != Some(generation) {
        return None;
    }
    Glossary::from_bytes(&map, generation)
}

impl Store {
    /// The store's glossary compiled for lint, with the generation it was
    /// compiled from, all read in one snapshot: from `<store>.lint` when
    /// that file matches the snapshot, else compiled from the snapshot
    /// and put in place for the next reader (best effort: a read-only
    /// folder still gets its answer).
    pub fn lint_glossary(&self) -> Result<(u64, Glossary)> {
        let tx = self.conn().unchecked_transaction()?;
        let generation = lookup::generation(&tx)?;
        let path = lint_path(self.path());
        if let Some(glossary) = read_current(&path, generation) {
            tx.finish()?;
            return Ok((generation, glossary));
        }
        let concepts = group_concepts(self.all_terms()?);
        tx.finish()?;
        let glossary = Glossary::new(concepts);
        // Only a store in place keeps files beside it (not one being
        // filled under a temporary name, nor one opened read-only).
        if self.index.is_some() && !self.is_read_only() {
            let bytes = glossary.to_bytes(generation);
            if let Ok(mut tmp) = crate::atomic::temp_beside(&path)
                && tmp.write_all(&bytes).is_ok()
            {
                let _ = tmp.persist(&path);
            }
            lookup::sweep_orphans(&path);
        }
        Ok((generation, glossary))
    }
}
