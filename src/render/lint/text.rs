//! Findings as text for a terminal or a log:
//!
//! ```text
//! a.txt:3:10: warning[deprecated-term] "pengesahan" is a deprecated term; use "ratifikasi"
//!   3 | Kami menunggu pengesahan konvensi itu.
//!     |               ^^^^^^^^^^
//! ```
//!
//! then a one-line summary. A finding in a translation unit names the
//! unit and the segment's language before the message, and shows the
//! segment under the unit's line number. Long lines are cut to the neighbourhood of
//! the finding (marked `…`), and the underline is aligned by display width
//! (a wide character takes two cells, a combining mark none, a tab stays a
//! tab). Colour is added only when the caller asks for it.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthChar;

use super::{Totals, plural};
use crate::render::terminal::{Line, escape};
use hcgloss_engine::lint::{DocumentReport, Finding, LineIndex, Severity};

/// Characters of context kept on each side of a finding in a long line.
const CONTEXT: usize = 40;
/// Lines longer than this (in characters) are cut.
const LONG_LINE: usize = 2 * CONTEXT + 40;
/// At most this many lines of a multi-line span are shown.
const MAX_SPAN_LINES: usize = 3;

struct Palette {
    on: bool,
}

impl Palette {
    fn paint(&self, style: Style, s: &str) -> String {
        if self.on {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }

    fn severity_style(severity: Severity) -> Style {
        let color = match severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
            Severity::Info => AnsiColor::Cyan,
        };
        Style::new().bold().fg_color(Some(color.into()))
    }
}

fn gutter() -> Style {
    Style::new().bold().fg_color(Some(AnsiColor::Blue.into()))
}

/// Display width of `s`, with a tab counted as the tab it stays.
fn blank_like(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => "\t".to_string(),
            _ => " ".repeat(c.width().unwrap_or(0)),
        })
        .collect()
}

fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if c == '\t' { 1 } else { c.width().unwrap_or(0) })
        .sum()
}

