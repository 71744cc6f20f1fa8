//! The documentation that is made from the code, or must agree with it:
//! - `docs/reference/lint-rules.md` is generated from the rule registry
//!   (each rule's `//!` documentation and `SUMMARY`, the same text
//!   `hcgloss lint --explain RULE` prints) and compared with the committed
//!   file; `SNAPSHOTS=overwrite cargo test --test cli docs` rewrites it;
//! - every relative link of README.md, CONTRIBUTING.md, CHANGELOG.md and
//!   the pages under docs/ leads to a file that exists and, when it names
//!   one, to a heading of that file;
//! - README.md, the front door, stays within 12 KB.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use hcgloss_engine::lint::Rule;

use crate::common::snapshot_file;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The lint rule reference, from the registry.
fn lint_rules_reference() -> String {
    let mut s = String::new();
    s.push_str("# Lint rules\n\n");
    s.push_str(
        "<!-- Generated from the rule files, crates/engine/src/lint/rules/, by \
         tests/cli/docs.rs. Edit a rule's //! documentation or SUMMARY there, then run \
         `SNAPSHOTS=overwrite cargo test --test cli docs`. -->\n\n",
    );
    s.push_str(
        "Every rule of `hcgloss lint`, as its source file documents it; \
         `hcgloss lint --explain RULE` prints the same text. Every rule warns by \
         default, and `hcgloss.toml` switches a rule off or gives it another severity \
         ([configuration](configuration.md)). Document rules check every article \
         `hcgloss lint` reads (and every document `hcgloss lsp` and `hcgloss serve` \
         lint). Translation-unit rules run only when lint reads a translation memory \
         with `--source-lang` and `--target-lang`, and compare each unit's source \
         segment with its target; the document rules then check the target segments \
         ([the guide](../guide.md#checking-a-translation-memory)).\n\n",
    );
    s.push_str("| rule | checks | default | finds |\n| --- | --- | --- | --- |\n");
    for &rule in Rule::ALL {
        let _ = writeln!(
            s,
            "| [`{name}`](#{name}) | {kind} | {severity} | {summary} |",
            name = rule.name(),
            kind = kind(rule),
            severity = rule.default_severity().as_str(),
            summary = rule.summary(),
        );
    }
    for &rule in Rule::ALL {
        let _ = write!(
            s,
            "\n## `{}`\n\n{}\n\nChecks {}; default severity {}.\n\n",
            rule.name(),
            rule.summary(),
            kind(rule),
            rule.default_severity().as_str(),
        );
        s.push_str(&demote_headings(&rule.documentation()));
    }
    s
}

fn kind(rule: Rule) -> &'static str {
    if rule.is_bilingual() {
        "translation units"
    } else {
        "documents"
    }
}

/// Markdown with every heading one level down (`## What it does` becomes
/// `### What it does`, under the rule's own `##`), code blocks untouched.
fn demote_headings(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn the_lint_rule_reference_is_generated_from_the_rules() {
    snapshot_file(
        &repo().join("docs/reference/lint-rules.md"),
        &lint_rules_reference(),
    );
}

#[test]
fn the_readme_stays_within_12_kb() {
    let size = std::fs::metadata(repo().join("README.md"))
        .expect("README.md")
        .len();
    assert!(
        size <= 12 * 1024,
        "README.md is {size} bytes; the front door stays within 12 KB (move the detail to docs/)"
    );
}

// ------------------------------------------------------------------ links

/// The Markdown files whose links are checked.
fn markdown_files() -> Vec<PathBuf> {
    let root = repo();
    let mut files: Vec<PathBuf> = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md"]
        .iter()
        .map(|f| root.join(f))
        .collect();
    let mut dirs = vec![root.join("docs")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read docs/") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The lines of a Markdown text that are prose: fenced code blocks and
/// indented code (four spaces) left out, inline code spans blanked.
fn prose_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_code = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code || line.starts_with("    ") || line.starts_with('\t') {
            continue;
        }
        let mut prose = String::new();
        let mut in_span = false;
        for c in line.chars() {
            if c == '`' {
                in_span = !in_span;
                prose.push(' ');
            } else {
                prose.push(if in_span { ' ' } else { c });
            }
        }
        out.push((i + 1, prose));
    }
    out
}

/// The targets of the inline links `[text](target)` of a line.
fn link_targets(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let Some(end) = after.find(')') else {
            break;
        };
        let target = after[..end].split_whitespace().next().unwrap_or("");
        out.push(target.to_string());
        rest = &after[end..];
    }
    out
}

/// The anchors GitHub gives a file's headings: the heading's text, lower
/// case, without punctuation but `-` and `_`, spaces made `-`; a repeated
/// anchor gets `-1`, `-2`….
fn anchors(text: &str) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code || !line.starts_with('#') {
            continue;
        }
        let heading = line.trim_start_matches('#').trim();
        let mut slug = String::new();
        for c in heading.chars() {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                slug.extend(c.to_lowercase());
            } else if c == ' ' {
                slug.push('-');
            }
        }
        let n = seen.entry(slug.clone()).or_insert(0);
        out.push(if *n == 0 {
            slug.clone()
        } else {
            format!("{slug}-{n}")
        });
        *n += 1;
    }
    out
}

fn check_link(from: &Path, target: &str) -> Result<(), String> {
    let (file, anchor) = match target.split_once('#') {
        Some((f, a)) => (f, Some(a)),
        None => (target, None),
    };
    let path = if file.is_empty() {
        from.to_path_buf()
    } else {
        from.parent().expect("a folder").join(file)
    };
    if !path.exists() {
        return Err(format!("{target}: no file {}", path.display()));
    }
    if let Some(anchor) = anchor {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{target}: {} cannot be read: {e}", path.display()))?;
        if !anchors(&text).iter().any(|a| a == anchor) {
            return Err(format!(
                "{target}: no heading of {} has the anchor #{anchor}",
                path.display()
            ));
        }
    }
    Ok(())
}

#[test]
fn relative_links_lead_to_files_and_headings_that_exist() {
    let root = repo();
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in markdown_files() {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for (line, prose) in prose_lines(&text) {
            for target in link_targets(&prose) {
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                checked += 1;
                if let Err(e) = check_link(&file, &target) {
                    let name = file.strip_prefix(&root).unwrap_or(&file);
                    broken.push(format!("{}:{line}: {e}", name.display()));
                }
            }
        }
    }
    assert!(checked > 0, "no relative link found: the scan is broken");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn anchors_follow_github() {
    assert_eq!(
        anchors("# The glossary format (`glossary.csv`)\n## Exit status\n## Exit status\n"),
        [
            "the-glossary-format-glossarycsv",
            "exit-status",
            "exit-status-1"
        ]
    );
    assert_eq!(anchors("## `tone-mark-style`\n"), ["tone-mark-style"]);
    assert_eq!(
        link_targets("see [a](x.md#b) and [c](../d.md \"title\")."),
        ["x.md#b", "../d.md"]
    );
}
