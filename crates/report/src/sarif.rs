//! Findings as SARIF 2.1.0, the format code-scanning services read.
//!
//! One run, tool `hcgloss` with every rule described; columns are Unicode
//! code points (`columnKind: unicodeCodePoints`), `endColumn` exclusive as
//! SARIF defines it, so the numbers are the same as in the other formats.
//! Fixable findings (deprecated terms, tone marks) carry a `fixes` entry replacing the
//! term with the preferred one. File paths become URI references: relative
//! paths stay relative (with `/` separators, percent-encoded), absolute
//! ones become `file://` URIs, standard input is `stdin`.

use serde::Serialize;

use hcgloss_engine::input::Label;
use hcgloss_engine::lint::{DocumentReport, Finding, LineIndex, Rule, Severity, Span};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A document's place as a URI reference.
pub fn uri(label: &Label) -> String {
    let Label::Path(path) = label else {
        return "stdin".into();
    };
    let path = path.to_string_lossy().replace('\\', "/");
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

#[derive(Serialize)]
struct Log<'a> {
    version: &'static str,
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    short_description: Text<'static>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<Vec<Fix<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

/// Another place a result is about (SARIF §3.27.22).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation<'static>,
    message: OwnedText,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    region: Region<'a>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: OwnedText,
    artifact_changes: Vec<ArtifactChange<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region<'a>,
    inserted_content: Text<'a>,
}

#[derive(Serialize)]
struct Properties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    concept: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
}

fn region<'a>(s: Span, snippet: Option<&'a str>) -> Region<'a> {
    Region {
        start_line: s.line,
        start_column: s.column,
        end_line: s.end_line,
        end_column: s.end_column,
        snippet: snippet.map(|text| Text { text }),
    }
}

fn result<'a>(f: &'a Finding, uri: &str, lines: &LineIndex<'_>) -> SarifResult<'a> {
    let fixes = f.fix.as_ref().map(|edit| {
        vec![Fix {
            description: OwnedText {
                text: format!("Replace with \"{}\"", edit.replacement),
            },
            artifact_changes: vec![ArtifactChange {
                artifact_location: ArtifactLocation {
                    uri: uri.to_string(),
                },
                replacements: vec![Replacement {
                    deleted_region: region(lines.span(edit.start, edit.end), None),
                    inserted_content: Text {
                        text: &edit.replacement,
                    },
                }],
            }],
        }]
    });
    let properties = (f.concept.is_some() || f.suggestion.is_some() || f.segment.is_some())
        .then_some(Properties {
            concept: f.concept.as_deref(),
            suggestion: f.suggestion.as_deref(),
            unit: f.segment.as_ref().map(|s| s.unit.as_str()),
            lang: f.segment.as_ref().map(|s| s.lang.as_str()),
        });
    SarifResult {
        rule_id: f.rule.name(),
        rule_index: Rule::ALL.iter().position(|r| *r == f.rule).expect("listed"),
        level: level(f.severity),
        message: Text { text: &f.message },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: uri.to_string(),
                },
                region: region(f.span, Some(&f.found)),
            },
        }],
        related_locations: f
            .related
            .iter()
            .map(|r| RelatedLocation {
                id: 0,
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uri.to_string(),
                    },
                    region: region(r.span, None),
                },
                message: OwnedText { text: r.describe() },
            })
            .collect(),
        fixes,
        properties,
    }
}

/// The SARIF log, pretty-printed, with a final newline. `labels[i]` is
/// where `reports[i]`'s document came from, and `texts[i]` the text it was
/// made from (for the regions of fixes).
pub fn findings(reports: &[DocumentReport], labels: &[&Label], texts: &[&str]) -> String {
    let mut results = Vec::new();
    for ((report, label), text) in reports.iter().zip(labels).zip(texts) {
        let lines = LineIndex::new(text);
        let uri = uri(label);
        results.extend(report.findings.iter().map(|f| result(f, &uri, &lines)));
    }
    let log = Log {
        version: "2.1.0",
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "hcgloss",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: Rule::ALL
                        .iter()
                        .map(|r| RuleDescriptor {
                            id: r.name(),
                            short_description: Text { text: r.summary() },
                            default_configuration: Configuration {
                                level: level(r.default_severity()),
                            },
                        })
                        .collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).expect("plain data serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        let path = |p: &str| uri(&Label::Path(p.into()));
        assert_eq!(path("articles/a b.txt"), "articles/a%20b.txt");
        assert_eq!(path("/tmp/ủy.txt"), "file:///tmp/%E1%BB%A7y.txt");
        assert_eq!(uri(&Label::Stdin), "stdin");
        assert_eq!(path("dir\\a.txt"), "dir/a.txt");
        // A file that happens to be called like standard input's label is
        // a file.
        assert_eq!(path("<stdin>"), "%3Cstdin%3E");
    }
}