/// Byte offset `n` characters before `at` in `s` (or 0).
fn back_chars(s: &str, at: usize, n: usize) -> usize {
    s[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// Byte offset `n` characters after `at` in `s` (or its end).
fn forward_chars(s: &str, at: usize, n: usize) -> usize {
    s[at..]
        .char_indices()
        .nth(n)
        .map_or(s.len(), |(i, _)| at + i)
}

/// Where a source line goes: its number, and the gutter width.
struct Gutter {
    number: usize,
    digits: usize,
}

/// One source line with the part `from..to` (bytes within the line)
/// underlined.
fn excerpt(
    out: &mut String,
    p: &Palette,
    style: Style,
    g: Gutter,
    line: &str,
    (from, to): (usize, usize),
) {
    let Gutter { number, digits } = g;
    let (mut start, mut end, mut lead, mut tail) = (0, line.len(), "", "");
    // Only whether the line is longer than LONG_LINE matters: counting
    // the characters of a long line for each of its findings was
    // quadratic.
    if line.chars().nth(LONG_LINE).is_some() {
        start = back_chars(line, from, CONTEXT);
        end = forward_chars(line, to, CONTEXT);
        if start > 0 {
            lead = "…";
        }
        if end < line.len() {
            tail = "…";
        }
    }
    // Shown escaped, so the underline is measured on the escaped text: an
    // escape (`\x1b`) is wider than nothing.
    let shown = format!("{lead}{}{tail}", escape(&line[start..end], false));
    let pad = format!(
        "{}{}",
        blank_like(lead),
        blank_like(&escape(&line[start..from], false))
    );
    let marks = "^".repeat(width(&escape(&line[from..to], false)).max(1));
    let bar = p.paint(gutter(), "|");
    let _ = writeln!(
        out,
        "{} {bar} {}",
        p.paint(gutter(), &format!("{number:>digits$}")),
        shown.trim_end()
    );
    let _ = writeln!(out, "{:digits$} {bar} {pad}{}", "", p.paint(style, &marks));
}

fn finding(out: &mut String, p: &Palette, f: &Finding, lines: &LineIndex<'_>) {
    let style = Palette::severity_style(f.severity);
    let place = f
        .segment
        .as_ref()
        .map(|s| format!("{} ({}): ", Line(&s.unit), Line(&s.lang)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}: {}{} {place}{}",
        p.paint(
            Style::new().bold(),
            &format!("{}:{}:{}", Line(&f.file), f.span.line, f.span.column)
        ),
        p.paint(style, f.severity.as_str()),
        p.paint(style, &format!("[{}]", f.rule)),
        Line(&f.message)
    );
    if let Some(s) = &f.segment {
        // A segment is one line; its finding is underlined in it.
        let digits = f.span.line.to_string().len().max(3);
        let gutter = Gutter {
            number: f.span.line,
            digits,
        };
        excerpt(
            out,
            p,
            style,
            gutter,
            &s.text,
            (f.start, f.end.max(f.start)),
        );
        return;
    }
    let last = f.span.end_line.min(f.span.line + MAX_SPAN_LINES - 1);
    let digits = last.to_string().len().max(3);
    for n in f.span.line..=last {
        let (ls, le) = lines.line_range(n);
        let line = lines.line(n);
        let from = f.start.max(ls) - ls;
        let to = f.end.min(le).max(ls) - ls;
        excerpt(
            out,
            p,
            style,
            Gutter { number: n, digits },
            line,
            (from, to.max(from)),
        );
    }
    if last < f.span.end_line {
        let _ = writeln!(out, "{:digits$} {} …", "", p.paint(gutter(), "|"));
    }
}

/// The summary line.
#[cfg(test)]
pub fn summary_line(reports: &[DocumentReport]) -> String {
    summary_of(&Totals::of(reports))
}

/// The summary line of `t`.
fn summary_of(t: &Totals) -> String {
    if t.findings == 0 {
        return format!("no findings in {}\n", plural(t.files, "file", "files"));
    }
    let count = |s: Severity| t.by_severity.get(&s).copied().unwrap_or(0);
    format!(
        "{} ({}, {}, {} info) in {} of {}\n",
        plural(t.findings, "finding", "findings"),
        plural(count(Severity::Error), "error", "errors"),
        plural(count(Severity::Warning), "warning", "warnings"),
        count(Severity::Info),
        t.files_with_findings,
        plural(t.files, "file", "files"),
    )
}

pub fn findings(reports: &[DocumentReport], texts: &[&str], color: bool) -> String {
    let mut stream = Stream::new(color);
    let mut out = String::new();
    for (report, text) in reports.iter().zip(texts) {
        let lines = LineIndex::new(text);
        for f in &report.findings {
            out.push_str(&stream.finding(f, &lines));
        }
        stream.document(report.findings.len());
    }
    out.push_str(&stream.end());
    out
}

/// The text report of [`findings`] in parts, for findings that come one
/// at a time; only the counts are kept.
pub struct Stream {
    palette: Palette,
    totals: Totals,
}

impl Stream {
    pub fn new(color: bool) -> Stream {
        Stream {
            palette: Palette { on: color },
            totals: Totals::new(),
        }
    }

    /// The part for one finding of the text whose lines are `lines`.
    pub fn finding(&mut self, f: &Finding, lines: &LineIndex<'_>) -> String {
        self.totals.count(f);
        let mut out = String::new();
        finding(&mut out, &self.palette, f, lines);
        out
    }

    /// Notes a document once its findings (`findings` of them) are out.
    pub fn document(&mut self, findings: usize) {
        self.totals.file(findings);
    }

    /// The last part: the summary line.
    pub fn end(&self) -> String {
        summary_of(&self.totals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hcgloss_engine::lint::Language;
    use hcgloss_engine::lint::rules::testing::linter;

    #[test]
    fn finding_with_underlined_source_line() {
        let text = "Judul\nKami menunggu pengesahan konvensi itu.\n";
        let report = linter().check("a.txt", text, Some(Language::Id));
        assert_eq!(
            findings(&[report], &[text], false),
            "a.txt:2:15: warning[deprecated-term] \"pengesahan\" is a deprecated term; use \"ratifikasi\"\n\
             \x20 2 | Kami menunggu pengesahan konvensi itu.\n\
             \x20   |               ^^^^^^^^^^\n\
             1 finding (0 errors, 1 warning, 0 info) in 1 of 1 file\n"
        );
    }

    #[test]
    fn combining_marks_and_multi_line_spans() {
        use unicode_normalization::UnicodeNormalization;
        // Decomposed Vietnamese: the column counts code points (each mark
        // is one), the underline follows display width (marks take none).
        let first: String = "Ông Lương gặp Bộ Ngoại Giao hôm nay.".nfd().collect();
        let text = format!("{first}\nvà Bộ Ngoại\nGiao.\n");
        let report = linter().check("v.txt", &text, Some(Language::Vi));
        let out = findings(&[report], &[&text], false);
        let expected = format!(
            "v.txt:1:20: warning[term-case] \"{}\" is written \"Bộ Ngoại giao\" in the glossary\n\
             \x20 1 | {first}\n\
             \x20   |               ^^^^^^^^^^^^^\n\
             v.txt:2:4: warning[term-case] \"Bộ Ngoại Giao\" is written \"Bộ Ngoại giao\" in the glossary\n\
             \x20 2 | và Bộ Ngoại\n\
             \x20   |    ^^^^^^^^\n\
             \x20 3 | Giao.\n\
             \x20   | ^^^^\n\
             2 findings (0 errors, 2 warnings, 0 info) in 1 of 1 file\n",
            "Bộ Ngoại Giao".nfd().collect::<String>()
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn long_lines_are_cut_around_the_finding() {
        let filler = "kata ".repeat(30);
        let text = format!("{filler}pengesahan {filler}");
        let report = linter().check("l.txt", &text, Some(Language::Id));
        let out = findings(&[report], &[&text], false);
        let shown = out.lines().nth(1).unwrap();
        assert_eq!(
            shown,
            format!(
                "  1 | …{}pengesahan {}…",
                &"kata ".repeat(8),
                &"kata ".repeat(8).trim_end()
            )
        );
        let marks = out.lines().nth(2).unwrap();
        assert_eq!(marks, format!("    | {}^^^^^^^^^^", " ".repeat(41)));
    }

    #[test]
    fn colour_only_when_asked() {
        let text = "pengesahan";
        let report = linter().check("a.txt", text, Some(Language::Id));
        let plain = findings(std::slice::from_ref(&report), &[text], false);
        assert!(!plain.contains('\x1b'));
        let coloured = findings(&[report], &[text], true);
        let first = coloured.lines().next().unwrap();
        assert_eq!(
            first,
            "\x1b[1ma.txt:1:1\x1b[0m: \x1b[1m\x1b[33mwarning\x1b[0m\x1b[1m\x1b[33m[deprecated-term]\x1b[0m \
             \"pengesahan\" is a deprecated term; use \"ratifikasi\""
        );
        assert!(
            coloured.contains("\x1b[1m\x1b[33m^^^^^^^^^^\x1b[0m"),
            "{coloured:?}"
        );
    }

    #[test]
    fn summary_lines() {
        assert_eq!(summary_line(&[]), "no findings in 0 files\n");
        let report = linter().check("a.txt", "kejahatan siber", Some(Language::Id));
        assert_eq!(summary_line(&[report]), "no findings in 1 file\n");
    }
}
