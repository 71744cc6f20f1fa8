//! The lookup index kept beside the store (`<store>.lookup`), in step
//! with it.
//!
//! Every write transaction that changes terms bumps the store's
//! generation, builds the index from what it is about to commit, writes it
//! to a temporary file, commits, then renames the file into place. A
//! reader opens a read snapshot, compares the snapshot's generation with
//! the file's, and uses the file only when they agree; otherwise (a crash
//! between commit and rename, two writers racing, an older hcgloss wrote
//! the store) it builds the index from its snapshot and puts it in place
//! for the next reader. So a lookup never serves results from a store
//! state its index does not match, and nothing is rebuilt per call in the
//! ordinary case.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::Store;
use crate::error::{Error, Result};
use crate::lookup::index::{Bytes, LookupIndex};
use crate::lookup::{self, Hit, Query, TermSource};
use crate::model::{Concept, Term};

/// The index file of the store at `db`.
pub fn index_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lookup");
    PathBuf::from(name)
}

pub(super) fn generation(conn: &Connection) -> Result<u64> {
    Ok(conn
        .prepare_cached("SELECT generation FROM store_state WHERE id = 1")?
        .query_row([], |r| r.get::<_, i64>(0))? as u64)
}

pub(super) fn bump_generation(conn: &Connection) -> Result<u64> {
    conn.execute(
        "UPDATE store_state SET generation = generation + 1 WHERE id = 1",
        [],
    )?;
    generation(conn)
}

/// Builds the index of the terms visible to `conn`.
pub(super) fn build(conn: &Connection, generation: u64) -> Result<Vec<u8>> {
    let mut stmt = conn.prepare("SELECT id, term FROM term")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(LookupIndex::build(
        generation,
        rows.iter().map(|(id, t)| (*id, t.as_str())),
    ))
}

/// Writes index bytes to a temporary file beside `path`; the caller
/// renames it into place once the state it describes is committed.
pub(super) fn write_temp(path: &Path, bytes: &[u8]) -> Result<crate::atomic::LiveTemp> {
    let mut tmp = crate::atomic::temp_beside(path)?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io(path.display().to_string(), e))?;
    Ok(tmp)
}

/// Removes temporary index files of `path` that killed processes left
/// behind (those of a process that is gone, after some minutes; see
/// [`crate::atomic::sweep_stale`], which sweeps `lint --fix` and `export
/// -o` files the same way). Best effort: what cannot be listed or removed
/// stays.
pub(super) fn sweep_orphans(path: &Path) {
    crate::atomic::sweep_stale(path);
}

/// An index file a connection has mapped, kept for its next lookups.
///
/// Why keep it: mapping the file costs an open, an `mmap`, page faults
/// as the walk touches its pages, and an `munmap` that makes every core
/// flush its address cache; on a store of a million terms that was a
/// tenth of a lookup. The mapping is reused while the file at the index
/// path is the same file (device and inode: the file is replaced by
/// rename, never written in place) and the snapshot's generation is the
/// one the file describes.
pub(super) struct MappedIndex {
    file: (u64, u64),
    index: LookupIndex,
}

#[cfg(unix)]
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.dev(), meta.ino()))
}

/// Elsewhere there is no cheap identity: nothing is reused.
#[cfg(not(unix))]
fn file_identity(_: &Path) -> Option<(u64, u64)> {
    None
}

/// The index file mapped, if it exists and describes `generation`: the
/// mapping kept in `kept` when it is still that file, else a new one
/// (kept in its place).
fn open_current(
    path: &Path,
    generation: u64,
    kept: &std::cell::RefCell<Option<MappedIndex>>,
) -> Option<LookupIndex> {
    let identity = file_identity(path);
    if let Some(mapped) = kept.borrow().as_ref()
        && Some(mapped.file) == identity
        && mapped.index.generation() == generation
    {
        return Some(mapped.index.clone());
    }
    let file = File::open(path).ok()?;
    // SAFETY: the file is only ever replaced by rename, never written in
    // place, so the mapped bytes cannot change under us.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    if LookupIndex::generation_of(&map) != Some(generation) {
        return None;
    }
    let index = LookupIndex::open(Bytes::Mapped(map)).ok()?;
    // The identity of the file opened, not of the path looked at before:
    // a rename in between must not pair this mapping with another file.
    #[cfg(unix)]
    let identity = {
        use std::os::unix::fs::MetadataExt;
        file.metadata().ok().map(|m| (m.dev(), m.ino()))
    };
    *kept.borrow_mut() = identity.map(|file| MappedIndex {
        file,
        index: index.clone(),
    });
    Some(index)
}

