//! Findings as SARIF 2.1.0, the format code-scanning services read.
//!
//! One run, tool `hcgloss` with every rule described; columns are Unicode
//! code points (`columnKind: unicodeCodePoints`), `endColumn` exclusive as
//! SARIF defines it, so the numbers are the same as in the other formats.
//! Fixable findings (deprecated terms) carry a `fixes` entry replacing the
//! term with the preferred one. File paths become URI references: relative
//! paths stay relative (with `/` separators, percent-encoded), absolute
//! ones become `file://` URIs, standard input is `stdin`.

use serde_json::{Value, json};

use crate::lint::{DocumentReport, Finding, LineIndex, Rule, Severity};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file path as a URI reference.
pub fn uri(path: &str) -> String {
    if path == "<stdin>" {
        return "stdin".into();
    }
    let path = path.replace('\\', "/");
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

fn region(line: usize, column: usize, end_line: usize, end_column: usize) -> Value {
    json!({
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

fn result(f: &Finding, lines: &LineIndex<'_>) -> Value {
    let rule_index = Rule::ALL.iter().position(|r| *r == f.rule).expect("listed");
    let mut region = region(
        f.span.line,
        f.span.column,
        f.span.end_line,
        f.span.end_column,
    );
    region["snippet"] = json!({ "text": f.found });
    let mut r = json!({
        "ruleId": f.rule.name(),
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&f.file) },
                "region": region,
            }
        }],
    });
    let mut properties = serde_json::Map::new();
    if let Some(c) = &f.concept {
        properties.insert("concept".into(), json!(c));
    }
    if let Some(s) = &f.suggestion {
        properties.insert("suggestion".into(), json!(s));
    }
    if !properties.is_empty() {
        r["properties"] = Value::Object(properties);
    }
    if let Some(edit) = &f.fix {
        let deleted = lines.span(edit.start, edit.end);
        r["fixes"] = json!([{
            "description": { "text": format!("Replace with \"{}\"", edit.replacement) },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri(&f.file) },
                "replacements": [{
                    "deletedRegion": region_of(deleted),
                    "insertedContent": { "text": edit.replacement },
                }],
            }],
        }]);
    }
    r
}

fn region_of(s: crate::lint::Span) -> Value {
    region(s.line, s.column, s.end_line, s.end_column)
}

/// The SARIF log, pretty-printed, with a final newline. `texts[i]` is the
/// text `reports[i]` was made from (for the regions of fixes).
pub fn findings(reports: &[DocumentReport], texts: &[&str]) -> String {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.name(),
                "shortDescription": { "text": r.summary() },
                "defaultConfiguration": { "level": level(r.default_severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for (report, text) in reports.iter().zip(texts) {
        let lines = LineIndex::new(text);
        results.extend(report.findings.iter().map(|f| result(f, &lines)));
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "hcgloss",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("plain data serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(uri("articles/a b.txt"), "articles/a%20b.txt");
        assert_eq!(uri("/tmp/ủy.txt"), "file:///tmp/%E1%BB%A7y.txt");
        assert_eq!(uri("<stdin>"), "stdin");
        assert_eq!(uri("dir\\a.txt"), "dir/a.txt");
    }
}
