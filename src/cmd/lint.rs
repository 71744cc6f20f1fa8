//! `hcgloss lint FILE...`: check articles against the termbase.
//!
//! Every input is read and checked as text before anything is linted or
//! written, so a bad file (unreadable, not UTF-8) stops the run with exit 2
//! and no file touched. Then one of four things happens:
//! - by default, the findings are printed (text, JSON or SARIF); exit 1
//!   when one is at or above `--fail-on`;
//! - `--summary` prints which variants of each concept are used where;
//! - `--diff` prints the changes `--fix` would make; exit 1 when there are
//!   any;
//! - `--fix` rewrites deprecated terms and tone marks in place (atomically, permissions
//!   kept, refusing a file that changed since it was read), then prints the
//!   findings that remain.
//!
//! With `--source-lang` and `--target-lang` the files are translation
//! memories (TMX or tab-separated) and their units are checked source
//! against target (see [`hcgloss_engine::lint::bilingual`]); every file is parsed
//! before any is checked.

use std::sync::Arc;

use rayon::prelude::*;

use super::{Context, Outcome, open, stderr_error, stdout_error, write_output};
use crate::cli::{LintArgs, LintFormat};
use crate::render;
use crate::render::lint as lint_render;
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::input::{Input, Label};
use hcgloss_engine::lint::sources::{self, Loaded, unchanged_on_disk};
use hcgloss_engine::lint::{Config, DocumentReport, Language, Linter, fix, usage};
use hcgloss_engine::store::{Access, Location};
use hcgloss_engine::tm::{self, Format};

/// What a lint run does with its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Print them.
    Report,
    /// Print which variants of each concept are used where.
    Summary,
    /// Print the changes `--fix` would make.
    Diff,
    /// Rewrite the files, then print what is left.
    Fix,
}

impl Mode {
    /// The mode the flags ask for; clap lets at most one of them through.
    /// The combinations that make no sense are refused here.
    fn of(args: &LintArgs) -> Result<Mode> {
        let mode = match (args.summary, args.diff, args.fix) {
            (true, _, _) => Mode::Summary,
            (_, true, _) => Mode::Diff,
            (_, _, true) => Mode::Fix,
            _ => Mode::Report,
        };
        match (mode, args.format) {
            (Mode::Summary, LintFormat::Sarif) => Err(Error::Usage(
                "--summary is written as text or json, not sarif".into(),
            )),
            (Mode::Diff, LintFormat::Json | LintFormat::Sarif) => Err(Error::Usage(
                "--diff prints a unified diff; --format json or sarif does not go with it".into(),
            )),
            _ => Ok(mode),
        }
    }
}

pub fn run(args: &LintArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    if let Some(rule) = args.explain {
        writeln!(ctx.out, "# {rule}\n\n{}", rule.documentation()).map_err(stdout_error)?;
        return Ok(Outcome::Success);
    }
    if let (Some(source), Some(target)) = (&args.source_lang, &args.target_lang) {
        return bilingual(args, source, target, location, ctx);
    }
    let lang = args
        .lang
        .as_deref()
        .map(str::parse::<Language>)
        .transpose()
        .map_err(Error::Usage)?;
    let mode = Mode::of(args)?;
    let config = load_config(args)?;
    // The raw bytes serve only --fix (a byte-order mark to keep, a change
    // on disk to notice); otherwise the text alone is kept.
    let keep_raw = mode == Mode::Fix;
    let docs: Vec<Loaded> = sources::expand(&args.files)?
        .iter()
        .map(|s| {
            let mut d = sources::load(s)?;
            if !keep_raw {
                d.raw = Vec::new();
            }
            Ok(d)
        })
        .collect::<Result<_>>()?;
    if docs.is_empty() {
        writeln!(ctx.err, "no text files (*.txt, *.md) to check").map_err(stderr_error)?;
    }
    for d in &docs {
        refuse_translation_memory(d)?;
    }
    if mode == Mode::Fix && docs.iter().any(|d| d.source == Label::Stdin) {
        return Err(Error::Usage(
            "--fix cannot rewrite standard input; use --diff to see the changes".into(),
        ));
    }
    if mode == Mode::Fix
        && let Some(d) = docs.iter().find(|d| !d.utf8)
    {
        return Err(Error::Usage(format!(
            "{}: --fix writes UTF-8 and the file is in another encoding; convert it to UTF-8 first, or use --diff to see the changes",
            d.label
        )));
    }
    let store = open(location, Access::Read)?;
    let linter = Linter::with_glossary(Arc::new(store.lint_glossary()?.1), config);
    drop(store);
    if mode == Mode::Report && args.format != LintFormat::Sarif {
        let outcome = super::lint_report::stream(args, &docs, &linter, lang, ctx);
        // As below: nothing is gained by freeing piece by piece at exit.
        std::mem::forget((linter, docs));
        return outcome;
    }

    // Documents are independent: they are checked on every core, and the
    // reports come back in input order.
    let reports: Vec<DocumentReport> = docs
        .par_iter()
        .map(|d| {
            let mut report = linter.check(&d.label, &d.text, lang);
            if mode == Mode::Summary {
                // Only the usage is printed: a large corpus need not hold
                // every finding in memory.
                report.findings = Vec::new();
            }
            report
        })
        .collect();
    for (d, r) in docs.iter().zip(&reports) {
        if r.lang.is_none()
            && hcgloss_engine::normalize::fold(&d.text)
                .words()
                .next()
                .is_some()
        {
            writeln!(
                ctx.err,
                "{}: language not detected; terms of every language were matched and untranslated-text was skipped (give --lang)",
                d.label
            )
            .map_err(stdout_error)?;
        }
    }

    let outcome = match mode {
        Mode::Summary => {
            let usage = usage::collect(linter.matcher(), &reports);
            let out = match args.format {
                LintFormat::Json => lint_render::usage::json(&usage, docs.len()),
                _ => lint_render::usage::text(&usage, docs.len()),
            };
            ctx.out.write_all(out.as_bytes()).map_err(stdout_error)?;
            Ok(Outcome::Success)
        }
        Mode::Diff => diff(&docs, &reports, ctx),
        Mode::Fix => fix_files(args, location, lang, &linter, &docs, &reports, ctx),
        Mode::Report => print_findings(
            args,
            &docs.iter().map(|d| &d.source).collect::<Vec<_>>(),
            &docs.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(),
            &reports,
            ctx,
        ),
    };
    // The process ends when the command returns: freeing the compiled
    // glossary and the documents allocation by allocation would take a
    // tenth of a run's time and give nothing back.
    std::mem::forget((linter, docs, reports));
    outcome
}

