//! Rendering lint results: text for editors, JSON for scripts, SARIF for
//! code-scanning services, and the corpus usage summary. Renderers return
//! strings; the binary decides where they go and whether text is coloured.

pub mod text;
pub mod usage;

pub use hcgloss_report::lint::Totals;

/// `1 file`, `2 files`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
