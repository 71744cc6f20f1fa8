//! The tables that are about the termbase rather than in it
//! (`db/0007_tokens_and_audit.sql`): the server's write tokens, kept only
//! as hashes, and the audit log of every write.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, WriteTx};
use crate::error::Result;

/// A write token as listed: its name and when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenInfo {
    pub name: String,
    pub created: String,
}

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// When, ISO 8601 UTC.
    pub at: String,
    /// A token's name, or `cli:USER`.
    pub actor: String,
    /// `added`, `updated`, `demoted`, `removed` or `imported`.
    pub action: String,
    /// The concept's slug; empty for an import.
    pub concept: String,
    pub lang: String,
    pub term: String,
    /// What changed, e.g. `status preferred → admitted`.
    pub detail: String,
}

impl Store {
    /// The name of the token whose hash is `hash`, if there is one.
    pub fn token_name(&self, hash: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT name FROM api_token WHERE hash = ?1", [hash], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Every token, by name.
    pub fn tokens(&self) -> Result<Vec<TokenInfo>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name, created FROM api_token ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(TokenInfo {
                name: r.get(0)?,
                created: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The audit log of one concept, oldest first (`""`: the imports).
    pub fn history(&self, concept: &str) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn().prepare(
            "SELECT at, actor, action, concept, lang, term, detail FROM audit
             WHERE concept = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([concept], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                concept: r.get(3)?,
                lang: r.get(4)?,
                term: r.get(5)?,
                detail: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl WriteTx<'_> {
    /// Adds a token. Returns false when the name is taken.
    pub fn add_token(&mut self, name: &str, hash: &str, created: &str) -> Result<bool> {
        let added = self.tx.execute(
            "INSERT INTO api_token (name, hash, created) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO NOTHING",
            params![name, hash, created],
        )?;
        Ok(added == 1)
    }

    /// Removes a token. Returns false when there was none of that name.
    pub fn remove_token(&mut self, name: &str) -> Result<bool> {
        Ok(self
            .tx
            .execute("DELETE FROM api_token WHERE name = ?1", [name])?
            == 1)
    }

    /// Appends to the audit log, in this transaction: the record and the
    /// write it describes are committed together or not at all.
    pub fn record(&mut self, entry: &AuditEntry) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO audit (at, actor, action, concept, lang, term, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                entry.at,
                entry.actor,
                entry.action,
                entry.concept,
                entry.lang,
                entry.term,
                entry.detail
            ])?;
        Ok(())
    }
}
