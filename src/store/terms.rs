//! Queries on the termbase tables. Reads take any connection (a plain one
//! or the write transaction, which derefs to it); writes only happen
//! through [`WriteTx`], so a command cannot write outside its transaction.

use std::collections::HashMap;

use rusqlite::{Connection, Row, Transaction, params};

use std::path::PathBuf;

use super::{Store, lookup};
use crate::error::Result;
use crate::exchange::csv::sort_canonical;
use crate::glossary::ImportPlan;
use crate::model::{Concept, Status, Term};
use crate::progress::Progress;

pub(super) const SELECT_TERMS: &str =
    "SELECT c.slug, t.lang, t.term, t.status, t.type, c.category, t.note
     FROM term t JOIN concept c ON c.id = t.concept_id";

pub(super) fn term_from_row(row: &Row<'_>) -> rusqlite::Result<Term> {
    let text = |i: usize| -> rusqlite::Result<String> { row.get(i) };
    let bad = |i: usize, e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    };
    Ok(Term {
        concept: text(0)?,
        lang: text(1)?.parse().map_err(|e| bad(1, e))?,
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
    let mut stmt = conn.prepare(&format!("{SELECT_TERMS} WHERE c.slug = ?1"))?;
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

/// Groups canonical-ordered terms into concepts.
pub fn group_concepts(terms: Vec<Term>) -> Vec<Concept> {
    let mut out: Vec<Concept> = Vec::new();
    for t in terms {
        match out.last_mut() {
            Some(c) if c.concept == t.concept => c.terms.push(t),
            _ => out.push(Concept {
                concept: t.concept.clone(),
                category: t.category.clone(),
                terms: vec![t],
            }),
        }
    }
    out
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

/// The write transaction of one command. Dropping it without
/// [`WriteTx::commit`] rolls everything back.
pub struct WriteTx<'a> {
    tx: Transaction<'a>,
    concept_ids: Option<HashMap<String, i64>>,
    /// Where the lookup index lives; rebuilt on commit if terms changed.
    index_path: PathBuf,
    terms_changed: bool,
}

impl<'a> WriteTx<'a> {
    pub(super) fn new(tx: Transaction<'a>, index_path: PathBuf) -> Self {
        WriteTx {
            tx,
            concept_ids: None,
            index_path,
            terms_changed: false,
        }
    }

    pub fn all_terms(&self) -> Result<Vec<Term>> {
        all_terms(&self.tx)
    }

    pub fn concept(&self, slug: &str) -> Result<Option<Concept>> {
        concept(&self.tx, slug)
    }

    fn concept_id(&mut self, slug: &str, category: &str) -> Result<i64> {
        if self.concept_ids.is_none() {
            let mut stmt = self.tx.prepare("SELECT slug, id FROM concept")?;
            let ids = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
                .collect::<rusqlite::Result<HashMap<_, _>>>()?;
            self.concept_ids = Some(ids);
        }
        let ids = self.concept_ids.as_mut().expect("loaded above");
        if let Some(id) = ids.get(slug) {
            self.tx
                .prepare_cached(
                    "UPDATE concept SET category = ?2 WHERE id = ?1 AND category <> ?2",
                )?
                .execute(params![id, category])?;
            return Ok(*id);
        }
        self.tx
            .prepare_cached("INSERT INTO concept (slug, category) VALUES (?1, ?2)")?
            .execute(params![slug, category])?;
        let id = self.tx.last_insert_rowid();
        ids.insert(slug.to_string(), id);
        Ok(id)
    }

    /// Writes an import plan. Removals go first and terms that become
    /// preferred go last, so the one-preferred index holds at every step.
    pub fn apply(&mut self, plan: &ImportPlan, progress: &mut dyn Progress) -> Result<()> {
        let total = plan.removed.len() + plan.updated.len() + plan.added.len();
        progress.start(total as u64, "writing");
        for t in &plan.removed {
            self.delete_term(t)?;
        }
        progress.advance(plan.removed.len() as u64);
        let mut writes: Vec<(&Term, bool)> = plan
            .updated
            .iter()
            .map(|t| (t, true))
            .chain(plan.added.iter().map(|t| (t, false)))
            .collect();
        writes.sort_by_key(|(t, _)| t.status == Status::Preferred);
        for chunk in writes.chunks(4096) {
            for (t, exists) in chunk {
                if *exists {
                    self.update_term(t)?;
                } else {
                    self.insert_term(t)?;
                }
            }
            progress.advance(chunk.len() as u64);
        }
        progress.finish();
        self.delete_empty_concepts()
    }

    pub fn insert_term(&mut self, t: &Term) -> Result<()> {
        self.terms_changed = true;
        let concept_id = self.concept_id(&t.concept, &t.category)?;
        self.tx
            .prepare_cached("INSERT INTO term (concept_id, lang, term, status, type, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![concept_id, t.lang.as_str(), t.term, t.status.as_str(), t.term_type.as_str(), t.note])?;
        Ok(())
    }

    pub fn update_term(&mut self, t: &Term) -> Result<()> {
        self.terms_changed = true;
        let concept_id = self.concept_id(&t.concept, &t.category)?;
        self.tx
            .prepare_cached("UPDATE term SET status = ?4, type = ?5, note = ?6 WHERE concept_id = ?1 AND lang = ?2 AND term = ?3")?
            .execute(params![concept_id, t.lang.as_str(), t.term, t.status.as_str(), t.term_type.as_str(), t.note])?;
        Ok(())
    }

    pub fn delete_term(&mut self, t: &Term) -> Result<()> {
        self.terms_changed = true;
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
    pub fn commit(self) -> Result<()> {
        if !self.terms_changed {
            self.tx.commit()?;
            return Ok(());
        }
        let generation = lookup::bump_generation(&self.tx)?;
        let bytes = lookup::build(&self.tx, generation)?;
        let tmp = lookup::write_temp(&self.index_path, &bytes)?;
        self.tx.commit()?;
        // The store is committed; if the rename fails, readers see a stale
        // index and rebuild it, so the failure loses nothing.
        let _ = tmp.persist(&self.index_path);
        lookup::sweep_orphans(&self.index_path);
        Ok(())
    }
}
