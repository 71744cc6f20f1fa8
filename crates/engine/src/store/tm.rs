//! Queries on the translation-memory tables (`db/0003_translation_memory.sql`,
//! `db/0005_tm_posting_lists.sql`):
//! storing units with their inverted index, the word statistics the search
//! plans with, candidate segments, and whole units for export and reports.
//!
//! Only this file writes SQL for the TM; the search and concordance
//! modules say what they want through [`SegmentFilter`].

use std::collections::{BTreeSet, HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, Row, ToSql, params, params_from_iter};

use super::postings;
use super::{Store, WriteTx};
use crate::error::Result;
use crate::model::Lang;
use crate::model::unit::{
    LangSelector, Segment, SegmentFilter, SegmentRow, SourcedUnit, StoredUnit, Unit, WordStat,
    base_lang, identity, sort_segments,
};
use crate::normalize::fold_key;
use crate::progress::Progress;

/// `column = ?` for a language selector: the primary subtag or the tag.
/// `prefix` is empty or `+`: SQLite's unary plus keeps the planner from
/// using an index on the column, where another index is the right one.
fn lang_condition(prefix: &str, table: &str, lang: &LangSelector) -> (String, String) {
    if lang.is_base() {
        (format!("{prefix}{table}.base = ?"), lang.base().to_string())
    } else {
        (
            format!("{prefix}{table}.lang = ?"),
            lang.tag.as_str().to_string(),
        )
    }
}

fn segment_row(row: &Row<'_>) -> rusqlite::Result<SegmentRow> {
    Ok(SegmentRow {
        segment_id: row.get(0)?,
        unit_id: row.get(1)?,
        lang: row.get(2)?,
        text: row.get(3)?,
        folded: row.get(4)?,
        created: row.get(5)?,
    })
}

/// Reads units with their segments, in unit order, handing each to `f`.
/// `only` limits the reading to one unit.
fn for_each_unit(
    conn: &Connection,
    only: Option<i64>,
    f: &mut dyn FnMut(StoredUnit) -> Result<()>,
) -> Result<()> {
    let filter = if only.is_some() {
        "WHERE u.id = ?1"
    } else {
        "WHERE ?1 IS NULL"
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT u.id, u.tuid, u.origin_doc, u.origin_date, u.created, s.lang, s.text
         FROM tm_unit u JOIN tm_segment s ON s.unit_id = u.id
         {filter} ORDER BY u.id, s.id"
    ))?;
    let mut rows = stmt.query(params![only])?;
    let mut current: Option<StoredUnit> = None;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let segment = Segment {
            lang: Lang::from_store(&row.get::<_, String>(5)?),
            text: row.get(6)?,
        };
        match &mut current {
            Some(u) if u.id == id => u.unit.segments.push(segment),
            _ => {
                if let Some(mut done) = current.take() {
                    sort_segments(&mut done.unit.segments);
                    f(done)?;
                }
                current = Some(StoredUnit {
                    id,
                    unit: Unit {
                        tuid: row.get(1)?,
                        origin_doc: row.get(2)?,
                        origin_date: row.get(3)?,
                        created: Some(row.get(4)?),
                        segments: vec![segment],
                    },
                });
            }
        }
    }
    if let Some(mut done) = current {
        sort_segments(&mut done.unit.segments);
        f(done)?;
    }
    Ok(())
}

impl Store {
    /// Lets this connection cache up to `mib` MiB of pages. A bulk import
    /// writes postings all over the word index; with SQLite's default 2 MiB
    /// cache it rereads the same pages again and again (a third of the time
    /// on 100,000 units).
    pub fn reserve_cache_mib(&self, mib: i64) -> Result<()> {
        self.conn().pragma_update(None, "cache_size", -1024 * mib)?;
        Ok(())
    }