/// The size of index (about 100,000 terms) from which a reader waits
/// for a writer's rather than build its own.
const WAIT_FOR_INDEXES_FROM: u64 = 8 << 20;

/// How long a reader waits for a writer to put its index in place.
const WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// The index of `generation` once the writer that committed it has
/// renamed its index file into place, or `None` after [`WRITER_WAIT`].
///
/// A writer commits, then renames the index it built into place; a
/// reader that reads the new generation in between finds the file one
/// generation behind. Building the index itself would be right but, on a
/// store of a million terms, costs that reader (and every other one in
/// the same gap) ten seconds; the rename comes within milliseconds. So a
/// reader that finds an older file waits for the newer one, and builds
/// its own only if none comes (the writer died between commit and
/// rename). A missing file or a newer one (this snapshot is the old
/// one) is not waited for.
fn wait_for_writer(
    path: &Path,
    generation: u64,
    kept: &std::cell::RefCell<Option<MappedIndex>>,
) -> Option<LookupIndex> {
    let on_disk = || -> Option<u64> {
        let mut header = Vec::with_capacity(1024);
        let file = File::open(path).ok()?;
        std::io::Read::read_to_end(&mut std::io::Read::take(file, 1024), &mut header).ok()?;
        LookupIndex::generation_of(&header)
    };
    // A small index is built sooner than a writer's rename is waited
    // for (the writer may be a loop of imports that holds the cores).
    let large = std::fs::metadata(path).is_ok_and(|m| m.len() >= WAIT_FOR_INDEXES_FROM);
    let deadline = std::time::Instant::now() + WRITER_WAIT;
    while large && on_disk().is_some_and(|g| g < generation) && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    open_current(path, generation, kept)
}

/// The store's terms, read inside one snapshot.
struct Snapshot<'c>(&'c Connection);

impl TermSource for Snapshot<'_> {
    /// One query for the whole batch (the ids as a JSON array), not one
    /// per id: a lookup resolves up to a batch of terms at a time.
    fn terms_by_id(&self, ids: &[u64]) -> Result<Vec<(u64, Term)>> {
        let list = format!(
            "[{}]",
            ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
        );
        let mut stmt = self.0.prepare_cached(&format!(
            "{}, t.id FROM term t JOIN concept c ON c.id = t.concept_id
             WHERE t.id IN (SELECT value FROM json_each(?1))",
            super::terms::SELECT_TERM_COLUMNS
        ))?;
        let found = stmt
            .query_map([list], |row| {
                Ok((
                    row.get::<_, i64>(7)? as u64,
                    super::terms::term_from_row(row)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }

    fn concept(&self, slug: &str) -> Result<Option<Concept>> {
        super::terms::concept(self.0, slug)
    }
}

impl Store {
    /// Fuzzy lookup through the persisted index, in one read snapshot.
    pub fn lookup(&self, query: &Query<'_>) -> Result<Vec<Hit>> {
        let tx = self.conn().unchecked_transaction()?;
        let generation = generation(&tx)?;
        let path = index_path(self.path());
        let index = match open_current(&path, generation, &self.mapped_index)
            .or_else(|| wait_for_writer(&path, generation, &self.mapped_index))
        {
            Some(index) => index,
            None => {
                let bytes = build(&tx, generation)?;
                // Best effort: a read-only directory still gets answers.
                if let Ok(tmp) = write_temp(&path, &bytes) {
                    let _ = tmp.persist(&path);
                }
                LookupIndex::open(Bytes::Owned(bytes)).map_err(|e| {
                    Error::Internal(format!(
                        "the lookup index built from the store is damaged: {}",
                        e.0
                    ))
                })?
            }
        };
        let hits = lookup::search(&index, &Snapshot(&tx), query)?;
        tx.finish()?;
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn old_temporary_index_files_are_swept_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("s.sqlite.lookup");
        let touch = |name: &str, age: Duration| {
            let path = dir.path().join(name);
            let file = File::create(&path).unwrap();
            file.set_modified(SystemTime::now() - age).unwrap();
            path
        };
        let hour = Duration::from_secs(3600);
        let orphan = touch(".s.sqlite.lookup.tmp-a1", 2 * hour);
        let fresh = touch(".s.sqlite.lookup.tmp-b2", Duration::ZERO);
        let other_store = touch(".t.sqlite.lookup.tmp-c3", 2 * hour);
        let article = touch(".a.txt.tmp-d4", 2 * hour);
        sweep_orphans(&index);
        assert!(!orphan.exists());
        assert!(fresh.exists() && other_store.exists() && article.exists());
    }
}
