//! Queries on the termbase tables. Reads take any connection (a plain one
//! or the write transaction, which derefs to it); writes only happen
//! through [`WriteTx`], so a command cannot write outside its transaction.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use rayon::slice::ParallelSliceMut;

use rusqlite::{Connection, Row, Transaction, params};

use std::path::PathBuf;

use super::{Store, lookup};
use crate::error::Result;
use crate::model::{Concept, ImportPlan, Lang, Status, Term, sort_canonical};
use crate::progress::Progress;

/// The columns [`term_from_row`] reads, in its order.
macro_rules! select_term_columns {
    () => {
        "SELECT c.slug, t.lang, t.term, t.status, t.type, c.category, t.note"
    };
}

pub(super) const SELECT_TERM_COLUMNS: &str = select_term_columns!();

pub(super) const SELECT_TERMS: &str = concat!(
    select_term_columns!(),
    " FROM term t JOIN concept c ON c.id = t.concept_id"
);

pub(super) fn term_from_row(row: &Row<'_>) -> rusqlite::Result<Term> {
    let text = |i: usize| -> rusqlite::Result<String> { row.get(i) };
    let bad = |i: usize, e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    };
    Ok(Term {
        concept: text(0)?,
        lang: Lang::from_store(&text(1)?),
        term: text(2)?,
        status: text(3)?.parse().map_err(|e| bad(3, e))?,
        term_type: text(4)?.parse().map_err(|e| bad(4, e))?,
        category: text(5)?,
        note: text(6)?,
    })
}

/// Every term, in canonical order.
fn all_terms(conn: &Connection) -> Result<Vec<Term>> {
    let mut stmt = conn.prepare(SELECT_TERMS)?;
    let mut terms = stmt
        .query_map([], term_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    sort_canonical(&mut terms);
    Ok(terms)
}

/// One concept with its terms, or `None`.
pub(super) fn concept(conn: &Connection, slug: &str) -> Result<Option<Concept>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_TERMS} WHERE c.slug = ?1"))?;
    let mut terms = stmt
        .query_map([slug], term_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if terms.is_empty() {
        return Ok(None);
    }
    sort_canonical(&mut terms);
    Ok(Some(Concept {
        concept: slug.to_string(),
        category: terms[0].category.clone(),
        terms,
    }))
}

impl Store {
    /// Every term, in canonical order.
    pub fn all_terms(&self) -> Result<Vec<Term>> {
        all_terms(self.conn())
    }

    /// One concept with its terms.
    pub fn concept(&self, slug: &str) -> Result<Option<Concept>> {
        concept(self.conn(), slug)
    }

