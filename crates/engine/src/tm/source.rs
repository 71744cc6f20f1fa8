//! What the searches read a translation memory through. Search and
//! concordance are written against [`SegmentSource`] rather than the
//! store, as lookup is written against [`crate::lookup::TermSource`]: the
//! store is one source (implemented here, so that the store knows nothing
//! of the searches), a test can be another.

use crate::error::Result;
use crate::model::unit::{SegmentFilter, SegmentRow, StoredUnit, WordStat};
use crate::store::Store;

/// The reads a search makes of a translation memory.
pub trait SegmentSource {
    /// The index entries of `words`: in one primary language, or in every
    /// language when `base` is `None`. Words no segment holds are absent.
    fn word_stats(&self, base: Option<&str>, words: &[&str]) -> Result<Vec<WordStat>>;

    /// The ids of the segments holding word `word_id`, ascending.
    fn postings(&self, word_id: i64) -> Result<Vec<i64>>;

    /// Hands the language tag, word count and folded text of each segment
    /// of `ids` to `f`.
    fn folded(
        &self,
        ids: &[i64],
        f: &mut dyn FnMut(i64, &str, usize, &str) -> Result<()>,
    ) -> Result<()>;

    /// Hands every segment that passes `filter` to `f`, in unit order.
    fn segments(
        &self,
        filter: &SegmentFilter<'_>,
        f: &mut dyn FnMut(SegmentRow) -> Result<()>,
    ) -> Result<()>;

    /// One unit, if it exists.
    fn unit(&self, id: i64) -> Result<Option<StoredUnit>>;
}

impl SegmentSource for Store {
    fn word_stats(&self, base: Option<&str>, words: &[&str]) -> Result<Vec<WordStat>> {
        self.tm_word_stats(base, words)
    }

    fn postings(&self, word_id: i64) -> Result<Vec<i64>> {
        self.tm_postings(word_id)
    }

    fn folded(
        &self,
        ids: &[i64],
        f: &mut dyn FnMut(i64, &str, usize, &str) -> Result<()>,
    ) -> Result<()> {
        self.tm_folded(ids, f)
    }

    fn segments(
        &self,
        filter: &SegmentFilter<'_>,
        f: &mut dyn FnMut(SegmentRow) -> Result<()>,
    ) -> Result<()> {
        self.tm_segments(filter, f)
    }

    fn unit(&self, id: i64) -> Result<Option<StoredUnit>> {
        self.tm_unit(id)
    }
}
