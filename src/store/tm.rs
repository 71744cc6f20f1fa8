//! Queries on the translation-memory tables (`db/0002_translation_memory.sql`):
//! storing units with their inverted index, the word statistics the search
//! plans with, candidate segments, and whole units for export and reports.
//!
//! Only this file writes SQL for the TM; the search and concordance
//! modules say what they want through [`SegmentFilter`].

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use rusqlite::{Connection, Row, ToSql, params, params_from_iter};

use super::{Store, WriteTx};
use crate::error::Result;
use crate::model::Lang;
use crate::normalize::fold_key;
use crate::tm::unit::{LangSelector, Segment, Unit, base_lang, sort_segments};

/// A stored unit with its row id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUnit {
    pub id: i64,
    pub unit: Unit,
}

/// A stored segment as the search and concordance read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentRow {
    pub segment_id: i64,
    pub unit_id: i64,
    pub lang: String,
    pub text: String,
    /// [`fold_key`] of `text`.
    pub folded: String,
    /// The unit's creation time.
    pub created: String,
}

/// How many segments of a language hold a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordStat {
    pub id: i64,
    pub base: String,
    pub word: String,
    pub segments: i64,
}

/// Which segments to read. Every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct SegmentFilter<'a> {
    /// Only these segments (ids in ascending order), looked up one by one.
    pub ids: Option<&'a [i64]>,
    /// Only segments that hold at least one of these words (`tm_word` ids).
    pub any_word: Option<&'a [i64]>,
    /// Only segments in this language.
    pub lang: Option<&'a LangSelector>,
    /// Only segments with this many folded words.
    pub words: Option<Range<usize>>,
    /// Only segments whose unit also has a segment in this language.
    pub unit_has: Option<&'a LangSelector>,
}

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

fn bad_lang(i: usize, e: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
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
            lang: row
                .get::<_, String>(5)?
                .parse()
                .map_err(|e| bad_lang(5, e))?,
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
            .map(|r| Ok(r?.parse::<Lang>().map_err(|e| bad_lang(0, e))?))
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

    /// Hands the id of every segment holding word `word_id` to `f`. Reads
    /// the index only, not the segments.
    pub fn tm_postings(&self, word_id: i64, f: &mut dyn FnMut(i64)) -> Result<()> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT segment_id FROM tm_posting WHERE word_id = ?1")?;
        let mut rows = stmt.query([word_id])?;
        while let Some(row) = rows.next()? {
            f(row.get(0)?);
        }
        Ok(())
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
        // With postings to read, the segments are reached through them and
        // the language and length are checked row by row; without, the
        // (base, words) index finds them.
        let by_id = filter.ids.is_some();
        let row_check = if filter.any_word.is_some() || by_id {
            "+"
        } else {
            ""
        };
        if by_id {
            conditions.push("s.id = ?".into());
        }
        if let Some(ids) = filter.any_word {
            if ids.is_empty() {
                return Ok(());
            }
            let marks = vec!["?"; ids.len()].join(", ");
            conditions.push(format!(
                "s.id IN (SELECT DISTINCT segment_id FROM tm_posting WHERE word_id IN ({marks}))"
            ));
            values.extend(ids.iter().map(|id| Box::new(*id) as Box<dyn ToSql>));
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
        let mut stmt = self.conn().prepare(&format!(
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

/// The `tm_word` ids met so far in one transaction, so that a bulk import
/// looks each word up once rather than once per segment.
#[derive(Debug, Default)]
pub struct WordIds(HashMap<(String, String), i64>);

impl WriteTx<'_> {
    /// Stores a unit (its segments cleaned and checked) unless a unit with
    /// the same identity is stored already. Returns whether it was added.
    /// `created` is used when the unit does not carry a creation time.
    /// `words` must only ever be used with this transaction.
    pub fn insert_tm_unit(
        &mut self,
        unit: &Unit,
        identity: &str,
        created: &str,
        words: &mut WordIds,
    ) -> Result<bool> {
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
            let distinct: BTreeSet<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
            let count = folded.split(' ').filter(|w| !w.is_empty()).count();
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
                    count as i64
                ])?;
            let segment_id = self.tx.last_insert_rowid();
            for word in distinct {
                let key = (base.to_string(), word.to_string());
                let word_id = match words.0.get(&key) {
                    Some(id) => *id,
                    None => {
                        let id: i64 = self
                            .tx
                            .prepare_cached(
                                "INSERT INTO tm_word (base, word) VALUES (?1, ?2)
                                 ON CONFLICT (word, base) DO UPDATE SET segments = segments
                                 RETURNING id",
                            )?
                            .query_row(params![base, word], |r| r.get(0))?;
                        words.0.insert(key, id);
                        id
                    }
                };
                self.tx
                    .prepare_cached("INSERT INTO tm_posting (word_id, segment_id) VALUES (?1, ?2)")?
                    .execute(params![word_id, segment_id])?;
            }
        }
        Ok(true)
    }
}