    /// Number of units and segments in the translation memory.
    pub fn tm_counts(&self) -> Result<(i64, i64)> {
        Ok(self.conn().query_row(
            "SELECT (SELECT count(*) FROM tm_unit), (SELECT count(*) FROM tm_segment)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// The language tags of the stored segments, in report order.
    pub fn tm_langs(&self) -> Result<Vec<Lang>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT DISTINCT lang FROM tm_segment")?;
        let mut langs = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .map(|r| Ok(Lang::from_store(&r?)))
            .collect::<Result<Vec<_>>>()?;
        langs.sort_by(|a, b| (a.report_rank(), a.as_str()).cmp(&(b.report_rank(), b.as_str())));
        Ok(langs)
    }

    /// Every unit with its segments, in the order they were stored.
    pub fn tm_for_each_unit(&self, f: &mut dyn FnMut(StoredUnit) -> Result<()>) -> Result<()> {
        for_each_unit(self.conn(), None, f)
    }

    /// One unit, if it exists.
    pub fn tm_unit(&self, id: i64) -> Result<Option<StoredUnit>> {
        let mut found = None;
        for_each_unit(self.conn(), Some(id), &mut |u| {
            found = Some(u);
            Ok(())
        })?;
        Ok(found)
    }

    /// The index entries of `words`: in one primary language, or in every
    /// language when `base` is `None`. Words no segment holds are absent.
    pub fn tm_word_stats(&self, base: Option<&str>, words: &[&str]) -> Result<Vec<WordStat>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, base, word, segments FROM tm_word
             WHERE word = ?1 AND (?2 IS NULL OR base = ?2) AND segments > 0",
        )?;
        let mut out = Vec::new();
        let distinct: BTreeSet<&str> = words.iter().copied().collect();
        for word in distinct {
            let rows = stmt.query_map(params![word, base], |r| {
                Ok(WordStat {
                    id: r.get(0)?,
                    base: r.get(1)?,
                    word: r.get(2)?,
                    segments: r.get(3)?,
                })
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// The ids of the segments holding word `word_id`, ascending. Reads
    /// the index only, not the segments.
    pub fn tm_postings(&self, word_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT ids FROM tm_posting_list WHERE word_id = ?1")?;
        let mut rows = stmt.query([word_id])?;
        match rows.next()? {
            Some(row) => {
                postings::decode(row.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?)
            }
            None => Ok(Vec::new()),
        }
    }

    /// Hands the language tag, word count and folded text of each segment
    /// of `ids` to `f`: what a search verifies a candidate on, read by row
    /// id without touching the segment's unit.
    pub fn tm_folded(
        &self,
        ids: &[i64],
        f: &mut dyn FnMut(i64, &str, usize, &str) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT lang, words, folded FROM tm_segment WHERE id = ?1")?;
        for &id in ids {
            let mut rows = stmt.query([id])?;
            if let Some(row) = rows.next()? {
                let lang: String = row.get(0)?;
                let words: i64 = row.get(1)?;
                let folded: String = row.get(2)?;
                f(id, &lang, words as usize, &folded)?;
            }
        }
        Ok(())
    }

    /// Hands every segment that passes `filter` to `f`, in unit order.
    pub fn tm_segments(
        &self,
        filter: &SegmentFilter<'_>,
        f: &mut dyn FnMut(SegmentRow) -> Result<()>,
    ) -> Result<()> {
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<Box<dyn ToSql>> = Vec::new();
        // With ids given, the segments are reached by id and the language
        // and length are checked row by row; without, the (base, words)
        // index finds them.
        let by_id = filter.ids.is_some();
        let row_check = if by_id { "+" } else { "" };
        if by_id {
            conditions.push("s.id = ?".into());
        }
        if let Some(lang) = filter.lang {
            let (condition, value) = lang_condition(row_check, "s", lang);
            conditions.push(condition);
            values.push(Box::new(value));
        }
        if let Some(words) = &filter.words {
            conditions.push(format!(
                "{row_check}s.words >= ? AND {row_check}s.words < ?"
            ));
            values.push(Box::new(words.start as i64));
            values.push(Box::new(words.end.min(i64::MAX as usize) as i64));
        }
        if let Some(lang) = filter.unit_has {
            // Looked up by unit (the unique (unit_id, lang) index), never
            // by language, which would read every segment of it per row.
            let (condition, value) = lang_condition("+", "t", lang);
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM tm_segment t WHERE t.unit_id = s.unit_id AND t.id <> s.id AND {condition})"
            ));
            values.push(Box::new(value));
        }
        let filter_sql = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        // Cached: a search prepares the same few statements every time.
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT s.id, s.unit_id, s.lang, s.text, s.folded, u.created
             FROM tm_segment s JOIN tm_unit u ON u.id = s.unit_id
             {filter_sql} ORDER BY s.unit_id, s.id"
        ))?;
        let Some(ids) = filter.ids else {
            let mut rows = stmt.query(params_from_iter(values.iter().map(|v| v.as_ref())))?;
            while let Some(row) = rows.next()? {
                f(segment_row(row)?)?;
            }
            return Ok(());
        };
        for id in ids {
            let params = std::iter::once(id as &dyn ToSql).chain(values.iter().map(|v| v.as_ref()));
            let mut rows = stmt.query(params_from_iter(params))?;
            if let Some(row) = rows.next()? {
                f(segment_row(row)?)?;
            }
        }
        Ok(())
    }
}

/// The postings of the segments stored in one transaction, gathered in
/// memory and written once per word by [`flush_postings`] when the
/// transaction commits: a posting costs a few bytes appended to a buffer
/// instead of a row insert, and each word's count is updated once.
#[derive(Debug, Default)]
pub(super) struct PendingPostings {
    /// By primary language subtag, then folded word.
    by_base: HashMap<String, HashMap<String, PendingList>>,
}

/// One word's new postings, encoded as [`postings`] stores them.
#[derive(Debug, Default)]
struct PendingList {
    count: i64,
    last: i64,
    ids: Vec<u8>,
}

impl PendingPostings {
    /// The pending lists of one primary language subtag.
    fn of_base(&mut self, base: &str) -> &mut HashMap<String, PendingList> {
        if !self.by_base.contains_key(base) {
            self.by_base.insert(base.to_string(), HashMap::new());
        }
        self.by_base.get_mut(base).expect("inserted above")
    }
}

