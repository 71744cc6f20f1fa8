//! Code actions: a quick fix for every finding with a suggestion, and
//! "fix all", which makes the edits `hcgloss lint --fix` makes.
//!
//! A quick fix writes exactly what lint suggests, over exactly the range
//! it names: the finding's [`Edit`] when it has one (the safe `--fix`
//! edit, which leaves an Indonesian clitic such as `-nya` in place), else
//! the suggestion over the finding's whole span. It is the preferred
//! action (the one an editor applies with a single key), except where the
//! replacement would drop an inflection (`meratifikasi` → `ratifikasi`):
//! that needs a person, so the action says so and is not preferred.

use std::collections::HashMap;

use hcgloss_engine::lint::matcher::FindOptions;
use hcgloss_engine::lint::{Edit, Finding, Language, Linter, Rule};
use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic, OneOf, OptionalVersionedTextDocumentIdentifier, Range,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use crate::position::LineIndex;

/// The kind of the "fix all" action.
pub const FIX_ALL: &str = "source.fixAll.hcgloss";

/// What the actions of one request are computed from.
pub struct Context<'a> {
    pub uri: &'a Uri,
    pub version: i32,
    pub text: &'a str,
    pub index: &'a LineIndex<'a>,
    pub linter: &'a Linter,
    pub lang: Option<Language>,
    pub findings: &'a [Finding],
    /// The diagnostic published for each finding, in the same order.
    pub diagnostics: &'a [Diagnostic],
    /// Edits name the document version they were made for
    /// (`documentChanges`), when the client takes them.
    pub versioned: bool,
}

/// Whether an action of `kind` is wanted, given the client's `only`
/// (kinds are hierarchical: `source` includes `source.fixAll.hcgloss`).
pub fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| {
            let o = o.as_str();
            kind == o || (kind.starts_with(o) && kind[o.len()..].starts_with('.'))
        })
    })
}

/// The quick fixes of the findings whose range meets `range`.
pub fn quick_fixes(cx: &Context<'_>, range: Range) -> Vec<CodeAction> {
    let mut actions = Vec::new();
    for (f, diagnostic) in cx.findings.iter().zip(cx.diagnostics) {
        let Some(suggestion) = &f.suggestion else {
            continue;
        };
        if !meets(diagnostic.range, range) {
            continue;
        }
        let (edit, found) = match &f.fix {
            Some(edit) => (edit.clone(), &cx.text[edit.start..edit.end]),
            None => (
                Edit {
                    start: f.start,
                    end: f.end,
                    replacement: suggestion.clone(),
                },
                f.found.as_str(),
            ),
        };
        let drops_inflection = f.fix.is_none() && drops_inflection(cx, f);
        let title = if drops_inflection {
            format!(
                "Replace “{}” with “{}” (re-inflect it: “{}” is an inflected form)",
                one_line(&f.found),
                one_line(suggestion),
                one_line(&f.found)
            )
        } else {
            format!(
                "Replace “{}” with “{}”",
                one_line(found),
                one_line(&edit.replacement)
            )
        };
        actions.push(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic.clone()]),
            edit: Some(workspace_edit(cx, &[&edit])),
            is_preferred: Some(!drops_inflection),
            ..CodeAction::default()
        });
    }
    actions
}

/// The edits `lint --fix` makes, as one action; `None` when there are
/// none.
pub fn fix_all(cx: &Context<'_>) -> Option<CodeAction> {
    // As `lint::fix::apply` does: in order, an edit overlapping an
    // earlier one left out.
    let mut edits: Vec<&Edit> = cx.findings.iter().filter_map(|f| f.fix.as_ref()).collect();
    edits.sort_by_key(|e| (e.start, e.end));
    let mut kept: Vec<&Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        if kept.last().is_none_or(|last| e.start >= last.end) {
            kept.push(e);
        }
    }
    if kept.is_empty() {
        return None;
    }
    let fixed: Vec<Diagnostic> = cx
        .findings
        .iter()
        .zip(cx.diagnostics)
        .filter(|(f, _)| f.fix.is_some())
        .map(|(_, d)| d.clone())
        .collect();
    Some(CodeAction {
        title: format!(
            "Fix all deprecated terms in this document ({} {})",
            kept.len(),
            if kept.len() == 1 { "edit" } else { "edits" }
        ),
        kind: Some(CodeActionKind::new(FIX_ALL)),
        diagnostics: Some(fixed),
        edit: Some(workspace_edit(cx, &kept)),
        ..CodeAction::default()
    })
}