/// Stops a plain lint of a translation-memory file, whose markup or
/// columns would be read as an article (and reported as untranslated
/// text), with the flags that check it as one, and its languages.
fn refuse_translation_memory(d: &Loaded) -> Result<()> {
    let path = match &d.source {
        Label::Path(p) => p.as_path(),
        Label::Stdin => std::path::Path::new("-"),
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let head = d.text.trim_start();
    let is_tmx = extension.as_deref() == Some("tmx")
        || (head.starts_with('<') && head[..head.len().min(512)].contains("<tmx"));
    let first_line = d.text.lines().next().unwrap_or("");
    let columns: Vec<&str> = first_line.split('\t').collect();
    let is_tsv_tm = columns.len() >= 2
        && columns.iter().all(|c| {
            matches!(*c, "tuid" | "origin" | "origin-date" | "created")
                || c.parse::<Language>().is_ok()
        });
    if !is_tmx && !is_tsv_tm {
        return Ok(());
    }
    let format = if is_tmx { Format::Tmx } else { Format::Tsv };
    let langs: Vec<String> = match tm::parse(&d.label, &d.text, format) {
        Ok(units) => {
            let mut langs: Vec<String> = units
                .iter()
                .flat_map(|u| u.unit.segments.iter().map(|s| s.lang.to_string()))
                .collect();
            langs.sort();
            langs.dedup();
            langs
        }
        Err(_) => Vec::new(),
    };
    let kind = if is_tmx {
        "a translation memory (TMX)"
    } else {
        "a tab-separated translation memory"
    };
    let found = if langs.is_empty() {
        String::new()
    } else {
        format!(" Its languages: {}.", langs.join(", "))
    };
    Err(Error::Usage(format!(
        "{}: this is {kind}, not an article.{found} Check it source against target with --source-lang L --target-lang L (e.g. --source-lang vi --target-lang id)",
        d.label
    )))
}

fn load_config(args: &LintArgs) -> Result<Config> {
    match &args.config {
        Some(path) => Config::load(path),
        None => {
            let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
            Config::discover(&cwd)
        }
    }
}

fn bilingual(
    args: &LintArgs,
    source: &str,
    target: &str,
    location: &Location,
    ctx: &mut Context<'_>,
) -> Result<Outcome> {
    let source: Language = source.parse().map_err(Error::Usage)?;
    let target: Language = target.parse().map_err(Error::Usage)?;
    if source == target {
        return Err(Error::Usage(format!(
            "--source-lang {0} and --target-lang {0} are the same language",
            source.code()
        )));
    }
    let config = load_config(args)?;
    let mut files = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let input = Input::open(path)?;
        let label = input.label.clone();
        let name = input.name();
        let text = input.read_text()?;
        let units = tm::parse(&name, &text, Format::detect(path, &text))?;
        files.push((label, units));
    }
    let store = open(location, Access::Read)?;
    let linter = Linter::with_glossary(Arc::new(store.lint_glossary()?.1), config);
    drop(store);
    let mut reports = Vec::with_capacity(files.len());
    for (label, units) in &files {
        let checked = linter.check_units(&label.to_string(), units, source, target);
        if checked.skipped > 0 {
            writeln!(
                ctx.err,
                "{label}: {} of {} units have no {} or no {} segment and were not checked",
                checked.skipped,
                units.len(),
                source.code(),
                target.code()
            )
            .map_err(stderr_error)?;
        }
        reports.push(checked.report);
    }
    // Findings carry their segments; the renderers need no file text.
    let texts = vec![""; reports.len()];
    let labels: Vec<&Label> = files.iter().map(|(label, _)| label).collect();
    print_findings(args, &labels, &texts, &reports, ctx)
}

