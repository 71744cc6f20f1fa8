//! The corpus usage summary (`lint --summary`) as text and JSON.
//!
//! Text, one line per concept and language, most used variant first; a
//! concept written more than one way also lists each variant's files:
//!
//! ```text
//! cybercrime [id]: kejahatan dunia maya 17× in 5 files · kejahatan siber (admitted) 12× in 4 files
//!     kejahatan dunia maya: a.txt 3×, b.txt 14×
//!     kejahatan siber: a.txt 12×
//! ```

use std::fmt::Write;

use serde::Serialize;

use super::plural;
use crate::render::terminal::Line;
use hcgloss_engine::lint::usage::{ConceptUsage, VariantUsage};
use hcgloss_engine::model::{Status, TermType};

fn label(v: &VariantUsage<'_>) -> String {
    let mut notes = Vec::new();
    if v.status != Status::Preferred {
        notes.push(v.status.as_str());
    }
    if v.term_type != TermType::Full {
        notes.push(v.term_type.as_str());
    }
    if notes.is_empty() {
        Line(&v.term).to_string()
    } else {
        format!("{} ({})", Line(&v.term), notes.join(", "))
    }
}

/// The text summary; `files` is how many files were read.
pub fn text(usage: &[ConceptUsage<'_>], files: usize) -> String {
    let mut s = String::new();
    for u in usage {
        let variants: Vec<String> = u
            .variants
            .iter()
            .map(|v| {
                format!(
                    "{} {}× in {}",
                    label(v),
                    v.count,
                    plural(v.files.len(), "file", "files")
                )
            })
            .collect();
        let _ = writeln!(s, "{} [{}]: {}", u.concept, u.lang, variants.join(" · "));
        if u.variants.len() > 1 {
            for v in &u.variants {
                let files: Vec<String> = v
                    .files
                    .iter()
                    .map(|f| format!("{} {}×", Line(f.file), f.count))
                    .collect();
                let _ = writeln!(s, "    {}: {}", Line(&v.term), files.join(", "));
            }
        }
    }
    let mixed = usage.iter().filter(|u| u.variants.len() > 1).count();
    let _ = writeln!(
        s,
        "{} used in {}; {} written more than one way",
        plural(usage.len(), "concept", "concepts"),
        plural(files, "file", "files"),
        mixed
    );
    s
}

#[derive(Serialize)]
struct UsageView<'a> {
    files: usize,
    concepts: &'a [ConceptUsage<'a>],
}

/// The JSON summary: `{"files": N, "concepts": [{concept, lang, variants:
/// [{term, status, type, count, files: [{file, count}]}]}]}`.
pub fn json(usage: &[ConceptUsage<'_>], files: usize) -> String {
    let mut s = serde_json::to_string_pretty(&UsageView {
        files,
        concepts: usage,
    })
    .expect("plain data serialises");
    s.push('\n');
    s
}
