//! Rendering lint results: text for editors, JSON for scripts, SARIF for
//! code-scanning services, and the corpus usage summary. Renderers return
//! strings; the binary decides where they go and whether text is coloured.

pub mod json;
pub mod sarif;
pub mod text;
pub mod usage;

use std::collections::BTreeMap;

use hcgloss_engine::lint::{DocumentReport, Rule, Severity};

/// Counts over all documents, shared by the text and JSON summaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub files_with_findings: usize,
    pub findings: usize,
    pub by_severity: BTreeMap<Severity, usize>,
    pub by_rule: BTreeMap<Rule, usize>,
}

impl Totals {
    pub fn of(reports: &[DocumentReport]) -> Totals {
        let mut t = Totals {
            files: reports.len(),
            files_with_findings: reports.iter().filter(|r| !r.findings.is_empty()).count(),
            findings: 0,
            by_severity: [Severity::Error, Severity::Warning, Severity::Info]
                .into_iter()
                .map(|s| (s, 0))
                .collect(),
            by_rule: Rule::ALL.iter().map(|&r| (r, 0)).collect(),
        };
        for f in reports.iter().flat_map(|r| &r.findings) {
            t.findings += 1;
            *t.by_severity.entry(f.severity).or_default() += 1;
            *t.by_rule.entry(f.rule).or_default() += 1;
        }
        t
    }
}

/// `1 file`, `2 files`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
