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
    /// Nothing counted yet.
    pub fn new() -> Totals {
        Totals {
            files: 0,
            files_with_findings: 0,
            findings: 0,
            by_severity: [Severity::Error, Severity::Warning, Severity::Info]
                .into_iter()
                .map(|s| (s, 0))
                .collect(),
            by_rule: Rule::ALL.iter().map(|&r| (r, 0)).collect(),
        }
    }

    pub fn of(reports: &[DocumentReport]) -> Totals {
        let mut t = Totals::new();
        for r in reports {
            for f in &r.findings {
                t.count(f);
            }
            t.file(r.findings.len());
        }
        t
    }

    /// Counts one finding.
    pub fn count(&mut self, f: &Finding) {
        self.findings += 1;
        *self.by_severity.entry(f.severity).or_default() += 1;
        *self.by_rule.entry(f.rule).or_default() += 1;
    }

    /// Counts one file, which had `findings` findings.
    pub fn file(&mut self, findings: usize) {
        self.files += 1;
        if findings > 0 {
            self.files_with_findings += 1;
        }
    }
}

impl Default for Totals {
    fn default() -> Self {
        Totals::new()
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

#[cfg(test)]
#[derive(Serialize)]
struct ReportView<'a> {
    findings: Vec<FindingView<'a>>,
    summary: SummaryView<'a>,
}

/// The JSON report, pretty-printed, with a final newline.
pub fn findings(reports: &[DocumentReport]) -> String {
    let mut stream = Stream::new();
    let mut s = String::new();
    for r in reports {
        for f in &r.findings {
            s.push_str(&stream.finding(f));
        }
        stream.document(r, r.findings.len());
    }
    s.push_str(&stream.end());
    s
}

/// The JSON report of [`findings`] in parts, for findings that come one
/// at a time: each part is a string to write after the ones before, and
/// the parts together are the report [`findings`] makes of the same
/// findings. Only the counts and the list of documents are kept.
#[derive(Default)]
pub struct Stream {
    totals: Totals,
    documents: Vec<(String, Option<&'static str>, bool)>,
}

/// Each line but the first of `s`, indented by `indent`.
fn indented(s: &str, indent: &str) -> String {
    s.replace('\n', &format!("\n{indent}"))
}

impl Stream {
    pub fn new() -> Stream {
        Stream::default()
    }

    /// The part for one finding.
    pub fn finding(&mut self, f: &Finding) -> String {
        let lead = if self.totals.findings == 0 {
            "{\n  \"findings\": [\n    "
        } else {
            ",\n    "
        };
        self.totals.count(f);
        let view =
            serde_json::to_string_pretty(&FindingView::from(f)).expect("plain data serialises");
        format!("{lead}{}", indented(&view, "    "))
    }

    /// Notes a document once its findings (`findings` of them) are out.
    pub fn document(&mut self, r: &DocumentReport, findings: usize) {
        self.totals.file(findings);
        self.documents
            .push((r.file.clone(), r.lang.map(|l| l.code()), r.lang_detected));
    }

    /// The last part: the end of the list and the summary.
    pub fn end(&self) -> String {
        let t = &self.totals;
        let summary = SummaryView {
            files: t.files,
            files_with_findings: t.files_with_findings,
            findings: t.findings,
            by_severity: t
                .by_severity
                .iter()
                .map(|(s, n)| (s.as_str(), *n))
                .collect(),
            by_rule: t.by_rule.iter().map(|(r, n)| (r.name(), *n)).collect(),
            documents: self
                .documents
                .iter()
                .map(|(file, lang, lang_detected)| DocumentView {
                    file,
                    lang: *lang,
                    lang_detected: *lang_detected,
                })
                .collect(),
        };
        let summary = serde_json::to_string_pretty(&summary).expect("plain data serialises");
        let head = if t.findings == 0 {
            "{\n  \"findings\": [],"
        } else {
            "\n  ],"
        };
        format!("{head}\n  \"summary\": {}\n}}\n", indented(&summary, "  "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hcgloss_engine::lint::Language;
    use hcgloss_engine::lint::rules::testing::linter;

    /// The report as one value, as it was made before findings streamed.
    fn whole(reports: &[DocumentReport]) -> String {
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

    #[test]
    fn the_streamed_report_is_the_whole_report() {
        let l = linter();
        let a = l.check(
            "a.txt",
            "Kami menunggu pengesahan konvensi itu.\nDia \"datang\"\tlagi.\n",
            Some(Language::Id),
        );
        let b = l.check("b.txt", "Tidak ada apa-apa.\n", Some(Language::Id));
        assert!(!a.findings.is_empty());
        for reports in [
            vec![],
            vec![b.clone()],
            vec![a.clone(), b.clone()],
            vec![b, a],
        ] {
            assert_eq!(findings(&reports), whole(&reports));
        }
    }
}