fn workspace_edit(cx: &Context<'_>, edits: &[&Edit]) -> WorkspaceEdit {
    let edits: Vec<TextEdit> = edits
        .iter()
        .map(|e| TextEdit {
            range: cx.index.range(e.start, e.end),
            new_text: e.replacement.clone(),
        })
        .collect();
    if cx.versioned {
        WorkspaceEdit {
            document_changes: Some(lsp_types::DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: cx.uri.clone(),
                    version: Some(cx.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(cx.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

/// Whether two ranges meet (touching counts: a cursor at a finding's end
/// is on it).
fn meets(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Whether writing the suggestion over the whole finding would drop
/// affixes: a deprecated term's inflected form gets no `--fix` edit for
/// that reason, and an inconsistent form's suggestion is the bare term
/// when the form carries prefixes or a derivational suffix.
fn drops_inflection(cx: &Context<'_>, f: &Finding) -> bool {
    match f.rule {
        // A suggestion without an edit: the form was not the term plus
        // clitics (see `lint::rules::replacement`).
        Rule::DeprecatedTerm => true,
        Rule::InconsistentTerm => {
            let options = FindOptions {
                langs: None,
                stem_indonesian: cx.lang == Some(Language::Id),
            };
            let (start, end) = line_bounds(cx.text, f.start, f.end);
            cx.linter
                .matcher()
                .find(&cx.text[start..end], &options)
                .iter()
                .find(|o| start + o.start == f.start && start + o.end == f.end)
                .and_then(|o| o.inflection.as_ref())
                .is_some_and(|i| !i.is_clitic_only())
        }
        _ => false,
    }
}

/// The lines holding bytes `start..end`.
fn line_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let first = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let last = text[end..].find('\n').map_or(text.len(), |i| end + i);
    (first, last)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::position::Encoding;
    use hcgloss_engine::lint::rules::testing;

    fn context<'a>(
        text: &'a str,
        index: &'a LineIndex<'a>,
        linter: &'a Linter,
        uri: &'a Uri,
        findings: &'a [Finding],
        diagnostics: &'a [Diagnostic],
    ) -> Context<'a> {
        Context {
            uri,
            version: 3,
            text,
            index,
            linter,
            lang: Some(Language::Id),
            findings,
            diagnostics,
            versioned: false,
        }
    }

    fn diagnostics(findings: &[Finding], index: &LineIndex<'_>) -> Vec<Diagnostic> {
        findings
            .iter()
            .map(|f| Diagnostic {
                range: index.range(f.start, f.end),
                message: f.message.clone(),
                ..Diagnostic::default()
            })
            .collect()
    }

    fn edits(action: &CodeAction) -> Vec<TextEdit> {
        action.edit.as_ref().unwrap().changes.as_ref().unwrap()
            ["file:///a.txt".parse::<Uri>().as_ref().unwrap()]
        .clone()
    }

    #[test]
    fn quick_fixes_keep_clitics_and_say_when_they_drop_affixes() {
        let linter = testing::linter();
        let text = "Pengesahannya ditunda. Mereka meratifikasi kriminalitas maya.";
        let report = linter.check("a.txt", text, Some(Language::Id));
        let index = LineIndex::new(text, Encoding::Utf16);
        let ds = diagnostics(&report.findings, &index);
        let uri: Uri = "file:///a.txt".parse().unwrap();
        let cx = context(text, &index, &linter, &uri, &report.findings, &ds);
        let whole = index.range(0, text.len());
        let actions = quick_fixes(&cx, whole);
        let titles: Vec<&str> = actions.iter().map(|a| a.title.as_str()).collect();
        assert!(
            titles.contains(&"Replace “Pengesahan” with “Ratifikasi”"),
            "{titles:?}"
        );
        let clitic = actions
            .iter()
            .find(|a| a.title.contains("Pengesahan"))
            .unwrap();
        assert_eq!(clitic.is_preferred, Some(true));
        assert_eq!(edits(clitic)[0].range, index.range(0, "Pengesahan".len()));
        assert_eq!(edits(clitic)[0].new_text, "Ratifikasi");
        // Only the range asked for.
        let at = text.find("kriminalitas").unwrap();
        let only = quick_fixes(&cx, index.range(at, at));
        assert_eq!(only.len(), 1);
        assert_eq!(edits(&only[0])[0].new_text, "kejahatan siber");
    }

    #[test]
    fn fix_all_makes_the_edits_of_lint_fix() {
        let linter = testing::linter();
        let text = "Pengesahannya ditunda.\nKasus kriminalitas maya naik; kriminalitas maya lagi.";
        let report = linter.check("a.txt", text, Some(Language::Id));
        let index = LineIndex::new(text, Encoding::Utf16);
        let ds = diagnostics(&report.findings, &index);
        let uri: Uri = "file:///a.txt".parse().unwrap();
        let cx = context(text, &index, &linter, &uri, &report.findings, &ds);
        let action = fix_all(&cx).unwrap();
        let mut edits = edits(&action);
        // Applied from the end, as a client does.
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut fixed = text.to_string();
        for e in edits {
            let (s, t) = (index.offset(e.range.start), index.offset(e.range.end));
            fixed.replace_range(s..t, &e.new_text);
        }
        let (expected, _) = hcgloss_engine::lint::fix::apply_findings(text, &report.findings);
        assert_eq!(fixed, expected);
    }

    #[test]
    fn kinds_are_hierarchical() {
        assert!(wanted(None, FIX_ALL));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), FIX_ALL));
        assert!(wanted(Some(&[CodeActionKind::SOURCE_FIX_ALL]), FIX_ALL));
        assert!(!wanted(Some(&[CodeActionKind::QUICKFIX]), FIX_ALL));
        assert!(!wanted(Some(&[CodeActionKind::new("source.fix")]), FIX_ALL));
        assert!(wanted(Some(&[CodeActionKind::QUICKFIX]), "quickfix"));
    }
}
