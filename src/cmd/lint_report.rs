//! `hcgloss lint` printing findings as text or JSON while it checks: each
//! finding is written as soon as its document is judged, so a run holds
//! the findings of one batch of documents, not those of the whole run.
//!
//! Small documents are checked a batch at a time on every core; a large
//! one alone, its pieces on every core (see
//! [`hcgloss_engine::lint::pieces`]). SARIF, a single document with the
//! rules listed once, is still made whole.

use std::io::{BufWriter, Write};

use rayon::prelude::*;

use super::{Context, Outcome, stderr_error, stdout_error};
use crate::cli::{LintArgs, LintFormat};
use crate::render::lint as lint_render;
use hcgloss_engine::error::Result;
use hcgloss_engine::lint::pieces::PIECE_BYTES;
use hcgloss_engine::lint::sources::Loaded;
use hcgloss_engine::lint::{DocumentReport, Finding, Language, LineIndex, Linter};

/// Text checked in one batch of small documents, at most.
const BATCH_BYTES: usize = 32 << 20;

/// Where findings go as they come.
enum Sink {
    Text(lint_render::text::Stream),
    Json(hcgloss_report::lint::Stream),
}

impl Sink {
    fn finding(&mut self, f: &Finding, lines: &LineIndex<'_>) -> String {
        match self {
            Sink::Text(s) => s.finding(f, lines),
            Sink::Json(s) => s.finding(f),
        }
    }

    fn document(&mut self, r: &DocumentReport, findings: usize) {
        match self {
            Sink::Text(s) => s.document(findings),
            Sink::Json(s) => s.document(r, findings),
        }
    }

    fn end(&self) -> String {
        match self {
            Sink::Text(s) => s.end(),
            Sink::Json(s) => s.end(),
        }
    }
}

/// Checks `docs` and prints their findings in `args.format` (text or
/// JSON) as they come; the outcome says whether one is at or above
/// `--fail-on`.
pub(super) fn stream(
    args: &LintArgs,
    docs: &[Loaded],
    linter: &Linter,
    lang: Option<Language>,
    ctx: &mut Context<'_>,
) -> Result<Outcome> {
    let mut sink = match args.format {
        LintFormat::Json => Sink::Json(hcgloss_report::lint::Stream::new()),
        _ => Sink::Text(lint_render::text::Stream::new(ctx.color)),
    };
    let mut failing = false;
    let mut out = BufWriter::with_capacity(1 << 16, &mut *ctx.out);
    let mut i = 0;
    while i < docs.len() {
        let mut j = i + 1;
        let mut bytes = docs[i].text.len();
        if bytes < PIECE_BYTES {
            while j < docs.len()
                && docs[j].text.len() < PIECE_BYTES
                && bytes + docs[j].text.len() <= BATCH_BYTES
            {
                bytes += docs[j].text.len();
                j += 1;
            }
        }
        let reports: Vec<(DocumentReport, usize)> = if j - i == 1 {
            // One document: its findings are written as they come.
            let d = &docs[i];
            let lines = LineIndex::new(&d.text);
            let (mut n, mut written) = (0, Ok(()));
            let report = linter.check_each(&d.label, &d.text, lang, &mut |f| {
                n += 1;
                failing |= f.severity >= args.fail_on;
                if written.is_ok() {
                    written = out.write_all(sink.finding(&f, &lines).as_bytes());
                }
            })?;
            written.map_err(stdout_error)?;
            vec![(report, n)]
        } else {
            let mut reports: Vec<DocumentReport> = docs[i..j]
                .par_iter()
                .map(|d| linter.check(&d.label, &d.text, lang))
                .collect();
            reports
                .iter_mut()
                .zip(&docs[i..j])
                .map(|(r, d)| {
                    let lines = LineIndex::new(&d.text);
                    for f in &r.findings {
                        failing |= f.severity >= args.fail_on;
                        out.write_all(sink.finding(f, &lines).as_bytes())
                            .map_err(stdout_error)?;
                    }
                    let n = r.findings.len();
                    r.findings = Vec::new();
                    Ok((std::mem::replace(r, empty_report()), n))
                })
                .collect::<Result<_>>()?
        };
        for ((r, n), d) in reports.iter().zip(&docs[i..j]) {
            sink.document(r, *n);
            // Whether the text has a word, one character at a time: folding
            // a long document whole only to ask would take many times its
            // size.
            let has_word = || {
                d.text.chars().any(|c| {
                    !hcgloss_engine::normalize::fold(c.encode_utf8(&mut [0; 4]))
                        .text
                        .is_empty()
                })
            };
            if r.lang.is_none() && has_word() {
                writeln!(
                    ctx.err,
                    "{}: language not detected; terms of every language were matched and untranslated-text was skipped (give --lang)",
                    d.label
                )
                .map_err(stderr_error)?;
            }
        }
        i = j;
    }
    out.write_all(sink.end().as_bytes()).map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(if failing {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}

/// A report of nothing, left behind by one moved out.
fn empty_report() -> DocumentReport {
    DocumentReport {
        file: String::new(),
        lang: None,
        lang_detected: false,
        findings: Vec::new(),
        terms_used: Vec::new(),
    }
}
