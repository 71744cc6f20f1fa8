//! What `lint --diff` shows: the changes `--fix` would make, word by word.
//! Articles often hold a whole paragraph on one line; a line diff would
//! print the paragraph twice to show one term changed. Each changed line
//! is shown once, with `[-removed-]{+inserted+}` (as `git diff
//! --word-diff=plain` writes them) and only a few words of context around
//! each change.

use std::fmt::Write;

use similar::{ChangeTag, DiffTag, TextDiff};

use super::terminal::escape;

/// Words of context kept on each side of a change.
const CONTEXT_WORDS: usize = 6;

/// The word-level changes from `old` to `new`, under a header naming the
/// file; empty when nothing changes.
pub fn word_diff(label: &str, old: &str, new: &str, color: bool) -> String {
    let lines = TextDiff::from_lines(old, new);
    let mut out = String::new();
    for op in lines.ops() {
        if op.tag() == DiffTag::Equal {
            continue;
        }
        let (old_range, new_range) = (op.old_range(), op.new_range());
        let old_lines: Vec<&str> = old_range.clone().map(|i| line(&lines, true, i)).collect();
        let new_lines: Vec<&str> = new_range.clone().map(|i| line(&lines, false, i)).collect();
        if out.is_empty() {
            let label = escape(label, false);
            let _ = writeln!(out, "--- a/{label}\n+++ b/{label}");
        }
        if old_lines.len() == new_lines.len() {
            for (k, (o, n)) in old_lines.iter().zip(&new_lines).enumerate() {
                let (o, n) = (escape(o, false), escape(n, false));
                let _ = writeln!(
                    out,
                    "@@ line {} @@ {}",
                    old_range.start + k + 1,
                    changed_words(&o, &n, color)
                );
            }
        } else {
            // Lines added or removed (a fix never does this): whole lines.
            let _ = writeln!(out, "@@ line {} @@", old_range.start + 1);
            for o in &old_lines {
                let _ = writeln!(out, "-{}", escape(o, false));
            }
            for n in &new_lines {
                let _ = writeln!(out, "+{}", escape(n, false));
            }
        }
    }
    out
}

fn line<'d>(diff: &'d TextDiff<'_, '_, str>, old: bool, i: usize) -> &'d str {
    let slice = if old {
        diff.old_slice(i)
    } else {
        diff.new_slice(i)
    };
    slice.unwrap_or("").trim_end_matches(['\n', '\r'])
}

/// One line with its changes marked and long stretches of unchanged
/// words cut to `…`.
fn changed_words(old: &str, new: &str, color: bool) -> String {
    let diff = TextDiff::from_words(old, new);
    let changes: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    let changed: Vec<usize> = changes
        .iter()
        .enumerate()
        .filter(|(_, (tag, _))| *tag != ChangeTag::Equal)
        .map(|(i, _)| i)
        .collect();
    // A token is kept when it is within CONTEXT_WORDS words (two tokens a
    // word: the word and the space after it) of a change.
    let near = |i: usize| changed.iter().any(|&c| c.abs_diff(i) <= 2 * CONTEXT_WORDS);
    let (mut out, mut skipping) = (String::new(), false);
    let mut i = 0;
    while i < changes.len() {
        let (tag, value) = changes[i];
        if tag == ChangeTag::Equal {
            if near(i) {
                out.push_str(value);
                skipping = false;
            } else if !skipping {
                out.push('…');
                skipping = true;
            }
            i += 1;
            continue;
        }
        // A run of deletions then insertions reads as one replacement.
        let mut removed = String::new();
        let mut inserted = String::new();
        loop {
            while i < changes.len() && changes[i].0 != ChangeTag::Equal {
                match changes[i].0 {
                    ChangeTag::Delete => removed.push_str(changes[i].1),
                    _ => inserted.push_str(changes[i].1),
                }
                i += 1;
            }
            // Words changed on both sides of one space are one change:
            // `[-Kriminalitas maya-]{+Kejahatan siber+}`.
            let space_between = changes.get(i).is_some_and(|(tag, v)| {
                *tag == ChangeTag::Equal && !v.is_empty() && v.trim().is_empty()
            }) && changes
                .get(i + 1)
                .is_some_and(|(tag, _)| *tag != ChangeTag::Equal);
            if !space_between {
                break;
            }
            removed.push_str(changes[i].1);
            inserted.push_str(changes[i].1);
            i += 1;
        }
        if !removed.is_empty() {
            out.push_str(&paint(&format!("[-{removed}-]"), "31", color));
        }
        if !inserted.is_empty() {
            out.push_str(&paint(&format!("{{+{inserted}+}}"), "32", color));
        }
        skipping = false;
    }
    out
}

fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_shows_only_the_change_and_its_neighbourhood() {
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let old = format!(
            "{} pengesahan {}\nakhir\n",
            words.join(" "),
            words.join(" ")
        );
        let new = old.replace("pengesahan", "ratifikasi");
        let shown = word_diff("a.txt", &old, &new, false);
        assert_eq!(
            shown,
            "--- a/a.txt\n+++ b/a.txt\n@@ line 1 @@ …w34 w35 w36 w37 w38 w39 [-pengesahan-]{+ratifikasi+} w0 w1 w2 w3 w4 w5…\n"
        );
    }

    #[test]
    fn nothing_changed_is_nothing_shown() {
        assert_eq!(word_diff("a", "x\n", "x\n", false), "");
    }
}