/// Adds `segment_id` to the pending list of `word`.
fn add_posting(
    lists: &mut HashMap<String, PendingList>,
    word: &str,
    segment_id: i64,
) -> Result<()> {
    let list = match lists.get_mut(word) {
        Some(list) => list,
        None => lists.entry(word.to_string()).or_default(),
    };
    if postings::add(&mut list.ids, &mut list.last, segment_id)? {
        list.count += 1;
    }
    Ok(())
}

/// Writes the pending postings into the word index: each word's count is
/// added to `tm_word` and its ids appended to its list. Segment ids only
/// grow, so the new ids follow the stored ones; were it otherwise, the
/// lists are merged.
pub(super) fn flush_postings(tx: &Connection, pending: &mut PendingPostings) -> Result<()> {
    let mut words: Vec<(String, String, PendingList)> = std::mem::take(&mut pending.by_base)
        .into_iter()
        .flat_map(|(base, words)| {
            words
                .into_iter()
                .map(move |(word, list)| (base.clone(), word, list))
        })
        .collect();
    // Words get their ids in a reproducible order.
    words.sort_unstable_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let mut upsert_word = tx.prepare_cached(
        "INSERT INTO tm_word (base, word, segments) VALUES (?1, ?2, ?3)
         ON CONFLICT (word, base) DO UPDATE SET segments = segments + excluded.segments
         RETURNING id",
    )?;
    let mut stored =
        tx.prepare_cached("SELECT last_segment, ids FROM tm_posting_list WHERE word_id = ?1")?;
    let mut write = tx.prepare_cached(
        "INSERT OR REPLACE INTO tm_posting_list (word_id, last_segment, ids) VALUES (?1, ?2, ?3)",
    )?;
    for (base, word, list) in words {
        let word_id: i64 = upsert_word.query_row(params![base, word, list.count], |r| r.get(0))?;
        let old: Option<(i64, Vec<u8>)> = stored
            .query_row([word_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (last, ids) = match old {
            None => (list.last, list.ids),
            Some((mut last, mut ids)) => {
                for id in postings::decode(&list.ids)? {
                    postings::add(&mut ids, &mut last, id)?;
                }
                (last, ids)
            }
        };
        write.execute(params![word_id, last, ids])?;
    }
    Ok(())
}

/// What storing the units of a file did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UnitsStored {
    pub added: usize,
    /// Already in the store with the same content.
    pub unchanged: usize,
    /// Given more than once in the file: stored once.
    pub repeated: usize,
}

impl WriteTx<'_> {
    /// Stores the units of a file, each unless a unit of the same content
    /// is stored already (so importing a file twice adds nothing).
    /// `created` is the time given to units that do not carry one.
    pub fn store_units(
        &mut self,
        units: &[SourcedUnit],
        created: &str,
        progress: &mut dyn Progress,
    ) -> Result<UnitsStored> {
        let mut stored = UnitsStored::default();
        let mut seen = HashSet::new();
        progress.start(units.len() as u64, "storing units");
        for (i, sourced) in units.iter().enumerate() {
            let id = identity(&sourced.unit.segments);
            if !seen.insert(id.clone()) {
                stored.repeated += 1;
            } else if self.insert_tm_unit(&sourced.unit, &id, created)? {
                stored.added += 1;
            } else {
                stored.unchanged += 1;
            }
            if i % 1024 == 1023 {
                progress.advance(1024);
            }
        }
        progress.finish();
        Ok(stored)
    }

    /// Stores a unit (its segments cleaned and checked) unless a unit with
    /// the same identity is stored already. Returns whether it was added.
    /// `created` is used when the unit does not carry a creation time. The
    /// unit's words reach the word index when the transaction commits.
    pub fn insert_tm_unit(&mut self, unit: &Unit, identity: &str, created: &str) -> Result<bool> {
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO tm_unit (identity, tuid, origin_doc, origin_date, created)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (identity) DO NOTHING",
            )?
            .execute(params![
                identity,
                unit.tuid,
                unit.origin_doc,
                unit.origin_date,
                unit.created.as_deref().unwrap_or(created)
            ])?;
        if inserted == 0 {
            return Ok(false);
        }
        let unit_id = self.tx.last_insert_rowid();
        for segment in &unit.segments {
            let folded = fold_key(&segment.text);
            let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
            let base = base_lang(&segment.lang);
            self.tx
                .prepare_cached(
                    "INSERT INTO tm_segment (unit_id, lang, base, text, folded, words)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    unit_id,
                    segment.lang.as_str(),
                    base,
                    segment.text,
                    folded,
                    words.len() as i64
                ])?;
            let segment_id = self.tx.last_insert_rowid();
            // A word met twice in the segment is added once.
            let lists = self.tm_pending.of_base(base);
            for word in words {
                add_posting(lists, word, segment_id)?;
            }
        }
        Ok(true)
    }
}
