//! Schema migrations: the SQL files of `db/`, embedded at build time and
//! applied in order. `PRAGMA user_version` records how many have run, and
//! `PRAGMA application_id` marks the file as an hcgloss store so that no
//! other SQLite file is ever mistaken for one (or modified).
//!
//! Migrations are append-only: a released file is never edited, a change
//! is a new file. All pending migrations run in one transaction, so a store
//! is either fully upgraded or left as it was.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::postings;
use crate::error::Result;
use crate::model::Lang;
use crate::model::unit::{Segment, identity, sort_segments};
use crate::normalize::fold_key;

/// The migrations, in order. Index + 1 is the `user_version` after it.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../../../db/0001_termbase.sql"),
    include_str!("../../../../db/0002_lookup_generation.sql"),
    include_str!("../../../../db/0003_translation_memory.sql"),
    include_str!("../../../../db/0004_term_checks_without_in.sql"),
    include_str!("../../../../db/0005_tm_posting_lists.sql"),
    include_str!("../../../../db/0006_canonical_language_tags.sql"),
    include_str!("../../../../db/0007_tokens_and_audit.sql"),
];

/// The part of a migration SQL cannot do, run right after the SQL of the
/// migration that leads to `version`, in the same transaction.
fn after_sql(tx: &Connection, version: usize) -> Result<()> {
    match version {
        6 => canonical_tags(tx),
        _ => Ok(()),
    }
}

/// "HCGL" in ASCII: marks an SQLite file as an hcgloss store.
pub const APPLICATION_ID: i32 = 0x4843_474c;

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies every migration past the store's `user_version`.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    // The common case, an up-to-date store, takes no write lock.
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if version == latest_version() && app_id == APPLICATION_ID {
        return Ok(());
    }
    migrate_to(conn, latest_version())
}

/// Applies the migrations past the store's `user_version` up to `version`,
/// in one transaction. Only [`migrate`] uses it with anything but the
/// latest version: the tests make stores as every earlier version of
/// hcgloss left them, to check that each is upgraded with its data.
#[doc(hidden)]
pub fn migrate_to(conn: &mut Connection, version: i64) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let pending = MIGRATIONS
        .iter()
        .enumerate()
        .take(version.max(0) as usize)
        .skip(current.max(0) as usize);
    for (i, sql) in pending {
        tx.execute_batch(sql)?;
        after_sql(&tx, i + 1)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

/// Migration 6: every stored language tag in canonical case (see
/// `db/0006_canonical_language_tags.sql`).
fn canonical_tags(tx: &Connection) -> Result<()> {
    let changed = |table: &str| -> Result<Vec<(String, String)>> {
        let mut stmt = tx.prepare(&format!("SELECT DISTINCT lang FROM {table}"))?;
        let langs = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(langs
            .into_iter()
            .filter_map(|old| {
                let new = Lang::from_store(&old).to_string();
                (new != old).then_some((old, new))
            })
            .collect())
    };
    let term_tags = changed("term")?;
    for (old, new) in &term_tags {
        let rows: Vec<(i64, i64, String, String)> = tx
            .prepare("SELECT id, concept_id, term, status FROM term WHERE lang = ?1 ORDER BY id")?
            .query_map([old], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, concept, term, status) in rows {
            let same: Option<i64> = tx
                .query_row(
                    "SELECT id FROM term WHERE concept_id = ?1 AND lang = ?2 AND term = ?3",
                    params![concept, new, term],
                    |r| r.get(0),
                )
                .optional()?;
            if same.is_some() {
                tx.execute("DELETE FROM term WHERE id = ?1", [id])?;
                continue;
            }
            let preferred_taken = status == "preferred"
                && tx
                    .query_row(
                        "SELECT 1 FROM term WHERE concept_id = ?1 AND lang = ?2 AND status = 'preferred'",
                        params![concept, new],
                        |_| Ok(()),
                    )
                    .optional()?
                    .is_some();
            if preferred_taken {
                tx.execute(
                    "UPDATE term SET lang = ?1, status = 'admitted' WHERE id = ?2",
                    params![new, id],
                )?;
            } else {
                tx.execute("UPDATE term SET lang = ?1 WHERE id = ?2", params![new, id])?;
            }
        }
    }
    if !term_tags.is_empty() {
        super::lookup::bump_generation(tx)?;
    }

    let segment_tags = changed("tm_segment")?;
    let mut units: Vec<i64> = Vec::new();
    for (old, new) in &segment_tags {
        let mut stmt = tx.prepare("SELECT DISTINCT unit_id FROM tm_segment WHERE lang = ?1")?;
        for unit in stmt.query_map([old], |r| r.get::<_, i64>(0))? {
            units.push(unit?);
        }
        let base = Lang::from_store(new).primary().to_string();
        tx.execute(
            "UPDATE tm_segment SET lang = ?1, base = ?2 WHERE lang = ?3",
            params![new, base, old],
        )?;
    }
    units.sort_unstable();
    units.dedup();
    for unit in units {
        let mut segments: Vec<Segment> = tx
            .prepare("SELECT lang, text FROM tm_segment WHERE unit_id = ?1")?
            .query_map([unit], |r| {
                Ok(Segment {
                    lang: Lang::from_store(&r.get::<_, String>(0)?),
                    text: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        sort_segments(&mut segments);
        let id = identity(&segments);
        let taken: Option<i64> = tx
            .query_row(
                "SELECT id FROM tm_unit WHERE identity = ?1 AND id <> ?2",
                params![id, unit],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            remove_unit(tx, unit)?;
        } else {
            tx.execute(
                "UPDATE tm_unit SET identity = ?1 WHERE id = ?2",
                params![id, unit],
            )?;
        }
    }
    Ok(())
}

/// Removes a translation unit that another stored unit now repeats, with
/// its segments and their word-index entries.
fn remove_unit(tx: &Connection, unit: i64) -> Result<()> {
    let segments: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, base, text FROM tm_segment WHERE unit_id = ?1")?
        .query_map([unit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (segment, base, text) in segments {
        let folded = fold_key(&text);
        let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        words.sort_unstable();
        words.dedup();
        for word in words {
            let Some(word_id): Option<i64> = tx
                .query_row(
                    "SELECT id FROM tm_word WHERE word = ?1 AND base = ?2",
                    params![word, base],
                    |r| r.get(0),
                )
                .optional()?
            else {
                continue;
            };
            let list: Option<Vec<u8>> = tx
                .query_row(
                    "SELECT ids FROM tm_posting_list WHERE word_id = ?1",
                    [word_id],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(list) = list else { continue };
            let mut ids = postings::decode(&list)?;
            let before = ids.len();
            ids.retain(|&i| i != segment);
            if ids.len() == before {
                continue;
            }
            tx.execute(
                "UPDATE tm_word SET segments = segments - 1 WHERE id = ?1",
                [word_id],
            )?;
            if ids.is_empty() {
                tx.execute("DELETE FROM tm_posting_list WHERE word_id = ?1", [word_id])?;
            } else {
                tx.execute(
                    "UPDATE tm_posting_list SET ids = ?1, last_segment = ?2 WHERE word_id = ?3",
                    params![postings::encode(&ids), ids[ids.len() - 1], word_id],
                )?;
            }
        }
        tx.execute("DELETE FROM tm_segment WHERE id = ?1", [segment])?;
    }
    tx.execute("DELETE FROM tm_unit WHERE id = ?1", [unit])?;
    Ok(())
}
