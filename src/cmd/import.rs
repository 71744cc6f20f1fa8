//! `hcgloss import FILE`: read the file in its format, validate every term
//! against the merged termbase, then write all of it in one transaction,
//! or nothing.

use std::path::Path;

use super::{Context, Outcome, open, report_adjustments, stderr_error, stdout_error};
use crate::cli::{ImportArgs, ImportFormat};
use crate::render::terminal::Line;
use hcgloss_engine::adjust::{Adjustments, LeftOut};
use hcgloss_engine::edit::command_line_actor;
use hcgloss_engine::error::{Error, Result};
use hcgloss_engine::exchange::csv;
use hcgloss_engine::exchange::source::{self, Format};
use hcgloss_engine::exchange::tbx::read as tbx_read;
use hcgloss_engine::exchange::{omegat, sheet};
use hcgloss_engine::input::Input;
use hcgloss_engine::model::unit::now_created;
use hcgloss_engine::model::{ImportPlan, Lang, SourcedTerm};
use hcgloss_engine::plan::{keep_stored_notes, plan_import};
use hcgloss_engine::store::{Access, AuditEntry, Location};

/// A file read, before it meets the store.
enum Read {
    Terms(Vec<SourcedTerm>),
    /// OmegaT rows are paired with the store's concepts once it is open.
    Omegat(omegat::Glossary, Lang, Lang),
}

fn parse_lang(value: &str, flag: &str) -> Result<Lang> {
    value
        .parse()
        .map_err(|e| Error::Usage(format!("{flag}: {e}")))
}

/// The language pair of an OmegaT import: the flags, else what an hcgloss
/// export says on its first line.
fn omegat_pair(
    args: &ImportArgs,
    label: &str,
    declared: Option<(Lang, Lang)>,
) -> Result<(Lang, Lang)> {
    let flags = match (&args.source, &args.target) {
        (Some(s), Some(t)) => Some((parse_lang(s, "--source")?, parse_lang(t, "--target")?)),
        (None, None) => None,
        _ => {
            return Err(Error::Usage(
                "give both --source and --target for an OmegaT glossary".into(),
            ));
        }
    };
    match (flags, declared) {
        (Some(f), Some(d)) if f != d => Err(Error::Usage(format!(
            "{label} says it is {} → {}, but --source/--target say {} → {}",
            d.0, d.1, f.0, f.1
        ))),
        (Some(pair), _) | (None, Some(pair)) => {
            if pair.0 == pair.1 {
                return Err(Error::Usage(
                    "--source and --target are the same language".into(),
                ));
            }
            Ok(pair)
        }
        (None, None) => Err(Error::Usage(format!(
            "{label}: an OmegaT glossary does not name its languages; give --source and --target"
        ))),
    }
}

/// The engine's name for a `--format` value: both TBX dialects are read
/// by one reader, which tells them apart by the root element.
fn source_format(format: ImportFormat) -> Format {
    match format {
        ImportFormat::Csv => Format::Csv,
        ImportFormat::Sheet => Format::Sheet,
        ImportFormat::Tbx | ImportFormat::Tbx2008 => Format::Tbx,
        ImportFormat::Omegat => Format::Omegat,
    }
}

/// A file read, with what reading it adjusted.
struct FileRead {
    label: String,
    format: Format,
    read: Read,
    adjustments: Adjustments,
    left_out: LeftOut,
    /// Rows whose preferred status the reader chose (see
    /// [`hcgloss_engine::plan::settle_foreign`]).
    chosen: Vec<usize>,
    /// How the file was decoded, when it was not UTF-8.
    decoding: Option<String>,
}

pub fn run(args: &ImportArgs, location: &Location, ctx: &mut Context<'_>) -> Result<Outcome> {
    let file = match &args.file {
        Some(path) => read_file(args, path)?,
        None => FileRead {
            label: hcgloss_engine::bundled::LABEL.to_string(),
            format: Format::Csv,
            read: Read::Terms(hcgloss_engine::bundled::rows()?),
            adjustments: Adjustments::default(),
            left_out: LeftOut::default(),
            chosen: Vec::new(),
            decoding: None,
        },
    };
    write_plan(args, file, location, ctx)
}

