//! Schema migrations: the SQL files of `db/`, embedded at build time and
//! applied in order. `PRAGMA user_version` records how many have run, and
//! `PRAGMA application_id` marks the file as an hcgloss store so that no
//! other SQLite file is ever mistaken for one (or modified).
//!
//! Migrations are append-only: a released file is never edited, a change
//! is a new file. All pending migrations run in one transaction, so a store
//! is either fully upgraded or left as it was.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::Result;

/// The migrations, in order. Index + 1 is the `user_version` after it.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../../../db/0001_termbase.sql"),
    include_str!("../../../../db/0002_lookup_generation.sql"),
    include_str!("../../../../db/0003_translation_memory.sql"),
    include_str!("../../../../db/0004_term_checks_without_in.sql"),
    include_str!("../../../../db/0005_tm_posting_lists.sql"),
    include_str!("../../../../db/0006_tokens_and_audit.sql"),
];

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
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}