    /// Number of concepts and terms.
    pub fn counts(&self) -> Result<(i64, i64)> {
        Ok(self.conn().query_row(
            "SELECT (SELECT count(*) FROM concept), (SELECT count(*) FROM term)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}

/// The columns [`WriteTx::insert_new`] writes, and how many rows one of
/// its statements holds (7 × 64 parameters, far below SQLite's limit).
const TERM_COLUMNS: usize = 7;
const ROWS_PER_INSERT: usize = 64;

/// `INSERT INTO term ... VALUES (...), (...)` with `rows` rows of
/// parameters.
fn insert_sql(rows: usize) -> String {
    let mut sql =
        String::from("INSERT INTO term (id, concept_id, lang, term, status, type, note) VALUES ");
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str("(?,?,?,?,?,?,?)");
    }
    sql
}

/// The write transaction of one command. Dropping it without
/// [`WriteTx::commit`] rolls everything back.
pub struct WriteTx<'a> {
    pub(super) tx: Transaction<'a>,
    concept_ids: Option<HashMap<String, (i64, String)>>,
    /// Where the lookup index lives; rebuilt on commit if terms changed.
    /// `None` for a store being filled under a temporary name.
    index_path: Option<PathBuf>,
    terms_changed: bool,
    /// The lookup index of the state being written, with its generation,
    /// when [`WriteTx::apply`] built it alongside the writes.
    built_index: Option<(u64, Vec<u8>)>,
    /// Translation-memory postings written to the word index on commit.
    pub(super) tm_pending: super::tm::PendingPostings,
}

impl<'a> WriteTx<'a> {
    pub(super) fn new(tx: Transaction<'a>, index_path: Option<PathBuf>) -> Self {
        WriteTx {
            tx,
            concept_ids: None,
            index_path,
            terms_changed: false,
            built_index: None,
            tm_pending: Default::default(),
        }
    }

    pub fn all_terms(&self) -> Result<Vec<Term>> {
        all_terms(&self.tx)
    }

    pub fn concept(&self, slug: &str) -> Result<Option<Concept>> {
        concept(&self.tx, slug)
    }

    /// The id of a concept, created when new; its category is updated
    /// when it differs (the known categories are cached, so a large import
    /// does not run an update per row).
    fn concept_id(&mut self, slug: &str, category: &str) -> Result<i64> {
        if self.concept_ids.is_none() {
            let mut stmt = self.tx.prepare("SELECT slug, id, category FROM concept")?;
            let ids = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        (r.get::<_, i64>(1)?, r.get::<_, String>(2)?),
                    ))
                })?
                .collect::<rusqlite::Result<HashMap<_, _>>>()?;
            self.concept_ids = Some(ids);
        }
        let ids = self.concept_ids.as_mut().expect("loaded above");
        if let Some((id, known)) = ids.get_mut(slug) {
            if known != category {
                self.tx
                    .prepare_cached("UPDATE concept SET category = ?2 WHERE id = ?1")?
                    .execute(params![*id, category])?;
                *known = category.to_string();
            }
            return Ok(*id);
        }
        self.tx
            .prepare_cached("INSERT INTO concept (slug, category) VALUES (?1, ?2)")?
            .execute(params![slug, category])?;
        let id = self.tx.last_insert_rowid();
        ids.insert(slug.to_string(), (id, category.to_string()));
        Ok(id)
    }

    /// Writes an import plan. Removals go first, then updates (those that
    /// leave a term preferred last), then new terms, so the one-preferred
    /// index holds at every step.
    ///
    /// New terms are written in the order of the term table's unique index
    /// (concept, language, term), with ids ascending in that order, so both
    /// the table and its indexes grow at their ends instead of splitting
    /// pages all over; and many rows go in one statement.
    ///
    /// The lookup index depends only on each term's id and text, so the
    /// ids of new terms are chosen here and the index is built on another
    /// thread while the rows are written.
    pub fn apply(&mut self, plan: &ImportPlan, progress: &mut dyn Progress) -> Result<()> {
        let total = plan.removed.len() + plan.updated.len() + plan.added.len();
        progress.start(total as u64, "writing");
        let removed: HashSet<(&str, &str, &str)> = plan
            .removed
            .iter()
            .map(|t| (t.concept.as_str(), t.lang.as_str(), t.term.as_str()))
            .collect();
        let mut index_input: Vec<(u64, Cow<'_, str>)> = Vec::new();
        let mut next_id = 1i64;
        {
            let mut stmt = self.tx.prepare(
                "SELECT t.id, c.slug, t.lang, t.term FROM term t JOIN concept c ON c.id = t.concept_id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (id, slug, lang, term): (i64, String, String, String) =
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                next_id = next_id.max(id + 1);
                if !removed.contains(&(slug.as_str(), lang.as_str(), term.as_str())) {
                    index_input.push((id as u64, Cow::Owned(term)));
                }
            }
        }
        let mut added: Vec<&Term> = plan.added.iter().collect();
        added.par_sort_unstable_by(|a, b| {
            (&a.concept, a.lang.as_str(), &a.term).cmp(&(&b.concept, b.lang.as_str(), &b.term))
        });
        let added: Vec<(i64, &Term)> = (next_id..).zip(added).collect();
        index_input.extend(
            added
                .iter()
                .map(|(id, t)| (*id as u64, Cow::Borrowed(t.term.as_str()))),
        );
        let generation = lookup::bump_generation(&self.tx)?;

        let bytes = std::thread::scope(|scope| -> Result<Vec<u8>> {
            let builder = scope.spawn(|| {
                crate::lookup::LookupIndex::build(
                    generation,
                    index_input.iter().map(|(id, t)| (*id, t.as_ref())),
                )
            });
            for t in &plan.removed {
                self.delete_row(t)?;
            }
            progress.advance(plan.removed.len() as u64);
            let mut updated: Vec<&Term> = plan.updated.iter().collect();
            updated.sort_by_key(|t| t.status == Status::Preferred);
            for t in updated {
                self.update_row(t)?;
                progress.advance(1);
            }
            for chunk in added.chunks(4096) {
                self.insert_new(chunk)?;
                progress.advance(chunk.len() as u64);
            }
            progress.finish();
            self.delete_empty_concepts()?;
            Ok(builder.join().expect("the index builder does not panic"))
        })?;
        self.terms_changed = true;
        self.built_index = Some((generation, bytes));
        Ok(())
    }

    /// Inserts new terms with the ids given, [`ROWS_PER_INSERT`] to a
    /// statement: a statement per row costs more to run than its row
    /// costs to write.
    fn insert_new(&mut self, terms: &[(i64, &Term)]) -> Result<()> {
        let mut rows = Vec::with_capacity(terms.len());
        let mut last: Option<(&str, i64)> = None;
        for &(id, t) in terms {
            // New terms come sorted by concept: one concept lookup per run.
            let concept_id = match last {
                Some((slug, concept_id)) if slug == t.concept => concept_id,
                _ => self.concept_id(&t.concept, &t.category)?,
            };
            last = Some((&t.concept, concept_id));
            rows.push((id, concept_id, t));
        }
        for batch in rows.chunks(ROWS_PER_INSERT) {
            let mut stmt = self.tx.prepare_cached(&insert_sql(batch.len()))?;
            for (i, (id, concept_id, t)) in batch.iter().enumerate() {
                let at = i * TERM_COLUMNS;
                stmt.raw_bind_parameter(at + 1, id)?;
                stmt.raw_bind_parameter(at + 2, concept_id)?;
                stmt.raw_bind_parameter(at + 3, t.lang.as_str())?;
                stmt.raw_bind_parameter(at + 4, t.term.as_str())?;
                stmt.raw_bind_parameter(at + 5, t.status.as_str())?;
                stmt.raw_bind_parameter(at + 6, t.term_type.as_str())?;
                stmt.raw_bind_parameter(at + 7, t.note.as_str())?;
            }
            stmt.raw_execute()?;
        }
        Ok(())
    }

    pub fn insert_term(&mut self, t: &Term) -> Result<()> {
        self.touched();
        self.insert_row(t)
    }

    pub fn update_term(&mut self, t: &Term) -> Result<()> {
        self.touched();
        self.update_row(t)
    }

    pub fn delete_term(&mut self, t: &Term) -> Result<()> {
        self.touched();
        self.delete_row(t)
    }

    /// Terms changed outside [`WriteTx::apply`]: the index is built from
    /// the table at commit.
    fn touched(&mut self) {
        self.terms_changed = true;
        self.built_index = None;
    }

    fn insert_row(&mut self, t: &Term) -> Result<()> {
        let concept_id = self.concept_id(&t.concept, &t.category)?;
        self.tx
            .prepare_cached("INSERT INTO term (concept_id, lang, term, status, type, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![concept_id, t.lang.as_str(), t.term, t.status.as_str(), t.term_type.as_str(), t.note])?;
        Ok(())
    }

    fn update_row(&mut self, t: &Term) -> Result<()> {
        let concept_id = self.concept_id(&t.concept, &t.category)?;
        self.tx
            .prepare_cached("UPDATE term SET status = ?4, type = ?5, note = ?6 WHERE concept_id = ?1 AND lang = ?2 AND term = ?3")?
            .execute(params![concept_id, t.lang.as_str(), t.term, t.status.as_str(), t.term_type.as_str(), t.note])?;
        Ok(())
    }

    fn delete_row(&mut self, t: &Term) -> Result<()> {
        self.tx
            .prepare_cached(
                "DELETE FROM term WHERE lang = ?2 AND term = ?3 AND concept_id = (SELECT id FROM concept WHERE slug = ?1)",
            )?
            .execute(params![t.concept, t.lang.as_str(), t.term])?;
        Ok(())
    }

    /// Removes concepts left without terms.
    pub fn delete_empty_concepts(&mut self) -> Result<()> {
        let n = self
            .tx
            .execute("DELETE FROM concept WHERE NOT EXISTS (SELECT 1 FROM term WHERE term.concept_id = concept.id)", [])?;
        if n > 0 {
            self.concept_ids = None;
        }
        Ok(())
    }

    /// Commits. When terms changed, the store's generation is bumped and
    /// the lookup index rebuilt from the state being committed, then put
    /// in place once the commit succeeded (see [`super::lookup`]).
    pub fn commit(mut self) -> Result<()> {
        super::tm::flush_postings(&self.tx, &mut self.tm_pending)?;
        if !self.terms_changed {
            self.tx.commit()?;
            return Ok(());
        }
        let bytes = match self.built_index {
            Some((_, bytes)) => Some(bytes),
            None => {
                let generation = lookup::bump_generation(&self.tx)?;
                match &self.index_path {
                    Some(_) => Some(lookup::build(&self.tx, generation)?),
                    None => None,
                }
            }
        };
        let (Some(index_path), Some(bytes)) = (self.index_path, bytes) else {
            // A store being filled under a temporary name: the first reader
            // of the store in place builds its index.
            self.tx.commit()?;
            return Ok(());
        };
        let tmp = lookup::write_temp(&index_path, &bytes)?;
        self.tx.commit()?;
        // The store is committed; if the rename fails, readers see a stale
        // index and rebuild it, so the failure loses nothing.
        let _ = tmp.persist(&index_path);
        lookup::sweep_orphans(&index_path);
        Ok(())
    }
}
