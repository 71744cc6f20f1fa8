//! Findings as one JSON object, for scripts:
//! `{"findings": [...], "summary": {...}}`. Each finding has exactly
//! `file`, `line`, `column`, `end_line`, `end_column` (1-based, code points,
//! end exclusive), `rule`, `severity`, `concept` (or null), `found`,
//! `suggestion` (or null), `message`, `unit` and `lang` (the
//! translation unit and the segment's language when the file is a
//! translation memory, else null), and `related` (null, or the place the
//! finding refers to: `line`, `column`, `end_line`, `end_column` and
//! `unit`, as for `inconsistent-term`'s first use of the dominant form). The summary counts files,
//! findings per severity and per rule (every rule listed, zeros included)
//! and gives each document's language and whether it was detected.

use std::collections::BTreeMap;

use serde::Serialize;

use hcgloss_engine::lint::{DocumentReport, Finding, Rule, Severity};

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

#[derive(Serialize)]
struct FindingView<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    rule: Rule,
    severity: Severity,
    concept: Option<&'a str>,
    found: &'a str,
    suggestion: Option<&'a str>,
    message: &'a str,
    unit: Option<&'a str>,
    lang: Option<&'a str>,
    related: Option<RelatedView<'a>>,
}

/// The second place a finding is about (see [`hcgloss_engine::lint::RelatedPlace`]).
#[derive(Serialize)]
struct RelatedView<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    unit: Option<&'a str>,
}

impl<'a> From<&'a Finding> for FindingView<'a> {
    fn from(f: &'a Finding) -> Self {
        FindingView {
            file: &f.file,
            line: f.span.line,
            column: f.span.column,
            end_line: f.span.end_line,
            end_column: f.span.end_column,
            rule: f.rule,
            severity: f.severity,
            concept: f.concept.as_deref(),
            found: &f.found,
            suggestion: f.suggestion.as_deref(),
            message: &f.message,
            unit: f.segment.as_ref().map(|s| s.unit.as_str()),
            lang: f.segment.as_ref().map(|s| s.lang.as_str()),
            related: f.related.as_ref().map(|r| RelatedView {
                line: r.span.line,
                column: r.span.column,
                end_line: r.span.end_line,
                end_column: r.span.end_column,
                unit: r.unit.as_deref(),
            }),
        }
    }
}

#[derive(Serialize)]
struct DocumentView<'a> {
    file: &'a str,
    lang: Option<&'static str>,
    lang_detected: bool,
}

#[derive(Serialize)]
struct SummaryView<'a> {
    files: usize,
    files_with_findings: usize,
    findings: usize,
    by_severity: BTreeMap<&'static str, usize>,
    by_rule: BTreeMap<&'static str, usize>,
    documents: Vec<DocumentView<'a>>,
}

#[derive(Serialize)]
struct ReportView<'a> {
    findings: Vec<FindingView<'a>>,
    summary: SummaryView<'a>,
}

/// The JSON report, pretty-printed, with a final newline.
pub fn findings(reports: &[DocumentReport]) -> String {
    let t = Totals::of(reports);
    let view = ReportView {
        findings: reports
            .iter()
            .flat_map(|r| &r.findings)
            .map(FindingView::from)
            .collect(),
        summary: SummaryView {
            files: t.files,
            files_with_findings: t.files_with_findings,
            findings: t.findings,
            by_severity: t
                .by_severity
                .iter()
                .map(|(s, n)| (s.as_str(), *n))
                .collect(),
            by_rule: t.by_rule.iter().map(|(r, n)| (r.name(), *n)).collect(),
            documents: reports
                .iter()
                .map(|r| DocumentView {
                    file: &r.file,
                    lang: r.lang.map(|l| l.code()),
                    lang_detected: r.lang_detected,
                })
                .collect(),
        },
    };
    let mut s = serde_json::to_string_pretty(&view).expect("plain data serialises");
    s.push('\n');
    s
}