/// Reads the file to import in its format.
fn read_file(args: &ImportArgs, path: &Path) -> Result<FileRead> {
    let mut input = Input::open(path)?;
    let label = input.name();
    let format = source::detect(&mut input, path, args.format.map(source_format))?;
    let decoding = input.decoding.describe();
    let (mut adjustments, mut left_out, mut chosen) =
        (Adjustments::default(), LeftOut::default(), Vec::new());
    if format != Format::Omegat && (args.source.is_some() || args.target.is_some()) {
        return Err(Error::Usage(
            "--source and --target are for OmegaT glossaries only".into(),
        ));
    }
    let read = match format {
        Format::Csv => Read::Terms(csv::parse(&label, &input.read_text()?)?),
        Format::Sheet => {
            let text = input.read_text()?;
            if sheet::delimiter(&text) == b';' {
                adjustments.add(
                    hcgloss_engine::adjust::Kind::Separator,
                    1,
                    "",
                    "the columns are separated by semicolons (as a spreadsheet saves CSV under Indonesian or Vietnamese regional settings); read as such",
                );
            }
            Read::Terms(sheet::parse(&label, &text)?)
        }
        Format::Tbx => {
            let file = tbx_read::read(&label, input.reader())?;
            adjustments = file.adjustments;
            left_out = file.left_out;
            chosen = file.chosen;
            Read::Terms(file.terms)
        }
        Format::Omegat => {
            if args.replace {
                return Err(Error::Usage(
                    "--replace does not go with an OmegaT glossary: it holds two languages and only usable target terms, so replacing would delete everything else".into(),
                ));
            }
            let glossary = omegat::parse(&label, &input.read_text()?)?;
            let (source, target) = omegat_pair(args, &label, glossary.declared.clone())?;
            Read::Omegat(glossary, source, target)
        }
    };
    Ok(FileRead {
        label,
        format,
        read,
        adjustments,
        left_out,
        chosen,
        decoding,
    })
}

/// Checks what was read against the store, reports every change and
/// adjustment, and writes them unless this is a dry run.
fn write_plan(
    args: &ImportArgs,
    file: FileRead,
    location: &Location,
    ctx: &mut Context<'_>,
) -> Result<Outcome> {
    let FileRead {
        label,
        format,
        read,
        mut adjustments,
        left_out,
        chosen,
        decoding,
    } = file;
    let mut store = open(location, Access::Write)?;
    let mut tx = store.write()?;
    let existing = tx.all_terms()?;
    let mut rows = match read {
        Read::Terms(mut rows) => {
            if format == Format::Tbx {
                hcgloss_engine::plan::settle_foreign(
                    &mut rows,
                    &existing,
                    &chosen,
                    &mut adjustments,
                );
            }
            rows
        }
        Read::Omegat(glossary, source, target) => omegat::resolve(
            &label,
            glossary,
            &source,
            &target,
            &existing,
            &mut adjustments,
        )?,
    };
    if args.merge {
        keep_stored_notes(&mut rows, &existing);
    }
    let plan = plan_import(&label, existing, rows, args.replace).map_err(Error::Invalid)?;
    for warning in &plan.warnings {
        writeln!(ctx.err, "{warning}").map_err(stderr_error)?;
    }
    let mut summary = format!(
        "{}: {} added, {} updated, {} unchanged, {} removed",
        Line(&label),
        plan.added.len(),
        plan.updated.len(),
        plan.unchanged,
        plan.removed.len()
    );
    summary.push_str(&report_adjustments(
        ctx,
        &label,
        &adjustments,
        &left_out,
        decoding,
        args.verbose,
    )?);
    if !args.dry_run && plan.changes_anything() {
        tx.apply(&plan, ctx.progress)?;
        tx.record(&AuditEntry {
            at: now_created(),
            actor: command_line_actor(),
            action: "imported".into(),
            concept: String::new(),
            lang: String::new(),
            term: label.clone(),
            detail: summary.clone(),
        })?;
        tx.commit()?;
    }
    let dry = if args.dry_run {
        " (dry run: nothing written)"
    } else {
        ""
    };
    writeln!(ctx.out, "{summary}{dry}").map_err(stdout_error)?;
    report_changes(&plan, ctx)?;
    Ok(Outcome::Success)
}

/// Lists every change an import makes, field by field, and says so on
/// standard error when notes are cleared (the file's empty cell replaced
/// a stored note), since that is the change a person is least likely to
/// have meant.
fn report_changes(plan: &ImportPlan, ctx: &mut Context<'_>) -> Result<()> {
    let mut cleared = 0;
    for (after, changes) in plan.field_changes() {
        cleared += changes
            .iter()
            .filter(|c| c.field == "note" && c.to.is_empty())
            .count();
        writeln!(
            ctx.out,
            "  updated: {}",
            super::add::describe(after, &changes)
        )
        .map_err(stdout_error)?;
    }
    for t in &plan.removed {
        writeln!(
            ctx.out,
            "  removed: {} {} \"{}\"",
            t.concept,
            t.lang,
            Line(&t.term)
        )
        .map_err(stdout_error)?;
    }
    if cleared > 0 {
        writeln!(
            ctx.err,
            "{cleared} {} cleared where the file leaves the cell empty; import with --merge to keep stored notes",
            if cleared == 1 { "note" } else { "notes" }
        )
        .map_err(stderr_error)?;
    }
    Ok(())
}