fn print_findings(
    args: &LintArgs,
    labels: &[&Label],
    texts: &[&str],
    reports: &[DocumentReport],
    ctx: &mut Context<'_>,
) -> Result<Outcome> {
    let out = match args.format {
        LintFormat::Text => lint_render::text::findings(reports, texts, ctx.color),
        LintFormat::Json => hcgloss_report::lint::findings(reports),
        LintFormat::Sarif => hcgloss_report::sarif::findings(reports, labels, texts),
    };
    ctx.out.write_all(out.as_bytes()).map_err(stdout_error)?;
    let fail = args.fail_on;
    let failing = reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.severity >= fail);
    Ok(if failing {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}

fn diff(docs: &[Loaded], reports: &[DocumentReport], ctx: &mut Context<'_>) -> Result<Outcome> {
    let (mut fixes, mut files) = (0, 0);
    for (d, r) in docs.iter().zip(reports) {
        let (fixed, n) = fix::apply_findings(&d.text, &r.findings);
        if n == 0 {
            continue;
        }
        fixes += n;
        files += 1;
        // For reading: what a terminal would act on is shown escaped
        // (`--fix` applies the change itself).
        ctx.out
            .write_all(render::diff::word_diff(&d.label, &d.text, &fixed, ctx.color).as_bytes())
            .map_err(stdout_error)?;
    }
    writeln!(
        ctx.err,
        "{fixes} fixable {} in {files} {} (nothing written)",
        if fixes == 1 { "finding" } else { "findings" },
        if files == 1 { "file" } else { "files" }
    )
    .map_err(stderr_error)?;
    Ok(if fixes > 0 {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}

fn fix_files(
    args: &LintArgs,
    location: &Location,
    lang: Option<Language>,
    linter: &Linter,
    docs: &[Loaded],
    reports: &[DocumentReport],
    ctx: &mut Context<'_>,
) -> Result<Outcome> {
    // Every file to rewrite must be one a rename replaces faithfully, or
    // none is written.
    for (d, r) in docs.iter().zip(reports) {
        if let Label::Path(path) = &d.source
            && r.findings.iter().any(|f| f.fix.is_some())
        {
            hcgloss_engine::atomic::check_replaceable(path)?;
        }
    }
    let mut texts: Vec<String> = Vec::with_capacity(docs.len());
    let (mut fixes, mut files) = (0, 0);
    let mut refused = Vec::new();
    for (d, r) in docs.iter().zip(reports) {
        let (fixed, n) = fix::apply_findings(&d.text, &r.findings);
        let Label::Path(path) = &d.source else {
            unreachable!("standard input was refused above");
        };
        if n > 0 {
            if !unchanged_on_disk(path, &d.raw) {
                refused.push(d.label.clone());
                texts.push(d.text.clone());
                continue;
            }
            let mut bytes = Vec::with_capacity(fixed.len() + 3);
            if d.raw.starts_with("\u{feff}".as_bytes()) {
                bytes.extend_from_slice("\u{feff}".as_bytes());
            }
            bytes.extend_from_slice(fixed.as_bytes());
            write_output(location, path, &bytes)?;
            fixes += n;
            files += 1;
        }
        texts.push(fixed);
    }
    writeln!(
        ctx.err,
        "fixed {fixes} {} in {files} {}",
        if fixes == 1 { "term" } else { "terms" },
        if files == 1 { "file" } else { "files" }
    )
    .map_err(stderr_error)?;
    // What is left, at its new positions.
    let remaining: Vec<DocumentReport> = docs
        .par_iter()
        .zip(&texts)
        .map(|(d, t)| linter.check(&d.label, t, lang))
        .collect();
    let outcome = print_findings(
        args,
        &docs.iter().map(|d| &d.source).collect::<Vec<_>>(),
        &texts.iter().map(String::as_str).collect::<Vec<_>>(),
        &remaining,
        ctx,
    )?;
    if !refused.is_empty() {
        return Err(Error::Usage(format!(
            "{}: changed since it was read; not fixed (run lint again)",
            refused.join(", ")
        )));
    }
    Ok(outcome)
}
