//! The documentation that is made from the code, or must agree with it:
//! - `docs/reference/lint-rules.md` is generated from the rule registry
//!   (each rule's `//!` documentation and `SUMMARY`, the same text
//!   `hcgloss lint --explain RULE` prints) and compared with the committed
//!   file; `SNAPSHOTS=overwrite cargo test --test cli docs` rewrites it.

use std::fmt::Write;
use std::path::PathBuf;

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
